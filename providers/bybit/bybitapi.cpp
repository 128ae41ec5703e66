#include "bybitapi.h"

#include <candlevalidation.h>

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>

#include <simdjson.h>

#include <string>

namespace Candlewick::BybitApi {

namespace {

// This file's texts, under the context of their catalogue entries.
class BybitApiTr
{
    Q_DECLARE_TR_FUNCTIONS(Candlewick::BybitApi)
};

bool readNumber(const QJsonValue &v, double *out)
{
    if (!v.isString())
        return false;
    bool ok = false;
    *out = v.toString().toDouble(&ok);
    return ok;
}

} // namespace

std::optional<Envelope> parseEnvelope(const QByteArray &body, QString *why)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError) {
        *why = BybitApiTr::tr("invalid JSON: %1").arg(error.errorString());
        return std::nullopt;
    }
    const QJsonObject o = doc.object();
    const QJsonValue code = o.value(QLatin1StringView("retCode"));
    if (!code.isDouble()) {
        *why = BybitApiTr::tr("not a Bybit v5 response (no retCode): %1")
                   .arg(ProviderError::bodyExcerpt(body));
        return std::nullopt;
    }
    Envelope e;
    e.retCode = code.toInt();
    e.retMsg = o.value(QLatin1StringView("retMsg")).toString();
    e.result = o.value(QLatin1StringView("result")).toObject();
    return e;
}

std::optional<Envelope> parseStatus(QByteArrayView body, QString *why)
{
    using namespace simdjson;
    thread_local ondemand::parser parser;
    const padded_string padded(body.data(), size_t(body.size()));
    auto invalid = [why, body](const QString &what) -> std::optional<Envelope> {
        *why = what.isEmpty() ? BybitApiTr::tr("not a Bybit v5 response (no retCode): %1")
                                    .arg(ProviderError::bodyExcerpt(body.toByteArray()))
                              : what;
        return std::nullopt;
    };
    ondemand::document doc;
    ondemand::object root;
    if (auto err = parser.iterate(padded).get(doc))
        return invalid(
            BybitApiTr::tr("invalid JSON: %1").arg(QString::fromLatin1(error_message(err))));
    if (doc.get_object().get(root))
        return invalid({});
    Envelope e;
    bool hasCode = false;
    for (auto field : root) {
        std::string_view key;
        if (auto err = field.unescaped_key().get(key))
            return invalid(
                BybitApiTr::tr("invalid JSON: %1").arg(QString::fromLatin1(error_message(err))));
        if (key == "retCode") {
            int64_t code = 0;
            if (field.value().get_int64().get(code))
                return invalid({});
            e.retCode = int(code);
            hasCode = true;
        } else if (key == "retMsg") {
            std::string_view msg;
            if (field.value().get_string().get(msg) == SUCCESS)
                e.retMsg = QString::fromUtf8(msg.data(), qsizetype(msg.size()));
        } // other fields are skipped by going on to the next one
    }
    const char *location = nullptr;
    if (doc.current_location().get(location) == SUCCESS)
        return invalid(BybitApiTr::tr("unexpected data after the response"));
    if (!hasCode)
        return invalid({});
    return e;
}

