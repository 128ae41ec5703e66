#include "coinbaseapi.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

#include <algorithm>
#include <cmath>

namespace Candlewick::CoinbaseApi {

namespace {

// This file's texts, under the context of their catalogue entries.
class CoinbaseApiTr
{
    Q_DECLARE_TR_FUNCTIONS(Candlewick::CoinbaseApi)
};

// A JSON number that is a whole number within [0, 2^53] (exact in a double), or nullopt.
std::optional<qint64> coinbaseWholeNumber(const QJsonValue &v)
{
    if (!v.isDouble())
        return std::nullopt;
    const double d = v.toDouble();
    if (!(d >= 0 && d <= 9007199254740992.0) || d != std::floor(d))
        return std::nullopt;
    return qint64(d);
}

bool readCoinbaseDecimal(const QJsonValue &v, double *out)
{
    if (!v.isString())
        return false;
    bool ok = false;
    *out = v.toString().toDouble(&ok);
    return ok;
}

std::optional<QJsonObject> coinbaseObject(const QByteArray &body, QString *why)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError) {
        *why = CoinbaseApiTr::tr("invalid JSON: %1").arg(error.errorString());
        return std::nullopt;
    }
    if (!doc.isObject()) {
        *why = CoinbaseApiTr::tr("not a JSON object: %1").arg(ProviderError::bodyExcerpt(body));
        return std::nullopt;
    }
    return doc.object();
}

// The text of an error body, in whichever of Coinbase's shapes it came.
QString coinbaseErrorText(const QByteArray &body)
{
    QString why;
    const std::optional<QJsonObject> o = coinbaseObject(body, &why);
    if (!o)
        return ProviderError::bodyExcerpt(body);
    const QJsonArray errors = o->value(QLatin1StringView("errors")).toArray();
    if (!errors.isEmpty()) {
        const QJsonObject first = errors.first().toObject();
        return first.value(QLatin1StringView("id")).toString() + QStringLiteral(": ")
            + first.value(QLatin1StringView("message")).toString();
    }
    const QString code = o->value(QLatin1StringView("error")).toString();
    QString detail = o->value(QLatin1StringView("error_details")).toString();
    if (detail.isEmpty())
        detail = o->value(QLatin1StringView("error_description")).toString();
    if (detail.isEmpty())
        detail = o->value(QLatin1StringView("message")).toString();
    if (code.isEmpty() && detail.isEmpty())
        return ProviderError::bodyExcerpt(body);
    return detail.isEmpty() ? code : code + QStringLiteral(": ") + detail;
}

qint64 coinbaseDaysFromCivil(int y, int m, int d)
{
    y -= m <= 2;
    const int era = (y >= 0 ? y : y - 399) / 400;
    const int yoe = y - era * 400;
    const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return qint64(era) * 146097 + doe - 719468;
}

bool coinbaseDigits(QByteArrayView s, qsizetype pos, int count, int *out)
{
    if (pos + count > s.size())
        return false;
    int v = 0;
    for (int i = 0; i < count; ++i) {
        const char c = s[pos + i];
        if (c < '0' || c > '9')
            return false;
        v = v * 10 + (c - '0');
    }
    *out = v;
    return true;
}

bool readCoinbaseTrade(const QJsonObject &t, TradeRow *row)
{
    const QJsonValue id = t.value(QLatin1StringView("trade_id"));
    const std::optional<qint64> numericId = coinbaseWholeNumber(id);
    row->tradeId
        = id.isString() ? id.toString() : (numericId ? QString::number(*numericId) : QString());
    row->productId = t.value(QLatin1StringView("product_id")).toString();
    const QJsonValue price = t.value(QLatin1StringView("price"));
    const QJsonValue size = t.value(QLatin1StringView("size"));
    if (row->tradeId.isEmpty() || row->productId.isEmpty() || !price.isString() || !size.isString())
        return false;
    row->price = price.toString().toLatin1();
    row->size = size.toString().toLatin1();
    row->side = t.value(QLatin1StringView("side")).toString().toLatin1();
    bool ok = false;
    if (row->price.toDouble(&ok) <= 0 || !ok)
        return false;
    if (row->size.toDouble(&ok) < 0 || !ok)
        return false;
    const std::optional<qint64> time
        = parseTimeUs(t.value(QLatin1StringView("time")).toString().toLatin1());
    if (!time)
        return false;
    row->timeUs = *time;
    return true;
}

} // namespace

