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

// History and symbols of one Bybit v5 category ("spot" or "linear") from the REST API at
// baseUrl. One QNetworkAccessManager and one RequestRateLimiter per provider, shared by its jobs
// and, on the system clock, by every provider of any process of the user that talks to the same
// base URL (Bybit counts per IP, spot and linear together). Bybit reports no used weight: the
// budget is declared (DefaultMaxRequests per DefaultWindowMs, under the documented 600 per 5 s per
// IP, which answers 403 and bans the IP when exceeded).
class BybitRestProvider : public QObject, public HistorySource, public SymbolSource
{
    Q_OBJECT
public:
    static constexpr int DefaultMaxRequests = 550;
    static constexpr qint64 DefaultWindowMs = 5000;
    static constexpr int MaxPageLimit = 1000;

    BybitRestProvider(const QUrl &baseUrl, QString category, Clock *clock,
                      QObject *parent = nullptr);
    ~BybitRestProvider() override;

    // Returns a BybitHistoryJob (parented to the provider; call start()).
    HistoryJob *fetchHistory(const SeriesKey &key, qint64 fromMs, qint64 toMs) override;
    SymbolsJob *fetchSymbols() override;
    Cost cost(Interval interval, qint64 candles) const override;

    const QString &category() const { return m_category; }
    QUrl baseUrl() const { return m_baseUrl; }
    Clock *clock() const { return m_clock; }
    QNetworkAccessManager *networkAccessManager() const { return m_nam; }
    RequestRateLimiter *rateLimiter() const { return m_limiter; }
    // Replaces the declared budget (tests and benches; jobs in flight keep the old limiter).
    void setRequestBudget(int maxRequests, qint64 windowMs);

    RetryPolicy &retryPolicy() { return m_retryPolicy; }
    void setRetryPolicy(const RetryPolicy &policy) { m_retryPolicy = policy; }
    // Requests one history job keeps in flight (default 8: with 50 ms of latency, 4 fall short of
    // the budget).
    int maxConcurrentRequests() const { return m_maxConcurrent; }
    void setMaxConcurrentRequests(int count) { m_maxConcurrent = std::max(1, count); }
    // Rows asked per kline request (default and maximum 1000).
    int pageLimit() const { return m_pageLimit; }
    void setPageLimit(int limit) { m_pageLimit = std::clamp(limit, 1, MaxPageLimit); }
    qint64 requestTimeoutMs() const { return m_requestTimeoutMs; }
    void setRequestTimeoutMs(qint64 ms) { m_requestTimeoutMs = std::max<qint64>(1, ms); }

    // Whether the host has answered anything yet (until then a refused connection is a wrong URL
    // and fails at once).
    bool hostAnswered() const { return m_hostAnswered; }
    void noteHostAnswered() { m_hostAnswered = true; }

    QUrl endpointUrl(const QString &path, const QUrlQuery &query) const;

private:
    void shareLimiter();

    QUrl m_baseUrl;
    QString m_category;
    Clock *m_clock;
    QNetworkAccessManager *m_nam;
    RequestRateLimiter *m_limiter;
    RetryPolicy m_retryPolicy;
    int m_maxConcurrent = 8;
    int m_pageLimit = MaxPageLimit;
    qint64 m_requestTimeoutMs = 30000;
    bool m_hostAnswered = false;
};

} // namespace Candlewick
