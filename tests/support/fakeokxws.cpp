#include "fakeokxws.h"

#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QWebSocket>
#include <QWebSocketServer>

namespace Candlewick::Testing {

namespace {

QString number(double v)
{
    QString s = QString::number(v, 'f', 8);
    while (s.endsWith(u'0'))
        s.chop(1);
    if (s.endsWith(u'.'))
        s.chop(1);
    return s;
}

bool knownChannel(const QString &channel)
{
    static const QSet<QString> bars{
        QStringLiteral("1s"),     QStringLiteral("1m"),    QStringLiteral("3m"),
        QStringLiteral("5m"),     QStringLiteral("15m"),   QStringLiteral("30m"),
        QStringLiteral("1H"),     QStringLiteral("2H"),    QStringLiteral("4H"),
        QStringLiteral("6H"),     QStringLiteral("12H"),   QStringLiteral("1D"),
        QStringLiteral("2D"),     QStringLiteral("3D"),    QStringLiteral("1W"),
        QStringLiteral("1M"),     QStringLiteral("3M"),    QStringLiteral("6Hutc"),
        QStringLiteral("12Hutc"), QStringLiteral("1Dutc"), QStringLiteral("2Dutc"),
        QStringLiteral("3Dutc"),  QStringLiteral("1Wutc"), QStringLiteral("1Mutc"),
        QStringLiteral("3Mutc"),
    };
    return channel.startsWith(QLatin1StringView("candle")) && bars.contains(channel.mid(6));
}

} // namespace

FakeOkxWs::FakeOkxWs(QObject *parent)
    : QObject(parent)
    , m_server(
          new QWebSocketServer(QStringLiteral("fake-okx"), QWebSocketServer::NonSecureMode, this))
{
    connect(m_server, &QWebSocketServer::newConnection, this, &FakeOkxWs::handleNewConnection);
}

FakeOkxWs::~FakeOkxWs()
{
    for (const Client &c : std::as_const(m_clients)) {
        c.socket->disconnect(this);
        c.socket->abort();
    }
}

bool FakeOkxWs::listen(quint16 port)
{
    return m_server->listen(QHostAddress::LocalHost, port);
}

QUrl FakeOkxWs::url() const
{
    return QUrl(QStringLiteral("ws://127.0.0.1:%1").arg(m_server->serverPort()));
}

void FakeOkxWs::handleNewConnection()
{
    while (QWebSocket *socket = m_server->nextPendingConnection()) {
        ++m_accepted;
        if (socket->requestUrl().path() != QLatin1StringView("/ws/v5/business")) {
            socket->sendTextMessage(QStringLiteral(
                R"({"event":"error","code":"60018","msg":"Wrong URL or channel doesn't exist","connId":"fake"})"));
            socket->close();
            socket->deleteLater();
            continue;
        }
        m_clients.append(Client{socket, {}});
        connect(socket, &QWebSocket::textMessageReceived, this,
                [this, socket](const QString &text) { handleText(socket, text); });
        connect(socket, &QWebSocket::disconnected, this, [this, socket] {
            m_clients.removeIf([socket](const Client &c) { return c.socket == socket; });
            socket->deleteLater();
        });
    }
}

void FakeOkxWs::handleText(QWebSocket *socket, const QString &text)
{
    if (text == QLatin1StringView("ping")) {
        ++m_pings;
        if (m_pongs)
            socket->sendTextMessage(QStringLiteral("pong"));
        return;
    }
    m_control.append(text.toUtf8());
    auto client = std::find_if(m_clients.begin(), m_clients.end(),
                               [socket](const Client &c) { return c.socket == socket; });
    if (client == m_clients.end())
        return;
    const QJsonObject o = QJsonDocument::fromJson(text.toUtf8()).object();
    const QString op = o.value(QLatin1StringView("op")).toString();
    if (op != QLatin1StringView("subscribe") && op != QLatin1StringView("unsubscribe")) {
        socket->sendTextMessage(
            QStringLiteral(
                R"({"event":"error","code":"60012","msg":"Invalid request: %1","connId":"fake"})")
                .arg(op));
        return;
    }
    for (const QJsonValue &v : o.value(QLatin1StringView("args")).toArray()) {
        const QJsonObject arg = v.toObject();
        const QString channel = arg.value(QLatin1StringView("channel")).toString();
        const QString instId = arg.value(QLatin1StringView("instId")).toString();
        if (!knownChannel(channel)) {
            socket->sendTextMessage(
                QStringLiteral(
                    R"({"event":"error","code":"60018","msg":"Wrong URL or channel:%1,instId:%2 doesn't exist","connId":"fake"})")
                    .arg(channel, instId));
            continue;
        }
        const QString tag = channel + u'|' + instId;
        if (op == QLatin1StringView("subscribe"))
            client->subscriptions.insert(tag);
        else
            client->subscriptions.remove(tag);
        const QJsonObject ack{{QStringLiteral("event"), op},
                              {QStringLiteral("arg"), arg},
                              {QStringLiteral("connId"), QStringLiteral("fake")}};
        socket->sendTextMessage(
            QString::fromUtf8(QJsonDocument(ack).toJson(QJsonDocument::Compact)));
    }
}

int FakeOkxWs::push(const QString &channel, const QString &instId, const Candle &c, bool confirmed)
{
    const QString tag = channel + u'|' + instId;
    const QString frame
        = QStringLiteral(
              R"({"arg":{"channel":"%1","instId":"%2"},"data":[["%3","%4","%5","%6","%7","%8","%9","%10","%11"]]})")
              .arg(channel, instId, QString::number(c.openTime), number(c.open), number(c.high),
                   number(c.low), number(c.close), number(c.volume), number(c.quoteVolume))
              .arg(number(c.quoteVolume), confirmed ? QStringLiteral("1") : QStringLiteral("0"));
    int sent = 0;
    for (const Client &client : std::as_const(m_clients)) {
        if (client.subscriptions.contains(tag)) {
            client.socket->sendTextMessage(frame);
            ++sent;
        }
    }
    return sent;
}

void FakeOkxWs::dropAll()
{
    for (const Client &c : std::as_const(m_clients))
        c.socket->abort();
}

bool FakeOkxWs::isSubscribed(const QString &channel, const QString &instId) const
{
    const QString tag = channel + u'|' + instId;
    return std::any_of(m_clients.cbegin(), m_clients.cend(),
                       [&tag](const Client &c) { return c.subscriptions.contains(tag); });
}

} // namespace Candlewick::Testing
