#include "fakecoinbaserest.h"

#include "httprequest.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace Candlewick::Testing {

namespace {

std::optional<Interval> intervalFromGranularity(const QString &name)
{
    static const QHash<QString, Interval> names{
        {QStringLiteral("ONE_MINUTE"), Interval::M1},
        {QStringLiteral("FIVE_MINUTE"), Interval::M5},
        {QStringLiteral("FIFTEEN_MINUTE"), Interval::M15},
        {QStringLiteral("THIRTY_MINUTE"), Interval::M30},
        {QStringLiteral("ONE_HOUR"), Interval::H1},
        {QStringLiteral("TWO_HOUR"), Interval::H2},
        {QStringLiteral("SIX_HOUR"), Interval::H6},
        {QStringLiteral("ONE_DAY"), Interval::D1},
    };
    const auto it = names.constFind(name);
    return it == names.constEnd() ? std::nullopt : std::optional<Interval>(*it);
}

QByteArray cbNumber(double v, int scale)
{
    return QByteArray::number(v, 'f', scale);
}

} // namespace

FakeCoinbaseRest::FakeCoinbaseRest(Clock *clock, QObject *parent)
    : FakeHttpServer(clock, parent)
{
}

FakeCoinbaseRest::~FakeCoinbaseRest() = default;

void FakeCoinbaseRest::addProduct(const QString &id, qint64 listedFromMs)
{
    const qsizetype dash = id.indexOf(u'-');
    m_market.addProduct(id, id.left(dash), id.mid(dash + 1), listedFromMs);
}

void FakeCoinbaseRest::setRequestLimit(int requests, qint64 windowMs)
{
    m_limit = std::max(1, requests);
    m_windowMs = std::max<qint64>(1, windowMs);
}

void FakeCoinbaseRest::injectFault(Fault fault, int count)
{
    if (count > 0)
        m_faults.append({fault, count});
}

CandleBatch FakeCoinbaseRest::groundTruth(const QString &product, Interval interval,
                                          TimeRange range) const
{
    const qint64 now = clock()->nowMs();
    CandleBatch out;
    for (qint64 t = Intervals::alignUp(interval, range.from); t < range.to;
         t = Intervals::next(interval, t)) {
        const std::optional<Candle> c = m_market.candle(product, interval, t, now);
        if (c && c->closed)
            out.append(*c);
    }
    return out;
}

FakeCoinbaseRest::Response FakeCoinbaseRest::error(int status, const QByteArray &code,
                                                   const QString &details)
{
    Response r;
    r.status = status;
    r.body = QJsonDocument(QJsonObject{{QStringLiteral("error"), QString::fromLatin1(code)},
                                       {QStringLiteral("error_details"), details},
                                       {QStringLiteral("message"), details}})
                 .toJson(QJsonDocument::Compact);
    return r;
}

FakeCoinbaseRest::Response FakeCoinbaseRest::route(const HttpRequest &request, qint64 nowMs)
{
    ++m_requestCount;
    while (!m_arrivals.empty() && m_arrivals.front() + m_windowMs <= nowMs)
        m_arrivals.pop_front();
    m_arrivals.push_back(nowMs);
    m_maxInWindow = std::max(m_maxInWindow, int(m_arrivals.size()));
    const auto throttled = [this](bool with401) {
        ++m_throttledCount;
        Response r;
        if (with401) {
            r.status = 401;
            r.body = "{\"errors\":[{\"id\":\"unauthorized\",\"message\":\"Unauthorized\"}]}";
        } else {
            r.status = 429;
            r.body = "{\"errors\":[{\"id\":\"rate_limit_exceeded\",\"message\":\"Too many "
                     "requests\"}]}";
        }
        return r;
    };
    if (int(m_arrivals.size()) > m_limit)
        return throttled(m_throttle401);

    const QString path = QString::fromUtf8(request.path);
    const QUrlQuery query(QString::fromUtf8(request.query));
    const QString prefix = QStringLiteral("/api/v3/brokerage");
    if (path == prefix + QStringLiteral("/time")) {
        Response r;
        r.body = "{\"iso\":\"\",\"epochSeconds\":\"" + QByteArray::number(nowMs / 1000)
            + "\",\"epochMillis\":\"" + QByteArray::number(nowMs) + "\"}";
        return r;
    }
    if (path == prefix + QStringLiteral("/market/products"))
        return products();
    const QString productsPrefix = prefix + QStringLiteral("/market/products/");
    if (path.startsWith(productsPrefix) && path.endsWith(QLatin1StringView("/candles"))) {
        const QString product
            = path.mid(productsPrefix.size()).chopped(int(QStringLiteral("/candles").size()));
        m_candleQueries.append(query);
        if (!m_faults.isEmpty()) {
            const Fault fault = m_faults.first().first;
            if (--m_faults.first().second == 0)
                m_faults.removeFirst();
            switch (fault) {
            case Fault::ServerError:
                return error(500, "INTERNAL", QStringLiteral("internal error"));
            case Fault::Throttle429:
                return throttled(false);
            case Fault::Throttle401:
                return throttled(true);
            case Fault::MalformedJson: {
                Response r;
                r.body = "{\"candles\":[{\"start\":\"17";
                return r;
            }
            }
        }
        return candles(product, query, nowMs);
    }
    Response r;
    r.status = 404;
    r.body = "{\"errors\":[{\"id\":\"not_found\",\"message\":\"Not found\"}]}";
    return r;
}

