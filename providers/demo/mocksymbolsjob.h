#pragma once

#include "symbolsjob.h"

namespace Candlewick {

// The demo exchange's symbol list, delivered from the event loop like a real download.
class MockSymbolsJob : public SymbolsJob
{
    Q_OBJECT
public:
    explicit MockSymbolsJob(SymbolList symbols, QObject *parent = nullptr);
protected:
    void doStart() override;

private:
    SymbolList m_list;
};

} // namespace Candlewick
