#include "okxrestprovider.h"

#include "okxhistoryjob.h"
#include "okxratelimiter.h"
#include "okxsymbolsjob.h"

#include <QNetworkAccessManager>

namespace Candlewick {

OkxRestProvider::OkxRestProvider(const QUrl &baseUrl, Clock *clock, QObject *parent)
    : QObject(parent)
    , m_baseUrl(baseUrl)
    , m_clock(clock ? clock : Clock::system())
    , m_nam(new QNetworkAccessManager(this))
    , m_candles(new OkxRateLimiter(CandlesLimit, LimitWindowMs, m_clock, this))
    , m_history(new OkxRateLimiter(HistoryCandlesLimit, LimitWindowMs, m_clock, this))
    , m_instruments(new OkxRateLimiter(InstrumentsLimit, LimitWindowMs, m_clock, this))
{
}

OkxRestProvider::~OkxRestProvider() = default;

HistoryJob *OkxRestProvider::fetchHistory(const SeriesKey &key, qint64 fromMs, qint64 toMs)
{
    return new OkxHistoryJob(this, key, fromMs, toMs);
}

SymbolsJob *OkxRestProvider::fetchSymbols()
{
    return new OkxSymbolsJob(this);
}

HistorySource::Cost OkxRestProvider::cost(Interval interval, qint64 candles) const
{
    Q_UNUSED(interval);
    Cost c;
    c.requests = (candles + PageRows - 1) / PageRows;
    c.budgetWeight = HistoryCandlesLimit;
    c.budgetWindowMs = LimitWindowMs;
    c.durationMs = c.requests * LimitWindowMs / HistoryCandlesLimit;
    return c;
}

QUrl OkxRestProvider::endpointUrl(const QString &path, const QUrlQuery &query) const
{
    QUrl url = m_baseUrl;
    QString base = url.path();
    while (base.endsWith(u'/'))
        base.chop(1);
    url.setPath(base + path);
    url.setQuery(query);
    return url;
}

} // namespace Candlewick