QString parseInstruments(const QJsonObject &result, const QString &category, SymbolList *symbols,
                         QString *nextCursor)
{
    const QJsonValue list = result.value(QLatin1StringView("list"));
    if (!list.isArray())
        return BybitApiTr::tr("instruments-info result without a list");
    const bool linear = category == QLatin1StringView("linear");
    SymbolList out;
    for (const QJsonValue &v : list.toArray()) {
        const QJsonObject o = v.toObject();
        SymbolInfo info;
        info.symbol = o.value(QLatin1StringView("symbol")).toString();
        if (info.symbol.isEmpty())
            return BybitApiTr::tr("an instrument has no symbol");
        if (linear) {
            const QString settle = o.value(QLatin1StringView("settleCoin")).toString();
            if (o.value(QLatin1StringView("contractType")).toString()
                    != QLatin1StringView("LinearPerpetual")
                || (!settle.isEmpty() && settle != QLatin1StringView("USDT")))
                continue;
        }
        info.baseAsset = o.value(QLatin1StringView("baseCoin")).toString();
        info.quoteAsset = o.value(QLatin1StringView("quoteCoin")).toString();
        const QString status = o.value(QLatin1StringView("status")).toString();
        info.status
            = status == QLatin1StringView("Trading") ? QStringLiteral("TRADING") : status.toUpper();
        info.tickSize = o.value(QLatin1StringView("priceFilter"))
                            .toObject()
                            .value(QLatin1StringView("tickSize"))
                            .toString()
                            .toDouble();
        out.append(info);
    }
    *nextCursor = result.value(QLatin1StringView("nextPageCursor")).toString();
    *symbols = std::move(out);
    return {};
}

ProviderError fromHttpStatus(int httpStatus, const QByteArray &body, const RequestInfo &info)
{
    using Kind = ProviderError::Kind;
    ProviderError e;
    e.httpStatus = httpStatus;
    const QString detail = ProviderError::bodyExcerpt(body);
    if (httpStatus == 403) {
        e.kind = Kind::Banned;
        e.retryAfterMs = BanMs;
        e.message = BybitApiTr::tr("Bybit refused access (HTTP 403: too many requests from this "
                                   "IP, or a blocked region): Bybit bans an IP for at least "
                                   "10 minutes, nothing is sent before then%1")
                        .arg(detail.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(detail));
    } else if (httpStatus == 429) {
        e.kind = Kind::RateLimited;
        e.message = BybitApiTr::tr("Bybit system frequency protection (HTTP 429): retrying later");
    } else if (httpStatus >= 500) {
        e.kind = Kind::ServerError;
        e.message = BybitApiTr::tr("Bybit server error (HTTP %1): the exchange is having "
                                   "trouble, try again later")
                        .arg(httpStatus);
    } else if (httpStatus == 404) {
        e.kind = Kind::InvalidRequest;
        e.message = BybitApiTr::tr("HTTP 404 for %1: is the REST base URL (--rest-url) a "
                                   "Bybit v5 API?")
                        .arg(info.url);
    } else {
        e.kind = Kind::InvalidRequest;
        e.message = BybitApiTr::tr("Unexpected HTTP %1 from %2: %3")
                        .arg(httpStatus)
                        .arg(info.url, detail.isEmpty() ? BybitApiTr::tr("(empty body)") : detail);
    }
    return e;
}

ProviderError checkAnswer(int httpStatus, const QByteArray &body, const RequestInfo &info)
{
    if (httpStatus != 200)
        return fromHttpStatus(httpStatus, body, info);
    QString why;
    const std::optional<Envelope> envelope = parseStatus(body, &why);
    if (!envelope) {
        return {ProviderError::Kind::BadResponse, httpStatus, 0,
                BybitApiTr::tr("Bad response from %1: %2").arg(info.url, why), 0};
    }
    if (envelope->retCode != 0)
        return fromRetCode(*envelope, info);
    return {};
}

