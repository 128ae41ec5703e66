#include "fakebinancews.h"

#include "fakebinancerest.h"
#include "synthetictrades.h"

#include <clock.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpServer>
#include <QTcpSocket>
#include <QUrlQuery>
#include <QWebSocket>
#include <QWebSocketServer>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>
#include <string_view>

namespace Candlewick::Testing {

namespace {

quint64 mix(quint64 x)
{
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

quint64 symbolSeed(const QString &symbol)
{
    quint64 h = 1469598103934665603ULL;
    for (QChar ch : symbol) {
        h ^= ch.unicode();
        h *= 1099511628211ULL;
    }
    return h;
}

// Price in units of 1e-8 at time t: a per-second step function around a per-symbol base.
qint64 priceUnits(quint64 seed, qint64 t)
{
    const qint64 base = qint64(1000 + seed % 60000) * 100000000LL; // 1,000 .. 61,000
    const qint64 second = t >= 0 ? t / 1000 : (t - 999) / 1000;
    const qint64 wobble = qint64(mix(seed ^ quint64(second)) % 20001) - 10000; // +-1%
    return base + base / 1000000 * wobble;
}

double units(qint64 u)
{
    return double(u) / 1e8;
}

// Kline streams name their interval; trade streams ("btcusdt@trade") count as 1s.
bool validStreamName(const QString &name, QString *symbol, Interval *interval)
{
    const qsizetype at = name.indexOf(u'@');
    const bool trades = at > 0 && QStringView(name).mid(at + 1) == QLatin1StringView("trade");
    if (at <= 0 || (!trades && !name.mid(at + 1).startsWith(QLatin1StringView("kline_"))))
        return false;
    const QString sym = name.left(at);
    for (QChar ch : sym) {
        if (!(ch.isDigit() || (ch >= u'a' && ch <= u'z')))
            return false; // stream names are lowercase
    }
    const std::optional<Interval> i
        = trades ? Interval::S1 : Intervals::parse(QStringView(name).mid(at + 7));
    if (!i)
        return false;
    *symbol = sym.toUpper();
    *interval = *i;
    return true;
}

} // namespace

FakeBinanceWs::FakeBinanceWs(Clock *clock, QObject *parent)
    : QObject(parent)
    , m_clock(clock)
    , m_tcp(new QTcpServer(this))
    , m_server(new QWebSocketServer(QStringLiteral("fake-binance"), QWebSocketServer::NonSecureMode,
                                    this))
{
    // Every frame goes out at once, like a market-data server: with Nagle's algorithm on, a small
    // frame waits for the ACK of the previous one, and once the client has written (a pong, a
    // SUBSCRIBE) Linux delays its ACKs by 40-200 ms, so frames would trail the test clock.
    connect(m_tcp, &QTcpServer::newConnection, this, [this] {
        while (QTcpSocket *socket = m_tcp->nextPendingConnection()) {
            socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
            m_server->handleConnection(socket);
        }
    });
    connect(m_server, &QWebSocketServer::newConnection, this, &FakeBinanceWs::handleNewConnection);
}

FakeBinanceWs::~FakeBinanceWs()
{
    for (Session *s : std::as_const(m_sessions)) {
        s->socket->disconnect(this);
        s->socket->abort();
        delete s->timers;
        delete s;
    }
    m_sessions.clear();
}

bool FakeBinanceWs::listen(quint16 port)
{
    if (!m_tcp->listen(QHostAddress::LocalHost, port))
        return false;
    scheduleTick();
    return true;
}

quint16 FakeBinanceWs::port() const
{
    return m_tcp->serverPort();
}

QUrl FakeBinanceWs::url() const
{
    return QUrl(QStringLiteral("ws://127.0.0.1:%1").arg(port()));
}

void FakeBinanceWs::setDialect(Dialect dialect)
{
    const bool usdm = dialect == Dialect::UsdM;
    m_route = usdm ? QStringLiteral("/market") : QString();
    m_allowSecondStreams = !usdm;
    m_maxIncomingPerSecond = usdm ? 10 : 5;
    m_pingIntervalMs = usdm ? 3 * 60 * 1000 : 20000;
    m_pongTimeoutMs = usdm ? 10 * 60 * 1000 : 60000;
}

bool FakeBinanceWs::validStream(const QString &name, QString *symbol, Interval *interval) const
{
    return validStreamName(name, symbol, interval)
        && (m_allowSecondStreams || *interval != Interval::S1);
}

void FakeBinanceWs::setCandleSource(CandleSource source)
{
    m_source = std::move(source);
}

void FakeBinanceWs::followRest(const FakeBinanceRest &rest)
{
    m_source = [&rest](const QString &symbol, Interval interval, qint64 openTime,
                       qint64 nowMs) -> std::optional<Candle> {
        return rest.candleAsOf(symbol, interval, openTime, nowMs);
    };
}

std::optional<Candle> FakeBinanceWs::defaultCandle(const QString &symbol, Interval interval,
                                                   qint64 openTime, qint64 nowMs)
{
    if (!Intervals::isAligned(interval, openTime) || nowMs < openTime)
        return std::nullopt;
    const quint64 seed = symbolSeed(symbol);
    const qint64 next = Intervals::next(interval, openTime);
    const qint64 o = priceUnits(seed, openTime);
    const qint64 c = priceUnits(seed, next);
    const quint64 h = mix(seed ^ quint64(openTime) ^ (quint64(interval) << 56));
    const qint64 up = std::max(o, c) / 100000 * qint64(h % 500);
    const qint64 down = std::min(o, c) / 100000 * qint64((h >> 16) % 500);
    const qint64 volUnits = qint64((h >> 32) % 100000) * 1000000 + 100000000;
    const qint64 trades = qint64((h >> 40) % 5000) + 1;

    // The fraction of the candle that has elapsed at nowMs, in 1/1000s.
    const qint64 length = next - openTime;
    const bool closed = nowMs >= next;
    const qint64 f = closed ? 1000 : std::clamp<qint64>((nowMs - openTime) * 1000 / length, 0, 999);

    Candle k;
    k.openTime = openTime;
    k.closed = closed;
    const qint64 cl = o + (c - o) * f / 1000;
    const qint64 hi = std::max(o, cl) + up * f / 1000;
    const qint64 lo = std::min(o, cl) - down * f / 1000;
    const qint64 vol = volUnits * f / 1000;
    k.open = units(o);
    k.close = units(cl);
    k.high = units(hi);
    k.low = units(lo);
    k.volume = units(vol);
    k.quoteVolume = units(vol / 1000 * ((o + cl) / 2 / 100000)); // vol * mid / 1e8, in units
    k.trades = trades * f / 1000;
    k.takerBuyBase = units(vol * 2 / 5);
    k.takerBuyQuote = units(vol * 2 / 5 / 1000 * ((o + cl) / 2 / 100000));
    return k;
}

std::optional<Candle> FakeBinanceWs::candleAsOf(const QString &symbol, Interval interval,
                                                qint64 openTime, qint64 nowMs) const
{
    return m_source ? m_source(symbol, interval, openTime, nowMs)
                    : defaultCandle(symbol, interval, openTime, nowMs);
}

void FakeBinanceWs::setRefuseConnections(bool refuse)
{
    m_refuse = refuse;
    if (refuse)
        m_tcp->pauseAccepting();
    else
        m_tcp->resumeAccepting();
}

void FakeBinanceWs::handleNewConnection()
{
    while (QWebSocket *socket = m_server->nextPendingConnection()) {
        auto *s = new Session;
        s->socket = socket;
        s->connectedAt = m_clock->nowMs();
        s->timers = new QObject(this);
        socket->setParent(this);
        m_sessions.append(s);
        ++m_accepted;

        connect(socket, &QWebSocket::textMessageReceived, this,
                [this, socket](const QString &message) { handleTextMessage(socket, message); });
        connect(socket, &QWebSocket::binaryMessageReceived, this,
                [this, socket](const QByteArray &) {
                    if (Session *s = session(socket))
                        closeSession(*s, QWebSocketProtocol::CloseCodeDatatypeNotSupported,
                                     QStringLiteral("binary frames are not supported"));
                });
        connect(socket, &QWebSocket::pong, this, [this, socket](quint64, const QByteArray &) {
            Session *s = session(socket);
            if (!s)
                return;
            ++m_pongs;
            s->pongPending = false;
            countIncoming(*s);
        });
        connect(socket, &QWebSocket::disconnected, this,
                [this, socket] { handleDisconnected(socket); });

        // Streams named in the URL.
        const QUrl url = socket->requestUrl();
        QString path = url.path();
        if (!m_route.isEmpty()) {
            if (path.startsWith(m_route)) {
                path = path.mid(m_route.size());
            } else {
                s->silent = true;
                ++m_silentAccepted;
            }
        }
        QStringList names;
        if (path == QLatin1StringView("/stream")) {
            s->combined = true;
            names = QUrlQuery(url)
                        .queryItemValue(QStringLiteral("streams"), QUrl::FullyDecoded)
                        .split(u'/', Qt::SkipEmptyParts);
        } else if (path == QLatin1StringView("/ws") || path.startsWith(QLatin1StringView("/ws/"))) {
            names = path.mid(3).split(u'/', Qt::SkipEmptyParts);
        } else {
            m_closeReasons.append(QStringLiteral("unknown path"));
            socket->close(QWebSocketProtocol::CloseCodePolicyViolated,
                          QStringLiteral("unknown path"));
            continue;
        }
        bool ok = true;
        for (const QString &name : std::as_const(names)) {
            QString error;
            if (!addStream(*s, name, &error)) {
                closeSession(*s, QWebSocketProtocol::CloseCodePolicyViolated, error);
                ok = false;
                break;
            }
        }
        if (!ok)
            continue;

        // The age limit and the pings run on the test clock.
        const qint64 closeAt = s->connectedAt + m_maxAgeMs;
        m_clock->callAt(closeAt, s->timers, [this, socket] {
            Session *s = session(socket);
            if (!s)
                return;
            if (m_shutdownNotice)
                sendServerShutdown();
            closeSession(*s, QWebSocketProtocol::CloseCodeGoingAway, QStringLiteral("age limit"));
        });
        schedulePing(*s);
        emit clientConnected();
    }
}

void FakeBinanceWs::schedulePing(Session &s)
{
    QWebSocket *socket = s.socket;
    m_clock->callAfter(m_pingIntervalMs, s.timers, [this, socket] {
        Session *s = session(socket);
        if (!s)
            return;
        if (s->pongPending && m_clock->nowMs() - s->lastPingAt >= m_pongTimeoutMs) {
            closeSession(*s, QWebSocketProtocol::CloseCodePolicyViolated,
                         QStringLiteral("pong timeout"));
            return;
        }
        if (!s->pongPending) {
            s->lastPingAt = m_clock->nowMs();
            s->pongPending = true;
            s->socket->ping(QByteArray::number(s->lastPingAt));
            ++m_pingsSent;
        }
        schedulePing(*s);
    });
}

FakeBinanceWs::Session *FakeBinanceWs::session(QWebSocket *socket)
{
    for (Session *s : std::as_const(m_sessions)) {
        if (s->socket == socket)
            return s;
    }
    return nullptr;
}

void FakeBinanceWs::removeSession(Session *s)
{
    m_sessions.removeOne(s);
    delete s->timers;
    s->socket->disconnect(this);
    s->socket->deleteLater();
    delete s;
}

void FakeBinanceWs::handleDisconnected(QWebSocket *socket)
{
    if (Session *s = session(socket)) {
        removeSession(s);
        emit clientDisconnected();
    }
}

void FakeBinanceWs::closeSession(Session &s, QWebSocketProtocol::CloseCode code,
                                 const QString &reason)
{
    m_closeReasons.append(reason);
    QWebSocket *socket = s.socket;
    socket->close(code, reason);
    // close() waits for the peer's close frame; stop sending right away.
    if (Session *still = session(socket)) {
        removeSession(still);
        emit clientDisconnected();
    }
}

bool FakeBinanceWs::countIncoming(Session &s)
{
    const qint64 now = m_clock->nowMs();
    s.incoming.removeIf([now](qint64 t) { return t <= now - 1000; });
    s.incoming.append(now);
    if (s.incoming.size() > m_maxIncomingPerSecond) {
        closeSession(s, QWebSocketProtocol::CloseCodePolicyViolated,
                     QStringLiteral("too many messages"));
        return false;
    }
    return true;
}

bool FakeBinanceWs::addStream(Session &s, const QString &name, QString *error)
{
    StreamState st;
    if (!validStream(name, &st.symbol, &st.interval)) {
        *error = QStringLiteral("Invalid request: invalid stream");
        return false;
    }
    for (const StreamState &have : std::as_const(s.streams)) {
        if (have.name == name)
            return true;
    }
    if (s.streams.size() >= m_maxStreams) {
        *error = QStringLiteral("too many streams");
        return false;
    }
    st.name = name;
    st.nameLatin1 = name.toLatin1();
    st.symbolLatin1 = st.symbol.toLatin1();
    st.intervalLatin1 = Intervals::name(st.interval).toLatin1();
    st.trades = name.endsWith(QLatin1StringView("@trade"));
    st.tradesFrom = m_clock->nowMs();
    s.streams.append(st);
    return true;
}

void FakeBinanceWs::handleTextMessage(QWebSocket *socket, const QString &message)
{
    Session *s = session(socket);
    if (!s)
        return;
    m_control.append(message);
    emit controlMessageReceived(message);
    if (!countIncoming(*s))
        return;

    auto reply = [this, s](const QJsonObject &o) {
        send(*s, QJsonDocument(o).toJson(QJsonDocument::Compact));
    };
    auto error = [&](int code, const QString &msg, const QJsonValue &id) {
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
    if (!id.isDouble() && !id.isNull()) {
        error(2, QStringLiteral("Invalid request: request ID must be an unsigned integer"), id);
        return;
    }
    const QString method = o.value(QStringLiteral("method")).toString();
    if (method == QLatin1StringView("LIST_SUBSCRIPTIONS")) {
        QJsonArray list;
        for (const StreamState &st : std::as_const(s->streams))
            list.append(st.name);
        reply(QJsonObject{{QStringLiteral("result"), list}, {QStringLiteral("id"), id}});
        return;
    }
    if (method != QLatin1StringView("SUBSCRIBE") && method != QLatin1StringView("UNSUBSCRIBE")) {
        error(1, QStringLiteral("Invalid request: unknown method"), id);
        return;
    }
    const QJsonValue params = o.value(QStringLiteral("params"));
    if (!params.isArray()) {
        error(2, QStringLiteral("Invalid request: params must be an array"), id);
        return;
    }
    QStringList names;
    for (const QJsonValue &v : params.toArray()) {
        QString symbol;
        Interval interval;
        if (!v.isString() || !validStream(v.toString(), &symbol, &interval)) {
            error(2, QStringLiteral("Invalid request: invalid stream"), id);
            return;
        }
        names.append(v.toString());
    }
    if (method == QLatin1StringView("SUBSCRIBE")) {
        qsizetype fresh = 0;
        for (const QString &n : std::as_const(names)) {
            fresh += std::none_of(s->streams.begin(), s->streams.end(),
                                  [&n](const StreamState &st) { return st.name == n; });
        }
        if (s->streams.size() + fresh > m_maxStreams) {
            error(2, QStringLiteral("Invalid request: too many streams"), id);
            return;
        }
        for (const QString &n : std::as_const(names)) {
            QString why;
            addStream(*s, n, &why);
        }
    } else {
        s->streams.removeIf([&names](const StreamState &st) { return names.contains(st.name); });
    }
    reply(QJsonObject{{QStringLiteral("result"), QJsonValue()}, {QStringLiteral("id"), id}});
}

void FakeBinanceWs::send(Session &s, const QByteArray &frame)
{
    s.socket->sendTextMessage(QString::fromUtf8(frame));
    ++m_framesSent;
    if (m_maxPendingBytes >= 0 && s.socket->bytesToWrite() > m_maxPendingBytes)
        closeSession(s, QWebSocketProtocol::CloseCodePolicyViolated,
                     QStringLiteral("slow consumer"));
}

bool FakeBinanceWs::sendTrades(Session &s, StreamState &st, qint64 now)
{
    QWebSocket *socket = s.socket;
    // At most a minute back: a clock that jumped far ahead skips the rest.
    const qint64 end = Intervals::alignDown(Interval::S1, now);
    for (qint64 second = std::max(Intervals::alignDown(Interval::S1, st.tradesFrom), end - 60000);
         second < end; second += 1000) {
        const auto c = candleAsOf(st.symbol, Interval::S1, second, now);
        if (!c)
            continue;
        for (const Trade &t : syntheticTrades(*c, 1000, second / 1000 * 1000)) {
            if (t.timeUs < st.tradesFrom * 1000)
                continue;
            send(s, tradeFrame(s, st, t, now));
            ++m_tradeSent;
            if (!session(socket))
                return false;
        }
    }
    st.tradesFrom = std::max(st.tradesFrom, end);
    return true;
}

QByteArray FakeBinanceWs::tradeFrame(const Session &s, const StreamState &st, const Trade &t,
                                     qint64 eventTime) const
{
    QByteArray frame = "{\"e\":\"trade\",\"E\":" + QByteArray::number(eventTime) + ",\"s\":\""
        + st.symbolLatin1 + "\",\"t\":" + QByteArray::number(t.id) + ",\"p\":\""
        + t.price.toString().toLatin1() + "\",\"q\":\"" + t.size.toString().toLatin1()
        + "\",\"T\":" + QByteArray::number(t.timeUs / 1000)
        + ",\"m\":" + (t.side == TradeSide::Sell ? "true" : "false") + ",\"M\":true}";
    if (s.combined)
        frame = "{\"stream\":\"" + st.nameLatin1 + "\",\"data\":" + frame + '}';
    return frame;
}

QByteArray FakeBinanceWs::klineFrame(const Session &s, const StreamState &st, const Candle &c,
                                     qint64 eventTime) const
{
    // Built with std::to_chars into one buffer: the bench floods these as fast as it can.
    char buf[1024];
    char *p = buf;
    char *const end = buf + sizeof buf;
    auto text = [&p, end](std::string_view t) {
        if (size_t(end - p) < t.size())
            return; // cannot happen: symbols and stream names are short
        std::memcpy(p, t.data(), t.size());
        p += t.size();
    };
    auto integer = [&p, end](qint64 v) { p = std::to_chars(p, end, v).ptr; };
    auto decimal = [&p, end, &text](double v) {
        text("\"");
        p = std::to_chars(p, end, v, std::chars_format::fixed, 8).ptr;
        text("\"");
    };
    const std::string_view sym(st.symbolLatin1.constData(), size_t(st.symbolLatin1.size()));
    if (s.combined) {
        text("{\"stream\":\"");
        text(std::string_view(st.nameLatin1.constData(), size_t(st.nameLatin1.size())));
        text("\",\"data\":");
    }
    text("{\"e\":\"kline\",\"E\":");
    integer(eventTime);
    text(",\"s\":\"");
    text(sym);
    text("\",\"k\":{\"t\":");
    integer(c.openTime);
    text(",\"T\":");
    integer(Intervals::closeTime(st.interval, c.openTime));
    text(",\"s\":\"");
    text(sym);
    text("\",\"i\":\"");
    text(std::string_view(st.intervalLatin1.constData(), size_t(st.intervalLatin1.size())));
    text("\",\"f\":");
    integer(c.trades > 0 ? c.openTime : -1);
    text(",\"L\":");
    integer(c.trades > 0 ? c.openTime + c.trades - 1 : -1);
    text(",\"o\":");
    decimal(c.open);
    text(",\"c\":");
    decimal(c.close);
    text(",\"h\":");
    decimal(c.high);
    text(",\"l\":");
    decimal(c.low);
    text(",\"v\":");
    decimal(c.volume);
    text(",\"n\":");
    integer(c.trades);
    text(c.closed ? ",\"x\":true" : ",\"x\":false");
    text(",\"q\":");
    decimal(c.quoteVolume);
    text(",\"V\":");
    decimal(c.takerBuyBase);
    text(",\"Q\":");
    decimal(c.takerBuyQuote);
    text(",\"B\":\"0\"}}");
    if (s.combined)
        text("}");
    return QByteArray(buf, p - buf);
}

void FakeBinanceWs::scheduleTick()
{
    delete m_tickHandle;
    const qint64 now = m_clock->nowMs();
    const qint64 next = (now / 1000 + 1) * 1000;
    m_tickHandle = m_clock->callAt(next, this, [this] {
        m_tickHandle = nullptr;
        tick();
        scheduleTick();
    });
}

void FakeBinanceWs::tick()
{
    if (m_stalled || m_flooding)
        return;
    const qint64 now = m_clock->nowMs();
    const bool regular = now % m_updateIntervalMs == 0;
    // Copy: a slow-consumer close removes sessions while we send.
    const QList<Session *> sessions = m_sessions;
    for (Session *s : sessions) {
        if (!m_sessions.contains(s) || s->silent)
            continue;
        QWebSocket *socket = s->socket;
        for (qsizetype i = 0; i < s->streams.size(); ++i) {
            StreamState &st = s->streams[i];
            if (st.trades) {
                if (!sendTrades(*s, st, now))
                    break;
                continue;
            }
            if (st.interval != Interval::S1 && !regular)
                continue;
            const qint64 current = Intervals::alignDown(st.interval, now);
            if (st.lastOpen >= 0 && st.lastOpen < current && !st.lastClosedSent) {
                if (const auto c = candleAsOf(st.symbol, st.interval, st.lastOpen, now)) {
                    send(*s, klineFrame(*s, st, *c, now));
                    ++m_klineSent;
                    ++m_closedSent;
                    if (!session(socket))
                        break;
                }
            }
            if (st.lastOpen != current) {
                st.lastOpen = current;
                st.lastClosedSent = false;
            }
            // A 1s candle gets one update, a second after it opened: its closing one.
            if (st.interval == Interval::S1)
                continue;
            if (const auto c = candleAsOf(st.symbol, st.interval, current, now)) {
                send(*s, klineFrame(*s, st, *c, now));
                ++m_klineSent;
                if (!session(socket))
                    break;
            }
        }
        // Out to the kernel now, not a block per turn of the event loop: when the clock jumps,
        // the frames of every second of the jump reach the client together.
        if (session(socket))
            socket->flush();
    }
}

void FakeBinanceWs::dropAll()
{
    const QList<Session *> sessions = m_sessions;
    for (Session *s : sessions) {
        m_closeReasons.append(QStringLiteral("drop"));
        QWebSocket *socket = s->socket;
        removeSession(s);
        socket->abort();
        emit clientDisconnected();
    }
}

void FakeBinanceWs::closeAll(QWebSocketProtocol::CloseCode code, const QString &reason)
{
    const QList<Session *> sessions = m_sessions;
    for (Session *s : sessions)
        closeSession(*s, code, reason);
}

void FakeBinanceWs::setStalled(bool stalled)
{
    m_stalled = stalled;
}

void FakeBinanceWs::sendToAll(const QString &frame)
{
    const QList<Session *> sessions = m_sessions;
    for (Session *s : sessions)
        send(*s, frame.toUtf8());
}

void FakeBinanceWs::sendServerShutdown()
{
    const QByteArray event
        = "{\"e\":\"serverShutdown\",\"E\":" + QByteArray::number(m_clock->nowMs()) + '}';
    const QList<Session *> sessions = m_sessions;
    for (Session *s : sessions)
        send(*s, s->combined ? "{\"stream\":\"!serverShutdown\",\"data\":" + event + '}' : event);
}

QStringList FakeBinanceWs::streams(int connection) const
{
    QStringList names;
    if (connection < 0 || connection >= m_sessions.size())
        return names;
    for (const StreamState &st : std::as_const(m_sessions[connection]->streams))
        names.append(st.name);
    return names;
}

QStringList FakeBinanceWs::allStreams() const
{
    QStringList names;
    for (const Session *s : m_sessions) {
        for (const StreamState &st : s->streams) {
            if (!names.contains(st.name))
                names.append(st.name);
        }
    }
    return names;
}

void FakeBinanceWs::startFlood(int updatesPerCandle, qint64 firstOpenTime)
{
    m_flooding = true;
    m_floodUpdates = std::max(0, updatesPerCandle);
    for (Session *s : std::as_const(m_sessions)) {
        for (StreamState &st : s->streams) {
            st.floodOpen = Intervals::alignDown(st.interval, firstOpenTime);
            st.floodStep = 0;
        }
        connect(s->socket, &QWebSocket::bytesWritten, this, &FakeBinanceWs::floodTurn,
                Qt::UniqueConnection);
    }
    QMetaObject::invokeMethod(this, &FakeBinanceWs::floodTurn, Qt::QueuedConnection);
}

void FakeBinanceWs::stopFlood()
{
    m_flooding = false;
}

void FakeBinanceWs::floodTurn()
{
    if (!m_flooding)
        return;
    constexpr qint64 HighWater = 4 << 20;
    constexpr int Chunk = 512;
    bool room = false;
    const qint64 now = m_clock->nowMs();
    for (Session *s : std::as_const(m_sessions)) {
        if (s->streams.isEmpty() || s->silent)
            continue;
        int sent = 0;
        qsizetype &i = s->floodNext;
        while (sent < Chunk && s->socket->bytesToWrite() < HighWater) {
            StreamState &st = s->streams[i % s->streams.size()];
            i = (i + 1) % s->streams.size();
            if (st.trades)
                continue;
            const bool closing = st.floodStep >= m_floodUpdates;
            const qint64 length = Intervals::lengthAt(st.interval, st.floodOpen);
            const qint64 asOf = closing
                ? st.floodOpen + length
                : st.floodOpen + length * (st.floodStep + 1) / (m_floodUpdates + 1);
            if (const auto c = candleAsOf(st.symbol, st.interval, st.floodOpen, asOf)) {
                s->socket->sendTextMessage(QString::fromLatin1(klineFrame(*s, st, *c, now)));
                ++m_framesSent;
                ++m_floodEvents;
                if (closing)
                    ++m_floodClosed;
            }
            if (closing) {
                st.floodOpen = Intervals::next(st.interval, st.floodOpen);
                st.floodStep = 0;
            } else {
                ++st.floodStep;
            }
            ++sent;
        }
        room = room || sent == Chunk;
    }
    if (room)
        QMetaObject::invokeMethod(this, &FakeBinanceWs::floodTurn, Qt::QueuedConnection);
}

} // namespace Candlewick::Testing
