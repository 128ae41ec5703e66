#pragma once

#include "clock.h"

#include <QByteArray>
#include <QHash>
#include <QObject>
#include <QUrl>

#include <memory>

class QTcpServer;
class QTcpSocket;

namespace Candlewick {
class HttpRequestParser;
struct HttpRequest;
} // namespace Candlewick

namespace Candlewick::Testing {

// The HTTP plumbing the fake REST servers of the exchanges share (Bybit, Coinbase): listening on
// 127.0.0.1 only, in the thread that owns it; requests parsed as they arrive (kept-alive
// connections, pipelining), each answered in order by the subclass's route() at the clock's now,
// after a real-time latency when one is set (benches).
class FakeHttpServer : public QObject
{
    Q_OBJECT
public:
    ~FakeHttpServer() override;

    bool listen(quint16 port = 0);
    QUrl baseUrl() const;
    void setLatencyMs(int ms) { m_latencyMs = std::max(0, ms); } // real time, for benches
    Candlewick::Clock *clock() const { return m_clock; }

protected:
    struct Response
    {
        int status = 200;
        QByteArray body;
        QByteArray contentType = QByteArrayLiteral("application/json");
    };

    FakeHttpServer(Candlewick::Clock *clock, QObject *parent);

    virtual Response route(const HttpRequest &request, qint64 nowMs) = 0;

private:
    void handleReadyRead(QTcpSocket *socket);

    Candlewick::Clock *m_clock;
    QTcpServer *m_server = nullptr;
    QHash<QTcpSocket *, std::shared_ptr<HttpRequestParser>> m_parsers;
    int m_latencyMs = 0;
};

} // namespace Candlewick::Testing
