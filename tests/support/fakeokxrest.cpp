#include "fakeokxrest.h"

#include "httprequest.h"
#include "syntheticmarket.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <optional>

namespace Candlewick::Testing {

namespace {

constexpr qint64 HourMs = 3600 * 1000;
constexpr qint64 LimitWindowMs = 2000;
// Contract size of the fake's swaps: vol counts contracts of 0.01 base.
constexpr double ContractSize = 0.01;

const QString CandlesPath = QStringLiteral("/api/v5/market/candles");
const QString HistoryPath = QStringLiteral("/api/v5/market/history-candles");
const QString InstrumentsPath = QStringLiteral("/api/v5/public/instruments");

struct Bar
{
    Interval interval;
    qint64 offsetMs; // boundaries this far east of UTC
};

std::optional<Bar> parseBar(const QString &bar, bool history)
{
    static const QHash<QString, Interval> plain{
        {QStringLiteral("1m"), Interval::M1},   {QStringLiteral("3m"), Interval::M3},
        {QStringLiteral("5m"), Interval::M5},   {QStringLiteral("15m"), Interval::M15},
        {QStringLiteral("30m"), Interval::M30}, {QStringLiteral("1H"), Interval::H1},
        {QStringLiteral("2H"), Interval::H2},   {QStringLiteral("4H"), Interval::H4},
    };
    static const QHash<QString, Interval> zoned{
        {QStringLiteral("6H"), Interval::H6}, {QStringLiteral("12H"), Interval::H12},
        {QStringLiteral("1D"), Interval::D1}, {QStringLiteral("3D"), Interval::D3},
        {QStringLiteral("1W"), Interval::W1}, {QStringLiteral("1M"), Interval::Mon1},
    };
    if (bar == QLatin1StringView("1s"))
        return history ? std::optional<Bar>(Bar{Interval::S1, 0}) : std::nullopt;
    if (plain.contains(bar))
        return Bar{plain.value(bar), 0};
    if (zoned.contains(bar))
        return Bar{zoned.value(bar), 8 * HourMs};
    if (bar.endsWith(QLatin1StringView("utc")) && zoned.contains(bar.chopped(3)))
        return Bar{zoned.value(bar.chopped(3)), 0};
    return std::nullopt;
}

QString number(double v)
{
    QString s = QString::number(v, 'f', 8);
    while (s.endsWith(u'0'))
        s.chop(1);
    if (s.endsWith(u'.'))
        s.chop(1);
    return s;
}

} // namespace

FakeOkxRest::FakeOkxRest(Clock *clock, QObject *parent)
    : FakeHttpServer(clock, parent)
    , m_market(std::make_unique<SyntheticMarket>())
{
    m_limits[CandlesPath] = 40;
    m_limits[HistoryPath] = 20;
    m_limits[InstrumentsPath] = 20;
}

FakeOkxRest::~FakeOkxRest() = default;

void FakeOkxRest::addInstrument(const QString &instId, const QString &instType, qint64 listedFromMs,
                                const QString &state)
{
    const QStringList parts = instId.split(u'-');
    m_market->addSymbol(instId, parts.value(0), parts.value(1), listedFromMs, state);
    m_instruments.append({instId, instType, state});
}

void FakeOkxRest::addMaintenanceGap(TimeRange gap)
{
    m_market->addMaintenanceGap(gap);
}

CandleBatch FakeOkxRest::groundTruth(const QString &instId, Interval interval,
                                     TimeRange range) const
{
    const SyntheticMarket::Symbol *s = m_market->symbol(instId);
    if (!s)
        return {};
    CandleBatch all = m_market->closedCandles(*s, interval, range, clock()->nowMs());
    if (m_omitQuiet)
        all.removeIf([](const Candle &c) { return c.volume == 0; });
    return all;
}

Candle FakeOkxRest::candleAsOf(const QString &instId, Interval interval, qint64 openTime,
                               qint64 nowMs) const
{
    const SyntheticMarket::Symbol *s = m_market->symbol(instId);
    return s ? m_market->candleAsOf(*s, interval, openTime, nowMs) : Candle{};
}

int FakeOkxRest::candleRequestCount() const
{
    return int(m_candleQueries.size());
}

QByteArray FakeOkxRest::envelope(const QString &code, const QString &msg, const QByteArray &data)
{
    return "{\"code\":\"" + code.toUtf8() + "\",\"msg\":\"" + msg.toUtf8() + "\",\"data\":" + data
        + "}";
}

bool FakeOkxRest::throttled(const QString &path, qint64 nowMs)
{
    QList<qint64> &arrivals = m_arrivals[path];
    while (!arrivals.isEmpty() && arrivals.first() <= nowMs - LimitWindowMs)
        arrivals.removeFirst();
    const int limit = m_limits.value(path);
    if (limit > 0 && arrivals.size() >= limit)
        return true;
    arrivals.append(nowMs);
    return false;
}

FakeOkxRest::Response FakeOkxRest::route(const HttpRequest &request, qint64 nowMs)
{
    ++m_requests;
    const QString path = QString::fromLatin1(request.path);
    const QUrlQuery query(QString::fromLatin1(request.query));
    if (path == QLatin1StringView("/api/v5/public/time"))
        return {
            200,
            envelope(QStringLiteral("0"), {}, "[{\"ts\":\"" + QByteArray::number(nowMs) + "\"}]")};
    if (path != CandlesPath && path != HistoryPath && path != InstrumentsPath)
        return {404, envelope(QStringLiteral("404"), QStringLiteral("Not Found"), "[]")};
    if (throttled(path, nowMs)) {
        ++m_throttled;
        return {m_throttleStatus,
                envelope(QStringLiteral("50011"),
                         m_throttleStatus == 429 ? QStringLiteral("Too Many Requests")
                                                 : QStringLiteral("Rate limit reached. Please "
                                                                  "refer to API documentation "
                                                                  "and throttle requests "
                                                                  "accordingly"),
                         "[]")};
    }
    if (path == InstrumentsPath)
        return instruments(query);
    m_candleQueries.append({path, query});
    if (m_serverErrors > 0) {
        --m_serverErrors;
        return {503,
                envelope(QStringLiteral("50001"),
                         QStringLiteral("Service temporarily "
                                        "unavailable"),
                         "[]")};
    }
    return candles(path, query, nowMs);
}

FakeOkxRest::Response FakeOkxRest::instruments(const QUrlQuery &query)
{
    ++m_instrumentRequests;
    const QString type = query.queryItemValue(QStringLiteral("instType"));
    if (type != QLatin1StringView("SPOT") && type != QLatin1StringView("SWAP")
        && type != QLatin1StringView("FUTURES"))
        return {
            400,
            envelope(QStringLiteral("51000"), QStringLiteral("Parameter instType error"), "[]")};
    QJsonArray list;
    for (const Instrument &i : std::as_const(m_instruments)) {
        if (i.instType != type)
            continue;
        const QStringList parts = i.instId.split(u'-');
        QJsonObject o{{QStringLiteral("instType"), i.instType},
                      {QStringLiteral("instId"), i.instId},
                      {QStringLiteral("state"), i.state},
                      {QStringLiteral("tickSz"), QStringLiteral("0.1")},
                      {QStringLiteral("lotSz"), QStringLiteral("0.00000001")}};
        if (type == QLatin1StringView("SPOT")) {
            o.insert(QStringLiteral("baseCcy"), parts.value(0));
            o.insert(QStringLiteral("quoteCcy"), parts.value(1));
            o.insert(QStringLiteral("settleCcy"), QString());
        } else {
            o.insert(QStringLiteral("baseCcy"), QString());
            o.insert(QStringLiteral("quoteCcy"), QString());
            o.insert(QStringLiteral("settleCcy"), parts.value(1));
            o.insert(QStringLiteral("ctVal"), number(ContractSize));
            o.insert(QStringLiteral("ctType"), QStringLiteral("linear"));
        }
        list.append(o);
    }
    return {200,
            envelope(QStringLiteral("0"), {}, QJsonDocument(list).toJson(QJsonDocument::Compact))};
}

FakeOkxRest::Response FakeOkxRest::candles(const QString &path, const QUrlQuery &query,
                                           qint64 nowMs)
{
    const bool history = path == HistoryPath;
    const SyntheticMarket::Symbol *s
        = m_market->symbol(query.queryItemValue(QStringLiteral("instId")));
    if (!s)
        return {200,
                envelope(QStringLiteral("51001"), QStringLiteral("Instrument ID does not exist"),
                         "[]")};
    const QString barText = query.hasQueryItem(QStringLiteral("bar"))
        ? query.queryItemValue(QStringLiteral("bar"))
        : QStringLiteral("1m");
    const std::optional<Bar> bar = parseBar(barText, history);
    if (!bar)
        return {400,
                envelope(QStringLiteral("51000"), QStringLiteral("Parameter bar error"), "[]")};
    int limit = 100;
    if (query.hasQueryItem(QStringLiteral("limit"))) {
        bool ok = false;
        limit = query.queryItemValue(QStringLiteral("limit")).toInt(&ok);
        if (!ok || limit < 1)
            return {
                400,
                envelope(QStringLiteral("51000"), QStringLiteral("Parameter limit error"), "[]")};
    }
    limit = std::min(limit, history ? m_historyCap : 300);
    const Interval iv = bar->interval;
    const qint64 offset = bar->offsetMs;
    const qint64 forming = SyntheticMarket::alignDown(iv, nowMs, offset);
    // Newest open time served: the forming candle, or the last one before `after`.
    qint64 newest = forming;
    if (query.hasQueryItem(QStringLiteral("after"))) {
        const qint64 after = query.queryItemValue(QStringLiteral("after")).toLongLong();
        newest = std::min(newest, SyntheticMarket::alignUp(iv, after, offset) - 1);
    }
    qint64 oldest = 0;
    if (query.hasQueryItem(QStringLiteral("before")))
        oldest = query.queryItemValue(QStringLiteral("before")).toLongLong() + 1;
    if (!history) {
        // /candles keeps only the latest 1440 rows.
        qint64 floor = forming;
        for (int i = 1; i < 1440; ++i)
            floor = SyntheticMarket::previousOpen(iv, floor, offset);
        oldest = std::max(oldest, floor);
    }
    QList<qint64> opens;
    qint64 to = newest;
    // Ask for more than `limit` when quiet buckets are left out, until enough are found.
    while (opens.size() < limit && to >= oldest) {
        QList<qint64> page = m_market->openTimes(*s, iv, oldest, to, limit - int(opens.size()),
                                                 true, nowMs, offset);
        if (page.isEmpty())
            break;
        to = page.first() - 1;
        for (auto it = page.crbegin(); it != page.crend(); ++it) {
            const Candle c = m_market->candleAsOf(*s, iv, *it, nowMs, offset);
            if (m_omitQuiet && c.closed && c.volume == 0)
                continue;
            opens.append(*it);
        }
    }
    const bool derivative = s->symbol.count(u'-') >= 2;
    QByteArray rows = "[";
    for (qint64 open : std::as_const(opens)) {
        const Candle c = m_market->candleAsOf(*s, iv, open, nowMs, offset);
        const double vol = derivative ? c.volume / ContractSize : c.volume;
        const double volCcy = derivative ? c.volume : c.quoteVolume;
        if (rows.size() > 1)
            rows += ',';
        rows += "[\"" + QByteArray::number(c.openTime) + "\",\"" + number(c.open).toLatin1()
            + "\",\"" + number(c.high).toLatin1() + "\",\"" + number(c.low).toLatin1() + "\",\""
            + number(c.close).toLatin1() + "\",\"" + number(vol).toLatin1() + "\",\""
            + number(volCcy).toLatin1() + "\",\"" + number(c.quoteVolume).toLatin1() + "\",\""
            + (c.closed ? "1" : "0") + "\"]";
    }
    rows += ']';
    return {200, envelope(QStringLiteral("0"), {}, rows)};
}

} // namespace Candlewick::Testing
