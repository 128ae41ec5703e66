#include "streamconnection.h"

#include "klineeventparser.h"
#include "streamlogging.h"

#include <clock.h>
#include <endpoints.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkRequest>
#include <QWebSocket>

#include <algorithm>
#include <chrono>

namespace Candlewick {

namespace {

qint64 steadyNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

} // namespace

StreamConnection::StreamConnection(const QUrl &baseUrl, Clock *clock, KlineEventParser *parser,
                                   Options options, QObject *parent)
    : QObject(parent)
    , m_baseUrl(baseUrl)
    , m_clock(clock)
    , m_parser(parser)
    , m_options(options)
{
}

StreamConnection::~StreamConnection()
{
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
    }
}

QStringList StreamConnection::streams() const
{
    QStringList list(m_streams.begin(), m_streams.end());
    list.sort();
    return list;
}

void StreamConnection::open(const QStringList &streams)
{
    Q_ASSERT(m_state == State::Idle);
    m_streams = QSet<QString>(streams.begin(), streams.end());
    const QStringList inUrl = streams.mid(0, m_options.maxStreamsInUrl);
    m_toSubscribe = streams.mid(m_options.maxStreamsInUrl);

    m_url = Endpoints::joined(m_baseUrl, QStringLiteral("/stream"));
    if (!inUrl.isEmpty())
        m_url.setQuery(QLatin1StringView("streams=") + inUrl.join(u'/'));
    else
        m_url.setQuery(QString());

    m_timers = new QObject(this);
    m_socket = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this);
    m_socket->setMaxAllowedIncomingMessageSize(1 << 20);
    connect(m_socket, &QWebSocket::connected, this, &StreamConnection::handleConnected);
    connect(m_socket, &QWebSocket::disconnected, this, &StreamConnection::handleDisconnected);
    connect(m_socket, &QWebSocket::textMessageReceived, this, &StreamConnection::handleTextMessage);
    connect(m_socket, &QWebSocket::pong, this, &StreamConnection::handlePong);
    connect(m_socket, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error), this,
            &StreamConnection::handleError);
    connect(m_socket, &QWebSocket::binaryMessageReceived, this, [this](const QByteArray &) {
        emit frameRejected(tr("unexpected binary frame"), false);
    });
#ifndef QT_NO_SSL
    // TLS errors are never ignored: the handshake fails and we say why.
    connect(m_socket, &QWebSocket::sslErrors, this, [this](const QList<QSslError> &errors) {
        QStringList texts;
        for (const QSslError &e : errors)
            texts.append(e.errorString());
        fail(tr("TLS error: %1").arg(texts.join(QLatin1StringView("; "))));
    });
#endif

    m_state = State::Connecting;
    m_clock->callAfter(m_options.connectTimeoutMs, m_timers, [this] {
        if (m_state == State::Connecting)
            fail(tr("connect timeout after %1 ms").arg(m_options.connectTimeoutMs));
    });
    m_socket->open(QNetworkRequest(m_url));
}

void StreamConnection::subscribe(const QStringList &streams)
{
    for (const QString &s : streams) {
        m_toUnsubscribe.removeAll(s);
        if (m_streams.contains(s))
            continue;
        m_streams.insert(s);
        if (m_state == State::Connecting || m_state == State::Open)
            m_toSubscribe.append(s);
    }
    pump();
}

void StreamConnection::unsubscribe(const QStringList &streams)
{
    for (const QString &s : streams) {
        if (!m_streams.remove(s))
            continue;
        if (m_toSubscribe.removeAll(s) > 0)
            continue; // never sent
        if (m_state == State::Connecting || m_state == State::Open)
            m_toUnsubscribe.append(s);
    }
    pump();
}

void StreamConnection::close()
{
    if (m_state == State::Closed)
        return;
    const bool wasOpen = m_state == State::Open;
    m_state = State::Closed;
    delete m_timers;
    m_timers = nullptr;
    m_pumpHandle = nullptr;
    if (m_socket) {
        m_socket->disconnect(this);
        if (wasOpen)
            m_socket->close();
        else
            m_socket->abort();
    }
}

void StreamConnection::fail(const QString &reason)
{
    if (m_state == State::Closed)
        return;
    m_state = State::Closed;
    delete m_timers;
    m_timers = nullptr;
    m_pumpHandle = nullptr;
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
    }
    emit failed(reason);
}

void StreamConnection::handleConnected()
{
    if (m_state != State::Connecting)
        return;
    m_state = State::Open;
    m_wasOpened = true;
    m_openedAt = m_clock->nowMs();
    m_lastFrameAt = m_openedAt;
    scheduleCheck();
    emit opened();
    pump();
}

void StreamConnection::handleDisconnected()
{
    if (m_state == State::Closed)
        return;
    const QString reason = m_socket->closeReason();
    const int code = int(m_socket->closeCode());
    if (m_state == State::Connecting)
        fail(tr("connection failed: %1").arg(m_socket->errorString()));
    else
        fail(tr("closed by server (code %1%2)")
                 .arg(code)
                 .arg(reason.isEmpty() ? QString() : QStringLiteral(", ") + reason));
}

