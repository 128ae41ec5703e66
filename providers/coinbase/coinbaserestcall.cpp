#include "coinbaserestcall.h"

#include "coinbaserestprovider.h"

#include <requestratelimiter.h>
#include <restlogging.h>

#include <QNetworkAccessManager>
#include <QNetworkReply>

namespace Candlewick {

CoinbaseRestCall::CoinbaseRestCall(CoinbaseRestProvider *provider, QString path, QUrlQuery query,
                                   CoinbaseApi::RequestInfo info, QObject *parent)
    : QObject(parent)
    , m_provider(provider)
    , m_path(std::move(path))
    , m_query(std::move(query))
    , m_info(std::move(info))
{
}

CoinbaseRestCall::~CoinbaseRestCall()
{
    m_done = true;
    abortReply();
}

void CoinbaseRestCall::start()
{
    if (!m_provider)
        return fail({ProviderError::Kind::Cancelled, 0, 0,
                     QStringLiteral("The Coinbase provider is gone"), 0});
    ++m_attempt;
    m_provider->rateLimiter()->acquire(this, [this] { send(); });
}

void CoinbaseRestCall::send()
{
    m_slot = m_provider ? m_provider->rateLimiter() : nullptr;
    if (m_done || !m_provider)
        return releaseSlot();
    QNetworkRequest request(m_provider->endpointUrl(m_path, m_query));
    request.setTransferTimeout(int(m_provider->requestTimeoutMs()));
    m_reply = m_provider->networkAccessManager()->get(request);
    connect(m_reply, &QNetworkReply::finished, this, &CoinbaseRestCall::handleFinished);
    m_timeout = m_provider->clock()->callAfter(m_provider->requestTimeoutMs(), this, [this] {
        abortReply();
        retryOrFail({ProviderError::Kind::Timeout, 0, 0,
                     QStringLiteral("Coinbase did not answer %1 in time").arg(m_info.url), 0});
    });
    emit requestSent();
}

void CoinbaseRestCall::abortReply()
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

void CoinbaseRestCall::releaseSlot()
{
    if (RequestRateLimiter *limiter = m_slot.data()) {
        m_slot = nullptr;
        limiter->release();
    }
}

void CoinbaseRestCall::handleFinished()
{
    QNetworkReply *reply = m_reply.data();
    if (!reply)
        return;
    m_reply = nullptr;
    delete m_timeout.data();
    reply->deleteLater();
    releaseSlot();
    const QByteArray body = reply->readAll();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status == 0) {
        const bool refused = reply->error() == QNetworkReply::ConnectionRefusedError;
        ProviderError e{
            ProviderError::Kind::Network, 0, 0,
            QStringLiteral("Cannot reach Coinbase at %1: %2").arg(m_info.url, reply->errorString()),
            0};
        // Nothing has ever answered there: a wrong URL, not a restart.
        if (refused && !m_provider->hostAnswered())
            return fail(e);
        return retryOrFail(e);
    }
    m_provider->noteHostAnswered();
    if (status != 200)
        return retryOrFail(CoinbaseApi::fromHttpStatus(status, body, m_info));
    if (m_validator) {
        const QString why = m_validator(body);
        if (!why.isEmpty()) {
            return retryOrFail({ProviderError::Kind::BadResponse, status, 0,
                                QStringLiteral("Bad response from %1: %2").arg(m_info.url, why),
                                0});
        }
    }
    m_done = true;
    emit succeeded(body);
}

void CoinbaseRestCall::retryOrFail(const ProviderError &error)
{
    const bool retry = error.isTransient() || error.kind == ProviderError::Kind::BadResponse;
    if (!retry || !m_provider || !m_provider->retryPolicy().canRetry(m_attempt))
        return fail(error);
    const qint64 delay = m_provider->retryPolicy().delayMs(m_attempt);
    qCInfo(lcRest).noquote() << error.message << "- retrying in" << delay << "ms";
    if (error.kind == ProviderError::Kind::RateLimited)
        m_provider->rateLimiter()->blockUntil(m_provider->clock()->nowMs() + delay);
    m_retry = m_provider->clock()->callAfter(delay, this, [this] { start(); });
}

void CoinbaseRestCall::fail(const ProviderError &error)
{
    if (m_done)
        return;
    m_done = true;
    emit failed(error);
}

} // namespace Candlewick
