#include "fakebybitrest.h"

#include "httprequest.h"

#include "syntheticmarket.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace Candlewick::Testing {

namespace {

QByteArray units(double v)
{
    return QByteArray::number(v, 'f', 8);
}

std::optional<Interval> intervalFromCode(const QString &code)
{
    static const QHash<QString, Interval> codes{
        {QStringLiteral("1"), Interval::M1},   {QStringLiteral("3"), Interval::M3},
        {QStringLiteral("5"), Interval::M5},   {QStringLiteral("15"), Interval::M15},
        {QStringLiteral("30"), Interval::M30}, {QStringLiteral("60"), Interval::H1},
        {QStringLiteral("120"), Interval::H2}, {QStringLiteral("240"), Interval::H4},
        {QStringLiteral("360"), Interval::H6}, {QStringLiteral("720"), Interval::H12},
        {QStringLiteral("D"), Interval::D1},   {QStringLiteral("W"), Interval::W1},
        {QStringLiteral("M"), Interval::Mon1},
    };
    const auto it = codes.constFind(code);
    return it == codes.constEnd() ? std::nullopt : std::optional<Interval>(*it);
}

} // namespace

FakeBybitRest::FakeBybitRest(Clock *clock, QObject *parent)
    : FakeHttpServer(clock, parent)
    , m_market(std::make_unique<SyntheticMarket>())
{
}

FakeBybitRest::~FakeBybitRest() = default;

void FakeBybitRest::addSymbol(const QString &category, const QString &symbol, const QString &base,
                              const QString &quote, qint64 listedFromMs, const QString &status,
                              const QString &contractType)
{
    if (!m_market->symbol(symbol))
        m_market->addSymbol(symbol, base, quote, listedFromMs, status);
    m_categories[symbol].append(category);
    if (category == QLatin1StringView("linear"))
        m_contractTypes.insert(symbol, contractType);
}

void FakeBybitRest::addMaintenanceGap(TimeRange gap)
{
    m_market->addMaintenanceGap(gap);
}

void FakeBybitRest::setRequestLimit(int requests, qint64 windowMs)
{
    m_limit = std::max(1, requests);
    m_windowMs = std::max<qint64>(1, windowMs);
}

void FakeBybitRest::injectFault(Fault fault, int count)
{
    if (count > 0)
        m_faults.append({fault, count});
}

Candle FakeBybitRest::bybitCandle(const QString &symbol, Interval interval, qint64 openTime,
                                  qint64 nowMs) const
{
    Candle c = m_market->candleAsOf(*m_market->symbol(symbol), interval, openTime, nowMs);
    c.trades = 0;
    c.takerBuyBase = 0;
    c.takerBuyQuote = 0;
    return c;
}

Candle FakeBybitRest::candleAsOf(const QString &symbol, Interval interval, qint64 openTime,
                                 qint64 nowMs) const
{
    return bybitCandle(symbol, interval, openTime, nowMs);
}

CandleBatch FakeBybitRest::groundTruth(const QString &symbol, Interval interval,
                                       TimeRange range) const
{
    const SyntheticMarket::Symbol *s = m_market->symbol(symbol);
    if (!s)
        return {};
    const qint64 now = clock()->nowMs();
    CandleBatch out;
    for (Candle c : m_market->closedCandles(*s, interval, range, now)) {
        if (m_quietOmitted && c.volume == 0)
            continue;
        c.trades = 0;
        c.takerBuyBase = 0;
        c.takerBuyQuote = 0;
        out.append(c);
    }
    return out;
}

FakeBybitRest::Response FakeBybitRest::envelope(int retCode, const QString &retMsg,
                                                const QByteArray &result, qint64 nowMs)
{
    Response r;
    r.body = "{\"retCode\":" + QByteArray::number(retCode) + ",\"retMsg\":"
        + QJsonDocument(QJsonArray{retMsg}).toJson(QJsonDocument::Compact).mid(1).chopped(1)
        + ",\"result\":" + result + ",\"retExtInfo\":{},\"time\":" + QByteArray::number(nowMs)
        + '}';
    return r;
}

