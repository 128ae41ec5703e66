#pragma once

#include "providererror.h"

#include <symbolinfo.h>

#include <QObject>

namespace Candlewick {

// Asynchronous download of an exchange's symbol list. Ends with exactly one of finished() or
// failed(), then deletes itself.
class SymbolsJob : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;

    virtual void start() = 0;
    const SymbolList &symbols() const { return m_symbols; }
    const ProviderError &error() const { return m_error; }

signals:
    void finished(const Candlewick::SymbolList &symbols);
    void failed(const Candlewick::ProviderError &error);

protected:
    void finishSuccess(SymbolList symbols);
    void finishError(ProviderError error);

private:
    SymbolList m_symbols;
    ProviderError m_error;
    bool m_done = false;
};

} // namespace Candlewick
