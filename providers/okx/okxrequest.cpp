#include "okxrequest.h"

#include "okxparser.h"
#include <requestratelimiter.h>
#include "okxrestprovider.h"

#include <restlogging.h>
#include <silentresend.h>

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

namespace Candlewick {

OkxRequest::OkxRequest(OkxRestProvider *provider, RequestRateLimiter *limiter, QString path,
                       QUrlQuery query, OkxErrors::RequestInfo info, QObject *parent)
    : QObject(parent)
    , m_provider(provider)
    , m_limiter(limiter)
    , m_path(std::move(path))
    , m_query(std::move(query))
    , m_info(std::move(info))
{
}

OkxRequest::~OkxRequest()
{
    abort();
}

void OkxRequest::start()
{
    acquire();
}

void OkxRequest::releaseSlot()
{
    if (RequestRateLimiter *limiter = m_slot.data()) {
        m_slot = nullptr;
        limiter->release();
    }
}

void OkxRequest::abort()
{
    clearTimers();
    if (m_provider)
        m_limiter->cancelWaiting(this);
    releaseSlot();
    if (m_reply) {
        QNetworkReply *reply = m_reply;
        m_reply = nullptr;
        reply->disconnect(this);
        if (m_provider)
            m_provider->noteRequestEnded();
        reply->abort();
        reply->deleteLater();
    }
}

void OkxRequest::clearTimers()
{
    delete m_timeout;
    delete m_retry;
}

void OkxRequest::acquire()
{
    if (!m_provider) {
        emit failed(
            {ProviderError::Kind::Cancelled, 0, 0, QStringLiteral("The OKX provider is gone"), 0});
        return;
    }
    m_limiter->acquire(this, [this] { send(); });
}

void OkxRequest::send()
{
    m_slot = m_limiter;
    if (!m_provider)
        return releaseSlot();
    ++m_attempt;
    m_timedOut = false;
    QNetworkRequest request(m_provider->endpointUrl(m_path, m_query));
    request.setTransferTimeout(int(m_provider->requestTimeoutMs()));
    m_reply = m_provider->networkAccessManager()->get(request);
    m_provider->noteRequestSent();
    connect(m_reply, &QNetworkReply::finished, this, &OkxRequest::handleFinished);
    connectSilentResends(m_reply, this, [this] { emit requestSent(); });
    m_timeout = m_provider->clock()->callAfter(m_provider->requestTimeoutMs(), this, [this] {
        m_timedOut = true;
        if (m_reply)
            m_reply->abort();
    });
    emit requestSent();
}

void OkxRequest::handleFinished()
{
    QNetworkReply *reply = m_reply;
    m_reply = nullptr;
    delete m_timeout;
    releaseSlot();
    if (!reply)
        return;
    reply->deleteLater();
    if (!m_provider)
        return;
    m_provider->noteRequestEnded();
    using Kind = ProviderError::Kind;
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray body = reply->readAll();
    if (status == 0) {
        if (m_timedOut) {
            retryOrFail({Kind::Timeout, 0, 0,
                         QStringLiteral("OKX did not answer %1 within %2 s")
                             .arg(m_info.url)
                             .arg(m_provider->requestTimeoutMs() / 1000),
                         0});
            return;
        }
        ProviderError e{Kind::Network, 0, 0,
                        QStringLiteral("Cannot reach OKX at %1: %2")
                            .arg(m_provider->baseUrl().toString(), reply->errorString()),
                        0};
        if (reply->error() == QNetworkReply::ConnectionRefusedError
            && !m_provider->hostAnswered()) {
            emit failed(e);
            return;
        }
        retryOrFail(e);
        return;
    }
    m_provider->noteHostAnswered();
    QString why;
    const std::optional<OkxParser::Envelope> envelope = OkxParser::parseEnvelope(body, &why);
    if (status == 200 && envelope && envelope->ok()) {
        emit succeeded(envelope->data);
        return;
    }
    if (status == 200 && !envelope) {
        retryOrFail({Kind::BadResponse, status, 0,
                     QStringLiteral("OKX sent a malformed answer to %1: %2").arg(m_info.url, why),
                     0});
        return;
    }
    const ProviderError e = OkxErrors::fromResponse(status, envelope ? envelope->code : QString(),
                                                    envelope ? envelope->msg : QString(), m_info);
    if (e.kind == Kind::RateLimited) {
        // No Retry-After: back off exponentially, and hold every request to this endpoint.
        ++m_throttles;
        const qint64 wait = m_provider->retryPolicy().ceilingMs(m_throttles);
        m_limiter->blockUntil(m_provider->clock()->nowMs() + wait);
        if (m_throttles >= m_provider->retryPolicy().maxAttempts()) {
            emit failed(e);
            return;
        }
        qCInfo(lcRest).noquote() << QStringLiteral("%1; waiting %2 ms").arg(e.message).arg(wait);
        acquire();
        return;
    }
    if (e.kind == Kind::ServerError) {
        retryOrFail(e);
        return;
    }
    emit failed(e);
}

void OkxRequest::retryOrFail(const ProviderError &error)
{
    RetryPolicy &policy = m_provider->retryPolicy();
    if (!policy.canRetry(m_attempt)) {
        emit failed(error);
        return;
    }
    const qint64 delay = policy.delayMs(m_attempt);
    qCInfo(lcRest).noquote()
        << QStringLiteral("%1; retrying in %2 ms").arg(error.message).arg(delay);
    m_retry = m_provider->clock()->callAfter(delay, this, [this] { acquire(); });
}

} // namespace Candlewick
