#include "exchangerestcall.h"

#include "requestratelimiter.h"
#include "restlogging.h"
#include "exchangerestprovider.h"
#include "silentresend.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>

namespace Candlewick {

ExchangeRestCall::ExchangeRestCall(ExchangeRestProvider *provider, QString path, QUrlQuery query,
                                   AnswerCheck check, QObject *parent)
    : QObject(parent)
    , m_provider(provider)
    , m_path(std::move(path))
    , m_query(std::move(query))
    , m_exchangeName(provider ? provider->exchangeName() : QString())
    , m_url(provider ? provider->endpointUrl(m_path, m_query).toString() : QString())
    , m_check(std::move(check))
{
}

ExchangeRestCall::~ExchangeRestCall()
{
    m_done = true;
    abortReply();
}

void ExchangeRestCall::start()
{
    if (!m_provider)
        return fail(ProviderError::providerGone(m_exchangeName));
    ++m_attempt;
    m_provider->rateLimiter(m_path)->acquire(this, [this] { send(); });
}

void ExchangeRestCall::send()
{
    m_slot = m_provider ? m_provider->rateLimiter(m_path) : nullptr;
    if (m_done || !m_provider)
        return releaseSlot();
    QNetworkRequest request(m_provider->endpointUrl(m_path, m_query));
    request.setTransferTimeout(int(m_provider->requestTimeoutMs()));
    m_reply = m_provider->networkAccessManager()->get(request);
    connect(m_reply, &QNetworkReply::finished, this, &ExchangeRestCall::handleFinished);
    connectSilentResends(m_reply, this, [this] { emit requestSent(); });
    m_timeout = m_provider->clock()->callAfter(m_provider->requestTimeoutMs(), this, [this] {
        abortReply();
        retryOrFail({ProviderError::Kind::Timeout, 0, 0,
                     tr("%1 did not answer %2 in time").arg(m_exchangeName, m_url), 0});
    });
    emit requestSent();
}

void ExchangeRestCall::abortReply()
{
    delete m_timeout.data();
    if (QNetworkReply *reply = m_reply.data()) {
        m_reply = nullptr;
        reply->disconnect(this);
        if (reply->isRunning())
            reply->abort();
        reply->deleteLater();
    }
    releaseSlot();
}

void ExchangeRestCall::releaseSlot()
{
    if (RequestRateLimiter *limiter = m_slot.data()) {
        m_slot = nullptr;
        limiter->release();
    }
}

void ExchangeRestCall::handleFinished()
{
    QNetworkReply *reply = m_reply.data();
    if (!reply)
        return;
    m_reply = nullptr;
    delete m_timeout.data();
    reply->deleteLater();
    releaseSlot();
    if (!m_provider)
        return fail(ProviderError::providerGone(m_exchangeName));
    const QByteArray body = reply->readAll();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status == 0) {
        const bool refused = reply->error() == QNetworkReply::ConnectionRefusedError;
        ProviderError e{
            ProviderError::Kind::Network, 0, 0,
            tr("Cannot reach %1 at %2: %3").arg(m_exchangeName, m_url, reply->errorString()), 0};
        // Nothing has ever answered there: a wrong URL, not a restart.
        if (refused && !m_provider->hostAnswered())
            return fail(e);
        return retryOrFail(e);
    }
    m_provider->noteHostAnswered();
    const ProviderError e = m_check(status, body);
    if (e.kind == ProviderError::Kind::Banned) {
        m_provider->rateLimiter(m_path)->blockUntil(m_provider->clock()->nowMs() + e.retryAfterMs);
        return fail(e);
    }
    if (e.isError())
        return retryOrFail(e);
    if (m_validator) {
        const QString why = m_validator(body);
        if (!why.isEmpty()) {
            return retryOrFail({ProviderError::Kind::BadResponse, status, 0,
                                tr("Bad response from %1: %2").arg(m_url, why), 0});
        }
    }
    m_done = true;
    emit succeeded(body);
}

void ExchangeRestCall::retryOrFail(const ProviderError &error)
{
    if (error.kind == ProviderError::Kind::RateLimited && m_provider
        && m_provider->throttleBackoff() == ExchangeRestProvider::ThrottleBackoff::Ceiling)
        return backOff(error);
    const bool retry = error.isTransient() || error.kind == ProviderError::Kind::BadResponse;
    if (!retry || !m_provider || !m_provider->retryPolicy().canRetry(m_attempt))
        return fail(error);
    const qint64 delay = m_provider->retryPolicy().delayMs(m_attempt);
    qCInfo(lcRest).noquote() << error.message << "- retrying in" << delay << "ms";
    // A throttle holds every request waiting for the same limiter, not only this one.
    if (error.kind == ProviderError::Kind::RateLimited)
        m_provider->rateLimiter(m_path)->blockUntil(m_provider->clock()->nowMs() + delay);
    m_retry = m_provider->clock()->callAfter(delay, this, [this] { start(); });
}

void ExchangeRestCall::backOff(const ProviderError &error)
{
    // Hold every request to this endpoint for the backoff, this one included.
    ++m_throttles;
    const qint64 wait = m_provider->retryPolicy().ceilingMs(m_throttles);
    m_provider->rateLimiter(m_path)->blockUntil(m_provider->clock()->nowMs() + wait);
    if (m_throttles >= m_provider->retryPolicy().maxAttempts())
        return fail(error);
    qCInfo(lcRest).noquote() << error.message << "- waiting" << wait << "ms";
    start();
}

void ExchangeRestCall::fail(const ProviderError &error)
{
    if (m_done)
        return;
    m_done = true;
    emit failed(error);
}

} // namespace Candlewick
