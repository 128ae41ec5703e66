#include "binancerestprovider.h"

#include "binancehistoryjob.h"
#include "binancesymbolsjob.h"
#include <endpoints.h>
#include <requestweightlimiter.h>
#include "restcall.h"
#include <restlogging.h>

#include <QNetworkAccessManager>

namespace Candlewick {

BinanceRestProvider::BinanceRestProvider(const QUrl &baseUrl, Clock *clock, QObject *parent)
    : BinanceRestProvider(baseUrl, BinanceApi::spot(), clock, parent)
{
}

BinanceRestProvider::BinanceRestProvider(const QUrl &baseUrl, const BinanceApi &api, Clock *clock,
                                         QObject *parent)
    : QObject(parent)
    , m_api(&api)
    , m_baseUrl(baseUrl)
    , m_clock(clock ? clock : Clock::system())
    , m_nam(new QNetworkAccessManager(this))
    , m_limiter(new RequestWeightLimiter(m_clock, this))
    , m_pageLimit(std::clamp(api.defaultPageLimit, 1, api.maxPageLimit))
{
    qRegisterMetaType<Candlewick::CandleBatch>();
    qRegisterMetaType<Candlewick::SeriesKey>();
    qRegisterMetaType<Candlewick::ProviderError>();
    qRegisterMetaType<Candlewick::SymbolList>();
    // Never follow a redirect to a less safe scheme; TLS verification stays on (we never call
    // ignoreSslErrors).
    m_nam->setRedirectPolicy(QNetworkRequest::NoLessSafeRedirectPolicy);
    // Another process learnt the limits while our exchangeInfo still waits for its turn: it
    // would only spend weight. (Queued: the limiter is inside its grant loop when it says so.)
    connect(
        m_limiter, &RequestWeightLimiter::limitsLearnedElsewhere, this,
        [this] {
            if (m_limitsCall && !m_limitsCallSent && m_limiter->limitsKnown()) {
                m_limitsCall->abort();
                m_limitsCall->deleteLater();
                finishLimitDiscovery();
            }
        },
        Qt::QueuedConnection);
    shareLimiter();
}

void BinanceRestProvider::setBaseUrl(const QUrl &url)
{
    m_baseUrl = url;
    m_hostAnswered = false;
    shareLimiter();
}

void BinanceRestProvider::shareLimiter()
{
    // Other processes share the system clock only.
    if (m_clock != Clock::system())
        return;
    m_limiter->shareWith(SharedWeightState::filePathFor(m_baseUrl));
}

BinanceRestProvider::~BinanceRestProvider()
{
    // Jobs and calls talk to the limiter and the network manager while they shut down: delete
    // them while both still exist.
    const auto children = this->children();
    for (QObject *child : children) {
        if (child != m_nam && child != m_limiter)
            delete child;
    }
}

int BinanceRestProvider::requestsInFlight() const
{
    return m_limiter->inFlightRequests();
}

QUrl BinanceRestProvider::endpointUrl(const QString &path, const QUrlQuery &query) const
{
    return Endpoints::joined(m_baseUrl, path, query);
}

HistoryJob *BinanceRestProvider::fetchHistory(const SeriesKey &key, qint64 fromMs, qint64 toMs)
{
    return new BinanceHistoryJob(this, key, fromMs, toMs);
}

HistorySource::Cost BinanceRestProvider::cost(Interval, qint64 candles) const
{
    Cost c;
    c.requests = (candles + m_pageLimit - 1) / m_pageLimit;
    const qint64 weight = c.requests * m_api->klinesWeight(m_pageLimit);
    for (const RequestWeightLimiter::Window &w : m_limiter->windows()) {
        if (w.limit <= 0)
            continue;
        const qint64 ms = weight * w.lengthMs / w.limit;
        if (ms >= c.durationMs) {
            c.durationMs = ms;
            c.budgetWeight = w.limit;
            c.budgetWindowMs = w.lengthMs;
        }
    }
    return c;
}

SymbolsJob *BinanceRestProvider::fetchSymbols()
{
    return new BinanceSymbolsJob(this);
}

void BinanceRestProvider::whenLimitsKnown(QObject *context, const QString &symbolHint,
                                          std::function<void()> fn)
{
    m_limiter->sync();
    if (m_limiter->limitsKnown() || m_limitsTried) {
        fn();
        return;
    }
    m_limitWaiters.append({context, std::move(fn)});
    if (m_limitsCall)
        return;

    QUrlQuery query;
    if (!symbolHint.isEmpty() && m_api->exchangeInfoTakesSymbol)
        query.addQueryItem(QStringLiteral("symbol"), symbolHint);
    auto *call
        = new RestCall(this, m_api->exchangeInfoPath, query, m_api->exchangeInfoWeight, this);
    call->setNeedsLimits(false);
    call->setMaxAttempts(2);
    call->setRequestInfo({symbolHint, {}, endpointUrl(m_api->exchangeInfoPath, query).toString()});
    call->setBodyHandler([this](const QByteArray &body) {
        if (auto windows = RequestWeightLimiter::windowsFromExchangeInfo(body)) {
            m_limiter->setWindows(*windows);
            return QString();
        }
        return tr("exchangeInfo without REQUEST_WEIGHT rate limits");
    });
    connect(call, &RestCall::succeeded, this, [this, call] {
        call->deleteLater();
        finishLimitDiscovery();
    });
    connect(call, &RestCall::failed, this, [this, call](const ProviderError &error) {
        call->deleteLater();
        qCWarning(lcRest).noquote()
            << "could not learn the weight limits (" << error.message << "); assuming"
            << m_api->fallbackWeightPerMinute << "per minute";
        // An unknown symbol says nothing about the server: let the next job try again.
        if (error.kind != ProviderError::Kind::InvalidSymbol) {
            m_limitsTried = true;
            m_limiter->setWindows({{m_api->fallbackWeightPerMinute, 60 * 1000,
                                    RequestWeightLimiter::headerNameFor(1, 'M')}});
        }
        finishLimitDiscovery();
    });
    connect(call, &RestCall::requestSent, this, [this] { m_limitsCallSent = true; });
    m_limitsCall = call;
    m_limitsCallSent = false;
    call->start();
}

void BinanceRestProvider::finishLimitDiscovery()
{
    m_limitsCall = nullptr;
    const QList<LimitWaiter> waiters = std::exchange(m_limitWaiters, {});
    // Waiters proceed either way: on the learnt limits or on the defaults.
    for (const LimitWaiter &w : waiters) {
        if (w.context)
            w.fn();
    }
}

} // namespace Candlewick
