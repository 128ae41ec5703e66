#include "coinbaserestprovider.h"

#include "coinbasehistoryjob.h"
#include "coinbasesymbolsjob.h"

#include <requestratelimiter.h>

#include <QNetworkAccessManager>

namespace Candlewick {

const QString CoinbaseRestProvider::ApiPath = QStringLiteral("/api/v3/brokerage");

CoinbaseRestProvider::CoinbaseRestProvider(const QUrl &baseUrl, Clock *clock, QObject *parent)
    : QObject(parent)
    , m_baseUrl(baseUrl)
    , m_clock(clock ? clock : Clock::system())
    , m_nam(new QNetworkAccessManager(this))
    , m_limiter(new RequestRateLimiter(m_clock, DefaultMaxRequests, DefaultWindowMs, this))
{
    qRegisterMetaType<Candlewick::CandleBatch>();
    qRegisterMetaType<Candlewick::SeriesKey>();
    qRegisterMetaType<Candlewick::ProviderError>();
    qRegisterMetaType<Candlewick::SymbolList>();
    m_nam->setRedirectPolicy(QNetworkRequest::NoLessSafeRedirectPolicy);
    shareLimiter();
}

CoinbaseRestProvider::~CoinbaseRestProvider()
{
    // Jobs and calls use the limiter and the network manager while they shut down.
    const auto children = this->children();
    for (QObject *child : children) {
        if (child != m_nam && child != m_limiter)
            delete child;
    }
}

void CoinbaseRestProvider::setRequestBudget(int maxRequests, qint64 windowMs)
{
    delete m_limiter;
    m_limiter = new RequestRateLimiter(m_clock, maxRequests, windowMs, this);
    shareLimiter();
}

void CoinbaseRestProvider::shareLimiter()
{
    // Other processes share the system clock only.
    if (m_clock == Clock::system())
        m_limiter->shareWith(SharedWeightState::filePathFor(m_baseUrl));
}

QUrl CoinbaseRestProvider::endpointUrl(const QString &path, const QUrlQuery &query) const
{
    QUrl url = m_baseUrl;
    QString basePath = url.path();
    if (basePath.endsWith(QLatin1Char('/')))
        basePath.chop(1);
    url.setPath(basePath + ApiPath + path);
    url.setQuery(query);
    return url;
}

HistoryJob *CoinbaseRestProvider::fetchHistory(const SeriesKey &key, qint64 fromMs, qint64 toMs)
{
    return new CoinbaseHistoryJob(this, key, fromMs, toMs);
}

SymbolsJob *CoinbaseRestProvider::fetchSymbols()
{
    return new CoinbaseSymbolsJob(this);
}

HistorySource::Cost CoinbaseRestProvider::cost(Interval, qint64 candles) const
{
    Cost c;
    c.requests = (candles + m_pageLimit - 1) / m_pageLimit;
    c.budgetWeight = m_limiter->maxRequests();
    c.budgetWindowMs = m_limiter->windowMs();
    c.durationMs = c.requests * c.budgetWindowMs / c.budgetWeight;
    return c;
}

} // namespace Candlewick
