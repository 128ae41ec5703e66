#include "fakebinancerest.h"

#include "httprequest.h"
#include "httprequestparser.h"
#include "syntheticmarket.h"
#include "serverweightlimiter.h"

#include <httpresponse.h>

#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMutexLocker>
#include <QRegularExpression>
#include <QSet>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

#include <charconv>
#include <cmath>
#include <cstring>
#include <deque>
#include <limits>
#include <optional>

namespace Candlewick::Testing {

namespace {

enum End { EndKeep, EndClose, EndDrop, EndStall, EndCloseUnanswered };

const QByteArray JsonType = QByteArrayLiteral("application/json;charset=UTF-8");

constexpr qsizetype MaxRowBytes = 320;

char *writeInt(char *p, qint64 v)
{
    return std::to_chars(p, p + 24, v).ptr;
}

// A value that is an exact multiple of 1e-8, with exactly 8 decimals ("0.01634790").
char *writeUnits(char *p, double v)
{
    qint64 n = std::llround(v * 1e8);
    if (n < 0) {
        *p++ = '-';
        n = -n;
    }
    static constexpr char Pairs[]
        = "00010203040506070809101112131415161718192021222324252627282930313233"
          "34353637383940414243444546474849505152535455565758596061626364656667"
          "6869707172737475767778798081828384858687888990919293949596979899";
    p = writeInt(p, n / 100000000);
    *p++ = '.';
    auto f = static_cast<quint32>(n % 100000000);
    for (int i = 6; i >= 0; i -= 2) {
        memcpy(p + i, Pairs + 2 * (f % 100), 2);
        f /= 100;
    }
    return p + 8;
}

char *writeQuotedUnits(char *p, double v)
{
    *p++ = '"';
    p = writeUnits(p, v);
    *p++ = '"';
    return p;
}

char *writeRow(char *p, const Candle &c, qint64 closeTime)
{
    *p++ = '[';
    p = writeInt(p, c.openTime);
    *p++ = ',';
    p = writeQuotedUnits(p, c.open);
    *p++ = ',';
    p = writeQuotedUnits(p, c.high);
    *p++ = ',';
    p = writeQuotedUnits(p, c.low);
    *p++ = ',';
    p = writeQuotedUnits(p, c.close);
    *p++ = ',';
    p = writeQuotedUnits(p, c.volume);
    *p++ = ',';
    p = writeInt(p, closeTime);
    *p++ = ',';
    p = writeQuotedUnits(p, c.quoteVolume);
    *p++ = ',';
    p = writeInt(p, c.trades);
    *p++ = ',';
    p = writeQuotedUnits(p, c.takerBuyBase);
    *p++ = ',';
    p = writeQuotedUnits(p, c.takerBuyQuote);
    memcpy(p, ",\"0\"]", 5);
    return p + 5;
}

// The fault "WrongShape": 11 fields, prices as numbers.
char *writeWrongRow(char *p, const Candle &c, qint64 closeTime)
{
    *p++ = '[';
    p = writeInt(p, c.openTime);
    for (double v : {c.open, c.high, c.low, c.close, c.volume}) {
        *p++ = ',';
        p = writeUnits(p, v);
    }
    *p++ = ',';
    p = writeInt(p, closeTime);
    *p++ = ',';
    p = writeUnits(p, c.quoteVolume);
    *p++ = ',';
    p = writeInt(p, c.trades);
    *p++ = ',';
    p = writeUnits(p, c.takerBuyBase);
    *p++ = ',';
    p = writeUnits(p, c.takerBuyQuote);
    *p++ = ']';
    return p;
}

QString unitsString(double v)
{
    char buf[40];
    char *end = writeUnits(buf, v);
    return QString::fromLatin1(buf, end - buf);
}

QByteArray errorBody(int code, const QString &msg)
{
    return QJsonDocument(QJsonObject{{QStringLiteral("code"), code}, {QStringLiteral("msg"), msg}})
        .toJson(QJsonDocument::Compact);
}

const QRegularExpression &symbolPattern()
{
    static const QRegularExpression re(QStringLiteral("^[A-Z0-9-_.]{1,20}$"));
    return re;
}

// klines' timeZone: "8", "-1:00", "+05:45"; within [-12:00, +14:00]. Returns the offset east of
// UTC in ms, or nothing when the value is not accepted.
std::optional<qint64> parseTimeZone(const QString &text)
{
    static const QRegularExpression re(QStringLiteral("^([+-]?)([0-9]{1,2})(?::([0-9]{2}))?$"));
    const QRegularExpressionMatch m = re.match(text);
    if (!m.hasMatch())
        return std::nullopt;
    const int hours = m.captured(2).toInt();
    const int minutes = m.hasCaptured(3) ? m.captured(3).toInt() : 0;
    if (minutes >= 60)
        return std::nullopt;
    const int total = (m.captured(1) == QLatin1String("-") ? -1 : 1) * (hours * 60 + minutes);
    if (total < -12 * 60 || total > 14 * 60)
        return std::nullopt;
    return qint64(total) * 60 * 1000;
}

const QRegularExpression &digitsPattern()
{
    static const QRegularExpression re(QStringLiteral("^[0-9]{1,20}$"));
    return re;
}

} // namespace

struct FakeBinanceRest::Response
{
    int status = 200;
    QByteArray contentType = JsonType;
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers;
    int end = EndKeep;
    qint64 clockDelayMs = 0;

