#include "marketdataserver.h"

#include "binancerestapi.h"
#include "httprequest.h"
#include "httprequestparser.h"
#include "httpresponse.h"
#include "klinestreamhub.h"
#include "replaycontrolapi.h"

#include <QTcpServer>
#include <QTcpSocket>
#include <QWebSocket>
#include <QWebSocketServer>

namespace Candlewick {

namespace {

constexpr qint64 MaxQueuedAnswerBytes = 4 * 1024 * 1024;
constexpr qint64 WebSocketSendBuffer = 16 * 1024;

} // namespace

struct MarketDataServer::Connection
{
    QTcpSocket *socket = nullptr;
    bool closing = false;
};

MarketDataServer::MarketDataServer(BinanceRestApi *rest, KlineStreamHub *hub, QObject *parent)
    : QObject(parent)
    , m_rest(rest)
    , m_hub(hub)
    , m_server(new QTcpServer(this))
    , m_webSockets(
          new QWebSocketServer(QStringLiteral("candlewick"), QWebSocketServer::NonSecureMode, this))
{
    connect(m_server, &QTcpServer::newConnection, this, &MarketDataServer::handleNewConnection);
    connect(m_webSockets, &QWebSocketServer::newConnection, this, [this] {
        while (QWebSocket *socket = m_webSockets->nextPendingConnection())
            m_hub->addClient(socket);
    });
}

MarketDataServer::~MarketDataServer()
{
    delete m_server; // its sockets first, while the connection table exists
    m_server = nullptr;
    m_connections.clear();
}

bool MarketDataServer::listen(const QHostAddress &address, quint16 port)
{
    if (!m_server->listen(address, port)) {
        m_error = m_server->errorString();
        return false;
    }
    return true;
}

quint16 MarketDataServer::port() const
{
    return m_server->serverPort();
}

QHostAddress MarketDataServer::address() const
{
    return m_server->serverAddress();
}

int MarketDataServer::connectionCount() const
{
    return int(m_connections.size()) + m_hub->clientCount();
}

void MarketDataServer::handleNewConnection()
{
    while (QTcpSocket *socket = m_server->nextPendingConnection()) {
        if (connectionCount() >= m_maxClients) {
            HttpResponse busy = HttpResponse::binanceError(
                503, -1008, QStringLiteral("Too many clients; at most %1.").arg(m_maxClients));
            socket->write(busy.serialize(false));
            socket->disconnectFromHost();
            connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            continue;
        }
        auto conn = std::make_shared<Connection>();
        conn->socket = socket;
        m_connections.insert(socket, conn);
        socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { handleReadyRead(socket); });
        // Requests left unread while answers were queued go on once those are sent.
        connect(socket, &QTcpSocket::bytesWritten, this, [this, socket] {
            if (socket->bytesToWrite() <= MaxQueuedAnswerBytes)
                handleReadyRead(socket);
        });
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] { drop(socket); });
        if (socket->bytesAvailable() > 0)
            handleReadyRead(socket);
    }
}

void MarketDataServer::drop(QTcpSocket *socket)
{
    if (m_connections.remove(socket) > 0)
        socket->deleteLater();
}

void MarketDataServer::handleReadyRead(QTcpSocket *socket)
{
    const std::shared_ptr<Connection> conn = m_connections.value(socket);
    if (!conn)
        return;
    // Requests are parsed from a peek and read off the socket one at a time, so an upgrade
    // request is still unread when QWebSocketServer takes the socket.
    // A client that sends requests without reading the answers is not read further until
    // they drain: memory stays bounded by the queued answers.
    while (!conn->closing && socket->bytesAvailable() > 0
           && socket->bytesToWrite() <= MaxQueuedAnswerBytes) {
        HttpRequestParser parser;
        parser.setMaxBodyBytes(m_maxBodyBytes);
        parser.feed(socket->peek(socket->bytesAvailable()));
        HttpRequest request;
        if (!parser.next(&request)) {
            if (!parser.hasError())
                return; // wait for the rest
            conn->closing = true;
            HttpResponse r;
            r.status = parser.errorStatus();
            r.contentType = "text/plain";
            r.body = parser.errorString().toUtf8();
            socket->readAll();
            socket->write(r.serialize(false));
            socket->disconnectFromHost();
            return;
        }
        if (upgradeToWebSocket(conn.get(), request))
            return;
        socket->read(parser.consumed());
        const HttpResponse response = route(request);
        const bool keepAlive = request.keepAlive();
        socket->write(response.head(keepAlive));
        socket->write(response.body);
        if (!keepAlive) {
            conn->closing = true;
            socket->disconnectFromHost();
        }
        if (m_rest->readAheadPending()) {
            // The answer first, then the next page while the client reads this one.
            socket->flush();
            QMetaObject::invokeMethod(
                this, [this] { m_rest->readAhead(); }, Qt::QueuedConnection);
        }
    }
}

bool MarketDataServer::upgradeToWebSocket(Connection *conn, const HttpRequest &request)
{
    if (!request.header("upgrade").toLower().contains("websocket"))
        return false;
    QTcpSocket *socket = conn->socket;
    if (!authorized(request)) {
        socket->read(socket->bytesAvailable());
        conn->closing = true;
        socket->write(HttpResponse::binanceError(401, -1002,
                                                 QStringLiteral("You are not authorized to "
                                                                "execute this request."))
                          .serialize(false));
        socket->disconnectFromHost();
        return true;
    }
    // A small kernel send buffer: what a slow reader has not taken stays in the queue the
    // stream hub sees (and holds a replay back by), not hidden in the kernel.
    socket->setSocketOption(QAbstractSocket::SendBufferSizeSocketOption, int(WebSocketSendBuffer));
    // From here the socket is the WebSocket server's.
    socket->disconnect(this);
    m_connections.remove(socket);
    m_webSockets->handleConnection(socket);
    return true;
}

bool MarketDataServer::authorized(const HttpRequest &request) const
{
    return m_token.isEmpty() || request.header("x-candlewick-token") == m_token;
}

HttpResponse MarketDataServer::route(const HttpRequest &request)
{
    if (!authorized(request))
        return HttpResponse::binanceError(401, -1002,
                                          QStringLiteral("You are not authorized to execute this "
                                                         "request."));
    if (ReplayControlApi::isControlPath(request.path)) {
        if (m_token.isEmpty() && !m_server->serverAddress().isLoopback())
            return HttpResponse::binanceError(
                403, -1002,
                QStringLiteral("The control endpoints need --token when serving beyond "
                               "loopback."));
        if (m_control) {
            if (std::optional<HttpResponse> r = m_control->handle(request))
                return *r;
        }
        return HttpResponse::binanceError(404, -1, QStringLiteral("Not found."));
    }
    if (request.method != "GET")
        return HttpResponse::binanceError(405, -1, QStringLiteral("Method not allowed."));
    if (std::optional<HttpResponse> r = m_rest->handle(request))
        return *r;
    return HttpResponse::binanceError(404, -1, QStringLiteral("Not found."));
}

} // namespace Candlewick
