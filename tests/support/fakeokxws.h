#pragma once

#include "candle.h"

#include <QList>
#include <QObject>
#include <QSet>
#include <QUrl>

class QWebSocket;
class QWebSocketServer;

namespace Candlewick::Testing {

// An OKX v5 business WebSocket for tests, on 127.0.0.1 only, at /ws/v5/business (other paths are
// closed with 60018-style errors): {"op":"subscribe"|"unsubscribe","args":[{"channel","instId"}]}
// acknowledged per arg as {"event":"subscribe","arg":{...},"connId":"..."}, unknown channels
// refused with {"event":"error","code":"60018",...}, the text "ping" answered with "pong".
// Candle pushes are sent by the test with push(); dropAll() cuts every connection.
class FakeOkxWs : public QObject
{
    Q_OBJECT
public:
    explicit FakeOkxWs(QObject *parent = nullptr);
    ~FakeOkxWs() override;

    bool listen(quint16 port = 0);
    QUrl url() const; // ws://127.0.0.1:<port> (no path)

    // Sends {"arg":{"channel","instId"},"data":[[ts,o,h,l,c,vol,volCcy,volCcyQuote,confirm]]} to
    // every connection subscribed to (channel, instId). Returns how many got it.
    int push(const QString &channel, const QString &instId, const Candle &candle, bool confirmed);
    void dropAll();
    // Whether pings are answered (default true).
    void setPongs(bool on) { m_pongs = on; }

    int acceptedConnections() const { return m_accepted; }
    int openConnections() const { return int(m_clients.size()); }
    int pingsReceived() const { return m_pings; }
    QList<QByteArray> controlMessages() const { return m_control; }
    // Whether some connection is subscribed to (channel, instId).
    bool isSubscribed(const QString &channel, const QString &instId) const;

private:
    struct Client
    {
        QWebSocket *socket;
        QSet<QString> subscriptions; // "channel|instId"
    };
    void handleNewConnection();
    void handleText(QWebSocket *socket, const QString &text);

    QWebSocketServer *m_server;
    QList<Client> m_clients;
    QList<QByteArray> m_control;
    bool m_pongs = true;
    int m_accepted = 0;
    int m_pings = 0;
};

} // namespace Candlewick::Testing