QString parseCandles(const QByteArray &body, CandleBatch *candles)
{
    QString why;
    const std::optional<QJsonObject> o = coinbaseObject(body, &why);
    if (!o)
        return why;
    const QJsonValue list = o->value(QLatin1StringView("candles"));
    if (!list.isArray())
        return CoinbaseApiTr::tr("no candles array: %1").arg(ProviderError::bodyExcerpt(body));
    const QJsonArray rows = list.toArray();
    CandleBatch out;
    out.reserve(rows.size());
    for (qsizetype i = 0; i < rows.size(); ++i) {
        const QJsonObject row = rows.at(i).toObject();
        Candle c;
        bool ok = false;
        const qint64 start = row.value(QLatin1StringView("start")).toString().toLongLong(&ok);
        // Seconds: anything beyond year 2200 in seconds would overflow nothing, but is no time.
        if (!ok || start < 0 || start > 7258118400LL
            || !readCoinbaseDecimal(row.value(QLatin1StringView("open")), &c.open)
            || !readCoinbaseDecimal(row.value(QLatin1StringView("high")), &c.high)
            || !readCoinbaseDecimal(row.value(QLatin1StringView("low")), &c.low)
            || !readCoinbaseDecimal(row.value(QLatin1StringView("close")), &c.close)
            || !readCoinbaseDecimal(row.value(QLatin1StringView("volume")), &c.volume))
            return CoinbaseApiTr::tr("candle %1 is not a start time and five numbers as strings")
                .arg(i);
        c.openTime = start * 1000;
        out.append(c);
    }
    std::sort(out.begin(), out.end(),
              [](const Candle &a, const Candle &b) { return a.openTime < b.openTime; });
    for (qsizetype i = 1; i < out.size(); ++i) {
        if (out.at(i).openTime == out.at(i - 1).openTime)
            return CoinbaseApiTr::tr("two candles start at %1").arg(out.at(i).openTime / 1000);
    }
    *candles = std::move(out);
    return {};
}

QString parseProducts(const QByteArray &body, SymbolList *symbols)
{
    QString why;
    const std::optional<QJsonObject> o = coinbaseObject(body, &why);
    if (!o)
        return why;
    const QJsonValue list = o->value(QLatin1StringView("products"));
    if (!list.isArray())
        return CoinbaseApiTr::tr("no products array: %1").arg(ProviderError::bodyExcerpt(body));
    SymbolList out;
    for (const QJsonValue &v : list.toArray()) {
        const QJsonObject p = v.toObject();
        SymbolInfo info;
        info.symbol = p.value(QLatin1StringView("product_id")).toString();
        if (info.symbol.isEmpty())
            return CoinbaseApiTr::tr("a product has no product_id");
        const QString type = p.value(QLatin1StringView("product_type")).toString();
        if (!type.isEmpty() && type != QLatin1StringView("SPOT"))
            continue;
        info.baseAsset = p.value(QLatin1StringView("base_currency_id")).toString();
        info.quoteAsset = p.value(QLatin1StringView("quote_currency_id")).toString();
        const QString status = p.value(QLatin1StringView("status")).toString();
        const bool disabled = p.value(QLatin1StringView("trading_disabled")).toBool()
            || p.value(QLatin1StringView("is_disabled")).toBool();
        info.status = status == QLatin1StringView("online") && !disabled
            ? QStringLiteral("TRADING")
            : (disabled ? QStringLiteral("DISABLED") : status.toUpper());
        info.tickSize = p.value(QLatin1StringView("price_increment")).toString().toDouble();
        out.append(info);
    }
    *symbols = std::move(out);
    return {};
}