    static Response error(int status, int code, const QString &msg)
    {
        Response r;
        r.status = status;
        r.body = errorBody(code, msg);
        return r;
    }
};

struct FakeBinanceRest::Connection
{
    struct Pending
    {
        quint64 id = 0;
        bool ready = false;
        QByteArray head;
        QByteArray body;
        int end = EndKeep;
    };

    QTcpSocket *socket = nullptr;
    HttpRequestParser parser;
    std::deque<Pending> pending;
    quint64 nextId = 0;
    bool closing = false; // a request asked to close, or the parser failed: read no more
    bool dead = false; // closed or closing down: write no more
};

FakeBinanceRest::FakeBinanceRest(Clock *clock, QObject *parent)
    : QObject(parent)
    , m_clock(clock ? clock : Clock::system())
    , m_market(std::make_unique<SyntheticMarket>())
    , m_limiter(std::make_unique<ServerWeightLimiter>())
{
}

FakeBinanceRest::~FakeBinanceRest()
{
    // Sockets are children of the server; delete them while the connection table still exists.
    delete m_server;
    m_server = nullptr;
    m_connections.clear();
}

bool FakeBinanceRest::listen(quint16 port)
{
    if (!m_server) {
        m_server = new QTcpServer(this);
        connect(m_server, &QTcpServer::newConnection, this, &FakeBinanceRest::handleNewConnection);
    }
    if (m_server->isListening())
        return true;
    if (!m_server->listen(QHostAddress::LocalHost, port))
        return false;
    m_port = m_server->serverPort();
    return true;
}

QUrl FakeBinanceRest::baseUrl() const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_port.load()));
}

void FakeBinanceRest::addSymbol(const QString &symbol, const QString &base, const QString &quote,
                                qint64 listedFromMs, const QString &status)
{
    QMutexLocker lock(&m_mutex);
    m_market->addSymbol(symbol, base, quote, listedFromMs, status);
}

void FakeBinanceRest::setDialect(Dialect dialect)
{
    m_dialect = dialect;
    setWeightLimit(dialect == Dialect::UsdM ? 2400 : 6000, 1, 'M');
}

void FakeBinanceRest::setContractType(const QString &symbol, const QString &contractType)
{
    QMutexLocker lock(&m_mutex);
    m_contractTypes.insert(symbol, contractType);
}

void FakeBinanceRest::addMaintenanceGap(TimeRange gap)
{
    QMutexLocker lock(&m_mutex);
    m_market->addMaintenanceGap(gap);
}

Candle FakeBinanceRest::candleAt(const QString &symbol, Interval interval, qint64 openTime) const
{
    QMutexLocker lock(&m_mutex);
    const SyntheticMarket::Symbol *s = m_market->symbol(symbol);
    if (!s) {
        Candle c;
        c.openTime = openTime;
        return c;
    }
    return m_market->candleAt(*s, interval, openTime);
}

Candle FakeBinanceRest::candleAsOf(const QString &symbol, Interval interval, qint64 openTime,
                                   qint64 nowMs) const
{
    QMutexLocker lock(&m_mutex);
    const SyntheticMarket::Symbol *s = m_market->symbol(symbol);
    if (!s) {
        Candle c;
        c.openTime = openTime;
        return c;
    }
    return m_market->candleAsOf(*s, interval, openTime, nowMs);
}

