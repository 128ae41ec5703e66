#pragma once

#include <candle.h>
#include <interval.h>
#include <trade.h>

#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QUrl>
#include <QWebSocketProtocol>

#include <functional>
#include <optional>

class QTcpServer;
class QWebSocket;
class QWebSocketServer;

namespace Candlewick {
class Clock;
}

namespace Candlewick::Testing {

class FakeBinanceRest;

// A Binance-compatible market-data WebSocket server on 127.0.0.1 (see binance-api.md):
// raw (/ws/<s>[/<s>...]) and combined (/stream?streams=<s1>/<s2>) streams, SUBSCRIBE /
// UNSUBSCRIBE / LIST_SUBSCRIPTIONS with their responses and errors, kline updates every 2 s
// ending with one "x":true update per candle (1s streams: one update a second, the candle's
// "x":true one), server pings and a pong
// deadline, the 24-hour connection limit, the 5 incoming messages/s limit and the 1024-stream
// limit. All timing follows the Clock (tests pass a ManualClock), so nothing waits in real time.
// Faults: drop, stall, garbage frames, close codes, slow consumer, serverShutdown.
// Trade streams (<symbol>@trade): at each second the trades of the second that just ended, made by
// syntheticTrades() from that second's 1s candle of the candle source (ids second * 1000 + k), so
// candles built from them have the source's open, high, low, close and volume; a connection gets
// the trades from the moment it subscribed.
// Dialect::UsdM behaves like Binance USD-M futures: streams live under the /market route
// (/market/ws/..., /market/stream?streams=...), while the legacy /ws and /stream still complete
// the handshake and acknowledge SUBSCRIBE but never send a kline event; no 1s streams; 10
// incoming messages/s; server pings every 3 min with a 10-min pong deadline.
class FakeBinanceWs : public QObject
{
    Q_OBJECT
public:
    enum class Dialect { Spot, UsdM };

    // The candle opening at openTime as it looks at nowMs: final (closed) once its close time
    // has passed, forming before. nullopt: no candle (not listed, maintenance, unknown symbol).
    using CandleSource = std::function<std::optional<Candle>(
        const QString &symbol, Interval interval, qint64 openTime, qint64 nowMs)>;

    explicit FakeBinanceWs(Clock *clock, QObject *parent = nullptr);
    ~FakeBinanceWs() override;

    // Sets the route and the limits of the dialect (call before listen()).
    void setDialect(Dialect dialect);
    // Streams are served under this path prefix only ("" = at the root, Spot's); connections to
    // the paths without it are accepted and acknowledged but stay silent.
    void setRoute(const QString &route) { m_route = route; }

    bool listen(quint16 port = 0);
    QUrl url() const; // ws://127.0.0.1:<port>
    quint16 port() const;

    void setCandleSource(CandleSource source);
    // Serves the candles of `rest` (which must outlive this server) as they are at each moment.
    void followRest(const FakeBinanceRest &rest);
    // The built-in deterministic candles (used when no source is set): every symbol has a price
    // path derived from its name; forming candles grow towards the final one.
    static std::optional<Candle> defaultCandle(const QString &symbol, Interval interval,
                                               qint64 openTime, qint64 nowMs);
    std::optional<Candle> candleAsOf(const QString &symbol, Interval interval, qint64 openTime,
                                     qint64 nowMs) const;

    // Limits, with Binance's values as defaults.
    void setPingIntervalMs(qint64 ms) { m_pingIntervalMs = ms; } // 20 s
    void setPongTimeoutMs(qint64 ms) { m_pongTimeoutMs = ms; } // 60 s
    void setMaxConnectionAgeMs(qint64 ms) { m_maxAgeMs = ms; } // 24 h
    void setMaxIncomingPerSecond(int n) { m_maxIncomingPerSecond = n; } // 5
    void setMaxStreamsPerConnection(int n) { m_maxStreams = n; } // 1024
    void setUpdateIntervalMs(qint64 ms) { m_updateIntervalMs = ms; } // 2000
    // Sends {"e":"serverShutdown"} before closing a connection at its age limit.
    void setShutdownNoticeAtAgeLimit(bool on) { m_shutdownNotice = on; }

    // Faults.
    void dropAll(); // aborts every connection (no close frame)
    void closeAll(QWebSocketProtocol::CloseCode code, const QString &reason = {});
    void setStalled(bool stalled); // sockets stay open and pings go on, but no data is sent
    bool isStalled() const { return m_stalled; }
    void sendToAll(const QString &frame); // garbage or any hand-made frame
    void sendServerShutdown(); // the serverShutdown event on every connection
    // Slow consumer: a connection whose unsent bytes exceed this is closed (1008), as Binance
    // drops clients that do not keep up. -1 disables.
    void setMaxPendingBytes(qint64 bytes) { m_maxPendingBytes = bytes; }
    // Refuse the handshake of new connections (HTTP-level failure for the client).
    void setRefuseConnections(bool refuse);

