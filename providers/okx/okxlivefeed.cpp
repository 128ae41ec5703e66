#include "okxlivefeed.h"

#include "okxexchange.h"
#include "okxparser.h"

#include <candlevalidation.h>
#include <exchange.h>
#include <clock.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QWebSocket>

#include <utility>

namespace Candlewick {

OkxLiveFeed::OkxLiveFeed(const QUrl &wsUrl, Clock *clock, QObject *parent)
    : LiveFeed(parent)
    , m_url(wsUrl)
    , m_clock(clock ? clock : Clock::system())
    , m_retry(1000, 500, 30000)
{
}

OkxLiveFeed::~OkxLiveFeed()
{
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
    }
}

QString OkxLiveFeed::channelName(Interval interval)
{
    const QString bar = Okx::barName(interval);
    return bar.isEmpty() ? QString() : QStringLiteral("candle") + bar;
}

SeriesKey OkxLiveFeed::wireKey(const SeriesKey &key, Interval source)
{
    return {key.exchange, key.symbol, source};
}

bool OkxLiveFeed::wireKeyUsed(const SeriesKey &wire) const
{
    for (auto it = m_series.cbegin(); it != m_series.cend(); ++it) {
        if (wireKey(it.key(), it->source) == wire)
            return true;
    }
    return false;
}

void OkxLiveFeed::subscribe(const SeriesKey &key)
{
    if (m_series.contains(key))
        return;
    const std::optional<Interval> source = Okx::exchange().sourceInterval(key.interval);
    if (!source) {
        emit logMessage(tr("OKX streams no %1 candles: %2 is not recorded live")
                            .arg(Intervals::name(key.interval), key.symbol));
        return;
    }
    const SeriesKey wire = wireKey(key, *source);
    const bool used = wireKeyUsed(wire);
    Series series;
    series.source = *source;
    m_series.insert(key, series);
    if (used)
        return;
    m_toUnsubscribe.removeAll(wire);
    if (state() == ConnectionState::Live) {
        m_toSubscribe.append(wire);
        queueFlush();
    } else if (!m_socket && !m_reconnect)
        connectNow();
}

void OkxLiveFeed::unsubscribe(const SeriesKey &key)
{
    const auto it = m_series.constFind(key);
    if (it == m_series.cend())
        return;
    const SeriesKey wire = wireKey(key, it->source);
    m_series.erase(it);
    if (wireKeyUsed(wire))
        return;
    if (m_toSubscribe.removeAll(wire) == 0 && state() == ConnectionState::Live) {
        m_toUnsubscribe.append(wire);
        queueFlush();
    }
}

void OkxLiveFeed::queueFlush()
{
    if (m_flushQueued)
        return;
    m_flushQueued = true;
    QMetaObject::invokeMethod(this, &OkxLiveFeed::flushControl, Qt::QueuedConnection);
}

void OkxLiveFeed::flushControl()
{
    m_flushQueued = false;
    sendControl("unsubscribe", std::exchange(m_toUnsubscribe, {}));
    sendControl("subscribe", std::exchange(m_toSubscribe, {}));
}

void OkxLiveFeed::connectNow()
{
    delete m_reconnect;
    if (m_series.isEmpty())
        return;
    ++m_stats.connectAttempts;
    setState(m_stats.connectAttempts > 1 ? ConnectionState::Reconnecting
                                         : ConnectionState::Connecting);
    m_socket = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this);
    connect(m_socket, &QWebSocket::connected, this, &OkxLiveFeed::handleConnected);
    connect(m_socket, &QWebSocket::disconnected, this, &OkxLiveFeed::handleDisconnected);
    connect(m_socket, &QWebSocket::textMessageReceived, this, &OkxLiveFeed::handleText);
    m_socket->open(m_url);
}

void OkxLiveFeed::handleConnected()
{
    m_failures = 0;
    m_toSubscribe.clear();
    m_toUnsubscribe.clear();
    setState(ConnectionState::Live);
    const QList<SeriesKey> keys = m_series.keys();
    QList<SeriesKey> wires;
    for (auto it = m_series.cbegin(); it != m_series.cend(); ++it) {
        const SeriesKey wire = wireKey(it.key(), it->source);
        if (!wires.contains(wire))
            wires.append(wire);
    }
    sendControl("subscribe", wires);
    armKeepalive();
    emit seriesConnected(keys);
}

void OkxLiveFeed::handleDisconnected()
{
    delete m_keepalive;
    if (m_socket) {
        m_socket->deleteLater();
        m_socket = nullptr;
    }
    if (state() == ConnectionState::Live)
        ++m_stats.reconnects;
    setState(ConnectionState::Reconnecting);
    const qint64 delay = m_retry.delayMs(std::min(++m_failures, 10));
    emit logMessage(
        tr("OKX WebSocket %1 closed; reconnecting in %2 ms").arg(m_url.toString()).arg(delay));
    m_reconnect = m_clock->callAfter(delay, this, [this] { connectNow(); });
}

void OkxLiveFeed::sendControl(const char *op, const QList<SeriesKey> &keys)
{
    if (!m_socket || keys.isEmpty())
        return;
    QJsonArray args;
    for (const SeriesKey &key : keys)
        args.append(QJsonObject{{QStringLiteral("channel"), channelName(key.interval)},
                                {QStringLiteral("instId"), key.symbol}});
    const QJsonObject message{{QStringLiteral("op"), QLatin1StringView(op)},
                              {QStringLiteral("args"), args}};
    m_socket->sendTextMessage(
        QString::fromUtf8(QJsonDocument(message).toJson(QJsonDocument::Compact)));
}

