#include "coinbasesession.h"

#include "coinbaserestprovider.h"
#include "coinbasetradefeed.h"

#include <requestratelimiter.h>
#include <tradelivefeed.h>

namespace Candlewick {

CoinbaseSession::CoinbaseSession(const Exchange &exchange, const Endpoints &endpoints, Clock *clock,
                                 QObject *parent)
    : ExchangeSession(exchange, clock, parent)
    , m_rest(new CoinbaseRestProvider(endpoints.restUrl, this->clock(), this))
    , m_wsUrl(endpoints.wsUrl)
{
    if (const auto budget
        = RequestRateLimiter::declaredBudget(exchange.environmentVariable("REQUEST_BUDGET")))
        m_rest->setRequestBudget(budget->requests, budget->windowMs);
}

CoinbaseSession::~CoinbaseSession() = default;

HistorySource *CoinbaseSession::nativeHistory()
{
    return m_rest;
}

SymbolSource *CoinbaseSession::symbols()
{
    return m_rest;
}

TradeFeed *CoinbaseSession::createTradeFeed(QObject *parent)
{
    return new CoinbaseTradeFeed(m_wsUrl, clock(), parent);
}

LiveFeed *CoinbaseSession::createLiveFeed(QObject *parent)
{
    // Coinbase streams no 1m candles: every interval is built from its trades. Candles without
    // trades are not served by Coinbase's REST either, so none is made here.
    return new TradeLiveFeed(createTradeFeed(), parent);
}

} // namespace Candlewick
