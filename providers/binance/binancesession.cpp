#include "binancesession.h"

#include "binancelivefeed.h"
#include "binancerestprovider.h"
#include "binancetradefeed.h"

namespace Candlewick {

BinanceSession::BinanceSession(const Exchange &exchange, const BinanceApi &api,
                               const Endpoints &endpoints, Clock *clock, QObject *parent)
    : ExchangeSession(exchange, clock, parent)
    , m_api(api)
    , m_rest(new BinanceRestProvider(endpoints.restUrl, api, this->clock(), this))
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
    BinanceLiveFeed::Options options;
    options.connection.maxMessagesPerSecond = m_api.wsMessagesPerSecond;
    return new BinanceLiveFeed(m_wsUrl, options, clock(), parent);
}

TradeFeed *BinanceSession::createTradeFeed(QObject *parent)
{
    if (!m_api.tradeStreams)
        return nullptr;
    BinanceTradeFeed::Options options;
    options.connection.maxMessagesPerSecond = m_api.wsMessagesPerSecond;
    return new BinanceTradeFeed(m_wsUrl, options, clock(), parent);
}

} // namespace Candlewick
