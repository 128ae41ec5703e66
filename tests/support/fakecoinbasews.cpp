#include "fakecoinbasews.h"

#include <QDateTime>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>
#include <QWebSocket>
#include <QWebSocketServer>

namespace Candlewick::Testing {

namespace {

// "2023-02-09T20:19:35.396251Z": six fraction digits, as observed.
QByteArray isoMicros(qint64 us)
{
    const QDateTime t = QDateTime::fromMSecsSinceEpoch(us / 1000, Qt::UTC);
    return t.toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.")).toLatin1()
        + QByteArray::number(us % 1000000).rightJustified(6, '0') + 'Z';
}

} // namespace

FakeCoinbaseWs::FakeCoinbaseWs(const FakeCoinbaseMarket *market, Clock *clock, QObject *parent)
    : QObject(parent)
    , m_market(market)
    , m_clock(clock)
{
}

FakeCoinbaseWs::~FakeCoinbaseWs()
{
    for (QWebSocket *socket : m_sessions.keys()) {
        socket->disconnect(this);
        socket->abort();
        delete socket;
    }
}

bool FakeCoinbaseWs::listen(quint16 port)
{
    m_server = new QWebSocketServer(QStringLiteral("fake-coinbase"),
                                    QWebSocketServer::NonSecureMode, this);
    if (!m_server->listen(QHostAddress::LocalHost, port))
        return false;
    connect(m_server, &QWebSocketServer::newConnection, this, [this] {
        while (QWebSocket *socket = m_server->nextPendingConnection()) {
            ++m_accepted;
            Session session;
            session.sentUpToUs = m_clock->nowMs() * 1000;
            m_sessions.insert(socket, session);
            connect(socket, &QWebSocket::textMessageReceived, this,
                    [this, socket](const QString &text) { handleText(socket, text); });
            connect(socket, &QWebSocket::disconnected, this, [this, socket] {
                m_sessions.remove(socket);
                socket->deleteLater();
            });
            QPointer<QWebSocket> guard(socket);
            m_clock->callAfter(SubscribeDeadlineMs, this, [this, guard] {
                if (!guard || !m_sessions.contains(guard))
                    return;
                const Session &s = m_sessions[guard];
                if (s.products.isEmpty() && !s.heartbeats) {
                    ++m_closedSilent;
                    guard->close(QWebSocketProtocol::CloseCodePolicyViolated,
                                 QStringLiteral("no subscription within 5 s"));
                }
            });
        }
    });
    return true;
}

QUrl FakeCoinbaseWs::url() const
{
    return QUrl(QStringLiteral("ws://127.0.0.1:%1").arg(m_server ? m_server->serverPort() : 0));
}

void FakeCoinbaseWs::dropAll()
{
    for (QWebSocket *socket : m_sessions.keys())
        socket->abort();
}

void FakeCoinbaseWs::sendError(QWebSocket *socket, const QString &message)
{
    ++m_errors;
    socket->sendTextMessage(QString::fromUtf8(
        QJsonDocument(QJsonObject{{QStringLiteral("type"), QStringLiteral("error")},
                                  {QStringLiteral("message"), message}})
            .toJson(QJsonDocument::Compact)));
}

QByteArray FakeCoinbaseWs::sendEnvelope(QWebSocket *socket, Session &session,
                                        const QString &channel, const QString &scope,
                                        const QByteArray &events, qint64 nowMs)
{
    const qint64 seq
        = m_perProduct ? session.sequences[channel + u'/' + scope]++ : session.sequence++;
    const QByteArray frame = "{\"channel\":\"" + channel.toUtf8()
        + "\",\"client_id\":\"\",\"timestamp\":\"" + isoMicros(nowMs * 1000)
        + "\",\"sequence_num\":" + QByteArray::number(seq) + ",\"events\":" + events + '}';
    socket->sendTextMessage(QString::fromUtf8(frame));
    return frame;
}

QByteArray FakeCoinbaseWs::tradesEvent(const char *type, const QString &product, qint64 fromUs,
                                       qint64 toUs)
{
    const QList<FakeCoinbaseMarket::Trade> trades = m_market->trades(product, fromUs, toUs);
    QByteArray list;
    // Newest first inside an event, as Coinbase's snapshots come.
    for (qsizetype i = trades.size() - 1; i >= 0; --i) {
        const FakeCoinbaseMarket::Trade &t = trades.at(i);
        if (!list.isEmpty())
            list += ',';
        list += "{\"trade_id\":\"" + QByteArray::number(t.id).rightJustified(9, '0')
            + "\",\"product_id\":\"" + product.toUtf8() + "\",\"price\":\""
            + FakeCoinbaseMarket::decimal(t.priceCents, 2) + "\",\"size\":\""
            + FakeCoinbaseMarket::decimal(t.sizeUnits, 8) + "\",\"side\":\""
            + (t.makerBuy ? "BUY" : "SELL") + "\",\"time\":\"" + isoMicros(t.timeUs) + "\"}";
    }
    m_tradesSent += int(trades.size());
    return "[{\"type\":\"" + QByteArray(type) + "\",\"trades\":[" + list + "]}]";
}

void FakeCoinbaseWs::handleText(QWebSocket *socket, const QString &text)
{
    auto it = m_sessions.find(socket);
    if (it == m_sessions.end())
        return;
    Session &session = *it;
    const qint64 now = m_clock->nowMs();
    while (!session.received.empty() && session.received.front() + 1000 <= now)
        session.received.pop_front();
    session.received.push_back(now);
    if (int(session.received.size()) > MaxClientMessagesPerSecond) {
        sendError(socket, QStringLiteral("rate limit exceeded"));
        socket->close(QWebSocketProtocol::CloseCodePolicyViolated, QStringLiteral("rate limit"));
        return;
    }
    const QJsonObject o = QJsonDocument::fromJson(text.toUtf8()).object();
    const QString type = o.value(QLatin1StringView("type")).toString();
    const QString channel = o.value(QLatin1StringView("channel")).toString();
    QStringList products;
    for (const QJsonValue &v : o.value(QLatin1StringView("product_ids")).toArray())
        products.append(v.toString());
    if (type != QLatin1StringView("subscribe") && type != QLatin1StringView("unsubscribe"))
        return sendError(socket, QStringLiteral("unknown message type"));
    const bool subscribe = type == QLatin1StringView("subscribe");
    if (subscribe)
        ++m_subscribeMessages;
    if (channel == QLatin1StringView("heartbeats")) {
        session.heartbeats = subscribe;
    } else if (channel == QLatin1StringView("market_trades")) {
        for (const QString &p : std::as_const(products)) {
            if (!m_market->product(p))
                return sendError(socket, QStringLiteral("failure to subscribe"));
        }
        if (!subscribe) {
            if (products.isEmpty())
                session.products.clear();
            for (const QString &p : std::as_const(products))
                session.products.remove(p);
        }
    } else {
        return sendError(socket, QStringLiteral("failure to subscribe"));
    }
    QJsonObject subs;
    subs.insert(
        QStringLiteral("market_trades"),
        QJsonArray::fromStringList(QStringList(session.products.begin(), session.products.end())
                                   + (subscribe && channel == QLatin1StringView("market_trades")
                                          ? products
                                          : QStringList())));
    if (session.heartbeats)
        subs.insert(QStringLiteral("heartbeats"), QJsonArray());
    sendEnvelope(socket, session, QStringLiteral("subscriptions"), {},
                 "[{\"subscriptions\":" + QJsonDocument(subs).toJson(QJsonDocument::Compact) + "}]",
                 now);
    if (subscribe && channel == QLatin1StringView("market_trades")) {
        const qint64 nowUs = now * 1000;
        for (const QString &p : std::as_const(products)) {
            if (session.products.contains(p))
                continue;
            session.products.insert(p);
            sendEnvelope(socket, session, channel, p,
                         tradesEvent("snapshot", p, nowUs - SnapshotMs * 1000, session.sentUpToUs),
                         now);
        }
    }
}

void FakeCoinbaseWs::publish()
{
    if (m_stalled)
        return;
    const qint64 now = m_clock->nowMs();
    const qint64 nowUs = now * 1000;
    for (auto it = m_sessions.begin(); it != m_sessions.end(); ++it) {
        QWebSocket *socket = it.key();
        Session &session = it.value();
        if (nowUs > session.sentUpToUs) {
            QStringList products(session.products.begin(), session.products.end());
            products.sort();
            for (const QString &p : std::as_const(products)) {
                if (m_market->trades(p, session.sentUpToUs, nowUs).isEmpty())
                    continue; // no update without trades
                const QByteArray events = tradesEvent("update", p, session.sentUpToUs, nowUs);
                if (m_lose > 0) {
                    --m_lose;
                    // Spent, never sent.
                    if (m_perProduct)
                        ++session.sequences[QStringLiteral("market_trades/") + p];
                    else
                        ++session.sequence;
                    continue;
                }
                if (m_malformed) {
                    m_malformed = false;
                    socket->sendTextMessage(QStringLiteral("{\"channel\":\"market_trades\",\"ev"));
                }
                const QByteArray frame = sendEnvelope(
                    socket, session, QStringLiteral("market_trades"), p, events, now);
                if (m_repeat) {
                    m_repeat = false;
                    socket->sendTextMessage(QString::fromUtf8(frame));
                }
            }
            session.sentUpToUs = nowUs;
        }
        if (session.heartbeats) {
            sendEnvelope(socket, session, QStringLiteral("heartbeats"), {},
                         "[{\"current_time\":\""
                             + QDateTime::fromMSecsSinceEpoch(now, Qt::UTC)
                                   .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"))
                                   .toLatin1()
                             + " +0000 UTC m=+1.0\",\"heartbeat_counter\":\""
                             + QByteArray::number(now / 1000) + "\"}]",
                         now);
        }
    }
}

} // namespace Candlewick::Testing
