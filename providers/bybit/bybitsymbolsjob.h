#pragma once

#include <symbolsjob.h>

#include <QPointer>

namespace Candlewick {

class BybitRestProvider;
class ExchangeRestCall;

// The instruments of the provider's category from /v5/market/instruments-info, following
// nextPageCursor (linear is paged; spot comes in one page).
class BybitSymbolsJob : public SymbolsJob
{
    Q_OBJECT
public:
    explicit BybitSymbolsJob(BybitRestProvider *provider);
    ~BybitSymbolsJob() override;

protected:
    void doStart() override;
    void doKill() override;

private:
    void requestPage(const QString &cursor);

    QPointer<BybitRestProvider> m_provider;
    QPointer<ExchangeRestCall> m_call;
    SymbolList m_symbols;
};

} // namespace Candlewick
