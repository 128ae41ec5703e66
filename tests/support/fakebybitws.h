#pragma once

#include "candle.h"
#include "clock.h"
#include "interval.h"

#include <QHash>
#include <QObject>
#include <QSet>
#include <QUrl>

#include <functional>

class QWebSocket;
class QWebSocketServer;

namespace Candlewick::Testing {

class FakeBybitRest;

// A Bybit v5 public WebSocket server for tests, on 127.0.0.1 only, in the owner's thread:
// /v5/public/spot and /v5/public/linear (any other path is closed at once), subscribe and
// unsubscribe with at most 10 args per request (more is refused with "args size >10"), ping
// answered with pong (spot and linear shapes), and kline pushes on publish(): for every subscribed
// `kline.<interval>.<symbol>` topic the candle just finished with confirm true (once), then the
// forming one with confirm false, as the candle source gives them at the clock's now.
class FakeBybitWs : public QObject
{
    Q_OBJECT
public:
    using CandleSource = std::function<Candle(const QString &symbol, Interval interval,
                                              qint64 openTime, qint64 nowMs)>;

    explicit FakeBybitWs(Candlewick::Clock *clock, QObject *parent = nullptr);
    ~FakeBybitWs() override;

    bool listen(quint16 port = 0);
    QUrl url() const; // ws://127.0.0.1:<port>, no path
    void setCandleSource(CandleSource source) { m_source = std::move(source); }
    // Serves the candles of `rest` (which must outlive this server) as they are at each moment.
    void followRest(const FakeBybitRest &rest);

    // Pushes to every connection as described above.
    void publish();
    void dropAll(); // aborts every connection
    void setStalled(bool stalled) { m_stalled = stalled; } // pongs go on, pushes stop

    int connectionCount() const { return int(m_sessions.size()); }
    int acceptedConnections() const { return m_accepted; }
    int subscribeRequests() const { return m_subscribeRequests; }
    int refusedRequests() const { return m_refused; }
    int maxArgsSeen() const { return m_maxArgs; }
    // Topics subscribed over all connections.
    int topicCount() const;
    int pingsReceived() const { return m_pings; }

private:
    struct Session
    {
        bool linear = false;
        QSet<QString> topics;
        QHash<QString, qint64> lastOpen; // topic -> open time of the last forming push
    };
    void handleText(QWebSocket *socket, const QString &text);
    void send(QWebSocket *socket, const QByteArray &frame);

    Candlewick::Clock *m_clock;
    QWebSocketServer *m_server = nullptr;
    QHash<QWebSocket *, Session> m_sessions;
    CandleSource m_source;
    bool m_stalled = false;
    int m_accepted = 0;
    int m_subscribeRequests = 0;
    int m_refused = 0;
    int m_maxArgs = 0;
    int m_pings = 0;
};

} // namespace Candlewick::Testing
