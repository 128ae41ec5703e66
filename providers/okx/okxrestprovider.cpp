#include "okxrestprovider.h"

#include "okxhistoryjob.h"
#include <requestratelimiter.h>
#include "okxsymbolsjob.h"

#include <QNetworkAccessManager>

namespace Candlewick {

OkxRestProvider::OkxRestProvider(const QUrl &baseUrl, Clock *clock, QObject *parent)
    : QObject(parent)
    , m_baseUrl(baseUrl)
    , m_clock(clock ? clock : Clock::system())
    , m_nam(new QNetworkAccessManager(this))
{
    setRequestBudget(0, LimitWindowMs);
}

void OkxRestProvider::setRequestBudget(int maxRequests, qint64 windowMs)
{
    delete m_candles;
    delete m_history;
    delete m_instruments;
    auto limit
        = [maxRequests](int documented) { return maxRequests > 0 ? maxRequests : documented; };
    m_candles
        = createLimiter(QStringLiteral("/api/v5/market/candles"), limit(CandlesLimit), windowMs);
    m_history = createLimiter(QStringLiteral("/api/v5/market/history-candles"),
                              limit(HistoryCandlesLimit), windowMs);
    m_instruments = createLimiter(QStringLiteral("/api/v5/public/instruments"),
                                  limit(InstrumentsLimit), windowMs);
}

RequestRateLimiter *OkxRestProvider::createLimiter(const QString &path, int limit, qint64 windowMs)
{
    auto *limiter = new RequestRateLimiter(m_clock, limit, windowMs, this);
    // Other processes share the system clock only; OKX counts per endpoint.
    if (m_clock == Clock::system())
        limiter->shareWith(SharedWeightState::filePathFor(endpointUrl(path, {})));
    return limiter;
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
