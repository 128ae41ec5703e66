#pragma once

#include "historysource.h"
#include "retrypolicy.h"
#include "symbolsource.h"

#include <clock.h>

#include <QObject>
#include <QUrl>
#include <QUrlQuery>

class QNetworkAccessManager;

namespace Candlewick {

class RequestRateLimiter;

// What every REST provider of an exchange with a declared request budget shares (Bybit,
// Coinbase): the base URL, the Clock, one QNetworkAccessManager and one RequestRateLimiter
// shared by its jobs and, on the system clock, by every provider of any process of the user that
// talks to the same base URL; the retry policy, the request timeout, the page limit and the
// requests one history job keeps in flight. ExchangeRestCall sends through it. A subclass creates
// the jobs.
class ExchangeRestProvider : public QObject, public HistorySource, public SymbolSource
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

    ~ExchangeRestProvider() override;

    Cost cost(Interval interval, qint64 candles) const override;

    // The exchange's name in messages ("Bybit").
    const QString &exchangeName() const { return m_exchangeName; }
    QUrl baseUrl() const { return m_baseUrl; }
    Clock *clock() const { return m_clock; }
    QNetworkAccessManager *networkAccessManager() const { return m_nam; }
    RequestRateLimiter *rateLimiter() const { return m_limiter; }
    // Replaces the declared budget (CANDLEWICK_<ID>_REQUEST_BUDGET, tests and benches; jobs in
    // flight keep the old limiter).
    void setRequestBudget(int maxRequests, qint64 windowMs);

    RetryPolicy &retryPolicy() { return m_retryPolicy; }
    void setRetryPolicy(const RetryPolicy &policy) { m_retryPolicy = policy; }
    int maxConcurrentRequests() const { return m_maxConcurrent; }
    void setMaxConcurrentRequests(int count) { m_maxConcurrent = std::max(1, count); }
    int pageLimit() const { return m_pageLimit; }
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

private:
    void shareLimiter();

    QString m_exchangeName;
    QUrl m_baseUrl;
    QString m_apiPath;
    Clock *m_clock;
    QNetworkAccessManager *m_nam;
    RequestRateLimiter *m_limiter;
    RetryPolicy m_retryPolicy;
    int m_maxConcurrent;
    int m_pageLimit;
    int m_maxPageLimit;
    qint64 m_requestTimeoutMs = 30000;
    bool m_hostAnswered = false;
};

} // namespace Candlewick
