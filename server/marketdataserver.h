#pragma once

#include <QHash>
#include <QHostAddress>
#include <QObject>
#include <QString>

#include <memory>

class QTcpServer;
class QTcpSocket;
class QWebSocketServer;

namespace Candlewick {

class BinanceRestApi;
class KlineStreamHub;
class ReplayControlApi;
struct HttpRequest;
struct HttpResponse;

// One port for REST and WebSocket: a QTcpServer reads HTTP/1.1 requests (keep-alive,
// pipelining) and hands a WebSocket upgrade, unread, to QWebSocketServer::handleConnection, so
// the framing is Qt's. REST goes to the Binance API, /candlewick/ to the replay control (when
// there is one), WebSockets to the stream hub.
//
// Limits: at most maxClients connections at once (HTTP and WebSocket together; more are
// answered 503 and closed), request bodies and WebSocket messages capped, a connection with more
// than 4 MiB of answers unread is not read further until they drain, and with a token set
// every request (the upgrade included) must carry it in X-Candlewick-Token (else 401). Control
// endpoints answer 403 when the server listens beyond loopback without a token.
class MarketDataServer : public QObject
{
    Q_OBJECT
public:
    MarketDataServer(BinanceRestApi *rest, KlineStreamHub *hub, QObject *parent = nullptr);
    ~MarketDataServer() override;

    void setReplayControl(ReplayControlApi *control) { m_control = control; }
    void setToken(const QByteArray &token) { m_token = token; }
    void setMaxClients(int clients) { m_maxClients = qMax(1, clients); }
    void setMaxBodyBytes(qsizetype bytes) { m_maxBodyBytes = bytes; }

    bool listen(const QHostAddress &address, quint16 port);
    QString errorString() const { return m_error; }
    quint16 port() const;
    QHostAddress address() const;
    int connectionCount() const;

private:
    struct Connection;

    void handleNewConnection();
    void handleReadyRead(QTcpSocket *socket);
    HttpResponse route(const HttpRequest &request);
    bool authorized(const HttpRequest &request) const;
    bool upgradeToWebSocket(Connection *conn, const HttpRequest &request);
    void drop(QTcpSocket *socket);

    BinanceRestApi *m_rest;
    KlineStreamHub *m_hub;
    ReplayControlApi *m_control = nullptr;
    QTcpServer *m_server;
    QWebSocketServer *m_webSockets;
    QHash<QTcpSocket *, std::shared_ptr<Connection>> m_connections;
    QByteArray m_token;
    int m_maxClients = 64;
    qsizetype m_maxBodyBytes = 64 * 1024;
    QString m_error;
};

} // namespace Candlewick
