#include "bybitlivefeed.h"

#include "bybitapi.h"
#include "bybitexchange.h"

#include <candlevalidation.h>
#include <clock.h>
#include <exchange.h>
#include <resampler.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QWebSocket>

namespace Candlewick {

BybitLiveFeed::BybitLiveFeed(const Exchange &exchange, const QUrl &url, Clock *clock,
                             QObject *parent)
    : LiveFeed(parent)
    , m_exchange(exchange)
    , m_url(url)
    , m_clock(clock ? clock : Clock::system())
{
    qRegisterMetaType<Candlewick::SeriesKey>();
    qRegisterMetaType<Candlewick::Candle>();
    qRegisterMetaType<Candlewick::ConnectionState>();
}

BybitLiveFeed::~BybitLiveFeed()
{
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
    }
}

QString BybitLiveFeed::topicOf(const SeriesKey &key) const
{
    const std::optional<Interval> source = m_exchange.sourceInterval(key.interval);
    const QString code = source ? Bybit::intervalCode(*source) : QString();
    return code.isEmpty() ? QString() : BybitApi::klineTopic(code, key.symbol);
}

void BybitLiveFeed::subscribe(const SeriesKey &key)
{
    const QString topic = topicOf(key);
    if (topic.isEmpty()) {
        emit logMessage(tr("Bybit has no %1 candles: %2 not subscribed")
                            .arg(Intervals::name(key.interval), key.toString()));
        return;
    }
    if (m_keys.contains(key))
        return;
    m_keys.append(key);
    const bool newTopic = !m_topics.contains(topic);
    m_topics[topic].append(key);
    if (state() == ConnectionState::Live) {
        if (newTopic)
            sendOp(QStringLiteral("subscribe"), {topic});
        emit seriesConnected({key});
    } else if (!m_socket) {
        connectSocket();
    }
}

void BybitLiveFeed::unsubscribe(const SeriesKey &key)
{
    if (!m_keys.removeOne(key))
        return;
    const QString topic = topicOf(key);
    m_lastClosed.remove(key);
    m_built.remove(key);
    QList<SeriesKey> &keys = m_topics[topic];
    keys.removeOne(key);
    if (!keys.isEmpty())
        return;
    m_topics.remove(topic);
    if (state() == ConnectionState::Live)
        sendOp(QStringLiteral("unsubscribe"), {topic});
}

void BybitLiveFeed::connectSocket()
{
    delete m_reconnect.data();
    m_socket = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this);
    connect(m_socket, &QWebSocket::connected, this, &BybitLiveFeed::handleConnected);
    connect(m_socket, &QWebSocket::disconnected, this, &BybitLiveFeed::handleDisconnected);
    connect(m_socket, &QWebSocket::textMessageReceived, this, &BybitLiveFeed::handleText);
    ++m_stats.connectAttempts;
    setState(m_stats.connectAttempts == 1 ? ConnectionState::Connecting
                                          : ConnectionState::Reconnecting);
    armWatchdog();
    m_socket->open(m_url);
}

void BybitLiveFeed::handleConnected()
{
    m_failures = 0;
    // Source candles may have been missed: no bucket open before now is complete.
    m_built.clear();
    setState(ConnectionState::Live);
    const QStringList topics = m_topics.keys();
    for (qsizetype i = 0; i < topics.size(); i += MaxArgsPerRequest)
        sendOp(QStringLiteral("subscribe"), topics.mid(i, MaxArgsPerRequest));
    armWatchdog();
    schedulePing();
    emit seriesConnected(m_keys);
}

void BybitLiveFeed::schedulePing()
{
    m_ping = m_clock->callAfter(PingIntervalMs, this, [this] {
        sendOp(QStringLiteral("ping"), {});
        schedulePing();
    });
}

void BybitLiveFeed::handleDisconnected()
{
    if (!m_socket)
        return;
    m_socket->disconnect(this);
    m_socket->deleteLater();
    m_socket = nullptr;
    delete m_ping.data();
    delete m_watchdog.data();
    if (state() == ConnectionState::Live)
        ++m_stats.reconnects;
    emit logMessage(tr("Bybit WebSocket %1 closed").arg(m_url.toString()));
    setState(ConnectionState::Reconnecting);
    scheduleReconnect();
}

void BybitLiveFeed::scheduleReconnect()
{
    if (m_topics.isEmpty()) {
        setState(ConnectionState::Disconnected);
        return;
    }
    const qint64 delay = m_backoff.delayMs(++m_failures);
    m_reconnect = m_clock->callAfter(delay, this, [this] { connectSocket(); });
}

