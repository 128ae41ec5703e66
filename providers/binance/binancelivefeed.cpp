#include "binancelivefeed.h"

#include "klineeventparser.h"

#include <clock.h>

namespace Candlewick {

BinanceLiveFeed::BinanceLiveFeed(const QUrl &wsUrl, Clock *clock, QObject *parent)
    : BinanceLiveFeed(wsUrl, Options(), clock, parent)
{
}

BinanceLiveFeed::BinanceLiveFeed(const QUrl &wsUrl, Options options, Clock *clock, QObject *parent)
    : LiveFeed(parent)
    , m_pool(new StreamPool(wsUrl, options, clock ? clock : Clock::system(), this))
{
    connect(m_pool, &StreamPool::klineReceived, this, &BinanceLiveFeed::handleKline);
    connect(m_pool, &StreamPool::streamsConnected, this, &BinanceLiveFeed::handleConnected);
    connect(m_pool, &StreamPool::stateChanged, this, &BinanceLiveFeed::setState);
    connect(m_pool, &StreamPool::logMessage, this, &LiveFeed::logMessage);
}

BinanceLiveFeed::~BinanceLiveFeed()
{
    // The pool's connections go before the series they report.
    delete m_pool;
}

QString BinanceLiveFeed::streamName(const SeriesKey &key)
{
    return KlineEventParser::streamName(key);
}

QList<SeriesKey> BinanceLiveFeed::subscriptions() const
{
    return m_series.values();
}

LiveFeedStats BinanceLiveFeed::stats() const
{
    LiveFeedStats s = m_pool->stats();
    s.updatesEmitted = m_stats.updatesEmitted;
    s.closedEmitted = m_stats.closedEmitted;
    return s;
}

void BinanceLiveFeed::subscribe(const SeriesKey &key)
{
    const QString stream = streamName(key);
    if (m_series.contains(stream))
        return;
    m_series.insert(stream, key);
    m_pool->addStream(stream);
}

void BinanceLiveFeed::unsubscribe(const SeriesKey &key)
{
    const QString stream = streamName(key);
    if (m_series.remove(stream) == 0)
        return;
    m_pool->removeStream(stream);
}

void BinanceLiveFeed::handleConnected(const QStringList &streams)
{
    QList<SeriesKey> keys;
    for (const QString &stream : streams) {
        const auto it = m_series.constFind(stream);
        if (it != m_series.constEnd())
            keys.append(*it);
    }
    emit seriesConnected(keys);
}

void BinanceLiveFeed::handleKline(const KlineEvent &event, bool newest)
{
    // Raw-stream frames carry no stream name; anything else is a stream we may no longer follow.
    auto it = m_series.constFind(event.stream.isEmpty()
                                     ? KlineEventParser::streamName(event.symbol, event.interval)
                                     : event.stream);
    if (it == m_series.constEnd())
        return;
    if (event.candle.closed) {
        ++m_stats.closedEmitted;
        emit candleClosed(*it, event.candle);
        return;
    }
    // During a rollover only the newest connection reports forming candles.
    if (!newest)
        return;
    ++m_stats.updatesEmitted;
    emit candleUpdated(*it, event.candle);
}

} // namespace Candlewick