ProviderError fromHttpStatus(int httpStatus, const QByteArray &body, const RequestInfo &info)
{
    using Kind = ProviderError::Kind;
    ProviderError e;
    e.httpStatus = httpStatus;
    const QString text = coinbaseErrorText(body);
    if (httpStatus == 429 || httpStatus == 401) {
        e.kind = Kind::RateLimited;
        e.message = CoinbaseApiTr::tr("Coinbase throttled the request (HTTP %1%2): retrying later")
                        .arg(httpStatus)
                        .arg(text.isEmpty() ? QString() : QStringLiteral(", ") + text);
    } else if (httpStatus >= 500) {
        e.kind = Kind::ServerError;
        e.message = CoinbaseApiTr::tr("Coinbase server error (HTTP %1): the exchange is having "
                                      "trouble, try again later")
                        .arg(httpStatus);
    } else if (httpStatus == 404 && !info.symbol.isEmpty()
               && !text.contains(QLatin1StringView("<html"), Qt::CaseInsensitive)
               && (text.contains(QLatin1StringView("product"), Qt::CaseInsensitive)
                   || text.contains(QLatin1StringView("not_found"), Qt::CaseInsensitive))) {
        e.kind = Kind::InvalidSymbol;
        e.message = CoinbaseApiTr::tr("Unknown product %1 on Coinbase (%2): check the spelling "
                                      "(BTC-USD) or run `candlewick-cli symbols`")
                        .arg(info.symbol, text);
    } else if (httpStatus == 404) {
        e.kind = Kind::InvalidRequest;
        e.message = CoinbaseApiTr::tr("HTTP 404 for %1: is the REST base URL (--rest-url) the "
                                      "Coinbase Advanced Trade API?")
                        .arg(info.url);
    } else if (httpStatus == 400
               && text.contains(QLatin1StringView("ProductID"), Qt::CaseInsensitive)) {
        e.kind = Kind::InvalidSymbol;
        e.message = CoinbaseApiTr::tr("Unknown product %1 on Coinbase (%2): check the spelling "
                                      "(BTC-USD) or run `candlewick-cli symbols`")
                        .arg(info.shownSymbol(), text);
    } else if (httpStatus == 400
               && text.contains(QLatin1StringView("granularity"), Qt::CaseInsensitive)) {
        e.kind = Kind::InvalidInterval;
        e.message = CoinbaseApiTr::tr("Coinbase does not accept interval %1 (%2)")
                        .arg(info.shownInterval(), text);
    } else {
        e.kind = Kind::InvalidRequest;
        e.message = CoinbaseApiTr::tr("Coinbase rejected the request to %1 (HTTP %2: %3)")
                        .arg(info.url)
                        .arg(httpStatus)
                        .arg(text.isEmpty() ? CoinbaseApiTr::tr("(empty body)") : text);
    }
    return e;
}

std::optional<int> bucketCapFromError(const ProviderError &error)
{
    if (error.kind != ProviderError::Kind::InvalidRequest || error.httpStatus != 400)
        return std::nullopt;
    static const QRegularExpression re(
        QStringLiteral("number of candles requested should be less than (\\d+)"));
    const QRegularExpressionMatch m = re.match(error.message);
    if (!m.hasMatch())
        return std::nullopt;
    return m.captured(1).toInt();
}

std::optional<qint64> parseTimeUs(QByteArrayView s)
{
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, sec = 0;
    if (!coinbaseDigits(s, 0, 4, &y) || s.size() < 20 || s[4] != '-'
        || !coinbaseDigits(s, 5, 2, &mo) || s[7] != '-' || !coinbaseDigits(s, 8, 2, &d)
        || (s[10] != 'T' && s[10] != ' ') || !coinbaseDigits(s, 11, 2, &h) || s[13] != ':'
        || !coinbaseDigits(s, 14, 2, &mi) || s[16] != ':' || !coinbaseDigits(s, 17, 2, &sec))
        return std::nullopt;
    if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 60)
        return std::nullopt;
    qsizetype pos = 19;
    qint64 fractionUs = 0;
    if (pos < s.size() && s[pos] == '.') {
        ++pos;
        int digits = 0;
        while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
            if (digits < 6)
                fractionUs = fractionUs * 10 + (s[pos] - '0');
            ++digits;
            ++pos;
        }
        if (digits == 0)
            return std::nullopt;
        for (int i = digits; i < 6; ++i)
            fractionUs *= 10;
    }
    const QByteArrayView rest = s.sliced(pos);
    if (rest != "Z" && rest != "+00:00")
        return std::nullopt;
    const qint64 seconds = coinbaseDaysFromCivil(y, mo, d) * 86400 + h * 3600 + mi * 60 + sec;
    return seconds * 1000000 + fractionUs;
}

