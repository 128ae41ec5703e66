#include "klinestreamhub.h"

#include "binanceformat.h"

#include <clock.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QUrlQuery>
#include <QWebSocket>

#include <memory>

namespace Candlewick {

struct KlineStreamHub::Client
{
    QWebSocket *socket = nullptr;
    // Context of the client's clock calls: deleting it cancels them.
    std::unique_ptr<QObject> timers = std::make_unique<QObject>();
    QObject *stallCheck = nullptr; // the pending stall check while congested
    bool combined = false;
    bool congested = false;
    QList<QByteArray> streams; // in subscription order
    qint64 unansweredPingSince = -1; // clock time of the oldest unanswered ping
    qint64 recentIncoming[MaxIncomingPerSecond] = {}; // a ring of the last messages' times
    int incomingCount = 0;
};

KlineStreamHub::KlineStreamHub(std::function<qint64()> eventTime, Clock *clock, QObject *parent)
    : QObject(parent)
    , m_eventTime(std::move(eventTime))
    , m_clock(clock ? clock : Clock::system())
{
}

KlineStreamHub::~KlineStreamHub()
{
    for (Client *c : std::as_const(m_clients)) {
        c->socket->disconnect(this);
        delete c->socket;
        delete c;
    }
}

void KlineStreamHub::setBackPressure(qint64 highWater, qint64 lowWater)
{
    m_highWater = highWater;
    m_lowWater = std::min(lowWater, highWater);
}

bool KlineStreamHub::parseStreamName(const QString &name, QString *symbol, Interval *interval)
{
    static const QRegularExpression re(
        QStringLiteral("^([a-z0-9\\-_.]{1,20})@kline_([0-9]+[smhdwM])$"));
    const QRegularExpressionMatch m = re.match(name);
    if (!m.hasMatch())
        return false;
    const auto parsed = Intervals::parse(m.captured(2));
    if (!parsed || Intervals::name(*parsed) != m.captured(2))
        return false;
    *symbol = m.captured(1).toUpper();
    *interval = *parsed;
    return true;
}

void KlineStreamHub::addClient(QWebSocket *socket)
{
    auto *client = new Client;
    client->socket = socket;
    socket->setParent(nullptr);
    socket->setMaxAllowedIncomingMessageSize(quint64(m_maxMessageBytes));
    socket->setMaxAllowedIncomingFrameSize(quint64(m_maxMessageBytes));
    m_clients.append(client);
    connect(socket, &QWebSocket::textMessageReceived, this, [this, client](const QString &message) {
        if (countIncoming(client))
            handleMessage(client, message);
    });
    connect(socket, &QWebSocket::binaryMessageReceived, this, [this, client] {
        if (countIncoming(client))
            closeClient(client, QWebSocketProtocol::CloseCodeDatatypeNotSupported,
                        QStringLiteral("binary frames are not supported"));
    });
    connect(socket, &QWebSocket::pong, this, [this, client] {
        client->unansweredPingSince = -1;
        countIncoming(client);
    });
    connect(socket, &QWebSocket::bytesWritten, this, [this, client] { updateCongestion(client); });
    connect(socket, &QWebSocket::disconnected, this, [this, client] { remove(client); });
    m_clock->callAfter(PingIntervalMs, client->timers.get(), [this, client] { ping(client); });
    m_clock->callAfter(MaxConnectionMs, client->timers.get(), [this, client] {
        closeClient(client, QWebSocketProtocol::CloseCodeNormal,
                    QStringLiteral("connection lifetime of 24 hours reached"));
    });

    const QUrl url = socket->requestUrl();
    const QString path = url.path();
    QStringList names;
    if (path == QLatin1StringView("/stream")) {
        client->combined = true;
        names = QUrlQuery(url)
                    .queryItemValue(QStringLiteral("streams"), QUrl::FullyDecoded)
                    .split(u'/', Qt::SkipEmptyParts);
    } else if (path.startsWith(QLatin1StringView("/ws/"))) {
        names = path.mid(4).split(u'/', Qt::SkipEmptyParts);
    }
    for (const QString &name : std::as_const(names)) {
        QString symbol;
        Interval interval;
        // Not a stream (ccxt pro connects to /ws/<hash>): no stream yet, subscribe later.
        if (parseStreamName(name, &symbol, &interval)
            && client->streams.size() < MaxStreamsPerConnection)
            subscribe(client, name.toLatin1());
    }
    emit clientCountChanged(clientCount());
}

bool KlineStreamHub::countIncoming(Client *client)
{
    // A sliding second: the message before the last five must be a second old.
    const qint64 now = m_clock->nowMs();
    qint64 &oldest = client->recentIncoming[client->incomingCount % MaxIncomingPerSecond];
    if (client->incomingCount >= MaxIncomingPerSecond && now - oldest < 1000) {
        closeClient(
            client, QWebSocketProtocol::CloseCodePolicyViolated,
            QStringLiteral("too many messages: at most %1 per second").arg(MaxIncomingPerSecond));
        return false;
    }
    oldest = now;
    ++client->incomingCount;
    return true;
}

void KlineStreamHub::ping(Client *client)
{
    const qint64 now = m_clock->nowMs();
    if (client->unansweredPingSince >= 0 && now - client->unansweredPingSince >= PongTimeoutMs) {
        abortClient(client, m_closedByRules); // it does not answer: no close handshake
        return;
    }
    if (client->unansweredPingSince < 0)
        client->unansweredPingSince = now;
    client->socket->ping();
    m_clock->callAfter(PingIntervalMs, client->timers.get(), [this, client] { ping(client); });
}

void KlineStreamHub::closeClient(Client *client, int closeCode, const QString &reason)
{
    ++m_closedByRules;
    QWebSocket *socket = client->socket;
    remove(client);
    socket->close(QWebSocketProtocol::CloseCode(closeCode), reason);
}

void KlineStreamHub::abortClient(Client *client, qint64 &counter)
{
    ++counter;
    QWebSocket *socket = client->socket;
    remove(client);
    socket->abort();
}

void KlineStreamHub::remove(Client *client)
{
    if (!m_clients.removeOne(client))
        return;
    ++m_removals;
    if (client->congested)
        setCongested(client, false);
    for (const QByteArray &stream : std::as_const(client->streams))
        leaveStream(client, stream);
    QWebSocket *socket = client->socket;
    socket->disconnect(this);
    if (socket->state() == QAbstractSocket::UnconnectedState) {
        socket->deleteLater();
    } else {
        // Kept until it is closed (a close frame still has to go out); the hub deletes what
        // is left.
        socket->setParent(this);
        connect(socket, &QWebSocket::disconnected, socket, &QObject::deleteLater);
    }
    delete client;
    emit clientCountChanged(clientCount());
}

void KlineStreamHub::subscribe(Client *client, const QByteArray &stream)
{
    if (client->streams.contains(stream))
        return;
    client->streams.append(stream);
    m_byStream[stream].append(client);
}

void KlineStreamHub::unsubscribe(Client *client, const QByteArray &stream)
{
    if (client->streams.removeOne(stream))
        leaveStream(client, stream);
}

void KlineStreamHub::leaveStream(Client *client, const QByteArray &stream)
{
    auto it = m_byStream.find(stream);
    if (it == m_byStream.end())
        return;
    it->removeOne(client);
    if (it->isEmpty())
        m_byStream.erase(it);
}

void KlineStreamHub::send(Client *client, const QString &frame)
{
    client->socket->sendTextMessage(frame);
    if (client->socket->bytesToWrite() > m_maxPendingBytes)
        abortClient(client, m_droppedSlow);
    else
        updateCongestion(client);
}

void KlineStreamHub::updateCongestion(Client *client)
{
    const qint64 pending = client->socket->bytesToWrite();
    if (!client->congested && pending > m_highWater)
        setCongested(client, true);
    else if (client->congested && pending <= m_lowWater)
        setCongested(client, false);
}

void KlineStreamHub::setCongested(Client *client, bool congested)
{
    client->congested = congested;
    delete client->stallCheck;
    client->stallCheck = nullptr;
    if (congested) {
        client->stallCheck = m_clock->callAfter(m_maxStallMs, client->timers.get(), [this, client] {
            client->stallCheck = nullptr;
            abortClient(client, m_droppedSlow);
        });
        if (++m_congested == 1)
            emit congestionChanged(true);
    } else if (--m_congested == 0) {
        emit congestionChanged(false);
    }
}

void KlineStreamHub::publish(const SeriesKey &key, const Candle &candle)
{
    const QByteArray stream = BinanceFormat::streamName(key.symbol, key.interval);
    const auto it = m_byStream.constFind(stream);
    if (it == m_byStream.constEnd())
        return;
    const qint64 eventTime = m_eventTime();
    // One serialization per form (raw, combined) for all clients.
    QString frames[2];
    // A copy: a slow client is removed while we send.
    const QList<Client *> clients = *it;
    const quint64 removals = m_removals;
    for (Client *c : clients) {
        if (m_removals != removals && !m_clients.contains(c))
            continue;
        QString &frame = frames[c->combined ? 1 : 0];
        if (frame.isEmpty()) {
            QByteArray utf8;
            BinanceFormat::appendKlineEvent(utf8, key.symbol, key.interval, candle, eventTime,
                                            c->combined ? stream : QByteArray());
            frame = QString::fromLatin1(utf8);
        }
        send(c, frame);
    }
}

QList<SeriesKey> KlineStreamHub::subscribedSeries(const QString &exchange) const
{
    QList<SeriesKey> keys;
    for (auto it = m_byStream.cbegin(); it != m_byStream.cend(); ++it) {
        SeriesKey key{exchange, {}, Interval::M1};
        if (parseStreamName(QString::fromLatin1(it.key()), &key.symbol, &key.interval))
            keys.append(key);
    }
    return keys;
}

void KlineStreamHub::handleMessage(Client *client, const QString &message)
{
    const auto reply = [this, client](const QJsonObject &o) {
        send(client, QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact)));
    };
    const auto error = [&reply](int code, const QString &msg, const QJsonValue &id) {
        reply(
            QJsonObject{{QStringLiteral("error"),
                         QJsonObject{{QStringLiteral("code"), code}, {QStringLiteral("msg"), msg}}},
                        {QStringLiteral("id"), id}});
    };
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(message.toUtf8(), &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
        error(3, QStringLiteral("Invalid JSON: %1").arg(parseError.errorString()), QJsonValue());
        return;
    }
    const QJsonObject o = doc.object();
    const QJsonValue id = o.value(QStringLiteral("id"));
    if (!id.isNull() && !id.isUndefined() && (!id.isDouble() || id.toDouble() < 0)) {
        error(2, QStringLiteral("Invalid request: request ID must be an unsigned integer"), id);
        return;
    }
    const QString method = o.value(QStringLiteral("method")).toString();
    if (method == QLatin1StringView("LIST_SUBSCRIPTIONS")) {
        QJsonArray list;
        for (const QByteArray &s : std::as_const(client->streams))
            list.append(QString::fromLatin1(s));
        reply(QJsonObject{{QStringLiteral("result"), list}, {QStringLiteral("id"), id}});
        return;
    }
    if (method != QLatin1StringView("SUBSCRIBE") && method != QLatin1StringView("UNSUBSCRIBE")) {
        error(2,
              QStringLiteral("Invalid request: unknown variant %1, expected one of SUBSCRIBE, "
                             "UNSUBSCRIBE, LIST_SUBSCRIPTIONS")
                  .arg(method),
              id);
        return;
    }
    const QJsonValue params = o.value(QStringLiteral("params"));
    if (!params.isArray()) {
        error(2, QStringLiteral("Invalid request: params must be an array"), id);
        return;
    }
    QList<QByteArray> names;
    for (const QJsonValue &v : params.toArray()) {
        QString symbol;
        Interval interval;
        if (!v.isString() || !parseStreamName(v.toString(), &symbol, &interval)) {
            error(2, QStringLiteral("Invalid request: invalid stream"), id);
            return;
        }
        names.append(v.toString().toLatin1());
    }
    if (method == QLatin1StringView("SUBSCRIBE")) {
        qsizetype fresh = 0;
        for (const QByteArray &n : std::as_const(names))
            fresh += !client->streams.contains(n);
        if (client->streams.size() + fresh > MaxStreamsPerConnection) {
            error(2, QStringLiteral("Invalid request: too many streams"), id);
            return;
        }
        for (const QByteArray &n : std::as_const(names))
            subscribe(client, n);
    } else {
        for (const QByteArray &n : std::as_const(names))
            unsubscribe(client, n);
    }
    reply(QJsonObject{{QStringLiteral("result"), QJsonValue()}, {QStringLiteral("id"), id}});
}

} // namespace Candlewick
