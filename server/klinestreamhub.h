#pragma once

#include <candle.h>
#include <serieskey.h>

#include <QHash>
#include <QList>
#include <QObject>
#include <QSet>

#include <functional>

class QWebSocket;

namespace Candlewick {

class Clock;

// The WebSocket side of Binance's market streams for kline events: takes connected sockets
// (raw /ws/<stream>, combined /stream?streams=a/b, or /ws alone to subscribe later, as ccxt pro
// does; a path that names no valid stream starts with none), answers SUBSCRIBE, UNSUBSCRIBE and
// LIST_SUBSCRIPTIONS, and sends each published candle to the clients of its stream, byte for
// byte as Binance's kline events (wrapped for combined connections). Subscribing to a symbol
// that has no data is accepted and sends nothing.
//
// Binance's connection rules, on `clock`: a ping frame every 20 s, and a connection that has
// not answered a ping for a minute is closed; a connection lives at most 24 hours (then it is
// closed with a close frame); more than 5 incoming messages (text, binary or pong) within a
// second close it; at most 1024 streams per connection.
//
// Back-pressure: a client with more than the high-water mark of bytes waiting to be sent is
// congested until it drains below the low-water mark; congestionChanged() tells when the first
// client becomes congested and when the last one drains, so a replay can wait for its slowest
// reader. A client congested for longer than the stall limit, or with more than the
// pending-bytes cap waiting, is dropped rather than buffered without end.
class KlineStreamHub : public QObject
{
    Q_OBJECT
public:
    static constexpr int MaxStreamsPerConnection = 1024;
    static constexpr qint64 PingIntervalMs = 20'000;
    static constexpr qint64 PongTimeoutMs = 60'000;
    static constexpr qint64 MaxConnectionMs = 24 * 60 * 60 * 1000;
    static constexpr int MaxIncomingPerSecond = 5;

    // `eventTime` is the "E" of the events (the replay clock in a replay); `clock` times the
    // connection rules and the stall limit (the wall clock; a ManualClock in tests).
    explicit KlineStreamHub(std::function<qint64()> eventTime, Clock *clock = nullptr,
                            QObject *parent = nullptr);
    ~KlineStreamHub() override;

    // The hub owns the socket from here on.
    void addClient(QWebSocket *socket);
    int clientCount() const { return int(m_clients.size()); }
    void setMaxPendingBytes(qint64 bytes) { m_maxPendingBytes = bytes; }
    void setMaxMessageBytes(qint64 bytes) { m_maxMessageBytes = bytes; }
    // Congested above `highWater` bytes waiting, drained again at or below `lowWater`.
    void setBackPressure(qint64 highWater, qint64 lowWater);
    // How long a client may stay congested before it is dropped.
    void setMaxStallMs(qint64 ms) { m_maxStallMs = ms; }
    bool isCongested() const { return m_congested > 0; }
    qint64 droppedSlowClients() const { return m_droppedSlow; }
    // Connections closed by the rules above (pong timeout, lifetime, message rate).
    qint64 closedByRules() const { return m_closedByRules; }

    // Sends the candle to every client subscribed to its series' stream; "x" is candle.closed.
    void publish(const SeriesKey &key, const Candle &candle);
    // The series somebody is subscribed to (exchange as given to the hub's owner).
    QList<SeriesKey> subscribedSeries(const QString &exchange) const;

    // "btcusdt@kline_1m" -> ("BTCUSDT", 1m); false when it is not a kline stream name.
    static bool parseStreamName(const QString &name, QString *symbol, Interval *interval);

signals:
    void clientCountChanged(int count);
    // True when the first client becomes congested, false when the last one has drained.
    void congestionChanged(bool congested);

private:
    struct Client;

    void handleMessage(Client *client, const QString &message);
    // False when the message is one too many for the second (the client is then closed).
    bool countIncoming(Client *client);
    void send(Client *client, const QString &frame);
    void updateCongestion(Client *client);
    void setCongested(Client *client, bool congested);
    void ping(Client *client);
    void subscribe(Client *client, const QByteArray &stream);
    void unsubscribe(Client *client, const QByteArray &stream);
    // Takes the client off the stream's list (the stream is forgotten with its last client).
    void leaveStream(Client *client, const QByteArray &stream);
    // Closes with a close frame (status and reason).
    void closeClient(Client *client, int closeCode, const QString &reason);
    // Drops the connection at once, counted in `counter`.
    void abortClient(Client *client, qint64 &counter);
    void remove(Client *client);

    std::function<qint64()> m_eventTime;
    Clock *m_clock;
    QList<Client *> m_clients;
    QHash<QByteArray, QList<Client *>> m_byStream;
    qint64 m_maxPendingBytes = 8 * 1024 * 1024;
    qint64 m_maxMessageBytes = 64 * 1024;
    qint64 m_highWater = 64 * 1024;
    qint64 m_lowWater = 16 * 1024;
    qint64 m_maxStallMs = 10'000;
    int m_congested = 0;
    quint64 m_removals = 0;
    qint64 m_droppedSlow = 0;
    qint64 m_closedByRules = 0;
};

} // namespace Candlewick
