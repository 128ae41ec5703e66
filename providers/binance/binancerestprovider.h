#pragma once

#include "binanceapi.h"

#include <historysource.h>
#include <pagingsource.h>
#include <retrypolicy.h>
#include <symbolsource.h>
#include <durations.h>

#include <clock.h>

#include <QList>
#include <QPointer>
#include <QUrl>
#include <QUrlQuery>

#include <functional>

class QNetworkAccessManager;

namespace Candlewick {

class RestCall;
class RequestWeightLimiter;

// History and symbols from a Binance REST API (Spot unless another BinanceApi is given, or
// anything that speaks it: testnet, data-api.binance.vision, the test fake). One
// QNetworkAccessManager and one RequestWeightLimiter per provider, shared by all its jobs;
// everything runs in the thread the provider lives in.
// On the system clock the limiter shares its budget with every provider of this user for the
// same base URL, in this process and in others (SharedWeightState).
class BinanceRestProvider : public QObject,
                            public HistorySource,
                            public SymbolSource,
                            public PagingSource
{
    Q_OBJECT
public:
    explicit BinanceRestProvider(const QUrl &baseUrl, Clock *clock = Clock::system(),
                                 QObject *parent = nullptr);
    BinanceRestProvider(const QUrl &baseUrl, const BinanceApi &api, Clock *clock,
                        QObject *parent = nullptr);
    ~BinanceRestProvider() override;

    // Returns a BinanceHistoryJob (parented to the provider; call start()).
    HistoryJob *fetchHistory(const SeriesKey &key, qint64 fromMs, qint64 toMs) override;
    SymbolsJob *fetchSymbols() override;
    // Pages of pageLimit() candles at the API's klines weight each, paced by the tightest
    // REQUEST_WEIGHT window known.
    Cost cost(Interval interval, qint64 candles) const override;

    const BinanceApi &api() const { return *m_api; }
    QUrl baseUrl() const { return m_baseUrl; }
    void setBaseUrl(const QUrl &url);
    Clock *clock() const override { return m_clock; }
    RequestWeightLimiter *weightLimiter() const { return m_limiter; }
    QNetworkAccessManager *networkAccessManager() const { return m_nam; }

    RetryPolicy &retryPolicy() { return m_retryPolicy; }
    void setRetryPolicy(const RetryPolicy &policy) { m_retryPolicy = policy; }

    // Requests one history job keeps in flight (default 4).
    int maxConcurrentRequests() const override { return m_maxConcurrent; }
    void setMaxConcurrentRequests(int count) { m_maxConcurrent = std::max(1, count); }
    // Rows asked per klines request (default: the API's, 1000; at most the API's maximum).
    int pageLimit() const override { return m_pageLimit; }
    void setPageLimit(int limit) { m_pageLimit = std::clamp(limit, 1, m_api->maxPageLimit); }
    // Per-request timeout on the Clock (default 30 s).
    qint64 requestTimeoutMs() const { return m_requestTimeoutMs; }
    void setRequestTimeoutMs(qint64 ms) { m_requestTimeoutMs = std::max<qint64>(1, ms); }
    // Response bodies above this are refused (default 16 MiB).
    qint64 maxResponseBytes() const { return m_maxResponseBytes; }
    void setMaxResponseBytes(qint64 bytes) { m_maxResponseBytes = std::max<qint64>(1, bytes); }
    // How often a malformed body is retried before the request fails (default 2).
    int maxBadResponseRetries() const { return m_maxBadResponseRetries; }
    void setMaxBadResponseRetries(int count) { m_maxBadResponseRetries = std::max(0, count); }
    // A 429/418 asking to wait longer than this fails the job instead (default 10 min).
    qint64 maxRateLimitWaitMs() const { return m_maxRateLimitWaitMs; }
    void setMaxRateLimitWaitMs(qint64 ms) { m_maxRateLimitWaitMs = ms; }

    // Requests on the wire right now (all jobs).
    int requestsInFlight() const;

    // Whether the host at baseUrl() has answered any request (with any HTTP status) yet. Until
    // it has, a refused connection fails at once instead of being retried: nothing listens at
    // that address, which is almost always a wrong URL or port, and retrying only makes the user
    // wait. Once it has answered, a refused connection is a restart and is retried as usual.
    bool hostAnswered() const { return m_hostAnswered; }
    void noteHostAnswered() { m_hostAnswered = true; }

    // Used by RestCall: runs `fn` once the weight limits are known, fetching exchangeInfo once
    // (narrowed to `symbolHint`) if needed; falls back to the API's assumed limit per minute
    // when that fails.
    void whenLimitsKnown(QObject *context, const QString &symbolHint, std::function<void()> fn);
    QUrl endpointUrl(const QString &path, const QUrlQuery &query) const;

private:
    struct LimitWaiter
    {
        QPointer<QObject> context;
        std::function<void()> fn;
    };
    void finishLimitDiscovery();
    void shareLimiter();

    const BinanceApi *m_api;
    QUrl m_baseUrl;
    Clock *m_clock;
    QNetworkAccessManager *m_nam;
    RequestWeightLimiter *m_limiter;
    RetryPolicy m_retryPolicy;
    int m_maxConcurrent = 4;
    int m_pageLimit;
    qint64 m_requestTimeoutMs = 30000;
    qint64 m_maxResponseBytes = 16 * 1024 * 1024;
    int m_maxBadResponseRetries = 2;
    qint64 m_maxRateLimitWaitMs = 10 * Durations::MinuteMs;

    QPointer<RestCall> m_limitsCall;
    bool m_limitsCallSent = false;
    bool m_hostAnswered = false;
    bool m_limitsTried = false;
    QList<LimitWaiter> m_limitWaiters;
};

} // namespace Candlewick