    // Observation.
    int connectionCount() const { return int(m_sessions.size()); }
    int acceptedConnections() const { return m_accepted; }
    int refusedConnections() const { return m_refused; }
    int silentConnections() const { return m_silentAccepted; } // accepted on a legacy route
    QStringList streams(int connection) const; // in subscription order
    QStringList allStreams() const; // union over connections
    const QStringList &controlMessages() const { return m_control; }
    qint64 framesSent() const { return m_framesSent; }
    qint64 klineEventsSent() const { return m_klineSent; }
    qint64 closedEventsSent() const { return m_closedSent; }
    qint64 tradeEventsSent() const { return m_tradeSent; }
    int pingsSent() const { return m_pingsSent; }
    int pongsReceived() const { return m_pongs; }
    // Reasons the server closed connections itself ("too many messages", "age limit", ...).
    const QStringList &serverCloseReasons() const { return m_closeReasons; }

    // Bench: pushes kline events for every stream of every connection as fast as the sockets take
    // them, each stream advancing `updatesPerCandle` forming updates then a closing one per candle.
    void startFlood(int updatesPerCandle, qint64 firstOpenTime);
    void stopFlood();
    qint64 floodEventsSent() const { return m_floodEvents; }
    qint64 floodClosedSent() const { return m_floodClosed; }

signals:
    void clientConnected();
    void clientDisconnected();
    void controlMessageReceived(const QString &message);

private:
    struct StreamState
    {
        QString name;
        QString symbol; // uppercase
        Interval interval = Interval::M1;
        // The same in Latin-1, for the frames.
        QByteArray nameLatin1;
        QByteArray symbolLatin1;
        QByteArray intervalLatin1;
        qint64 lastOpen = -1;
        bool lastClosedSent = false;
        // trade streams
        bool trades = false;
        qint64 tradesFrom = 0; // ms: the subscription time, then the next second to send

        // flood
        qint64 floodOpen = 0;
        int floodStep = 0;
    };
    struct Session
    {
        QWebSocket *socket = nullptr;
        bool combined = false;
        bool silent = false; // a legacy route: acknowledges, never sends klines
        qint64 connectedAt = 0;
        qint64 lastPingAt = -1;
        bool pongPending = false;
        QList<StreamState> streams;
        QList<qint64> incoming; // clock times of the incoming messages in the last second
        QObject *timers = nullptr; // owns the clock handles of this session
        qsizetype floodNext = 0;
    };

    void handleNewConnection();
    void handleTextMessage(QWebSocket *socket, const QString &message);
    void handleDisconnected(QWebSocket *socket);
    Session *session(QWebSocket *socket);
    void removeSession(Session *s);
    bool countIncoming(Session &s);
    void closeSession(Session &s, QWebSocketProtocol::CloseCode code, const QString &reason);
    bool addStream(Session &s, const QString &name, QString *error);
    bool validStream(const QString &name, QString *symbol, Interval *interval) const;
    void send(Session &s, const QByteArray &frame);
    QByteArray klineFrame(const Session &s, const StreamState &st, const Candle &c,
                          qint64 eventTime) const;
    QByteArray tradeFrame(const Session &s, const StreamState &st, const Trade &t,
                          qint64 eventTime) const;
    // Sends the trades of the seconds that ended by now; false when the session was closed.
    bool sendTrades(Session &s, StreamState &st, qint64 now);
    void scheduleTick();
    void tick();
    void schedulePing(Session &s);
    void floodTurn();

    Clock *m_clock;
    QTcpServer *m_tcp; // accepts, disables Nagle, hands the socket to m_server
    QWebSocketServer *m_server;
    CandleSource m_source;
    QList<Session *> m_sessions; // owned
    QObject *m_tickHandle = nullptr;

    qint64 m_pingIntervalMs = 20000;
    qint64 m_pongTimeoutMs = 60000;
    qint64 m_maxAgeMs = 24LL * 3600 * 1000;
    int m_maxIncomingPerSecond = 5;
    int m_maxStreams = 1024;
    qint64 m_updateIntervalMs = 2000;
    bool m_shutdownNotice = true;
    bool m_stalled = false;
    qint64 m_maxPendingBytes = -1;
    bool m_refuse = false;
    QString m_route;
    bool m_allowSecondStreams = true;

    int m_accepted = 0;
    int m_refused = 0;
    int m_silentAccepted = 0;
    QStringList m_control;
    QStringList m_closeReasons;
    qint64 m_framesSent = 0;
    qint64 m_klineSent = 0;
    qint64 m_closedSent = 0;
    qint64 m_tradeSent = 0;
    int m_pingsSent = 0;
    int m_pongs = 0;

    bool m_flooding = false;
    int m_floodUpdates = 4;
    qint64 m_floodEvents = 0;
    qint64 m_floodClosed = 0;
};

} // namespace Candlewick::Testing
