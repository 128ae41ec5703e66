#pragma once

#include "klineevent.h"
#include "streamconnection.h"

#include <connectionstate.h>
#include <durations.h>
#include <livefeed.h>

#include <QHash>
#include <QList>
#include <QObject>
#include <QUrl>

#include <memory>

namespace Candlewick {

class Clock;
class KlineEventParser;
class RetryPolicy;

// The connections behind Binance's market streams, for any stream names (kline, trade): streams
// are combined (/stream?streams=...), at most maxStreamsPerConnection per connection, more
// connections beyond that; addStream()/removeStream() while running send paced SUBSCRIBE /
// UNSUBSCRIBE messages and check their answers. A connection that drops, stalls (no data for
// watchdogMs, or no pong), times out while connecting, or is closed by the server is replaced with
// exponential backoff and jitter, within the budget of new connections per 5 minutes. Before the
// 24-hour limit a replacement connection is opened and the old one is closed only once the new
// one is live. All timing runs on a Clock. BinanceLiveFeed (klines) and BinanceTradeFeed (trades)
// are built on it.
class StreamPool : public QObject
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

    StreamPool(const QUrl &wsUrl, Options options, Clock *clock, QObject *parent = nullptr);
    ~StreamPool() override;

    // Adding a stream twice or removing an unknown one is a no-op.
    void addStream(const QString &stream);
    void removeStream(const QString &stream);
    bool hasStreams() const { return !m_slots.isEmpty(); }

    ConnectionState state() const { return m_state; }
    int connectionCount() const; // connections open right now
    QUrl url() const { return m_url; }
    const Options &options() const { return m_options; }
    // Frames, rejected frames, connection attempts, reconnects, rollovers, control errors.
    const LiveFeedStats &stats() const { return m_stats; }
    // Steady-clock ns at which the frame currently being dispatched arrived (for latency figures).
    qint64 currentFrameReceivedNs() const { return m_frameNs; }

signals:
    // newest: from the newest connection of its streams (during a rollover, both send).
    void klineReceived(const Candlewick::KlineEvent &event, bool newest);
    void tradeReceived(const Candlewick::KlineEvent &event, bool newest);
    // A connection carrying these streams opened: the first one, one after a loss (lost true),
    // or a planned replacement that overlapped the old one (lost false).
    void streamsConnected(const QStringList &streams, bool lost);
    void stateChanged(Candlewick::ConnectionState state);
    void logMessage(const QString &message);

private:
    struct Slot;

    Slot *slotWithRoom();
    void startConnection(Slot *slot, bool replacement);
    void scheduleReconnect(Slot *slot);
    void scheduleRollover(Slot *slot, qint64 atMs);
    void startRollover(Slot *slot);
    void handleOpened(Slot *slot, StreamConnection *connection);
    void handleFailed(Slot *slot, StreamConnection *connection, const QString &reason);
    void handleEvent(Slot *slot, StreamConnection *connection, const KlineEvent &event);
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
    QHash<QString, Slot *> m_streams;
    QList<qint64> m_attemptTimes; // connection attempts in the last 5 minutes
    bool m_everLive = false;
    ConnectionState m_state = ConnectionState::Disconnected;
    LiveFeedStats m_stats;
    qint64 m_frameNs = 0;
    qint64 m_logged = 0;
};

} // namespace Candlewick
