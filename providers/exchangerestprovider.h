#pragma once

#include "historysource.h"
#include "pagingsource.h"
#include "retrypolicy.h"
#include "symbolsource.h"

#include <clock.h>

#include <QHash>
#include <QObject>
#include <QUrl>
#include <QUrlQuery>

class QNetworkAccessManager;

namespace Candlewick {

class RequestRateLimiter;

// What every REST provider of an exchange with a declared request budget shares (Bybit, Coinbase,
// OKX): the base URL, the Clock, one QNetworkAccessManager and one RequestRateLimiter shared by its
// jobs and, on the system clock, by every provider of any process of the user that talks to the
// same base URL (an endpoint with a limit of its own, as on OKX, has its own limiter, shared by
// the endpoint's URL); the retry policy, how a throttle is waited out, the request timeout, the
// page limit and the requests one history job keeps in flight. ExchangeRestCall sends through it.
// A subclass creates the jobs.
class ExchangeRestProvider : public QObject,
                             public HistorySource,
                             public SymbolSource,
                             public PagingSource
{
    Q_OBJECT
public:
    struct Defaults
    {
        int maxRequests = 1; // the declared budget: requests per windowMs
        qint64 windowMs = 1000;
        int pageLimit = 1; // rows (or buckets) one page asks for
        int maxPageLimit = 1;
        int maxConcurrentRequests = 4;
    };

    // How a call waits out a throttle (Kind::RateLimited) that names no time to wait.
    enum class ThrottleBackoff {
        // Like any other transient error: the retry policy's jittered delay for the attempt.
        Retry,
        // The retry policy's ceiling for the throttles of the call so far, counted apart from
        // its other failures: the call fails at the policy's maxAttempts() throttles (OKX).
        Ceiling,
    };

    ~ExchangeRestProvider() override;

    Cost cost(Interval interval, qint64 candles) const override;

    // The exchange's name in messages ("Bybit").
    const QString &exchangeName() const { return m_exchangeName; }
    QUrl baseUrl() const { return m_baseUrl; }
    Clock *clock() const override { return m_clock; }
    QNetworkAccessManager *networkAccessManager() const { return m_nam; }
    // The limiter requests to `path` wait for: the endpoint's own or the provider's.
    RequestRateLimiter *rateLimiter(const QString &path = {}) const;
    // Replaces the declared budget of the provider and of every endpoint with a limit of its own
    // (CANDLEWICK_<ID>_REQUEST_BUDGET, tests and benches; jobs in flight keep the old limiters).
    void setRequestBudget(int maxRequests, qint64 windowMs);
    // Requests on the wire right now (all jobs).
    int requestsInFlight() const;

    RetryPolicy &retryPolicy() { return m_retryPolicy; }
    void setRetryPolicy(const RetryPolicy &policy) { m_retryPolicy = policy; }
    ThrottleBackoff throttleBackoff() const { return m_throttleBackoff; }
    int maxConcurrentRequests() const override { return m_maxConcurrent; }
    void setMaxConcurrentRequests(int count) { m_maxConcurrent = std::max(1, count); }
    int pageLimit() const override { return m_pageLimit; }
    void setPageLimit(int limit) { m_pageLimit = std::clamp(limit, 1, m_maxPageLimit); }
    qint64 requestTimeoutMs() const { return m_requestTimeoutMs; }
    void setRequestTimeoutMs(qint64 ms) { m_requestTimeoutMs = std::max<qint64>(1, ms); }

    // Whether the host has answered anything yet (until then a refused connection is a wrong URL
    // and fails at once).
    bool hostAnswered() const { return m_hostAnswered; }
    void noteHostAnswered() { m_hostAnswered = true; }

    // baseUrl's path + the API path + path.
    QUrl endpointUrl(const QString &path, const QUrlQuery &query) const;

protected:
    ExchangeRestProvider(QString exchangeName, const QUrl &baseUrl, QString apiPath, Clock *clock,
                         const Defaults &defaults, QObject *parent);

    // Requests to `path` get a limiter of their own: maxRequests per the provider's window.
    void setEndpointLimit(const QString &path, int maxRequests);
    void setThrottleBackoff(ThrottleBackoff backoff) { m_throttleBackoff = backoff; }

private:
    RequestRateLimiter *createLimiter(const QString &path, int maxRequests, qint64 windowMs);

    QString m_exchangeName;
    QUrl m_baseUrl;
    QString m_apiPath;
    Clock *m_clock;
    QNetworkAccessManager *m_nam;
    RequestRateLimiter *m_limiter;
    QHash<QString, RequestRateLimiter *> m_endpointLimiters; // by path
    RetryPolicy m_retryPolicy;
    ThrottleBackoff m_throttleBackoff = ThrottleBackoff::Retry;
    int m_maxConcurrent;
    int m_pageLimit;
    int m_maxPageLimit;
    qint64 m_requestTimeoutMs = 30000;
    bool m_hostAnswered = false;
};

} // namespace Candlewick
