#include "okxerrors.h"

#include <QCoreApplication>

namespace Candlewick::OkxErrors {

namespace {

// This file's texts, under the context of their catalogue entries.
class OkxErrorsTr
{
    Q_DECLARE_TR_FUNCTIONS(Candlewick::OkxErrors)
};

} // namespace

ProviderError fromResponse(int httpStatus, const QString &code, const QString &msg,
                           const RequestInfo &info)
{
    using Kind = ProviderError::Kind;
    ProviderError e;
    e.httpStatus = httpStatus;
    e.exchangeCode = code.toInt();
    const QString detail = code.isEmpty() ? QStringLiteral("HTTP %1").arg(httpStatus)
                                          : OkxErrorsTr::tr("code %1: %2").arg(code, msg);
    if (httpStatus == 429 || e.exchangeCode == 50011) {
        e.kind = Kind::RateLimited;
        e.message = OkxErrorsTr::tr("OKX rate limit reached (%1): wait a little before retrying")
                        .arg(detail);
    } else if (httpStatus >= 500 || e.exchangeCode == 50001 || e.exchangeCode == 50013) {
        e.kind = Kind::ServerError;
        e.message = OkxErrorsTr::tr("OKX server error (%1): the exchange is having trouble; try "
                                    "again later")
                        .arg(detail);
    } else if (e.exchangeCode == 51001) {
        e.kind = Kind::InvalidSymbol;
        e.message = OkxErrorsTr::tr("Unknown symbol %1 on OKX: check the spelling or run "
                                    "`candlewick-cli symbols --exchange okx`")
                        .arg(info.shownSymbol());
    } else if (e.exchangeCode == 51000 && msg.contains(QLatin1StringView("bar"))) {
        e.kind = Kind::InvalidInterval;
        e.message = OkxErrorsTr::tr("OKX does not accept bar %1 (%2)").arg(info.interval, detail);
    } else if (httpStatus == 403) {
        e.kind = Kind::Forbidden;
        e.message = OkxErrorsTr::tr("OKX refused access (HTTP 403, firewall or region block): "
                                    "check your network, or point --rest-url at a regional host");
    } else if (httpStatus == 404) {
        e.kind = Kind::InvalidRequest;
        e.message = OkxErrorsTr::tr("HTTP 404 for %1: is the REST base URL (--rest-url) the OKX "
                                    "API?")
                        .arg(info.url);
    } else {
        e.kind = Kind::InvalidRequest;
        e.message = OkxErrorsTr::tr("OKX rejected the request (HTTP %1, %2): check the symbol, "
                                    "interval and time range")
                        .arg(httpStatus)
                        .arg(detail);
    }
    return e;
}

} // namespace Candlewick::OkxErrors
