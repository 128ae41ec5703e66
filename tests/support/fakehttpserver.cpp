#include "fakehttpserver.h"

#include "httprequest.h"
#include "httprequestparser.h"

#include <httpresponse.h>

#include <QHostAddress>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

namespace Candlewick::Testing {

FakeHttpServer::FakeHttpServer(Clock *clock, QObject *parent)
    : QObject(parent)
    , m_clock(clock)
{
}

FakeHttpServer::~FakeHttpServer() = default;

bool FakeHttpServer::listen(quint16 port)
{
    m_server = new QTcpServer(this);
    if (!m_server->listen(QHostAddress::LocalHost, port))
        return false;
    connect(m_server, &QTcpServer::newConnection, this, [this] {
        while (QTcpSocket *socket = m_server->nextPendingConnection()) {
            m_parsers.insert(socket, std::make_shared<HttpRequestParser>());
            connect(socket, &QTcpSocket::readyRead, this,
                    [this, socket] { handleReadyRead(socket); });
            connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
                m_parsers.remove(socket);
                socket->deleteLater();
            });
        }
    });
    return true;
}

QUrl FakeHttpServer::baseUrl() const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_server ? m_server->serverPort() : 0));
}

void FakeHttpServer::handleReadyRead(QTcpSocket *socket)
{
    const std::shared_ptr<HttpRequestParser> parser = m_parsers.value(socket);
    if (!parser)
        return;
    parser->feed(socket->readAll());
    HttpRequest request;
    while (parser->next(&request)) {
        const Response r = route(request, m_clock->nowMs());
        const QByteArray bytes = "HTTP/1.1 " + QByteArray::number(r.status) + ' '
            + HttpResponse::reasonPhrase(r.status) + "\r\nContent-Type: " + r.contentType
            + "\r\nContent-Length: " + QByteArray::number(r.body.size()) + "\r\n\r\n" + r.body;
        if (m_latencyMs == 0) {
            socket->write(bytes);
        } else {
            QPointer<QTcpSocket> guard(socket);
            QTimer::singleShot(m_latencyMs, this, [guard, bytes] {
                if (guard)
                    guard->write(bytes);
            });
        }
    }
    if (parser->hasError())
        socket->disconnectFromHost();
}

} // namespace Candlewick::Testing