CandleBatch FakeBinanceRest::groundTruth(const QString &symbol, Interval interval,
                                         TimeRange range) const
{
    const qint64 now = m_clock->nowMs();
    QMutexLocker lock(&m_mutex);
    const SyntheticMarket::Symbol *s = m_market->symbol(symbol);
    return s ? m_market->closedCandles(*s, interval, range, now) : CandleBatch();
}

void FakeBinanceRest::setWeightLimit(int limit, int intervalNum, char intervalLetter)
{
    QMutexLocker lock(&m_mutex);
    if (!m_limiter->setLimit(limit, intervalNum, intervalLetter))
        qWarning("FakeBinanceRest: ignoring bad weight limit %d per %d%c", limit, intervalNum,
                 intervalLetter);
}

void FakeBinanceRest::setBanDurationMs(qint64 ms)
{
    QMutexLocker lock(&m_mutex);
    m_limiter->setBanMs(ms);
}

void FakeBinanceRest::injectFault(Fault fault, int count, int delayMs)
{
    if (count <= 0)
        return;
    QMutexLocker lock(&m_mutex);
    m_faults.append({fault, count, delayMs});
}

void FakeBinanceRest::setLatencyMs(int ms)
{
    QMutexLocker lock(&m_mutex);
    m_latencyMs = qMax(0, ms);
}

int FakeBinanceRest::requestCount() const
{
    return m_requestCount.load();
}

int FakeBinanceRest::klinesRequestCount() const
{
    return m_klinesRequestCount.load();
}

int FakeBinanceRest::rateLimitedCount() const
{
    return m_rateLimitedCount.load();
}

int FakeBinanceRest::bannedCount() const
{
    return m_bannedCount.load();
}

QList<QUrlQuery> FakeBinanceRest::klinesQueries() const
{
    QMutexLocker lock(&m_mutex);
    return m_klinesQueries;
}

qint64 FakeBinanceRest::weightCharged() const
{
    QMutexLocker lock(&m_mutex);
    return m_weightCharged;
}

int FakeBinanceRest::maxConcurrentRequests() const
{
    return m_maxOpenRequests.load();
}

int FakeBinanceRest::usedWeight() const
{
    const qint64 now = m_clock->nowMs();
    QMutexLocker lock(&m_mutex);
    return m_limiter->usedWeight(now);
}

// --- connections ---------------------------------------------------------------------------

void FakeBinanceRest::handleNewConnection()
{
    while (QTcpSocket *socket = m_server->nextPendingConnection()) {
        auto conn = std::make_shared<Connection>();
        conn->socket = socket;
        m_connections.insert(socket, conn);
        socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { handleReadyRead(socket); });
        connect(socket, &QTcpSocket::disconnected, this,
                [this, socket] { handleDisconnected(socket); });
        // Forget the connection only once the socket is gone, so nothing up the stack dangles.
        connect(socket, &QObject::destroyed, this,
                [this, socket] { m_connections.remove(socket); });
        if (socket->bytesAvailable() > 0)
            handleReadyRead(socket);
    }
}

void FakeBinanceRest::handleReadyRead(QTcpSocket *socket)
{
    const std::shared_ptr<Connection> conn = m_connections.value(socket);
    if (!conn || conn->dead || conn->closing) {
        socket->readAll();
        return;
    }
    conn->parser.feed(socket->readAll());
    HttpRequest request;
    while (!conn->closing && !conn->dead && conn->parser.next(&request))
        handleRequest(conn.get(), request);
    if (conn->parser.hasError() && !conn->closing && !conn->dead) {
        conn->closing = true;
        const int status = conn->parser.errorStatus();
        const QByteArray body = conn->parser.errorString().toUtf8();
        QByteArray bytes = "HTTP/1.1 " + QByteArray::number(status) + ' '
            + HttpResponse::reasonPhrase(status)
            + "\r\nContent-Type: text/plain\r\nContent-Length: " + QByteArray::number(body.size())
            + "\r\nConnection: close\r\n\r\n" + body;
        const quint64 id = conn->nextId++;
        conn->pending.push_back({id, false, {}, {}, EndClose});
        m_openRequests.fetch_add(1);
        complete(socket, id, std::move(bytes), {}, EndClose);
    }
}

void FakeBinanceRest::handleDisconnected(QTcpSocket *socket)
{
    const std::shared_ptr<Connection> conn = m_connections.value(socket);
    if (conn) {
        m_openRequests.fetch_sub(static_cast<int>(conn->pending.size()));
        conn->pending.clear();
        conn->dead = true;
    }
    socket->deleteLater();
}