QString parseStreamMessage(const QByteArray &frame, StreamMessage *message)
{
    QString why;
    const std::optional<QJsonObject> o = coinbaseObject(frame, &why);
    if (!o)
        return why;
    StreamMessage m;
    if (o->value(QLatin1StringView("type")).toString() == QLatin1StringView("error")) {
        m.type = StreamMessage::Type::Error;
        m.message = o->value(QLatin1StringView("message")).toString();
        *message = std::move(m);
        return {};
    }
    m.channel = o->value(QLatin1StringView("channel")).toString();
    const QJsonValue seq = o->value(QLatin1StringView("sequence_num"));
    if (!seq.isUndefined()) {
        const std::optional<qint64> sequence = coinbaseWholeNumber(seq);
        if (!sequence)
            return CoinbaseApiTr::tr("sequence_num is not a whole number");
        m.sequenceNum = *sequence;
    }
    if (const std::optional<qint64> ts
        = parseTimeUs(o->value(QLatin1StringView("timestamp")).toString().toLatin1()))
        m.timestampUs = *ts;
    const QJsonValue events = o->value(QLatin1StringView("events"));
    if (m.channel == QLatin1StringView("market_trades")) {
        if (!events.isArray())
            return CoinbaseApiTr::tr("market_trades message without events");
        m.type = StreamMessage::Type::Trades;
        for (const QJsonValue &ev : events.toArray()) {
            const QJsonObject event = ev.toObject();
            if (event.value(QLatin1StringView("type")).toString() == QLatin1StringView("snapshot"))
                m.snapshot = true;
            const QJsonValue trades = event.value(QLatin1StringView("trades"));
            if (!trades.isArray())
                return CoinbaseApiTr::tr("market_trades event without trades");
            for (const QJsonValue &t : trades.toArray()) {
                TradeRow row;
                if (!readCoinbaseTrade(t.toObject(), &row))
                    return CoinbaseApiTr::tr("a market_trades trade is malformed");
                m.trades.append(row);
            }
        }
        if (m.timestampUs == 0)
            return CoinbaseApiTr::tr("market_trades message without a timestamp");
    } else if (m.channel == QLatin1StringView("heartbeats")) {
        m.type = StreamMessage::Type::Heartbeat;
        if (m.timestampUs == 0)
            return CoinbaseApiTr::tr("heartbeat without a timestamp");
    } else if (m.channel == QLatin1StringView("subscriptions")) {
        m.type = StreamMessage::Type::Subscriptions;
        for (const QJsonValue &ev : events.toArray()) {
            const QJsonObject subs
                = ev.toObject().value(QLatin1StringView("subscriptions")).toObject();
            for (auto it = subs.begin(); it != subs.end(); ++it) {
                QStringList ids;
                for (const QJsonValue &id : it.value().toArray())
                    ids.append(id.toString());
                m.subscriptions.insert(it.key(), ids);
            }
        }
    }
    *message = std::move(m);
    return {};
}

QByteArray subscriptionRequest(const QString &type, const QString &channel,
                               const QStringList &productIds)
{
    QJsonObject o{{QStringLiteral("type"), type}, {QStringLiteral("channel"), channel}};
    if (!productIds.isEmpty())
        o.insert(QStringLiteral("product_ids"), QJsonArray::fromStringList(productIds));
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

} // namespace Candlewick::CoinbaseApi
