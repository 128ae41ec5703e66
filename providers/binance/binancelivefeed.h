#pragma once

#include "klineevent.h"
#include "streamconnection.h"

#include <durations.h>
#include <livefeed.h>

#include <QHash>
#include <QList>
#include <QUrl>

#include <memory>

namespace Candlewick {

class Clock;
class KlineEventParser;
class RetryPolicy;

// Live candles from Binance's kline WebSocket streams (spot): connections and frames only.
//
// Streams are combined (/stream?streams=...), at most maxStreamsPerConnection per connection, more
// connections beyond that; subscribe()/unsubscribe() while running send paced SUBSCRIBE /
// UNSUBSCRIBE messages and check their answers. candleUpdated() for each update of a forming
// candle (from the newest connection only), candleClosed() for each closed candle as the exchange
// sends it (during a rollover both connections may send it: GapFreeFeed drops the duplicate). A
// connection that drops, stalls (no data for watchdogMs, or no pong), times out while connecting,
// or is closed by the server is replaced with exponential backoff and jitter, within the budget of
// new connections per 5 minutes. Before the 24-hour limit a replacement connection is opened and
// the old one is closed only once the new one is live. seriesConnected() says when a connection
// (re)opens. All timing runs on a Clock.
class BinanceLiveFeed : public LiveFeed
{
    Q_OBJECT
public:
    struct Options
    {
        StreamConnection::Options connection;
        int maxStreamsPerConnection = 1024;
        qint64 reconnectBaseMs = 500; // first reconnect after 250..500 ms
        qint64 reconnectMaxMs = 30000; // backoff cap
        int maxConnectsPer5Min = 250; // Binance allows 300 per IP
        qint64 rolloverAfterMs = 23 * Durations::HourMs; // before the 24 h limit
        qint64 rolloverOverlapMs = 5000; // the old connection closes this long after the new opened
        quint32 seed = 0; // jitter seed; 0 = random
    };

    explicit BinanceLiveFeed(const QUrl &wsUrl, Clock *clock = nullptr, QObject *parent = nullptr);
    BinanceLiveFeed(const QUrl &wsUrl, Options options, Clock *clock = nullptr,
                    QObject *parent = nullptr);
    ~BinanceLiveFeed() override;

    void subscribe(const SeriesKey &key) override;
    void unsubscribe(const SeriesKey &key) override;
    QList<SeriesKey> subscriptions() const override;
    LiveFeedStats stats() const override { return m_stats; }

    int connectionCount() const; // connections open right now
    QUrl url() const { return m_url; }
    const Options &options() const { return m_options; }
    // Steady-clock ns at which the frame currently being dispatched arrived (for latency figures).
    qint64 currentFrameReceivedNs() const { return m_frameNs; }

    static QString streamName(const SeriesKey &key);

private:
    struct Slot;
    struct Series
    {
        SeriesKey key;
        Slot *slot = nullptr;
    };

    Slot *slotWithRoom();
    void startConnection(Slot *slot, bool replacement);
    void scheduleReconnect(Slot *slot);
    void scheduleRollover(Slot *slot, qint64 atMs);
    void startRollover(Slot *slot);
    void handleOpened(Slot *slot, StreamConnection *connection);
    void handleFailed(Slot *slot, StreamConnection *connection, const QString &reason);
    void handleKline(StreamConnection *connection, const KlineEvent &event);
    void handleRejected(const QString &reason, bool unknownEvent);
    void handleControlAnswer(const QString &method, const QStringList &streams, bool ok,
                             const QString &error);
    void retire(Slot *slot, StreamConnection *connection);
    void removeSlot(Slot *slot);
    void updateState();
    void log(const QString &message);
    bool allowAttempt(qint64 *retryAtMs);

    QUrl m_url;
    Options m_options;
    Clock *m_clock;
    std::unique_ptr<KlineEventParser> m_parser;
    std::unique_ptr<RetryPolicy> m_reconnectPolicy;

    QList<Slot *> m_slots; // owned
    QHash<QString, Series> m_series; // by stream name
    QList<qint64> m_attemptTimes; // connection attempts in the last 5 minutes
    bool m_everLive = false;
    LiveFeedStats m_stats;
    qint64 m_frameNs = 0;
    qint64 m_logged = 0;
};

} // namespace Candlewick
