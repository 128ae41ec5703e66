#include "binanceerrors.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>

namespace Candlewick::BinanceErrors {

namespace {

// This file's texts, under the context of their catalogue entries.
class BinanceErrorsTr
{
    Q_DECLARE_TR_FUNCTIONS(Candlewick::BinanceErrors)
};

QString seconds(qint64 ms)
{
    return QString::number((ms + 999) / 1000);
}

} // namespace

std::optional<ErrorBody> parseErrorBody(const QByteArray &body)
{
    if (body.isEmpty() || body.size() > 64 * 1024)
        return std::nullopt;
    const QJsonDocument doc = QJsonDocument::fromJson(body);
    if (!doc.isObject())
        return std::nullopt;
    const QJsonObject o = doc.object();
    const QJsonValue code = o.value(QLatin1StringView("code"));
    if (!code.isDouble())
        return std::nullopt;
    return ErrorBody{code.toInt(), o.value(QLatin1StringView("msg")).toString()};
}

bool isServerSideCode(int code)
{
    return code == -1000 || code == -1001 || code == -1006 || code == -1007 || code == -1008;
}

ProviderError fromHttpResponse(int httpStatus, const QByteArray &body, qint64 retryAfterMs,
                               const RequestInfo &info)
{
    using Kind = ProviderError::Kind;
    ProviderError e;
    e.httpStatus = httpStatus;
    e.retryAfterMs = retryAfterMs > 0 ? retryAfterMs : 0;
    const std::optional<ErrorBody> parsed = parseErrorBody(body);
    const QString detail = parsed
        ? BinanceErrorsTr::tr("code %1: %2").arg(parsed->code).arg(parsed->msg)
        : ProviderError::bodyExcerpt(body);
    if (parsed)
        e.exchangeCode = parsed->code;

    if (httpStatus == 429 || e.exchangeCode == -1003) {
        e.kind = httpStatus == 418 ? Kind::Banned : Kind::RateLimited;
    }
    if (httpStatus == 418) {
        e.kind = Kind::Banned;
        e.message
            = BinanceErrorsTr::tr("Binance banned this IP for %1 s for sending requests while rate "
                                  "limited (HTTP 418): wait, then run fewer downloads at once")
                  .arg(seconds(e.retryAfterMs));
        return e;
    }
    if (e.kind == Kind::RateLimited) {
        e.message
            = BinanceErrorsTr::tr("Binance rate limit reached (HTTP %1): wait %2 s before retrying")
                  .arg(httpStatus)
                  .arg(seconds(e.retryAfterMs));
        return e;
    }
    if (httpStatus == 403) {
        e.kind = Kind::Forbidden;
        e.message
            = BinanceErrorsTr::tr("Binance refused access (HTTP 403, firewall or region block): "
                                  "check your network or VPN, or point --rest-url at another "
                                  "endpoint such as https://data-api.binance.vision");
        return e;
    }
    if (httpStatus >= 500 || isServerSideCode(e.exchangeCode)) {
        e.kind = Kind::ServerError;
        e.message = BinanceErrorsTr::tr("Binance server error (HTTP %1%2): the exchange is having "
                                        "trouble; try again later")
                        .arg(httpStatus)
                        .arg(detail.isEmpty() ? QString() : QStringLiteral(", ") + detail);
        return e;
    }
    switch (e.exchangeCode) {
    case -1121:
        e.kind = Kind::InvalidSymbol;
        e.message = BinanceErrorsTr::tr("Unknown symbol %1 on Binance: check the spelling or run "
                                        "`candlewick-cli symbols`")
                        .arg(info.shownSymbol());
        return e;
    case -1120:
        e.kind = Kind::InvalidInterval;
        e.message
            = BinanceErrorsTr::tr("Binance does not accept interval %1: use one of 1s 1m 3m 5m "
                                  "15m 30m 1h 2h 4h 6h 8h 12h 1d 3d 1w 1M")
                  .arg(info.shownInterval());
        return e;
    default:
        break;
    }
    e.kind = Kind::InvalidRequest;
    if (httpStatus == 404) {
        e.message = BinanceErrorsTr::tr("HTTP 404 for %1: is the REST base URL (--rest-url) a "
                                        "Binance-compatible API?")
                        .arg(info.url);
    } else if (parsed) {
        e.message
            = BinanceErrorsTr::tr("Binance rejected the request (HTTP %1, %2): check the symbol, "
                                  "interval and time range")
                  .arg(httpStatus)
                  .arg(detail);
    } else {
        e.message
            = BinanceErrorsTr::tr("Unexpected HTTP %1 from %2: %3")
                  .arg(httpStatus)
                  .arg(info.url, detail.isEmpty() ? BinanceErrorsTr::tr("(empty body)") : detail);
    }
    return e;
}

} // namespace Candlewick::BinanceErrors