void BybitLiveFeed::armWatchdog()
{
    delete m_watchdog.data();
    m_watchdog = m_clock->callAfter(m_stallMs, this, [this] {
        emit logMessage(tr("No kline from Bybit for %1 s: reconnecting").arg(m_stallMs / 1000));
        if (m_socket)
            m_socket->abort(); // disconnected() follows
    });
}

void BybitLiveFeed::sendOp(const QString &op, const QStringList &topics)
{
    if (!m_socket)
        return;
    QJsonObject o{{QStringLiteral("req_id"), QString::number(m_nextReqId++)},
                  {QStringLiteral("op"), op}};
    if (!topics.isEmpty())
        o.insert(QStringLiteral("args"), QJsonArray::fromStringList(topics));
    m_socket->sendTextMessage(QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact)));
}

void BybitLiveFeed::handleText(const QString &text)
{
    ++m_stats.frames;
    BybitApi::StreamMessage message;
    const QString why = BybitApi::parseStreamMessage(text.toUtf8(), &message);
    if (!why.isEmpty()) {
        ++m_stats.rejectedFrames;
        emit logMessage(tr("Bybit sent a malformed message: %1").arg(why));
        return;
    }
    if (message.type == BybitApi::StreamMessage::Type::OpAnswer) {
        if (!message.success && message.op != QLatin1StringView("ping")
            && message.op != QLatin1StringView("pong")) {
            ++m_stats.controlErrors;
            emit logMessage(tr("Bybit refused %1: %2").arg(message.op, message.retMsg));
        }
        return;
    }
    if (message.type != BybitApi::StreamMessage::Type::Kline)
        return;
    const auto it = m_topics.constFind(message.topic);
    if (it == m_topics.constEnd()) {
        ++m_stats.rejectedFrames;
        return;
    }
    armWatchdog();
    const QList<SeriesKey> keys = *it;
    for (const Candle &c : std::as_const(message.candles)) {
        for (const SeriesKey &key : keys) {
            const Interval source = *m_exchange.sourceInterval(key.interval);
            if (!candleRejection(c, source).isEmpty()) {
                ++m_stats.rejectedFrames;
                break;
            }
            if (source == key.interval)
                deliver(key, c);
            else
                deliverBuilt(key, source, c);
        }
    }
}

void BybitLiveFeed::deliver(const SeriesKey &key, const Candle &c)
{
    if (c.openTime <= m_lastClosed.value(key, -1)) {
        ++m_stats.duplicatesDropped;
        return;
    }
    if (c.closed) {
        m_lastClosed.insert(key, c.openTime);
        ++m_stats.closedEmitted;
        emit candleClosed(key, c);
    } else {
        ++m_stats.updatesEmitted;
        emit candleUpdated(key, c);
    }
}

void BybitLiveFeed::deliverBuilt(const SeriesKey &key, Interval source, const Candle &c)
{
    const Interval coarse = key.interval;
    const qint64 bucket = Intervals::alignDown(coarse, c.openTime);
    Built &b = m_built[key];
    if (!c.closed) {
        Candle out = c;
        out.openTime = bucket;
        if (b.have && b.bucket.openTime == bucket) {
            out = b.bucket;
            Resampler::accumulate(out, c);
        }
        out.closed = false;
        ++m_stats.updatesEmitted;
        emit candleUpdated(key, out);
        return;
    }
    if (c.openTime <= b.lastSourceOpen) {
        ++m_stats.duplicatesDropped;
        return;
    }
    if (!b.have || b.bucket.openTime != bucket) {
        b.bucket = c;
        b.bucket.openTime = bucket;
        b.have = true;
        b.complete = c.openTime == bucket;
    } else {
        b.complete = b.complete && c.openTime == Intervals::next(source, b.lastSourceOpen);
        Resampler::accumulate(b.bucket, c);
    }
    b.lastSourceOpen = c.openTime;
    Candle out = b.bucket;
    if (Intervals::next(source, c.openTime) != Intervals::next(coarse, bucket)) {
        out.closed = false;
        ++m_stats.updatesEmitted;
        emit candleUpdated(key, out);
        return;
    }
    b.have = false;
    if (!b.complete || bucket <= m_lastClosed.value(key, -1))
        return;
    out.closed = true;
    m_lastClosed.insert(key, bucket);
    ++m_stats.closedEmitted;
    emit candleClosed(key, out);
}

} // namespace Candlewick
