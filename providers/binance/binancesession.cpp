#include "binancesession.h"

#include "binancelivefeed.h"
#include "binancerestprovider.h"

namespace Candlewick {

BinanceSession::BinanceSession(const Exchange &exchange, const Endpoints &endpoints, Clock *clock,
                               QObject *parent)
    : ExchangeSession(exchange, clock, parent)
    , m_rest(new BinanceRestProvider(endpoints.restUrl, this->clock(), this))
    , m_wsUrl(endpoints.wsUrl)
{
}

BinanceSession::~BinanceSession() = default;

HistorySource *BinanceSession::nativeHistory()
{
    return m_rest;
}

SymbolSource *BinanceSession::symbols()
{
    return m_rest;
}

LiveFeed *BinanceSession::createLiveFeed(QObject *parent)
{
    auto *feed = new BinanceLiveFeed(m_wsUrl, clock(), parent);
    return feed;
}

} // namespace Candlewick