void FakeBinanceRest::handleRequest(Connection *conn, const HttpRequest &request)
{
    m_requestCount.fetch_add(1);
    const int open = m_openRequests.fetch_add(1) + 1;
    int seen = m_maxOpenRequests.load();
    while (open > seen && !m_maxOpenRequests.compare_exchange_weak(seen, open)) { }

    QTcpSocket *socket = conn->socket;
    const quint64 id = conn->nextId++;
    conn->pending.push_back({id, false, {}, {}, EndKeep});

    Response r = route(request, m_clock->nowMs());
    // After routing, so observers see the counters and recorded queries of this request.
    emit requestReceived(QString::fromLatin1(request.path));
    if (conn->dead)
        return; // a slot connected to requestReceived closed the connection
    const bool keepAlive = request.keepAlive();
    if (!keepAlive) {
        conn->closing = true;
        if (r.end == EndKeep)
            r.end = EndClose;
    }
    if (r.end == EndStall)
        return; // never answered; stays open until the peer goes away

    QByteArray bytes;
    bytes.reserve(256);
    bytes += "HTTP/1.1 ";
    bytes += QByteArray::number(r.status);
    bytes += ' ';
    bytes += HttpResponse::reasonPhrase(r.status);
    bytes += "\r\nContent-Type: ";
    bytes += r.contentType;
    bytes += "\r\nContent-Length: ";
    bytes += QByteArray::number(r.body.size()); // the full length, even when dropping mid-body
    bytes += "\r\n";
    for (const auto &h : std::as_const(r.headers)) {
        bytes += h.first;
        bytes += ": ";
        bytes += h.second;
        bytes += "\r\n";
    }
    if (!keepAlive)
        bytes += "Connection: close\r\n";
    bytes += "\r\n";
    QByteArray body = std::move(r.body);
    if (r.end == EndDrop)
        body.truncate(body.size() / 2);
    if (r.end == EndCloseUnanswered) {
        bytes.clear();
        body.clear();
    }

    int latency = 0;
    {
        QMutexLocker lock(&m_mutex);
        latency = m_latencyMs;
    }
    const int end = r.end;
    auto deliver = [this, socket, id, bytes = std::move(bytes), body = std::move(body), end,
                    latency]() mutable {
        if (latency > 0) {
            QTimer::singleShot(latency, socket, [this, socket, id, bytes, body, end]() mutable {
                complete(socket, id, std::move(bytes), std::move(body), end);
            });
        } else {
            complete(socket, id, std::move(bytes), std::move(body), end);
        }
    };
    if (r.clockDelayMs > 0)
        m_clock->callAfter(r.clockDelayMs, socket, std::move(deliver));
    else
        deliver();
}

void FakeBinanceRest::complete(QTcpSocket *socket, quint64 id, QByteArray head, QByteArray body,
                               int end)
{
    const std::shared_ptr<Connection> conn = m_connections.value(socket);
    if (!conn || conn->dead)
        return;
    for (Connection::Pending &p : conn->pending) {
        if (p.id == id) {
            p.ready = true;
            p.head = std::move(head);
            p.body = std::move(body);
            p.end = end;
            break;
        }
    }
    flush(conn.get());
}

void FakeBinanceRest::flush(Connection *conn)
{
    while (!conn->dead && !conn->pending.empty() && conn->pending.front().ready) {
        Connection::Pending p = std::move(conn->pending.front());
        conn->pending.pop_front();
        conn->socket->write(p.head);
        if (!p.body.isEmpty())
            conn->socket->write(p.body);
        requestDone();
        if (p.end == EndClose || p.end == EndDrop || p.end == EndCloseUnanswered) {
            conn->dead = true;
            m_openRequests.fetch_sub(static_cast<int>(conn->pending.size()));
            conn->pending.clear();
            conn->socket->disconnectFromHost();
            return;
        }
    }
}

void FakeBinanceRest::requestDone()
{
    m_openRequests.fetch_sub(1);
}

// --- endpoints -----------------------------------------------------------------------------

QByteArray FakeBinanceRest::apiPrefix() const
{
    return m_dialect == Dialect::UsdM ? QByteArrayLiteral("/fapi/v1")
                                      : QByteArrayLiteral("/api/v3");
}

