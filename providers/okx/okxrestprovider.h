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

// History and instruments from the OKX v5 REST API (or anything that speaks it: a regional host,
// the test fake). One QNetworkAccessManager and one rate limiter per endpoint, each at the
// endpoint's documented per-IP limit: /api/v5/market/candles 40 per 2 s, history-candles and
// public/instruments 20 per 2 s. On the system clock each endpoint's budget is shared with every
// process of the user that talks to the same host (SharedWeightState).
class OkxRestProvider : public QObject, public HistorySource, public SymbolSource
{
    Q_OBJECT
public:
    static constexpr int CandlesLimit = 40;
    static constexpr int HistoryCandlesLimit = 20;
    static constexpr int InstrumentsLimit = 20;
    static constexpr qint64 LimitWindowMs = 2000;
    static constexpr int PageRows = 300; // the largest `limit` of both candles endpoints
    // /api/v5/market/candles serves only this many of the latest rows.
    static constexpr int RecentRows = 1440;

    OkxRestProvider(const QUrl &baseUrl, Clock *clock, QObject *parent = nullptr);
    ~OkxRestProvider() override;

    // Returns an OkxHistoryJob (parented to the provider; call start()).
    HistoryJob *fetchHistory(const SeriesKey &key, qint64 fromMs, qint64 toMs) override;
    // Spot and swap instruments (two requests).
    SymbolsJob *fetchSymbols() override;
    // Pages of PageRows at history-candles' pace (the slower one).
    Cost cost(Interval interval, qint64 candles) const override;

    QUrl baseUrl() const { return m_baseUrl; }
    Clock *clock() const { return m_clock; }
    QNetworkAccessManager *networkAccessManager() const { return m_nam; }
    RequestRateLimiter *candlesLimiter() const { return m_candles; }
    RequestRateLimiter *historyLimiter() const { return m_history; }
    RequestRateLimiter *instrumentsLimiter() const { return m_instruments; }
    QUrl endpointUrl(const QString &path, const QUrlQuery &query) const;
    // Replaces every endpoint's limit with a declared one (CANDLEWICK_OKX_REQUEST_BUDGET, tests);
    // call it before the first request.
    void setRequestBudget(int maxRequests, qint64 windowMs);

    RetryPolicy &retryPolicy() { return m_retryPolicy; }
    void setRetryPolicy(const RetryPolicy &policy) { m_retryPolicy = policy; }
    qint64 requestTimeoutMs() const { return m_requestTimeoutMs; }
    void setRequestTimeoutMs(qint64 ms) { m_requestTimeoutMs = std::max<qint64>(1, ms); }
    // Pages one history job keeps in flight (default 4; the limiters pace them).
    int maxConcurrentRequests() const { return m_maxConcurrent; }
    void setMaxConcurrentRequests(int count) { m_maxConcurrent = std::max(1, count); }

    // Whether the host has answered anything yet: until it has, a refused connection fails at
    // once (almost always a wrong --rest-url) instead of being retried.
    bool hostAnswered() const { return m_hostAnswered; }
    void noteHostAnswered() { m_hostAnswered = true; }

    // Requests on the wire right now (all jobs); kept by OkxRequest.
    int requestsInFlight() const { return m_inFlight; }
    void noteRequestSent() { ++m_inFlight; }
    void noteRequestEnded() { --m_inFlight; }

private:
    RequestRateLimiter *createLimiter(const QString &path, int limit, qint64 windowMs);

    QUrl m_baseUrl;
    Clock *m_clock;
    QNetworkAccessManager *m_nam;
    RequestRateLimiter *m_candles = nullptr;
    RequestRateLimiter *m_history = nullptr;
    RequestRateLimiter *m_instruments = nullptr;
    RetryPolicy m_retryPolicy;
    qint64 m_requestTimeoutMs = 30000;
    int m_maxConcurrent = 4;
    bool m_hostAnswered = false;
    int m_inFlight = 0;
};

} // namespace Candlewick
