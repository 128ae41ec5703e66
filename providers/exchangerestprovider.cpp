#include "exchangerestprovider.h"

#include "endpoints.h"
#include "requestratelimiter.h"

#include <QNetworkAccessManager>

namespace Candlewick {

ExchangeRestProvider::ExchangeRestProvider(QString exchangeName, const QUrl &baseUrl,
                                           QString apiPath, Clock *clock, const Defaults &defaults,
                                           QObject *parent)
    : QObject(parent)
    , m_exchangeName(std::move(exchangeName))
    , m_baseUrl(baseUrl)
    , m_apiPath(std::move(apiPath))
    , m_clock(clock ? clock : Clock::system())
    , m_nam(new QNetworkAccessManager(this))
    , m_limiter(createLimiter({}, defaults.maxRequests, defaults.windowMs))
    , m_maxConcurrent(std::max(1, defaults.maxConcurrentRequests))
    , m_pageLimit(defaults.pageLimit)
    , m_maxPageLimit(defaults.maxPageLimit)
{
    qRegisterMetaType<Candlewick::CandleBatch>();
    qRegisterMetaType<Candlewick::SeriesKey>();
    qRegisterMetaType<Candlewick::ProviderError>();
    qRegisterMetaType<Candlewick::SymbolList>();
    m_nam->setRedirectPolicy(QNetworkRequest::NoLessSafeRedirectPolicy);
}

ExchangeRestProvider::~ExchangeRestProvider()
{
    // Jobs and calls use the limiters and the network manager while they shut down.
    const auto children = this->children();
    for (QObject *child : children) {
        if (child != m_nam && !qobject_cast<RequestRateLimiter *>(child))
            delete child;
    }
}

RequestRateLimiter *ExchangeRestProvider::createLimiter(const QString &path, int maxRequests,
                                                        qint64 windowMs)
{
    auto *limiter = new RequestRateLimiter(m_clock, maxRequests, windowMs, this);
    // Other processes share the system clock only.
    if (m_clock == Clock::system()) {
        limiter->shareWith(
            SharedWeightState::filePathFor(path.isEmpty() ? m_baseUrl : endpointUrl(path, {})));
    }
    return limiter;
}

RequestRateLimiter *ExchangeRestProvider::rateLimiter(const QString &path) const
{
    return m_endpointLimiters.value(path, m_limiter);
}

void ExchangeRestProvider::setEndpointLimit(const QString &path, int maxRequests)
{
    delete m_endpointLimiters.value(path);
    m_endpointLimiters.insert(path, createLimiter(path, maxRequests, m_limiter->windowMs()));
}

void ExchangeRestProvider::setRequestBudget(int maxRequests, qint64 windowMs)
{
    delete m_limiter;
    m_limiter = createLimiter({}, maxRequests, windowMs);
    for (auto it = m_endpointLimiters.begin(); it != m_endpointLimiters.end(); ++it) {
        delete it.value();
        it.value() = createLimiter(it.key(), maxRequests, windowMs);
    }
}

int ExchangeRestProvider::requestsInFlight() const
{
    int count = m_limiter->inFlight();
    for (const RequestRateLimiter *limiter : m_endpointLimiters)
        count += limiter->inFlight();
    return count;
}

QUrl ExchangeRestProvider::endpointUrl(const QString &path, const QUrlQuery &query) const
{
    return Endpoints::joined(m_baseUrl, m_apiPath + path, query);
}

HistorySource::Cost ExchangeRestProvider::cost(Interval, qint64 candles) const
{
    Cost c;
    c.requests = (candles + m_pageLimit - 1) / m_pageLimit;
    c.budgetWeight = m_limiter->maxRequests();
    c.budgetWindowMs = m_limiter->windowMs();
    c.durationMs = c.requests * c.budgetWindowMs / c.budgetWeight;
    return c;
}

} // namespace Candlewick
