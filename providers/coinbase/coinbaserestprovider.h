#pragma once

#include <historysource.h>
#include <retrypolicy.h>
#include <symbolsource.h>

#include <clock.h>

#include <QObject>
#include <QUrl>
#include <QUrlQuery>

class QNetworkAccessManager;

namespace Candlewick {

class RequestRateLimiter;

// History and products of Coinbase Advanced Trade from the public market-data REST API at baseUrl
// (/api/v3/brokerage/market/...). One QNetworkAccessManager and one RequestRateLimiter per
// provider, shared by its jobs and, on the system clock, by every provider of any process of the
// user that talks to the same base URL (Coinbase counts per IP). Coinbase reports no used weight:
// the budget is declared (DefaultMaxRequests per DefaultWindowMs: the public limit of about 10
// requests per second per IP; CANDLEWICK_COINBASE_REQUEST_BUDGET replaces it).
class CoinbaseRestProvider : public QObject, public HistorySource, public SymbolSource
{
    Q_OBJECT
public:
    static constexpr int DefaultMaxRequests = 10;
    static constexpr qint64 DefaultWindowMs = 1000;
    // Buckets one candles request spans. Coinbase refuses (never truncates) a request spanning more
    // than its cap, which has read 300 and 350; 300 fits under both.
    static constexpr int DefaultPageLimit = 300;
    static constexpr int MaxPageLimit = 350;
    static const QString ApiPath; // "/api/v3/brokerage"

    CoinbaseRestProvider(const QUrl &baseUrl, Clock *clock, QObject *parent = nullptr);
    ~CoinbaseRestProvider() override;

    // Returns a CoinbaseHistoryJob (parented to the provider; call start()).
    HistoryJob *fetchHistory(const SeriesKey &key, qint64 fromMs, qint64 toMs) override;
    SymbolsJob *fetchSymbols() override;
    Cost cost(Interval interval, qint64 candles) const override;

    QUrl baseUrl() const { return m_baseUrl; }
    Clock *clock() const { return m_clock; }
    QNetworkAccessManager *networkAccessManager() const { return m_nam; }
    RequestRateLimiter *rateLimiter() const { return m_limiter; }
    // Replaces the declared budget (tests and benches; jobs in flight keep the old limiter).
    void setRequestBudget(int maxRequests, qint64 windowMs);

    RetryPolicy &retryPolicy() { return m_retryPolicy; }
    void setRetryPolicy(const RetryPolicy &policy) { m_retryPolicy = policy; }
    // Requests one history job keeps in flight (default 4).
    int maxConcurrentRequests() const { return m_maxConcurrent; }
    void setMaxConcurrentRequests(int count) { m_maxConcurrent = std::max(1, count); }
    // Buckets asked per candles request (default DefaultPageLimit). Lowered for the whole
    // provider when Coinbase says its cap is lower.
    int pageLimit() const { return m_pageLimit; }
    void setPageLimit(int limit) { m_pageLimit = std::clamp(limit, 1, MaxPageLimit); }
    qint64 requestTimeoutMs() const { return m_requestTimeoutMs; }
    void setRequestTimeoutMs(qint64 ms) { m_requestTimeoutMs = std::max<qint64>(1, ms); }

    // Whether the host has answered anything yet (until then a refused connection is a wrong URL
    // and fails at once).
    bool hostAnswered() const { return m_hostAnswered; }
    void noteHostAnswered() { m_hostAnswered = true; }

    // baseUrl's path + ApiPath + path.
    QUrl endpointUrl(const QString &path, const QUrlQuery &query) const;

private:
    void shareLimiter();

    QUrl m_baseUrl;
    Clock *m_clock;
    QNetworkAccessManager *m_nam;
    RequestRateLimiter *m_limiter;
    RetryPolicy m_retryPolicy;
    int m_maxConcurrent = 4;
    int m_pageLimit = DefaultPageLimit;
    qint64 m_requestTimeoutMs = 30000;
    bool m_hostAnswered = false;
};

} // namespace Candlewick
