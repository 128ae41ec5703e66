#include "coinbaserestprovider.h"

#include "coinbasehistoryjob.h"
#include "coinbasesymbolsjob.h"

#include <exchangerestcall.h>

namespace Candlewick {

const QString CoinbaseRestProvider::ApiPath = QStringLiteral("/api/v3/brokerage");

CoinbaseRestProvider::CoinbaseRestProvider(const QUrl &baseUrl, Clock *clock, QObject *parent)
    : ExchangeRestProvider(QStringLiteral("Coinbase"), baseUrl, ApiPath, clock,
                           {DefaultMaxRequests, DefaultWindowMs, DefaultPageLimit, MaxPageLimit, 4},
                           parent)
{
}

HistoryJob *CoinbaseRestProvider::fetchHistory(const SeriesKey &key, qint64 fromMs, qint64 toMs)
{
    return new CoinbaseHistoryJob(this, key, fromMs, toMs);
}

SymbolsJob *CoinbaseRestProvider::fetchSymbols()
{
    return new CoinbaseSymbolsJob(this);
}

ExchangeRestCall *CoinbaseRestProvider::newCall(const QString &path, const QUrlQuery &query,
                                                RequestInfo info, QObject *parent)
{
    info.url = endpointUrl(path, query).toString();
    return new ExchangeRestCall(
        this, path, query,
        [info](int status, const QByteArray &body) {
            return status == 200 ? ProviderError{}
                                 : CoinbaseApi::fromHttpStatus(status, body, info);
        },
        parent);
}

} // namespace Candlewick