FakeCoinbaseRest::Response FakeCoinbaseRest::candles(const QString &product, const QUrlQuery &query,
                                                     qint64 nowMs)
{
    if (!m_market.product(product))
        return error(404, "NOT_FOUND", QStringLiteral("ProductID is invalid"));
    const std::optional<Interval> interval
        = intervalFromGranularity(query.queryItemValue(QStringLiteral("granularity")));
    if (!interval) {
        return error(400, "INVALID_ARGUMENT",
                     QStringLiteral("granularity %1 is not supported")
                         .arg(query.queryItemValue(QStringLiteral("granularity"))));
    }
    bool okStart = false;
    bool okEnd = false;
    const qint64 start = query.queryItemValue(QStringLiteral("start")).toLongLong(&okStart);
    const qint64 end = query.queryItemValue(QStringLiteral("end")).toLongLong(&okEnd);
    if (!okStart || !okEnd || end < start) {
        return error(400, "INVALID_ARGUMENT", QStringLiteral("start and end argument is invalid"));
    }
    // Bucket starts from the one holding `start` up to `end` (inclusive unless switched).
    const qint64 first = Intervals::alignDown(*interval, start * 1000);
    const qint64 last = m_endExclusive ? end * 1000 - 1 : end * 1000;
    const qint64 count = last >= first ? Intervals::countBetween(*interval, first, last + 1) : 0;
    if (count >= m_cap) {
        ++m_refusedSpans;
        return error(400, "INVALID_ARGUMENT",
                     QStringLiteral("start and end argument is invalid - number of candles "
                                    "requested should be less than %1")
                         .arg(m_cap));
    }
    QList<Candle> rows;
    std::optional<Candle> previous;
    for (qint64 t = first; t <= last && t < nowMs; t = Intervals::next(*interval, t)) {
        std::optional<Candle> c = m_market.candle(product, *interval, t, nowMs);
        if (!c && m_emptyServed && previous && Intervals::next(*interval, t) <= nowMs) {
            Candle flat;
            flat.openTime = t;
            flat.open = flat.high = flat.low = flat.close = previous->close;
            c = flat;
        }
        if (!c)
            continue;
        previous = c;
        if (!c->closed && !m_formingServed)
            continue;
        rows.append(*c);
    }
    if (!m_oldestFirst)
        std::reverse(rows.begin(), rows.end());
    QByteArray body = "{\"candles\":[";
    for (qsizetype i = 0; i < rows.size(); ++i) {
        const Candle &c = rows.at(i);
        if (i > 0)
            body += ',';
        body += "{\"start\":\"" + QByteArray::number(c.openTime / 1000) + "\",\"low\":\""
            + cbNumber(c.low, 2) + "\",\"high\":\"" + cbNumber(c.high, 2) + "\",\"open\":\""
            + cbNumber(c.open, 2) + "\",\"close\":\"" + cbNumber(c.close, 2) + "\",\"volume\":\""
            + cbNumber(c.volume, 8) + "\"}";
    }
    body += "]}";
    Response r;
    r.body = body;
    return r;
}

FakeCoinbaseRest::Response FakeCoinbaseRest::products() const
{
    QJsonArray list;
    for (const FakeCoinbaseMarket::Product &p : m_market.products()) {
        list.append(QJsonObject{{QStringLiteral("product_id"), p.id},
                                {QStringLiteral("base_currency_id"), p.base},
                                {QStringLiteral("quote_currency_id"), p.quote},
                                {QStringLiteral("price_increment"), QStringLiteral("0.01")},
                                {QStringLiteral("base_increment"), QStringLiteral("0.00000001")},
                                {QStringLiteral("quote_increment"), QStringLiteral("0.01")},
                                {QStringLiteral("status"), p.status},
                                {QStringLiteral("trading_disabled"), false},
                                {QStringLiteral("is_disabled"), false},
                                {QStringLiteral("product_type"), QStringLiteral("SPOT")}});
    }
    Response r;
    r.body = QJsonDocument(QJsonObject{{QStringLiteral("products"), list},
                                       {QStringLiteral("num_products"), list.size()}})
                 .toJson(QJsonDocument::Compact);
    return r;
}

} // namespace Candlewick::Testing