ProviderError fromRetCode(const Envelope &envelope, const RequestInfo &info)
{
    using Kind = ProviderError::Kind;
    ProviderError e;
    e.httpStatus = 200;
    e.exchangeCode = envelope.retCode;
    const QString msg = envelope.retMsg;
    if (envelope.retCode == 10006) {
        e.kind = Kind::RateLimited;
        e.message = BybitApiTr::tr("Bybit rate limit reached (retCode 10006, %1)").arg(msg);
    } else if (envelope.retCode == 10016 || envelope.retCode == 10000) {
        e.kind = Kind::ServerError;
        e.message = BybitApiTr::tr("Bybit server error (retCode %1, %2): try again later")
                        .arg(envelope.retCode)
                        .arg(msg);
    } else if (envelope.retCode == 10001
               && msg.contains(QLatin1StringView("symbol"), Qt::CaseInsensitive)) {
        e.kind = Kind::InvalidSymbol;
        e.message = BybitApiTr::tr("Unknown symbol %1 on Bybit (%2): check the spelling or run "
                                   "`candlewick-cli symbols`")
                        .arg(info.shownSymbol(), msg);
    } else if (envelope.retCode == 10001
               && (msg.contains(QLatin1StringView("interval"), Qt::CaseInsensitive)
                   || msg.contains(QLatin1StringView("period"), Qt::CaseInsensitive))) {
        e.kind = Kind::InvalidInterval;
        e.message = BybitApiTr::tr("Bybit does not accept interval %1 (%2)")
                        .arg(info.shownInterval(), msg);
    } else {
        e.kind = Kind::InvalidRequest;
        e.message = BybitApiTr::tr("Bybit rejected the request to %1 (retCode %2: %3)")
                        .arg(info.url)
                        .arg(envelope.retCode)
                        .arg(msg);
    }
    return e;
}

} // namespace Candlewick::BybitApi

namespace Candlewick::BybitApi {

QString parseStreamMessage(const QByteArray &frame, StreamMessage *message)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(frame, &error);
    if (error.error != QJsonParseError::NoError)
        return BybitApiTr::tr("invalid JSON: %1").arg(error.errorString());
    if (!doc.isObject())
        return BybitApiTr::tr("not a JSON object");
    const QJsonObject o = doc.object();
    StreamMessage m;
    if (o.contains(QLatin1StringView("op"))) {
        m.type = StreamMessage::Type::OpAnswer;
        m.op = o.value(QLatin1StringView("op")).toString();
        m.success = o.value(QLatin1StringView("success")).toBool();
        m.retMsg = o.value(QLatin1StringView("ret_msg")).toString();
        *message = std::move(m);
        return {};
    }
    m.topic = o.value(QLatin1StringView("topic")).toString();
    if (!m.topic.startsWith(QLatin1StringView("kline."))) {
        *message = std::move(m);
        return {};
    }
    m.type = StreamMessage::Type::Kline;
    const QJsonValue data = o.value(QLatin1StringView("data"));
    if (!data.isArray())
        return BybitApiTr::tr("kline push without a data array");
    for (const QJsonValue &v : data.toArray()) {
        const QJsonObject k = v.toObject();
        const QJsonValue start = k.value(QLatin1StringView("start"));
        const QJsonValue confirm = k.value(QLatin1StringView("confirm"));
        Candle c;
        if (!start.isDouble() || !confirm.isBool()
            || !readNumber(k.value(QLatin1StringView("open")), &c.open)
            || !readNumber(k.value(QLatin1StringView("high")), &c.high)
            || !readNumber(k.value(QLatin1StringView("low")), &c.low)
            || !readNumber(k.value(QLatin1StringView("close")), &c.close)
            || !readNumber(k.value(QLatin1StringView("volume")), &c.volume)
            || !readNumber(k.value(QLatin1StringView("turnover")), &c.quoteVolume))
            return BybitApiTr::tr("kline push entry is malformed");
        // A start outside 2009 .. 2200 (or beyond qint64) is not a candle of this exchange.
        const double startMs = start.toDouble();
        if (!(startMs >= 0 && startMs < 1e17) || !isPlausibleTime(qint64(startMs)))
            return BybitApiTr::tr("kline push entry starts at an absurd time");
        c.openTime = qint64(startMs);
        c.closed = confirm.toBool();
        m.candles.append(c);
    }
    *message = std::move(m);
    return {};
}

QString klineTopic(const QString &intervalCode, const QString &symbol)
{
    return QStringLiteral("kline.") + intervalCode + u'.' + symbol;
}

} // namespace Candlewick::BybitApi