FakeBybitRest::Response FakeBybitRest::route(const HttpRequest &request, qint64 nowMs)
{
    ++m_requestCount;
    if (nowMs >= m_bannedUntil) {
        while (!m_arrivals.empty() && m_arrivals.front() + m_windowMs <= nowMs)
            m_arrivals.pop_front();
        m_arrivals.push_back(nowMs);
        m_maxInWindow = std::max(m_maxInWindow, int(m_arrivals.size()));
        if (int(m_arrivals.size()) > m_limit) {
            m_bannedUntil = nowMs + m_banMs;
            m_arrivals.clear();
        }
    }
    if (nowMs < m_bannedUntil) {
        ++m_bannedCount;
        Response r;
        if (m_banBodyJson) {
            r = envelope(10006, QStringLiteral("access too frequent"), "{}", nowMs);
        } else {
            r.body = "access too frequent";
            r.contentType = "text/plain";
        }
        r.status = 403;
        return r;
    }

    const QUrlQuery query(QString::fromUtf8(request.query));
    if (request.path == "/v5/market/time") {
        return envelope(0, QStringLiteral("OK"),
                        "{\"timeSecond\":\"" + QByteArray::number(nowMs / 1000)
                            + "\",\"timeNano\":\"" + QByteArray::number(nowMs * 1000000) + "\"}",
                        nowMs);
    }
    if (request.path == "/v5/market/instruments-info")
        return instruments(query, nowMs);
    if (request.path == "/v5/market/kline") {
        m_klineQueries.append(query);
        if (!m_faults.isEmpty()) {
            const Fault fault = m_faults.first().first;
            if (--m_faults.first().second == 0)
                m_faults.removeFirst();
            Response r;
            switch (fault) {
            case Fault::ServerError:
                r.status = 500;
                r.body = "Internal Server Error";
                r.contentType = "text/plain";
                return r;
            case Fault::Throttle429:
                ++m_throttledCount;
                r.status = 429;
                r.body = "System level frequency protection";
                r.contentType = "text/plain";
                return r;
            case Fault::TooManyVisits:
                ++m_throttledCount;
                return envelope(10006, QStringLiteral("Too many visits!"), "{}", nowMs);
            case Fault::SystemError:
                return envelope(10016, QStringLiteral("Server error."), "{}", nowMs);
            case Fault::MalformedJson:
                r.body = "{\"retCode\":0,\"retMsg\":\"OK\",\"result\":{\"list\":[[\"17";
                return r;
            }
        }
        return kline(query, nowMs);
    }
    Response r;
    r.status = 404;
    r.body = "Not Found";
    r.contentType = "text/plain";
    return r;
}

