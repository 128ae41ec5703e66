#include "okxlivefeed.h"

#include "okxexchange.h"
#include "okxparser.h"

#include <candlevalidation.h>
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

void OkxLiveFeed::subscribe(const SeriesKey &key)
{
    if (m_series.contains(key))
        return;
    if (channelName(key.interval).isEmpty()) {
        emit logMessage(QStringLiteral("OKX streams no %1 candles: %2 is not recorded live")
                            .arg(Intervals::name(key.interval), key.symbol));
        return;
    }
    m_series.insert(key, {});
    m_toUnsubscribe.removeAll(key);
    if (m_state == ConnectionState::Live) {
        m_toSubscribe.append(key);
        queueFlush();
    } else if (!m_socket && !m_reconnect)
        connectNow();
}

void OkxLiveFeed::unsubscribe(const SeriesKey &key)
{
    if (!m_series.remove(key))
        return;
    if (m_toSubscribe.removeAll(key) == 0 && m_state == ConnectionState::Live) {
        m_toUnsubscribe.append(key);
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

void OkxLiveFeed::setState(ConnectionState state)
{
    if (m_state == state)
        return;
    m_state = state;
    emit connectionStateChanged(state);
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
    sendControl("subscribe", keys);
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
    if (m_state == ConnectionState::Live)
        ++m_stats.reconnects;
    setState(ConnectionState::Reconnecting);
    const qint64 delay = m_retry.delayMs(std::min(++m_failures, 10));
    emit logMessage(QStringLiteral("OKX WebSocket %1 closed; reconnecting in %2 ms")
                        .arg(m_url.toString())
                        .arg(delay));
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
            emit logMessage(QStringLiteral("OKX WebSocket: no pong; reconnecting"));
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
        emit logMessage(QStringLiteral("OKX refused a request: code %1: %2")
                            .arg(o.value(QLatin1StringView("code")).toString(),
                                 o.value(QLatin1StringView("msg")).toString()));
        return;
    }
    if (!event.isEmpty())
        return; // subscribe / unsubscribe acknowledgements, notices
    const QJsonObject arg = o.value(QLatin1StringView("arg")).toObject();
    const QString channel = arg.value(QLatin1StringView("channel")).toString();
    const QString instId = arg.value(QLatin1StringView("instId")).toString();
    for (auto it = m_series.cbegin(); it != m_series.cend(); ++it) {
        if (it.key().symbol == instId && channelName(it.key().interval) == channel) {
            handleRows(it.key(), o.value(QLatin1StringView("data")).toArray());
            return;
        }
    }
    ++m_stats.rejectedFrames;
}

void OkxLiveFeed::handleRows(const SeriesKey &key, const QJsonArray &data)
{
    QList<OkxParser::CandleRow> rows;
    const QString why
        = OkxParser::parseCandleRows(data, OkxParser::isDerivative(key.symbol), &rows);
    if (!why.isEmpty()) {
        ++m_stats.rejectedFrames;
        emit logMessage(
            QStringLiteral("OKX sent a malformed candle for %1: %2").arg(key.symbol, why));
        return;
    }
    // Oldest first, whatever order a push has.
    std::sort(rows.begin(), rows.end(),
              [](const auto &a, const auto &b) { return a.candle.openTime < b.candle.openTime; });
    for (const OkxParser::CandleRow &row : std::as_const(rows)) {
        const QString rejection = candleRejection(row.candle, key.interval);
        if (!rejection.isEmpty()) {
            ++m_stats.rejectedFrames;
            emit logMessage(
                QStringLiteral("OKX %1: dropped a candle: %2").arg(key.symbol, rejection));
            continue;
        }
        auto it = m_series.find(key);
        if (it == m_series.end())
            return;
        Series &s = *it;
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

} // namespace Candlewick
