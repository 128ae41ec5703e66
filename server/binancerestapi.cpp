#include "binancerestapi.h"

#include "binanceformat.h"
#include "klinesquery.h"
#include "zonedklines.h"

#include <candlestore.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QUrlQuery>

#include <limits>
#include <utility>

namespace Candlewick {

namespace {

constexpr int WeightLimit = 6000; // per minute, as Binance
constexpr qint64 Minute = 60'000;

QString units(double v)
{
    return QString::number(v, 'f', 8);
}

// Base and quote of a symbol the symbol cache does not know, by its quote suffix.
std::pair<QString, QString> splitSymbol(const QString &symbol)
{
    static const QStringList quotes{QStringLiteral("USDT"), QStringLiteral("FDUSD"),
                                    QStringLiteral("USDC"), QStringLiteral("BUSD"),
                                    QStringLiteral("TUSD"), QStringLiteral("BTC"),
                                    QStringLiteral("ETH"),  QStringLiteral("BNB"),
                                    QStringLiteral("EUR"),  QStringLiteral("TRY")};
    for (const QString &q : quotes) {
        if (symbol.size() > q.size() && symbol.endsWith(q))
            return {symbol.chopped(q.size()), q};
    }
    return {symbol, QString()};
}

// The JSON array of klines rows.
QByteArray rowsBody(const CandleBatch &rows, Interval interval, qint64 zoneOffsetMs)
{
    QByteArray body;
    body.reserve(2 + rows.size() * 200);
    body += '[';
    for (qsizetype i = 0; i < rows.size(); ++i) {
        if (i > 0)
            body += ',';
        BinanceFormat::appendKlineRow(body, rows.at(i), interval, zoneOffsetMs);
    }
    body += ']';
    return body;
}

} // namespace

BinanceRestApi::BinanceRestApi(const CandleStore *store, QString exchange,
                               std::function<qint64()> now)
    : m_store(store)
    , m_exchange(std::move(exchange))
    , m_now(std::move(now))
{
}

std::optional<HttpResponse> BinanceRestApi::handle(const HttpRequest &request)
{
    const QByteArray &path = request.path;
    const QUrlQuery query(QString::fromLatin1(request.query));
    HttpResponse r;
    if (path == "/api/v3/klines" || path == "/api/v3/uiKlines") {
        r = klines(query);
        chargeWeight(2, r);
    } else if (path == "/api/v3/exchangeInfo") {
        r = exchangeInfo(query);
        chargeWeight(20, r);
    } else if (path == "/api/v3/time") {
        r = HttpResponse::json("{\"serverTime\":" + QByteArray::number(m_now()) + '}');
        chargeWeight(1, r);
    } else if (path == "/api/v3/ping") {
        r = HttpResponse::json("{}");
        chargeWeight(1, r);
    } else {
        return std::nullopt;
    }
    return r;
}

void BinanceRestApi::chargeWeight(int weight, HttpResponse &response)
{
    // Counted and reported like Binance (a fixed window per minute) so clients that pace
    // themselves by the header keep working; a local server never refuses.
    const qint64 window = m_now() / Minute;
    if (window != m_weightWindow) {
        m_weightWindow = window;
        m_usedWeight = 0;
    }
    m_usedWeight += weight;
    const QByteArray used = QByteArray::number(m_usedWeight);
    response.headers.append({"X-MBX-USED-WEIGHT-1M", used});
    response.headers.append({"x-mbx-used-weight", used});
}

HttpResponse BinanceRestApi::klines(const QUrlQuery &urlQuery)
{
    HttpResponse error;
    const std::optional<KlinesQuery> query = KlinesQuery::parse(urlQuery, &error);
    if (!query)
        return error;
    if (!storedSymbols(query->symbol).contains(query->symbol))
        return HttpResponse::binanceError(400, -1121, QStringLiteral("Invalid symbol."));
    const std::optional<Interval> interval = Intervals::parse(query->interval);
    if (!interval)
        return HttpResponse::binanceError(400, -1120, QStringLiteral("Invalid interval."));
    const SeriesKey key{m_exchange, query->symbol, *interval};
    if (ZonedKlines::shiftsBoundaries(*interval, query->timeZoneMs)) {
        const std::optional<Interval> source
            = ZonedKlines::sourceInterval(*m_store, key, query->timeZoneMs);
        if (!source)
            return HttpResponse::binanceError(
                400, -1128,
                QStringLiteral("Combination of optional parameters invalid: timeZone %1 with "
                               "interval %2 is built from stored candles of an interval that "
                               "divides the offset (e.g. 1m), and none are stored for %3.")
                    .arg(urlQuery.queryItemValue(QStringLiteral("timeZone"), QUrl::FullyDecoded),
                         query->interval, query->symbol));
        const CandleBatch rows
            = ZonedKlines::select(*m_store, key, *source, *query, m_now(), m_includeForming);
        return HttpResponse::json(rowsBody(rows, *interval, query->timeZoneMs));
    }
    std::optional<ReadAhead> ready = std::exchange(m_readAhead, std::nullopt);
    if (ready && !ready->body.isNull() && ready->key == key && ready->query == *query
        && ready->end == selectionEnd(key, *query) && !ready->age.hasExpired(1000)) {
        ++m_readAheadHits;
        expectNextPage(key, *query, ready->lastOpen);
        return HttpResponse::json(std::move(ready->body));
    }
    const CandleBatch rows = select(key, *query);
    if (query->startMs && rows.size() == query->limit)
        expectNextPage(key, *query, rows.last().openTime);
    return HttpResponse::json(rowsBody(rows, *interval, 0));
}

void BinanceRestApi::expectNextPage(const SeriesKey &key, const KlinesQuery &query, qint64 lastOpen)
{
    ReadAhead next;
    next.key = key;
    next.query = query;
    next.query.startMs = lastOpen + 1;
    m_readAhead = std::move(next);
}

void BinanceRestApi::readAhead()
{
    if (!readAheadPending())
        return;
    ReadAhead &next = *m_readAhead;
    next.end = selectionEnd(next.key, next.query);
    const CandleBatch rows = select(next.key, next.query);
    // A page that is not full may end with the forming candle: left to the request.
    if (rows.size() < next.query.limit) {
        m_readAhead.reset();
        return;
    }
    next.body = rowsBody(rows, next.key.interval, 0);
    next.lastOpen = rows.last().openTime;
    next.age.start();
}

qint64 BinanceRestApi::selectionEnd(const SeriesKey &key, const KlinesQuery &query) const
{
    // Closed as of now: the candle ends at or before now.
    return selectionEnd(query, Intervals::alignDown(key.interval, m_now()));
}

qint64 BinanceRestApi::selectionEnd(const KlinesQuery &query, qint64 closedBefore)
{
    const qint64 endIncl = query.endMs.value_or(std::numeric_limits<qint64>::max() - 1);
    return std::min(endIncl + 1, closedBefore);
}

CandleBatch BinanceRestApi::select(const SeriesKey &key, const KlinesQuery &query) const
{
    // One reading of the clock for the closed rows and the forming one: read twice, a boundary
    // passing in between would send the just-closed candle twice (stored and as the partial).
    const qint64 closedBefore = Intervals::alignDown(key.interval, m_now());
    const qint64 endIncl = query.endMs.value_or(std::numeric_limits<qint64>::max() - 1);
    const qint64 to = selectionEnd(query, closedBefore);
    CandleBatch rows;
    if (query.startMs) {
        if (*query.startMs < to)
            rows = m_store->cursor(key, {*query.startMs, to}, query.limit).next();
    } else {
        rows = newest(key, std::numeric_limits<qint64>::min() / 2, to, query.limit);
    }
    // The still-forming candle, as Binance sends it, when the selection reaches it (the store
    // is asked only then: a paging client's requests cost one read).
    if (!m_includeForming || closedBefore > endIncl
        || closedBefore < query.startMs.value_or(std::numeric_limits<qint64>::min())
        || (query.startMs && rows.size() >= query.limit))
        return rows;
    const std::optional<Candle> forming = m_store->partial(key);
    if (!forming || forming->openTime != closedBefore)
        return rows;
    rows.append(*forming);
    if (rows.size() > query.limit)
        rows.removeFirst();
    return rows;
}

CandleBatch BinanceRestApi::newest(const SeriesKey &key, qint64 from, qint64 to, int limit) const
{
    const TimeRange stored = m_store->storedSpan(key, {from, to});
    if (stored.isEmpty())
        return {};
    // Widen a window back from `to` until it holds `limit` candles or all there are.
    qint64 span = qint64(limit) * Intervals::nominalMs(key.interval);
    CandleBatch rows;
    while (true) {
        const qint64 lo = std::max(stored.from, to - span);
        rows = m_store->read(key, {lo, to});
        if (rows.size() >= limit || lo <= stored.from)
            break;
        span *= 4;
    }
    if (rows.size() > limit)
        rows.remove(0, rows.size() - limit);
    return rows;
}

const QStringList &BinanceRestApi::storedSymbols(const QString &wanted) const
{
    const bool stale = !m_symbolsAge.isValid()
        || (m_symbolsAge.hasExpired(1000) && (wanted.isEmpty() || !m_symbols.contains(wanted)));
    if (!stale)
        return m_symbols;
    m_symbols.clear();
    for (const SeriesInfo &s : m_store->seriesList()) {
        if (s.key.exchange == m_exchange && s.candleCount > 0 && !m_symbols.contains(s.key.symbol))
            m_symbols.append(s.key.symbol);
    }
    m_symbols.sort();
    m_symbolsAge.start();
    return m_symbols;
}

HttpResponse BinanceRestApi::exchangeInfo(const QUrlQuery &query) const
{
    static const QRegularExpression symbolPattern(QStringLiteral("^[A-Z0-9-_.]{1,20}$"));
    const QStringList stored = storedSymbols();
    const bool hasOne = query.hasQueryItem(QStringLiteral("symbol"));
    const bool hasMany = query.hasQueryItem(QStringLiteral("symbols"));
    if (hasOne && hasMany)
        return HttpResponse::binanceError(
            400, -1128, QStringLiteral("Combination of optional parameters invalid."));
    QStringList selected;
    if (hasOne) {
        const QString one = query.queryItemValue(QStringLiteral("symbol"), QUrl::FullyDecoded);
        if (one.isEmpty())
            return HttpResponse::binanceError(400, -1105,
                                              QStringLiteral("Parameter 'symbol' was empty."));
        if (!symbolPattern.match(one).hasMatch())
            return HttpResponse::binanceError(
                400, -1100,
                QStringLiteral("Illegal characters found in parameter 'symbol'; legal range is "
                               "'^[A-Z0-9-_.]{1,20}$'."));
        if (!stored.contains(one))
            return HttpResponse::binanceError(400, -1121, QStringLiteral("Invalid symbol."));
        selected.append(one);
    } else if (hasMany) {
        const QJsonDocument doc = QJsonDocument::fromJson(
            query.queryItemValue(QStringLiteral("symbols"), QUrl::FullyDecoded).toUtf8());
        bool ok = doc.isArray() && !doc.array().isEmpty();
        for (const QJsonValue &v : doc.array())
            ok = ok && v.isString() && symbolPattern.match(v.toString()).hasMatch();
        if (!ok)
            return HttpResponse::binanceError(
                400, -1100,
                QStringLiteral(
                    "Illegal characters found in parameter 'symbols'; legal range is "
                    "'^\\[(\"[A-Z0-9-_.]{1,20}\"(,\"[A-Z0-9-_.]{1,20}\"){0,}){0,1}\\]$'."));
        for (const QJsonValue &v : doc.array()) {
            if (!stored.contains(v.toString()))
                return HttpResponse::binanceError(400, -1121, QStringLiteral("Invalid symbol."));
            selected.append(v.toString());
        }
    } else {
        selected = stored;
    }

    const SymbolList known = m_store->symbols(m_exchange);
    QJsonArray symbols;
    for (const QString &name : std::as_const(selected)) {
        SymbolInfo info;
        info.symbol = name;
        info.status = QStringLiteral("TRADING");
        std::tie(info.baseAsset, info.quoteAsset) = splitSymbol(name);
        for (const SymbolInfo &k : known) {
            if (k.symbol == name)
                info = k;
        }
        const QString tick = units(info.tickSize > 0 ? info.tickSize : 1e-8);
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
        symbols.append(QJsonObject{
            {QStringLiteral("symbol"), info.symbol},
            {QStringLiteral("status"), info.status},
            {QStringLiteral("baseAsset"), info.baseAsset},
            {QStringLiteral("baseAssetPrecision"), 8},
            {QStringLiteral("quoteAsset"), info.quoteAsset},
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
    const auto limit = [](const char *type, const char *interval, int num, int value) {
        return QJsonObject{{QStringLiteral("rateLimitType"), QLatin1StringView(type)},
                           {QStringLiteral("interval"), QLatin1StringView(interval)},
                           {QStringLiteral("intervalNum"), num},
                           {QStringLiteral("limit"), value}};
    };
    const QJsonArray rateLimits{
        limit("REQUEST_WEIGHT", "MINUTE", 1, WeightLimit),
        limit("ORDERS", "SECOND", 10, 100),
        limit("ORDERS", "DAY", 1, 200000),
        limit("RAW_REQUESTS", "MINUTE", 5, 61000),
    };
    return HttpResponse::json(QJsonDocument(QJsonObject{
                                                {QStringLiteral("timezone"), QStringLiteral("UTC")},
                                                {QStringLiteral("serverTime"), m_now()},
                                                {QStringLiteral("rateLimits"), rateLimits},
                                                {QStringLiteral("exchangeFilters"), QJsonArray()},
                                                {QStringLiteral("symbols"), symbols},
                                            })
                                  .toJson(QJsonDocument::Compact));
}

} // namespace Candlewick
