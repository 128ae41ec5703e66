#include "fakebybitws.h"

#include "fakebybitrest.h"

#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QWebSocket>
#include <QWebSocketServer>

namespace Candlewick::Testing {

namespace {

std::optional<Interval> intervalFromCode(const QString &code)
{
    static const QHash<QString, Interval> codes{
        {QStringLiteral("1"), Interval::M1},   {QStringLiteral("3"), Interval::M3},
        {QStringLiteral("5"), Interval::M5},   {QStringLiteral("15"), Interval::M15},
        {QStringLiteral("30"), Interval::M30}, {QStringLiteral("60"), Interval::H1},
        {QStringLiteral("120"), Interval::H2}, {QStringLiteral("240"), Interval::H4},
        {QStringLiteral("360"), Interval::H6}, {QStringLiteral("720"), Interval::H12},
        {QStringLiteral("D"), Interval::D1},   {QStringLiteral("W"), Interval::W1},
        {QStringLiteral("M"), Interval::Mon1},
    };
    const auto it = codes.constFind(code);
    return it == codes.constEnd() ? std::nullopt : std::optional<Interval>(*it);
}

QString number(double v)
{
    return QString::number(v, 'f', 8);
}

} // namespace

FakeBybitWs::FakeBybitWs(Clock *clock, QObject *parent)
    : QObject(parent)
    , m_clock(clock)
{
}

void FakeBybitWs::followRest(const FakeBybitRest &rest)
{
    m_source = [&rest](const QString &symbol, Interval interval, qint64 openTime, qint64 nowMs) {
        return rest.candleAsOf(symbol, interval, openTime, nowMs);
    };
}

FakeBybitWs::~FakeBybitWs()
{
    for (QWebSocket *socket : m_sessions.keys()) {
        socket->disconnect(this);
        socket->abort();
        delete socket;
    }
}

bool FakeBybitWs::listen(quint16 port)
{
    m_server
        = new QWebSocketServer(QStringLiteral("fake-bybit"), QWebSocketServer::NonSecureMode, this);
    if (!m_server->listen(QHostAddress::LocalHost, port))
        return false;
    connect(m_server, &QWebSocketServer::newConnection, this, [this] {
        while (QWebSocket *socket = m_server->nextPendingConnection()) {
            const QString path = socket->requestUrl().path();
            if (path != QLatin1StringView("/v5/public/spot")
                && path != QLatin1StringView("/v5/public/linear")) {
                socket->close(QWebSocketProtocol::CloseCodePolicyViolated);
                socket->deleteLater();
                continue;
            }
            ++m_accepted;
            Session session;
            session.linear = path.endsWith(QLatin1StringView("linear"));
            m_sessions.insert(socket, session);
            connect(socket, &QWebSocket::textMessageReceived, this,
                    [this, socket](const QString &text) { handleText(socket, text); });
            connect(socket, &QWebSocket::disconnected, this, [this, socket] {
                m_sessions.remove(socket);
                socket->deleteLater();
            });
        }
    });
    return true;
}

QUrl FakeBybitWs::url() const
{
    return QUrl(QStringLiteral("ws://127.0.0.1:%1").arg(m_server ? m_server->serverPort() : 0));
}

void FakeBybitWs::send(QWebSocket *socket, const QByteArray &frame)
{
    socket->sendTextMessage(QString::fromUtf8(frame));
}

void FakeBybitWs::handleText(QWebSocket *socket, const QString &text)
{
    auto it = m_sessions.find(socket);
    if (it == m_sessions.end())
        return;
    const QJsonObject o = QJsonDocument::fromJson(text.toUtf8()).object();
    const QString op = o.value(QStringLiteral("op")).toString();
    const QString reqId = o.value(QStringLiteral("req_id")).toString();
    QJsonObject answer{{QStringLiteral("conn_id"), QStringLiteral("fake-conn")},
                       {QStringLiteral("op"), op}};
    if (it->linear || !reqId.isEmpty())
        answer.insert(QStringLiteral("req_id"), reqId);
    if (op == QLatin1StringView("ping")) {
        ++m_pings;
        answer.insert(QStringLiteral("success"), true);
        answer.insert(QStringLiteral("ret_msg"), QStringLiteral("pong"));
        return send(socket, QJsonDocument(answer).toJson(QJsonDocument::Compact));
    }
    if (op != QLatin1StringView("subscribe") && op != QLatin1StringView("unsubscribe")) {
        answer.insert(QStringLiteral("success"), false);
        answer.insert(QStringLiteral("ret_msg"), QStringLiteral("error:handler not found"));
        ++m_refused;
        return send(socket, QJsonDocument(answer).toJson(QJsonDocument::Compact));
    }
    const QJsonArray args = o.value(QStringLiteral("args")).toArray();
    if (op == QLatin1StringView("subscribe"))
        ++m_subscribeRequests;
    m_maxArgs = std::max(m_maxArgs, int(args.size()));
    if (args.size() > 10) {
        ++m_refused;
        answer.insert(QStringLiteral("success"), false);
        answer.insert(QStringLiteral("ret_msg"), QStringLiteral("args size >10"));
        return send(socket, QJsonDocument(answer).toJson(QJsonDocument::Compact));
    }
    for (const QJsonValue &v : args) {
        if (op == QLatin1StringView("subscribe")) {
            it->topics.insert(v.toString());
        } else {
            it->topics.remove(v.toString());
            it->lastOpen.remove(v.toString());
        }
    }
    answer.insert(QStringLiteral("success"), true);
    answer.insert(QStringLiteral("ret_msg"), it->linear ? QString() : QStringLiteral("subscribe"));
    send(socket, QJsonDocument(answer).toJson(QJsonDocument::Compact));
}

int FakeBybitWs::topicCount() const
{
    int count = 0;
    for (const Session &session : m_sessions)
        count += int(session.topics.size());
    return count;
}

void FakeBybitWs::publish()
{
    if (m_stalled || !m_source)
        return;
    const qint64 now = m_clock->nowMs();
    for (auto it = m_sessions.begin(); it != m_sessions.end(); ++it) {
        for (const QString &topic : std::as_const(it->topics)) {
            const QStringList parts = topic.split(u'.');
            const std::optional<Interval> interval
                = parts.size() == 3 ? intervalFromCode(parts.at(1)) : std::nullopt;
            if (!interval)
                continue;
            const qint64 open = Intervals::alignDown(*interval, now);
            QList<Candle> pushes;
            const qint64 last = it->lastOpen.value(topic, -1);
            if (last >= 0 && last < open)
                pushes.append(m_source(parts.at(2), *interval, last, now));
            pushes.append(m_source(parts.at(2), *interval, open, now));
            it->lastOpen.insert(topic, open);
            for (const Candle &c : std::as_const(pushes)) {
                const QJsonObject k{
                    {QStringLiteral("start"), c.openTime},
                    {QStringLiteral("end"), Intervals::closeTime(*interval, c.openTime)},
                    {QStringLiteral("interval"), parts.at(1)},
                    {QStringLiteral("open"), number(c.open)},
                    {QStringLiteral("close"), number(c.close)},
                    {QStringLiteral("high"), number(c.high)},
                    {QStringLiteral("low"), number(c.low)},
                    {QStringLiteral("volume"), number(c.volume)},
                    {QStringLiteral("turnover"), number(c.quoteVolume)},
                    {QStringLiteral("confirm"), c.closed},
                    {QStringLiteral("timestamp"), now}};
                const QJsonObject push{{QStringLiteral("topic"), topic},
                                       {QStringLiteral("data"), QJsonArray{k}},
                                       {QStringLiteral("ts"), now},
                                       {QStringLiteral("type"), QStringLiteral("snapshot")}};
                send(it.key(), QJsonDocument(push).toJson(QJsonDocument::Compact));
            }
        }
    }
}

void FakeBybitWs::dropAll()
{
    const QList<QWebSocket *> sockets = m_sessions.keys();
    for (QWebSocket *socket : sockets)
        socket->abort();
}

} // namespace Candlewick::Testing