int FakeBinanceRest::weightOf(const QByteArray &path, const QUrlQuery &query) const
{
    const QByteArray prefix = apiPrefix();
    if (!path.startsWith(prefix))
        return -1;
    const QByteArray endpoint = path.mid(prefix.size());
    const bool usdm = m_dialect == Dialect::UsdM;
    if (endpoint == "/klines" || (!usdm && endpoint == "/uiKlines")) {
        if (!usdm)
            return 2;
        bool ok = false;
        const int limit = query.queryItemValue(QStringLiteral("limit")).toInt(&ok);
        const int rows = ok && limit > 0 ? limit : 500;
        return rows < 100 ? 1 : rows < 500 ? 2 : rows <= 1000 ? 5 : 10;
    }
    if (endpoint == "/exchangeInfo")
        return usdm ? 1 : 20;
    if (endpoint == "/ping" || endpoint == "/time")
        return 1;
    return -1;
}

FakeBinanceRest::Response FakeBinanceRest::route(const HttpRequest &request, qint64 nowMs)
{
    const QByteArray &path = request.path;
    const QUrlQuery query(QString::fromLatin1(request.query));
    const int weight = weightOf(path, query);
    if (weight < 0)
        return Response::error(404, -1, QStringLiteral("Not found."));
    const QByteArray endpoint = path.mid(apiPrefix().size());
    const bool isKlines = endpoint == "/klines" || endpoint == "/uiKlines";

    QMutexLocker lock(&m_mutex);
    if (isKlines) {
        m_klinesRequestCount.fetch_add(1);
        m_klinesQueries.append(query);
    }
    m_weightCharged += weight;
    const ServerWeightLimiter::Decision decision = m_limiter->charge(weight, nowMs);
    const QByteArray used = QByteArray::number(m_limiter->usedWeight(nowMs));
    Response r;
    switch (decision.verdict) {
    case ServerWeightLimiter::Verdict::Banned:
        m_bannedCount.fetch_add(1);
        r = Response::error(418, -1003,
                            QStringLiteral("Way too much request weight used; IP banned until %1. "
                                           "Please use the websocket for live updates to avoid "
                                           "bans.")
                                .arg(decision.bannedUntilMs));
        r.headers.append({"Retry-After", QByteArray::number(decision.retryAfterSeconds)});
        break;
    case ServerWeightLimiter::Verdict::RateLimited:
        m_rateLimitedCount.fetch_add(1);
        r = Response::error(429, -1003,
                            QStringLiteral("Too much request weight used; current limit is %1 "
                                           "request weight per %2 %3. Please use the websocket "
                                           "for live updates to avoid polling the API.")
                                .arg(m_limiter->limit())
                                .arg(m_limiter->intervalNum())
                                .arg(QLatin1StringView(m_limiter->intervalName())));
        r.headers.append({"Retry-After", QByteArray::number(decision.retryAfterSeconds)});
        break;
    case ServerWeightLimiter::Verdict::Allowed:
        if (isKlines) {
            r = klines(query, nowMs);
        } else if (endpoint == "/exchangeInfo") {
            r = exchangeInfo(query, nowMs);
        } else if (endpoint == "/time") {
            r.body = "{\"serverTime\":" + QByteArray::number(nowMs) + '}';
        } else {
            r.body = "{}";
        }
        break;
    }
    r.headers.append({m_limiter->headerName(), used});
    r.headers.append({"x-mbx-used-weight", used});
    return r;
}

