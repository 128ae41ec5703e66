#pragma once

#include <symbolsjob.h>

#include <QPointer>

namespace Candlewick {

class CoinbaseRestProvider;
class ExchangeRestCall;

// The spot products from /market/products (one request).
class CoinbaseSymbolsJob : public SymbolsJob
{
    Q_OBJECT
public:
    explicit CoinbaseSymbolsJob(CoinbaseRestProvider *provider);
    ~CoinbaseSymbolsJob() override;

protected:
    void doStart() override;
    void doKill() override;

private:
    QPointer<CoinbaseRestProvider> m_provider;
    QPointer<ExchangeRestCall> m_call;
    SymbolList m_symbols;
};

} // namespace Candlewick
