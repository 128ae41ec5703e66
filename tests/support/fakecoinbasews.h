#pragma once

#include "clock.h"
#include "fakecoinbasemarket.h"

#include <QHash>
#include <QObject>
#include <QSet>
#include <QUrl>

#include <deque>

class QWebSocket;
class QWebSocketServer;

namespace Candlewick::Testing {

// A Coinbase Advanced Trade public WebSocket for tests, on 127.0.0.1 only, in the owner's thread.
// One channel per subscribe message: `market_trades` (answered with a `subscriptions` message,
// then a `snapshot` event of each product's trades of the last SnapshotMs, then `update` events
// on publish()) and `heartbeats` (one on each publish()). A connection that has not subscribed
// within 5 s of the clock is closed; more than 8 messages from a client in one second, an unknown
// product or channel get {"type":"error",…} (the first also closes it). Trades come from the
// market given (the very trades the fake REST builds its candles from).
//
// Where the documentation is silent, either behaviour: sequence_num counted per connection (the
// default) or per product and channel.
class FakeCoinbaseWs : public QObject
{
    Q_OBJECT
public:
    static constexpr qint64 SubscribeDeadlineMs = 5000;
    static constexpr qint64 SnapshotMs = 60000;
    static constexpr int MaxClientMessagesPerSecond = 8;

    FakeCoinbaseWs(const FakeCoinbaseMarket *market, Candlewick::Clock *clock,
                   QObject *parent = nullptr);
    ~FakeCoinbaseWs() override;

    bool listen(quint16 port = 0);
    QUrl url() const; // ws://127.0.0.1:<port>, no path

    void setSequencePerProduct(bool on) { m_perProduct = on; }
    // Sends every subscribed connection the trades since the last publish up to the clock's now
    // (one update message per product), then a heartbeat.
    void publish();
    void dropAll(); // aborts every connection
    // The next `count` trade update messages are not sent, but their sequence numbers are spent.
    void loseUpdates(int count = 1) { m_lose += count; }
    // The next trade update is sent twice, the same frame (an old sequence_num, trades again).
    void repeatNextUpdate() { m_repeat = true; }
    // The next trade update is preceded by a text frame that is not JSON.
    void sendMalformedNext() { m_malformed = true; }
    // Heartbeats and trades stop (a silent connection).
    void setStalled(bool on) { m_stalled = on; }

    int connectionCount() const { return int(m_sessions.size()); }
    int acceptedConnections() const { return m_accepted; }
    int subscribeMessages() const { return m_subscribeMessages; }
    int errorsSent() const { return m_errors; }
    int closedForSilence() const { return m_closedSilent; }
    int tradesSent() const { return m_tradesSent; }

private:
    struct Session
    {
        QSet<QString> products; // market_trades
        bool heartbeats = false;
        qint64 sequence = 0; // per connection
        QHash<QString, qint64> sequences; // per product and channel
        qint64 sentUpToUs = 0; // trades with time before this were sent
        std::deque<qint64> received; // arrival times of client messages in the last second
    };
    void handleText(QWebSocket *socket, const QString &text);
    // Sends the message and returns its frame.
    QByteArray sendEnvelope(QWebSocket *socket, Session &session, const QString &channel,
                            const QString &scope, const QByteArray &events, qint64 nowMs);
    void sendError(QWebSocket *socket, const QString &message);
    QByteArray tradesEvent(const char *type, const QString &product, qint64 fromUs, qint64 toUs);

    const FakeCoinbaseMarket *m_market;
    Candlewick::Clock *m_clock;
    QWebSocketServer *m_server = nullptr;
    QHash<QWebSocket *, Session> m_sessions;
    bool m_perProduct = false;
    bool m_malformed = false;
    bool m_repeat = false;
    bool m_stalled = false;
    int m_lose = 0;
    int m_accepted = 0;
    int m_subscribeMessages = 0;
    int m_errors = 0;
    int m_closedSilent = 0;
    int m_tradesSent = 0;
};

} // namespace Candlewick::Testing