void StreamConnection::handleError(QAbstractSocket::SocketError)
{
    if (m_state == State::Connecting)
        fail(tr("connection failed: %1").arg(m_socket->errorString()));
}

void StreamConnection::handleTextMessage(const QString &message)
{
    if (m_state != State::Open)
        return;
    m_frameNs = steadyNs();
    m_lastFrameAt = m_clock->nowMs();
    const KlineEvent event = m_parser->parse(message);
    switch (event.kind) {
    case KlineEvent::Kind::Kline:
        m_eventSeen = true;
        emit klineReceived(event);
        break;
    case KlineEvent::Kind::Trade:
        m_eventSeen = true;
        emit tradeReceived(event);
        break;
    case KlineEvent::Kind::Response: {
        const PendingRequest request = m_requests.take(event.id);
        if (request.method.isEmpty()) {
            emit frameRejected(tr("response to unknown request id %1").arg(event.id), false);
            break;
        }
        const bool ok = event.errorCode == 0;
        emit controlAnswered(request.method, request.streams, ok,
                             ok ? QString()
                                : tr("%1 (code %2)").arg(event.errorMessage).arg(event.errorCode));
        break;
    }
    case KlineEvent::Kind::ServerShutdown:
        emit serverShutdownAnnounced();
        break;
    case KlineEvent::Kind::Unknown:
        emit frameRejected(event.reason, true);
        break;
    case KlineEvent::Kind::Rejected:
        emit frameRejected(event.reason, false);
        break;
    }
}

void StreamConnection::handlePong(quint64, const QByteArray &)
{
    m_pongPending = false;
}

void StreamConnection::scheduleCheck()
{
    const qint64 shortest
        = std::min({m_options.watchdogMs, m_options.pongTimeoutMs, m_options.pingIntervalMs});
    const qint64 period = std::max<qint64>(50, shortest / 4);
    m_clock->callAfter(period, m_timers, [this] { check(); });
}

void StreamConnection::check()
{
    if (m_state != State::Open)
        return;
    const qint64 now = m_clock->nowMs();
    if (now - m_lastFrameAt >= m_options.watchdogMs) {
        // A route that accepts the connection (and acknowledges subscriptions) but serves no
        // kline streams looks exactly like this.
        fail(m_eventSeen ? tr("no data for %1 ms").arg(now - m_lastFrameAt)
                         : tr("no data for %1 ms and no kline event since connecting "
                              "(does %2 serve kline streams?)")
                               .arg(now - m_lastFrameAt)
                               .arg(m_baseUrl.toDisplayString()));
        return;
    }
    if (m_pongPending && now - m_lastPingAt >= m_options.pongTimeoutMs) {
        fail(tr("no pong within %1 ms").arg(now - m_lastPingAt));
        return;
    }
    if (!m_pongPending && !m_pingQueued
        && now - std::max(m_lastPingAt, m_openedAt) >= m_options.pingIntervalMs) {
        m_pingQueued = true;
        pump();
    }
    scheduleCheck();
}

bool StreamConnection::takeBudget()
{
    const qint64 now = m_clock->nowMs();
    m_sentTimes.removeIf([now](qint64 t) { return t <= now - 1000; });
    if (m_sentTimes.size() >= m_options.maxMessagesPerSecond)
        return false;
    m_sentTimes.append(now);
    ++m_messagesSent;
    return true;
}

void StreamConnection::pump()
{
    if (m_state != State::Open || m_pumpHandle)
        return;
    auto send = [this](const QString &method, QStringList &queue) {
        const QStringList params = queue.mid(0, m_options.maxParamsPerMessage);
        queue.remove(0, params.size());
        const qint64 id = m_nextId++;
        m_requests.insert(id, {method, params});
        const QJsonObject request{{QStringLiteral("method"), method},
                                  {QStringLiteral("params"), QJsonArray::fromStringList(params)},
                                  {QStringLiteral("id"), id}};
        m_socket->sendTextMessage(
            QString::fromUtf8(QJsonDocument(request).toJson(QJsonDocument::Compact)));
    };
    while (m_pingQueued || !m_toUnsubscribe.isEmpty() || !m_toSubscribe.isEmpty()) {
        if (!takeBudget()) {
            const qint64 wakeAt = m_sentTimes.first() + 1000;
            m_pumpHandle = m_clock->callAt(wakeAt, m_timers, [this] {
                m_pumpHandle = nullptr;
                pump();
            });
            return;
        }
        if (m_pingQueued) {
            m_pingQueued = false;
            m_lastPingAt = m_clock->nowMs();
            m_pongPending = true;
            m_socket->ping(QByteArray::number(m_lastPingAt));
        } else if (!m_toUnsubscribe.isEmpty()) {
            send(QStringLiteral("UNSUBSCRIBE"), m_toUnsubscribe);
        } else {
            send(QStringLiteral("SUBSCRIBE"), m_toSubscribe);
        }
    }
}

} // namespace Candlewick