// Called with m_mutex held.
FakeBinanceRest::Response FakeBinanceRest::klines(const QUrlQuery &query, qint64 nowMs)
{
    std::optional<PendingFault> fault;
    if (!m_faults.isEmpty()) {
        fault = m_faults.first();
        if (--m_faults.first().remaining <= 0)
            m_faults.removeFirst();
    }
    if (fault) {
        switch (fault->fault) {
        case Fault::ServerError:
            return Response::error(500, -1000,
                                   QStringLiteral("An unknown error occurred while processing "
                                                  "the request."));
        case Fault::Forbidden: {
            Response r;
            r.status = 403;
            r.contentType = "text/html";
            r.body = "<html><head><title>403 Forbidden</title></head><body><h1>403 "
                     "Forbidden</h1><p>Request blocked.</p></body></html>";
            return r;
        }
        case Fault::Stall: {
            Response r;
            r.end = EndStall;
            return r;
        }
        default:
            break; // the others need the normal body
        }
    }

    const QList<QPair<QString, QString>> items = query.queryItems(QUrl::FullyDecoded);
    static const QStringList known{QStringLiteral("symbol"),    QStringLiteral("interval"),
                                   QStringLiteral("startTime"), QStringLiteral("endTime"),
                                   QStringLiteral("timeZone"),  QStringLiteral("limit")};
    QSet<QString> names;
    int read = 0;
    for (const auto &item : items) {
        if (names.contains(item.first))
            return Response::error(400, -1101,
                                   QStringLiteral("Duplicate values for a parameter detected."));
        names.insert(item.first);
        if (known.contains(item.first))
            ++read;
    }
    const auto value = [&](const QString &name) -> std::optional<QString> {
        for (const auto &item : items) {
            if (item.first == name)
                return item.second;
        }
        return std::nullopt;
    };
    for (const QString &name : {QStringLiteral("symbol"), QStringLiteral("interval")}) {
        const auto v = value(name);
        if (!v || v->isEmpty())
            return Response::error(400, -1102,
                                   QStringLiteral("Mandatory parameter '%1' was not sent, was "
                                                  "empty/null, or malformed.")
                                       .arg(name));
    }
    for (const auto &item : items) {
        if (item.second.isEmpty() && known.contains(item.first))
            return Response::error(400, -1105,
                                   QStringLiteral("Parameter '%1' was empty.").arg(item.first));
    }
    const QString symbolName = *value(QStringLiteral("symbol"));
    if (!symbolPattern().match(symbolName).hasMatch())
        return Response::error(400, -1100,
                               QStringLiteral("Illegal characters found in parameter 'symbol'; "
                                              "legal range is '^[A-Z0-9-_.]{1,20}$'."));
    std::optional<qint64> numbers[3];
    const QString numberNames[3]
        = {QStringLiteral("startTime"), QStringLiteral("endTime"), QStringLiteral("limit")};
    for (int i = 0; i < 3; ++i) {
        const auto v = value(numberNames[i]);
        if (!v)
            continue;
        bool ok = false;
        const qint64 n = v->toLongLong(&ok);
        if (!digitsPattern().match(*v).hasMatch() || !ok)
            return Response::error(400, -1100,
                                   QStringLiteral("Illegal characters found in parameter '%1'; "
                                                  "legal range is '^[0-9]{1,20}$'.")
                                       .arg(numberNames[i]));
        numbers[i] = n;
    }
    qint64 offsetMs = 0;
    if (const auto tz = value(QStringLiteral("timeZone"))) {
        const std::optional<qint64> parsed = parseTimeZone(*tz);
        if (!parsed)
            return Response::error(400, -1100,
                                   QStringLiteral("Illegal characters found in parameter "
                                                  "'timeZone'; legal range is '[-12:00 to "
                                                  "+14:00]'."));
        offsetMs = *parsed;
    }
    if (read < items.size())
        return Response::error(400, -1104,
                               QStringLiteral("Not all sent parameters were read; read '%1' "
                                              "parameter(s) but was sent '%2'.")
                                   .arg(read)
                                   .arg(items.size()));
    const SyntheticMarket::Symbol *symbol = m_market->symbol(symbolName);
    if (!symbol)
        return Response::error(400, -1121, QStringLiteral("Invalid symbol."));
    const std::optional<Interval> interval = Intervals::parse(*value(QStringLiteral("interval")));
    if (!interval)
        return Response::error(400, -1120, QStringLiteral("Invalid interval."));

    // Microseconds (16 digits) are accepted too.
    const auto toMs = [](qint64 t) { return t >= 1'000'000'000'000'000LL ? t / 1000 : t; };
    qint64 limit = numbers[2].value_or(500);
    if (limit <= 0)
        limit = 500;
    limit = std::min<qint64>(limit, m_dialect == Dialect::UsdM ? 1500 : 1000);
    const std::optional<qint64> start
        = numbers[0] ? std::optional(toMs(*numbers[0])) : std::nullopt;
    std::optional<qint64> end = numbers[1] ? std::optional(toMs(*numbers[1])) : std::nullopt;
    if (end && m_endExclusive)
        *end -= 1;

    QList<qint64> times;
    if (start) {
        times = m_market->openTimes(*symbol, *interval, *start,
                                    end.value_or(std::numeric_limits<qint64>::max()),
                                    static_cast<int>(limit), false, nowMs, offsetMs);
    } else {
        times = m_market->openTimes(*symbol, *interval, std::numeric_limits<qint64>::min() / 2,
                                    end.value_or(nowMs), static_cast<int>(limit), true, nowMs,
                                    offsetMs);
    }

    if (!m_formingServed) {
        times.removeIf([&](qint64 open) {
            return SyntheticMarket::nextOpen(*interval, open, offsetMs) - 1 > nowMs;
        });
    }
    const bool wrongShape = fault && fault->fault == Fault::WrongShape;
    Response r;
    r.body = QByteArray(2 + times.size() * MaxRowBytes, Qt::Uninitialized);
    char *begin = r.body.data();
    char *p = begin;
    *p++ = '[';
    for (qsizetype i = 0; i < times.size(); ++i) {
        if (i > 0)
            *p++ = ',';
        const qint64 open = times.at(i);
        const Candle c = m_market->candleAsOf(*symbol, *interval, open, nowMs, offsetMs);
        const qint64 closeTime = SyntheticMarket::nextOpen(*interval, open, offsetMs) - 1;
        p = wrongShape ? writeWrongRow(p, c, closeTime) : writeRow(p, c, closeTime);
    }
    *p++ = ']';
    r.body.truncate(p - begin);

    if (fault) {
        switch (fault->fault) {
        case Fault::Delay:
            r.clockDelayMs = fault->delayMs;
            break;
        case Fault::DropMidBody:
            r.end = EndDrop;
            break;
        case Fault::CloseUnanswered:
            r.end = EndCloseUnanswered;
            break;
        case Fault::MalformedJson:
            r.body.truncate(r.body.size() / 2);
            r.body += "\"unterminated";
            break;
        default:
            break;
        }
    }
    return r;
}

// Called with m_mutex held.
FakeBinanceRest::Response FakeBinanceRest::exchangeInfo(const QUrlQuery &query, qint64 nowMs)
{
    // USD-M's exchangeInfo takes no parameters.
    if (m_dialect == Dialect::UsdM && !query.isEmpty())
        return Response::error(400, -1104,
                               QStringLiteral("Not all sent parameters were read; read '0' "
                                              "parameter(s) but was sent '%1'.")
                                   .arg(query.queryItems().size()));
    const auto one = query.queryItemValue(QStringLiteral("symbol"), QUrl::FullyDecoded);
    const auto many = query.queryItemValue(QStringLiteral("symbols"), QUrl::FullyDecoded);
    const bool hasOne = query.hasQueryItem(QStringLiteral("symbol"));
    const bool hasMany = query.hasQueryItem(QStringLiteral("symbols"));
    if (hasOne && hasMany)
        return Response::error(400, -1128,
                               QStringLiteral("Combination of optional parameters invalid."));

    QList<const SyntheticMarket::Symbol *> selected;
    if (hasOne) {
        if (one.isEmpty())
            return Response::error(400, -1105, QStringLiteral("Parameter 'symbol' was empty."));
        if (!symbolPattern().match(one).hasMatch())
            return Response::error(400, -1100,
                                   QStringLiteral("Illegal characters found in parameter "
                                                  "'symbol'; legal range is "
                                                  "'^[A-Z0-9-_.]{1,20}$'."));
        const SyntheticMarket::Symbol *s = m_market->symbol(one);
        if (!s)
            return Response::error(400, -1121, QStringLiteral("Invalid symbol."));
        selected.append(s);
    } else if (hasMany) {
        const QJsonDocument doc = QJsonDocument::fromJson(many.toUtf8());
        bool ok = doc.isArray() && !doc.array().isEmpty();
        for (const QJsonValue &v : doc.array()) {
            ok = ok && v.isString() && symbolPattern().match(v.toString()).hasMatch();
        }
        if (!ok)
            return Response::error(400, -1100,
                                   QStringLiteral("Illegal characters found in parameter "
                                                  "'symbols'; legal range is "
                                                  "'^\\[(\"[A-Z0-9-_.]{1,20}\"(,\"[A-Z0-9-_.]"
                                                  "{1,20}\"){0,}){0,1}\\]$'."));
        for (const QJsonValue &v : doc.array()) {
            const SyntheticMarket::Symbol *s = m_market->symbol(v.toString());
            if (!s)
                return Response::error(400, -1121, QStringLiteral("Invalid symbol."));
            selected.append(s);
        }
    } else {
        for (const SyntheticMarket::Symbol &s : m_market->symbols())
            selected.append(&s);
    }

    const auto limitObject = [](const char *type, const char *interval, int num, int limit) {
        return QJsonObject{{QStringLiteral("rateLimitType"), QLatin1StringView(type)},
                           {QStringLiteral("interval"), QLatin1StringView(interval)},
                           {QStringLiteral("intervalNum"), num},
                           {QStringLiteral("limit"), limit}};
    };
    const QJsonObject weightLimit = limitObject("REQUEST_WEIGHT", m_limiter->intervalName(),
                                                m_limiter->intervalNum(), m_limiter->limit());
    const QJsonArray rateLimits = m_dialect == Dialect::UsdM
        ? QJsonArray{weightLimit, limitObject("ORDERS", "MINUTE", 1, 1200),
                     limitObject("ORDERS", "SECOND", 10, 300)}
        : QJsonArray{weightLimit, limitObject("ORDERS", "SECOND", 10, 100),
                     limitObject("ORDERS", "DAY", 1, 200000),
                     limitObject("RAW_REQUESTS", "MINUTE", 5, 61000)};

    QJsonArray symbols;
    for (const SyntheticMarket::Symbol *s : std::as_const(selected)) {
        const QString tick = unitsString(SyntheticMarket::fromUnits(s->tickUnits));
        const QJsonArray filters{
            QJsonObject{{QStringLiteral("filterType"), QStringLiteral("PRICE_FILTER")},
                        {QStringLiteral("minPrice"), tick},
                        {QStringLiteral("maxPrice"), QStringLiteral("1000000.00000000")},
                        {QStringLiteral("tickSize"), tick}},
            QJsonObject{{QStringLiteral("filterType"), QStringLiteral("LOT_SIZE")},
                        {QStringLiteral("minQty"), QStringLiteral("0.00001000")},
                        {QStringLiteral("maxQty"), QStringLiteral("9000.00000000")},
                        {QStringLiteral("stepSize"), QStringLiteral("0.00001000")}},
        };
        if (m_dialect == Dialect::UsdM) {
            symbols.append(QJsonObject{
                {QStringLiteral("symbol"), s->symbol},
                {QStringLiteral("pair"), s->symbol},
                {QStringLiteral("contractType"),
                 m_contractTypes.value(s->symbol, QStringLiteral("PERPETUAL"))},
                {QStringLiteral("deliveryDate"), 4133404800000LL},
                {QStringLiteral("onboardDate"), s->listedFromMs},
                {QStringLiteral("status"), s->status},
                {QStringLiteral("baseAsset"), s->base},
                {QStringLiteral("quoteAsset"), s->quote},
                {QStringLiteral("marginAsset"), s->quote},
                {QStringLiteral("pricePrecision"), 2},
                {QStringLiteral("quantityPrecision"), 3},
                {QStringLiteral("underlyingType"), QStringLiteral("COIN")},
                {QStringLiteral("filters"), filters},
                {QStringLiteral("orderTypes"),
                 QJsonArray{QStringLiteral("LIMIT"), QStringLiteral("MARKET")}},
                {QStringLiteral("timeInForce"), QJsonArray{QStringLiteral("GTC")}},
            });
            continue;
        }
        symbols.append(QJsonObject{
            {QStringLiteral("symbol"), s->symbol},
            {QStringLiteral("status"), s->status},
            {QStringLiteral("baseAsset"), s->base},
            {QStringLiteral("baseAssetPrecision"), 8},
            {QStringLiteral("quoteAsset"), s->quote},
            {QStringLiteral("quotePrecision"), 8},
            {QStringLiteral("quoteAssetPrecision"), 8},
            {QStringLiteral("orderTypes"),
             QJsonArray{QStringLiteral("LIMIT"), QStringLiteral("MARKET")}},
            {QStringLiteral("isSpotTradingAllowed"), true},
            {QStringLiteral("isMarginTradingAllowed"), false},
            {QStringLiteral("filters"), filters},
            {QStringLiteral("permissions"), QJsonArray()},
            {QStringLiteral("permissionSets"), QJsonArray{QJsonArray{QStringLiteral("SPOT")}}},
        });
    }

    Response r;
    r.body = QJsonDocument(QJsonObject{
                               {QStringLiteral("timezone"), QStringLiteral("UTC")},
                               {QStringLiteral("serverTime"), nowMs},
                               {QStringLiteral("rateLimits"), rateLimits},
                               {QStringLiteral("exchangeFilters"), QJsonArray()},
                               {QStringLiteral("symbols"), symbols},
                           })
                 .toJson(QJsonDocument::Compact);
    return r;
}

} // namespace Candlewick::Testing