FakeBybitRest::Response FakeBybitRest::kline(const QUrlQuery &query, qint64 nowMs)
{
    QString category = query.queryItemValue(QStringLiteral("category"));
    if (category.isEmpty())
        category = QStringLiteral("linear"); // documented default
    const QString symbol = query.queryItemValue(QStringLiteral("symbol"));
    if (!m_categories.value(symbol).contains(category))
        return envelope(10001, QStringLiteral("Not supported symbols"), "{}", nowMs);
    const std::optional<Interval> interval
        = intervalFromCode(query.queryItemValue(QStringLiteral("interval")));
    if (!interval)
        return envelope(10001, QStringLiteral("Invalid period!"), "{}", nowMs);
    int limit = 200;
    if (query.hasQueryItem(QStringLiteral("limit"))) {
        bool ok = false;
        limit = query.queryItemValue(QStringLiteral("limit")).toInt(&ok);
        if (!ok || limit < 1 || limit > 1000)
            return envelope(10001, QStringLiteral("Invalid limit"), "{}", nowMs);
    }
    const SyntheticMarket::Symbol &s = *m_market->symbol(symbol);
    const qint64 start = query.hasQueryItem(QStringLiteral("start"))
        ? query.queryItemValue(QStringLiteral("start")).toLongLong()
        : 0;
    qint64 end = query.hasQueryItem(QStringLiteral("end"))
        ? query.queryItemValue(QStringLiteral("end")).toLongLong()
        : nowMs;
    if (m_endExclusive)
        --end;
    // A mid-bucket start gives the bucket containing it.
    const qint64 from = Intervals::alignDown(*interval, start);
    // Twice the limit when no-trade buckets are left out, so a page still holds `limit` rows.
    const QList<qint64> times = m_market->openTimes(
        s, *interval, from, end, m_quietOmitted ? 2 * limit : limit, !m_oldestRows, nowMs);
    QList<Candle> rows;
    for (qint64 t : times) {
        const Candle c = bybitCandle(symbol, *interval, t, nowMs);
        if (!c.closed && !m_formingServed)
            continue;
        if (m_quietOmitted && c.closed && c.volume == 0)
            continue;
        rows.append(c);
    }
    if (rows.size() > limit)
        rows = m_oldestRows ? rows.first(limit) : rows.last(limit);
    QByteArray list = "[";
    for (qsizetype i = rows.size() - 1; i >= 0; --i) {
        const Candle &c = rows.at(i);
        if (list.size() > 1)
            list += ',';
        list += "[\"" + QByteArray::number(c.openTime) + "\",\"" + units(c.open) + "\",\""
            + units(c.high) + "\",\"" + units(c.low) + "\",\"" + units(c.close) + "\",\""
            + units(c.volume) + "\",\"" + units(c.quoteVolume) + "\"]";
    }
    list += ']';
    return envelope(0, QStringLiteral("OK"),
                    "{\"symbol\":\"" + symbol.toUtf8() + "\",\"category\":\"" + category.toUtf8()
                        + "\",\"list\":" + list + '}',
                    nowMs);
}

FakeBybitRest::Response FakeBybitRest::instruments(const QUrlQuery &query, qint64 nowMs)
{
    const QString category = query.queryItemValue(QStringLiteral("category"));
    if (category != QLatin1StringView("spot") && category != QLatin1StringView("linear"))
        return envelope(10001, QStringLiteral("params error: category is invalid"), "{}", nowMs);
    const bool linear = category == QLatin1StringView("linear");
    QJsonArray all;
    for (const SyntheticMarket::Symbol &s : m_market->symbols()) {
        if (!m_categories.value(s.symbol).contains(category))
            continue;
        // Only trading instruments unless a status is asked for.
        if (s.status != QLatin1StringView("Trading"))
            continue;
        QJsonObject o{{QStringLiteral("symbol"), s.symbol},
                      {QStringLiteral("baseCoin"), s.base},
                      {QStringLiteral("quoteCoin"), s.quote},
                      {QStringLiteral("status"), s.status},
                      {QStringLiteral("priceFilter"),
                       QJsonObject{{QStringLiteral("tickSize"),
                                    QString::fromLatin1(units(s.tickUnits / 1e8))}}}};
        if (linear) {
            o.insert(QStringLiteral("contractType"), m_contractTypes.value(s.symbol));
            o.insert(QStringLiteral("settleCoin"), s.quote);
        }
        all.append(o);
    }
    QJsonArray page = all;
    QString next;
    if (linear) {
        const int limit = query.hasQueryItem(QStringLiteral("limit"))
            ? std::clamp(query.queryItemValue(QStringLiteral("limit")).toInt(), 1, 1000)
            : 500;
        const int size = std::min(limit, m_pageSize);
        const int offset = query.queryItemValue(QStringLiteral("cursor")).toInt();
        page = QJsonArray();
        for (int i = offset; i < all.size() && i < offset + size; ++i)
            page.append(all.at(i));
        if (offset + size < all.size())
            next = QString::number(offset + size);
    }
    const QJsonObject result{{QStringLiteral("category"), category},
                             {QStringLiteral("list"), page},
                             {QStringLiteral("nextPageCursor"), next}};
    return envelope(0, QStringLiteral("OK"), QJsonDocument(result).toJson(QJsonDocument::Compact),
                    nowMs);
}

} // namespace Candlewick::Testing
