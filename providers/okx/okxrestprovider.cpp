#include "okxrestprovider.h"

#include "okxerrors.h"
#include "okxhistoryjob.h"
#include "okxparser.h"
#include "okxsymbolsjob.h"

#include <exchangerestcall.h>

namespace Candlewick {

const QString OkxRestProvider::CandlesPath = QStringLiteral("/api/v5/market/candles");
const QString OkxRestProvider::HistoryCandlesPath
    = QStringLiteral("/api/v5/market/history-candles");
const QString OkxRestProvider::InstrumentsPath = QStringLiteral("/api/v5/public/instruments");

OkxRestProvider::OkxRestProvider(const QUrl &baseUrl, Clock *clock, QObject *parent)
    : ExchangeRestProvider(QStringLiteral("OKX"), baseUrl, {}, clock,
                           {HistoryCandlesLimit, LimitWindowMs, PageRows, PageRows, 4}, parent)
{
    setEndpointLimit(CandlesPath, CandlesLimit);
    setEndpointLimit(InstrumentsPath, InstrumentsLimit);
    setThrottleBackoff(ThrottleBackoff::Ceiling);
}

HistoryJob *OkxRestProvider::fetchHistory(const SeriesKey &key, qint64 fromMs, qint64 toMs)
{
    return new OkxHistoryJob(this, key, fromMs, toMs);
}

SymbolsJob *OkxRestProvider::fetchSymbols()
{
    return new OkxSymbolsJob(this);
}

ExchangeRestCall *OkxRestProvider::newCall(const QString &path, const QUrlQuery &query,
                                           RequestInfo info, std::shared_ptr<QJsonArray> data,
                                           QObject *parent)
{
    info.url = endpointUrl(path, query).toString();
    return new ExchangeRestCall(
        this, path, query,
        [info, data](int status, const QByteArray &body) {
            QString why;
            std::optional<OkxParser::Envelope> envelope = OkxParser::parseEnvelope(body, &why);
            if (status == 200 && envelope && envelope->ok()) {
                *data = std::move(envelope->data);
                return ProviderError{};
            }
            if (status == 200 && !envelope) {
                return ProviderError{ProviderError::Kind::BadResponse, status, 0,
                                     tr("OKX sent a malformed answer to %1: %2").arg(info.url, why),
                                     0};
            }
            return OkxErrors::fromResponse(status, envelope ? envelope->code : QString(),
                                           envelope ? envelope->msg : QString(), info);
        },
        parent);
}

} // namespace Candlewick
