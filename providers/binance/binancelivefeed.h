#pragma once

#include "klineevent.h"
#include "streampool.h"

#include <livefeed.h>

#include <QHash>
#include <QUrl>

namespace Candlewick {

class Clock;

// Live candles from Binance's kline WebSocket streams (spot): one kline stream per series over a
// StreamPool (connections, reconnects with backoff, rollovers before the 24-hour limit, paced
// SUBSCRIBE / UNSUBSCRIBE: see StreamPool). candleUpdated() for each update of a forming candle
// (from the newest connection only), candleClosed() for each closed candle as the exchange sends it
// (during a rollover both connections may send it: GapFreeFeed drops the duplicate).
// seriesConnected() says when a connection (re)opens.
class BinanceLiveFeed : public LiveFeed
{
    Q_OBJECT
public:
    using Options = StreamPool::Options;

    explicit BinanceLiveFeed(const QUrl &wsUrl, Clock *clock = nullptr, QObject *parent = nullptr);
    BinanceLiveFeed(const QUrl &wsUrl, Options options, Clock *clock = nullptr,
                    QObject *parent = nullptr);
    ~BinanceLiveFeed() override;

    void subscribe(const SeriesKey &key) override;
    void unsubscribe(const SeriesKey &key) override;
    QList<SeriesKey> subscriptions() const override;
    LiveFeedStats stats() const override;

    int connectionCount() const { return m_pool->connectionCount(); }
    QUrl url() const { return m_pool->url(); }
    const Options &options() const { return m_pool->options(); }
    // Steady-clock ns at which the frame currently being dispatched arrived (for latency figures).
    qint64 currentFrameReceivedNs() const { return m_pool->currentFrameReceivedNs(); }

    static QString streamName(const SeriesKey &key);

private:
    void handleKline(const KlineEvent &event, bool newest);
    void handleConnected(const QStringList &streams);

    StreamPool *m_pool;
    QHash<QString, SeriesKey> m_series; // by stream name
    LiveFeedStats m_stats; // what this layer emitted
};

} // namespace Candlewick
