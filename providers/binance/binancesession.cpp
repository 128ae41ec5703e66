#include "binancesession.h"

#include "binancearchive.h"
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
    QUrl archive = endpoints.archiveUrl;
    if (archive.isEmpty() && endpoints.restUrl == exchange.defaultRestUrl)
        archive = BinanceArchive::defaultUrl();
    if (Endpoints::isValidRestUrl(archive))
        m_archive = new BinanceArchive(archive, api, exchange.id, this->clock(), this);
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

BulkHistory *BinanceSession::bulkHistory()
{
    return m_archive;
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