void OkxLiveFeed::armKeepalive()
{
    delete m_keepalive;
    m_keepalive = m_clock->callAfter(IdlePingMs, this, [this] {
        if (!m_socket)
            return;
        m_socket->sendTextMessage(QStringLiteral("ping"));
        m_keepalive = m_clock->callAfter(PongTimeoutMs, this, [this] {
            emit logMessage(tr("OKX WebSocket: no pong; reconnecting"));
            if (m_socket)
                m_socket->abort();
        });
    });
}

void OkxLiveFeed::handleText(const QString &text)
{
    ++m_stats.frames;
    armKeepalive();
    if (text == QLatin1StringView("pong"))
        return;
    const QJsonObject o = QJsonDocument::fromJson(text.toUtf8()).object();
    const QString event = o.value(QLatin1StringView("event")).toString();
    if (event == QLatin1StringView("error")) {
        ++m_stats.controlErrors;
        emit logMessage(tr("OKX refused a request: code %1: %2")
                            .arg(o.value(QLatin1StringView("code")).toString(),
                                 o.value(QLatin1StringView("msg")).toString()));
        return;
    }
    if (!event.isEmpty())
        return; // subscribe / unsubscribe acknowledgements, notices
    const QJsonObject arg = o.value(QLatin1StringView("arg")).toObject();
    const QString channel = arg.value(QLatin1StringView("channel")).toString();
    const QString instId = arg.value(QLatin1StringView("instId")).toString();
    QList<SeriesKey> keys;
    for (auto it = m_series.cbegin(); it != m_series.cend(); ++it) {
        if (it.key().symbol == instId && channelName(it->source) == channel)
            keys.append(it.key());
    }
    if (keys.isEmpty())
        ++m_stats.rejectedFrames;
    const QJsonArray data = o.value(QLatin1StringView("data")).toArray();
    for (const SeriesKey &key : std::as_const(keys))
        handleRows(key, data);
}

void OkxLiveFeed::handleRows(const SeriesKey &key, const QJsonArray &data)
{
    QList<OkxParser::CandleRow> rows;
    const QString why
        = OkxParser::parseCandleRows(data, OkxParser::isDerivative(key.symbol), &rows);
    if (!why.isEmpty()) {
        ++m_stats.rejectedFrames;
        emit logMessage(tr("OKX sent a malformed candle for %1: %2").arg(key.symbol, why));
        return;
    }
    // Oldest first, whatever order a push has.
    std::sort(rows.begin(), rows.end(),
              [](const auto &a, const auto &b) { return a.candle.openTime < b.candle.openTime; });
    for (const OkxParser::CandleRow &row : std::as_const(rows)) {
        auto it = m_series.find(key);
        if (it == m_series.end())
            return;
        Series &s = *it;
        const QString rejection = candleRejection(row.candle, s.source);
        if (!rejection.isEmpty()) {
            ++m_stats.rejectedFrames;
            emit logMessage(tr("OKX %1: dropped a candle: %2").arg(key.symbol, rejection));
            continue;
        }
        if (s.source != key.interval) {
            handleBuiltRow(key, s, row);
            continue;
        }
        const qint64 open = row.candle.openTime;
        if (open < s.lastOpen || (open == s.lastOpen && s.lastClosed)) {
            ++m_stats.duplicatesDropped;
            continue;
        }
        if (open > s.lastOpen && s.lastOpen >= 0 && !s.lastClosed) {
            // The previous candle never got its confirm "1": let the gap-free layer take its
            // final values over REST.
            emit seriesConnected({key});
        }
        s.lastOpen = open;
        s.lastClosed = row.confirmed;
        if (row.confirmed) {
            ++m_stats.closedEmitted;
            emit candleClosed(key, row.candle);
        } else {
            ++m_stats.updatesEmitted;
            emit candleUpdated(key, row.candle);
        }
    }
}

void OkxLiveFeed::handleBuiltRow(const SeriesKey &key, Series &s, const OkxParser::CandleRow &row)
{
    const qint64 part = row.candle.openTime;
    const qint64 bucket = Intervals::alignDown(key.interval, part);
    if (bucket < s.lastOpen || (bucket == s.lastOpen && s.lastClosed)) {
        ++m_stats.duplicatesDropped;
        return;
    }
    if (bucket > s.lastOpen) {
        if (s.lastOpen >= 0 && !s.lastClosed)
            emit seriesConnected({key}); // the previous bucket never completed: REST builds it
        s.lastOpen = bucket;
        s.lastClosed = false;
        s.parts.clear();
    }
    s.parts.insert(part, row);
    // Only a bucket seen from its first part on can be shown; it is closed once every part has
    // arrived closed.
    if (s.parts.firstKey() != bucket)
        return;
    Candle built = s.parts.first().candle;
    built.volume = 0;
    built.quoteVolume = 0;
    bool complete = true;
    qint64 expected = bucket;
    for (const OkxParser::CandleRow &p : std::as_const(s.parts)) {
        complete = complete && p.confirmed && p.candle.openTime == expected;
        expected = Intervals::next(s.source, p.candle.openTime);
        built.high = std::max(built.high, p.candle.high);
        built.low = std::min(built.low, p.candle.low);
        built.close = p.candle.close;
        built.volume += p.candle.volume;
        built.quoteVolume += p.candle.quoteVolume;
    }
    complete = complete && expected == Intervals::next(key.interval, bucket);
    built.openTime = bucket;
    built.closed = complete;
    if (complete) {
        s.lastClosed = true;
        ++m_stats.closedEmitted;
        emit candleClosed(key, built);
    } else {
        ++m_stats.updatesEmitted;
        emit candleUpdated(key, built);
    }
}

} // namespace Candlewick
