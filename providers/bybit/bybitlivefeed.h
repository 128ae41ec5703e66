#pragma once

#include <livefeed.h>
#include <retrypolicy.h>

#include <QHash>
#include <QPointer>
#include <QUrl>

class QWebSocket;

namespace Candlewick {

class Clock;
class Exchange;

// Live candles of one Bybit v5 category over one public WebSocket (/v5/public/spot or
// /v5/public/linear): `kline.<interval>.<symbol>` topics subscribed at most MaxArgsPerRequest per
// request, a {"op":"ping"} every PingIntervalMs, a candle closed when a push says confirm true.
// Reconnects with backoff after a drop, a refused connection or StallMs without a kline push
// (Bybit pushes every topic at least once a minute; pongs do not count, so a subscription that
// was acknowledged and then stays silent is caught), and says seriesConnected() each time the
// topics are subscribed again, so GapFreeFeed backfills what was missed. An interval Bybit does
// not stream (8h, 3d) is built from the topic of the exchange's source interval (4h, 1d), the
// way history builds it: a bucket is closed with its last source candle, and only when every
// source candle of it was seen closed (a bucket joined late or torn by a reconnect is left to
// GapFreeFeed's backfill).
class BybitLiveFeed : public LiveFeed
{
    Q_OBJECT
public:
    static constexpr int MaxArgsPerRequest = 10;
    static constexpr qint64 PingIntervalMs = 20000;
    static constexpr qint64 StallMs = 90000;

    BybitLiveFeed(const Exchange &exchange, const QUrl &url, Clock *clock,
                  QObject *parent = nullptr);
    ~BybitLiveFeed() override;

    void subscribe(const SeriesKey &key) override;
    void unsubscribe(const SeriesKey &key) override;
    QList<SeriesKey> subscriptions() const override { return m_keys; }
    LiveFeedStats stats() const override { return m_stats; }

    // How long without a kline push before the connection is replaced (default StallMs).
    void setStallTimeoutMs(qint64 ms) { m_stallMs = std::max<qint64>(1, ms); }

private:
    void connectSocket();
    void handleConnected();
    void handleDisconnected();
    void handleText(const QString &text);
    void sendOp(const QString &op, const QStringList &topics);
    void scheduleReconnect();
    void schedulePing();
    void armWatchdog();
    QString topicOf(const SeriesKey &key) const;
    void deliver(const SeriesKey &key, const Candle &candle);
    void deliverBuilt(const SeriesKey &key, Interval source, const Candle &candle);

    // A built interval's bucket so far.
    struct Built
    {
        Candle bucket;
        bool have = false;
        bool complete = false; // every source candle of the bucket so far was seen closed
        qint64 lastSourceOpen = -1;
    };

    const Exchange &m_exchange;
    QUrl m_url;
    Clock *m_clock;
    RetryPolicy m_backoff{1000000, 1000, 30000};
    QWebSocket *m_socket = nullptr;
    QList<SeriesKey> m_keys;
    QHash<QString, QList<SeriesKey>> m_topics; // topic -> the series it feeds
    QHash<SeriesKey, qint64> m_lastClosed;
    QHash<SeriesKey, Built> m_built;
    qint64 m_stallMs = StallMs;
    LiveFeedStats m_stats;
    QPointer<QObject> m_ping;
    QPointer<QObject> m_watchdog;
    QPointer<QObject> m_reconnect;
    int m_failures = 0;
    int m_nextReqId = 1;
};

} // namespace Candlewick
