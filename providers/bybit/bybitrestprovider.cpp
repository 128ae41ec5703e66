#include "bybitrestprovider.h"

#include "bybithistoryjob.h"
#include "bybitsymbolsjob.h"

#include <exchangerestcall.h>

namespace Candlewick {

BybitRestProvider::BybitRestProvider(const QUrl &baseUrl, QString category, Clock *clock,
                                     QObject *parent)
    : ExchangeRestProvider(QStringLiteral("Bybit"), baseUrl, {}, clock,
                           {DefaultMaxRequests, DefaultWindowMs, MaxPageLimit, MaxPageLimit,
                            DefaultMaxConcurrentRequests},
                           parent)
    , m_category(std::move(category))
{
}

HistoryJob *BybitRestProvider::fetchHistory(const SeriesKey &key, qint64 fromMs, qint64 toMs)
{
    return new BybitHistoryJob(this, key, fromMs, toMs);
}

SymbolsJob *BybitRestProvider::fetchSymbols()
{
    return new BybitSymbolsJob(this);
}

ExchangeRestCall *BybitRestProvider::newCall(const QString &path, const QUrlQuery &query,
                                             RequestInfo info, QObject *parent)
{
    info.url = endpointUrl(path, query).toString();
    return new ExchangeRestCall(
        this, path, query,
        [info](int status, const QByteArray &body) {
            return BybitApi::checkAnswer(status, body, info);
        },
        parent);
}

} // namespace Candlewick
