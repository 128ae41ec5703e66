#include "klinestreamhub.h"

#include "binanceformat.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QUrlQuery>
#include <QWebSocket>

namespace Candlewick {

struct KlineStreamHub::Client
{
    QWebSocket *socket = nullptr;
    bool combined = false;
    QList<QByteArray> streams; // in subscription order
};

KlineStreamHub::KlineStreamHub(std::function<qint64()> now, QObject *parent)
    : QObject(parent)
    , m_now(std::move(now))
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
    connect(socket, &QWebSocket::textMessageReceived, this,
            [this, client](const QString &message) { handleMessage(client, message); });
    connect(socket, &QWebSocket::binaryMessageReceived, this, [this, client] {
        client->socket->close(QWebSocketProtocol::CloseCodeDatatypeNotSupported,
                              QStringLiteral("binary frames are not supported"));
    });
    connect(socket, &QWebSocket::disconnected, this, [this, client] { remove(client); });

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

void KlineStreamHub::remove(Client *client)
{
    if (!m_clients.removeOne(client))
        return;
    for (const QByteArray &stream : std::as_const(client->streams)) {
        auto it = m_byStream.find(stream);
        if (it != m_byStream.end()) {
            it->removeOne(client);
            if (it->isEmpty())
                m_byStream.erase(it);
        }
    }
    client->socket->disconnect(this);
    client->socket->deleteLater();
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
    if (!client->streams.removeOne(stream))
        return;
    auto it = m_byStream.find(stream);
    if (it != m_byStream.end()) {
        it->removeOne(client);
        if (it->isEmpty())
            m_byStream.erase(it);
    }
}

void KlineStreamHub::send(Client *client, const QByteArray &frame)
{
    client->socket->sendTextMessage(QString::fromUtf8(frame));
    if (client->socket->bytesToWrite() > m_maxPendingBytes) {
        ++m_droppedSlow;
        QWebSocket *socket = client->socket;
        remove(client);
        socket->abort();
    }
}

void KlineStreamHub::publish(const SeriesKey &key, const Candle &candle)
{
    const QByteArray stream = BinanceFormat::streamName(key.symbol, key.interval);
    const auto it = m_byStream.constFind(stream);
    if (it == m_byStream.constEnd())
        return;
    const qint64 eventTime = m_now();
    QByteArray raw;
    QByteArray combined;
    // A copy: a slow client is removed while we send.
    const QList<Client *> clients = *it;
    for (Client *c : clients) {
        QByteArray &frame = c->combined ? combined : raw;
        if (frame.isEmpty())
            BinanceFormat::appendKlineEvent(frame, key.symbol, key.interval, candle, eventTime,
                                            c->combined ? stream : QByteArray());
        if (m_clients.contains(c))
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
        send(client, QJsonDocument(o).toJson(QJsonDocument::Compact));
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
