#pragma once

#include "klineevent.h"

#include <QAbstractSocket>
#include <QHash>
#include <QList>
#include <QObject>
#include <QSet>
#include <QStringList>
#include <QUrl>

class QWebSocket;

namespace Candlewick {

class Clock;
class KlineEventParser;

// One WebSocket connection to a Binance combined stream (/stream?streams=a/b/...): one attempt,
// one socket lifetime. Owns the connect timeout, the no-data watchdog, its own occasional ping
// with a pong deadline, and the pacing of SUBSCRIBE / UNSUBSCRIBE / ping under the server's
// incoming-message limit. When the connection dies for any reason (drop, stall, timeout, server
// close, serverShutdown) it emits failed() once and does nothing more; the owner makes a new one.
class StreamConnection : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        qint64 connectTimeoutMs = 10000;
        qint64 watchdogMs = 10000; // no data frame for this long: the stream has stalled
        qint64 pingIntervalMs = 60000; // our own ping (counts against the message limit)
        qint64 pongTimeoutMs = 15000;
        int maxMessagesPerSecond = 4; // Binance closes at more than 5 incoming per second
        int maxStreamsInUrl = 200; // the rest are subscribed by message after the handshake
        int maxParamsPerMessage = 200;
    };

    enum class State { Idle, Connecting, Open, Closed };

    StreamConnection(const QUrl &baseUrl, Clock *clock, KlineEventParser *parser, Options options,
                     QObject *parent = nullptr);
    ~StreamConnection() override;

    // Opens /stream?streams=... with these streams (more are subscribed once open).
    void open(const QStringList &streams);
    // Adds / removes streams: by paced control messages when open, or at open when connecting.
    void subscribe(const QStringList &streams);
    void unsubscribe(const QStringList &streams);
    // Closes on purpose (no failed() signal).
    void close();

    State state() const { return m_state; }
    bool isOpen() const { return m_state == State::Open; }
    // True once the handshake completed (even if the connection has died since).
    bool wasOpened() const { return m_wasOpened; }
    QStringList streams() const;
    int streamCount() const { return int(m_streams.size()); }
    qint64 openedAtMs() const { return m_openedAt; }
    // Steady-clock ns at which the frame being dispatched arrived (for latency figures).
    qint64 frameReceivedNs() const { return m_frameNs; }
    QUrl requestUrl() const { return m_url; }
    // Messages we have sent (control + pings), for tests.
    int messagesSent() const { return m_messagesSent; }

signals:
    void opened();
    void klineReceived(const Candlewick::KlineEvent &event);
    void tradeReceived(const Candlewick::KlineEvent &event);
    // A frame that was malformed, invalid, or an event we do not handle.
    void frameRejected(const QString &reason, bool unknownEvent);
    // A SUBSCRIBE / UNSUBSCRIBE answer: ok, or the server's error.
    void controlAnswered(const QString &method, const QStringList &streams, bool ok,
                         const QString &error);
    // {"e":"serverShutdown"}: the server will close this connection soon.
    void serverShutdownAnnounced();
    void failed(const QString &reason);

private:
    struct PendingRequest
    {
        QString method;
        QStringList streams;
    };

    void handleConnected();
    void handleDisconnected();
    void handleTextMessage(const QString &message);
    void handlePong(quint64 elapsedMs, const QByteArray &payload);
    void handleError(QAbstractSocket::SocketError error);
    void fail(const QString &reason);
    void scheduleCheck();
    void check();
    // Sends what is queued as far as the message budget allows; schedules the rest.
    void pump();
    bool takeBudget();

    QUrl m_baseUrl;
    QUrl m_url;
    Clock *m_clock;
    KlineEventParser *m_parser;
    Options m_options;
    QWebSocket *m_socket = nullptr;
    QObject *m_timers = nullptr; // owns every pending clock call of this connection
    QObject *m_pumpHandle = nullptr;
    State m_state = State::Idle;

    QSet<QString> m_streams;
    QStringList m_toSubscribe;
    QStringList m_toUnsubscribe;
    bool m_pingQueued = false;
    QList<qint64> m_sentTimes; // clock times of our messages in the last second
    QHash<qint64, PendingRequest> m_requests;
    qint64 m_nextId = 1;
    int m_messagesSent = 0;

    bool m_wasOpened = false;
    bool m_eventSeen = false; // a kline or trade since connecting
    qint64 m_openedAt = 0;
    qint64 m_lastFrameAt = 0;
    qint64 m_lastPingAt = -1;
    bool m_pongPending = false;
    qint64 m_frameNs = 0;
};

} // namespace Candlewick
