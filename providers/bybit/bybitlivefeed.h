#pragma once

#include <livefeed.h>
#include <retrypolicy.h>

#include <QHash>
#include <QPointer>
#include <QUrl>

class QWebSocket;

namespace Candlewick {

class Clock;

// Live candles of one Bybit v5 category over one public WebSocket (/v5/public/spot or
// /v5/public/linear): `kline.<interval>.<symbol>` topics subscribed at most MaxArgsPerRequest per
// request, a {"op":"ping"} every PingIntervalMs, a candle closed when a push says confirm true.
// Reconnects with backoff after a drop, a refused connection or StallMs without a kline push
// (Bybit pushes every topic at least once a minute; pongs do not count, so a subscription that
// was acknowledged and then stays silent is caught), and says seriesConnected() each time the
// topics are subscribed again, so GapFreeFeed backfills what was missed. Intervals Bybit does not
// stream are refused with a log line.
class BybitLiveFeed : public LiveFeed
{
    Q_OBJECT
public:
    static constexpr int MaxArgsPerRequest = 10;
    static constexpr qint64 PingIntervalMs = 20000;
    static constexpr qint64 StallMs = 90000;

    BybitLiveFeed(const QUrl &url, Clock *clock, QObject *parent = nullptr);
    ~BybitLiveFeed() override;

    void subscribe(const SeriesKey &key) override;
    void unsubscribe(const SeriesKey &key) override;
    QList<SeriesKey> subscriptions() const override { return m_topics.values(); }
    ConnectionState state() const override { return m_state; }
    LiveFeedStats stats() const override { return m_stats; }

private:
    void connectSocket();
    void handleConnected();
    void handleDisconnected();
    void handleText(const QString &text);
    void sendOp(const QString &op, const QStringList &topics);
    void scheduleReconnect();
    void schedulePing();
    void armWatchdog();
    void setState(ConnectionState state);

    QUrl m_url;
    Clock *m_clock;
    RetryPolicy m_backoff{1000000, 1000, 30000};
    QWebSocket *m_socket = nullptr;
    QHash<QString, SeriesKey> m_topics;
    QHash<SeriesKey, qint64> m_lastClosed;
    ConnectionState m_state = ConnectionState::Disconnected;
    LiveFeedStats m_stats;
    QPointer<QObject> m_ping;
    QPointer<QObject> m_watchdog;
    QPointer<QObject> m_reconnect;
    int m_failures = 0;
    int m_nextReqId = 1;
};

} // namespace Candlewick
