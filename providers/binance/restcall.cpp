#include "restcall.h"

#include "binancerestprovider.h"
#include "restlogging.h"
#include "requestweightlimiter.h"
#include "silentresend.h"

#include <QNetworkAccessManager>
#include <QNetworkRequest>

namespace Candlewick {

RestCall::RestCall(BinanceRestProvider *provider, QString path, QUrlQuery query, int weight,
                   QObject *parent)
    : QObject(parent)
    , m_provider(provider)
    , m_path(std::move(path))
    , m_query(std::move(query))
    , m_weight(weight)
{
}

RestCall::~RestCall()
{
    abort();
}

int RestCall::maxAttempts() const
{
    if (m_maxAttempts > 0)
        return m_maxAttempts;
    return m_provider ? m_provider->retryPolicy().maxAttempts() : 1;
}

void RestCall::start()
{
    if (m_running)
        return;
    m_running = true;
    m_attempt = 0;
    m_badResponses = 0;
    nextAttempt();
}

void RestCall::nextAttempt()
{
    if (!m_running || !m_provider)
        return;
    ++m_attempt;
    if (m_needsLimits) {
        m_provider->whenLimitsKnown(this, m_info.symbol, [this] { acquireAndSend(); });
    } else {
        acquireAndSend();
    }
}

void RestCall::acquireAndSend()
{
    if (!m_running || !m_provider)
        return;
    m_provider->weightLimiter()->acquire(m_weight, this, [this] { send(); });
}

void RestCall::send()
{
    m_holdsWeight = true;
    if (!m_running || !m_provider) {
        fail({ProviderError::Kind::Cancelled, 0, 0, tr("Provider gone"), 0});
        return;
    }
    const QUrl url = m_provider->endpointUrl(m_path, m_query);
    QNetworkRequest request(url);
    // Real-time safety net; the Clock timer below is the one tests drive.
    request.setTransferTimeout(int(std::min<qint64>(m_provider->requestTimeoutMs() * 2, INT_MAX)));
    request.setRawHeader("Accept", "application/json");
    request.setHeader(QNetworkRequest::UserAgentHeader, QByteArrayLiteral("Candlewick/0.1"));

    m_body.clear();
    m_abortReason = AbortReason::None;
    m_sentAt = m_provider->clock()->nowMs();
    qCDebug(lcRest).noquote() << "GET" << url.toString() << "attempt" << m_attempt;
    QNetworkReply *reply = m_provider->networkAccessManager()->get(request);
    m_reply = reply;
    connect(reply, &QNetworkReply::readyRead, this, &RestCall::handleReadyRead);
    connect(reply, &QNetworkReply::metaDataChanged, this, &RestCall::handleMetaData);
    connect(reply, &QNetworkReply::finished, this, &RestCall::handleFinished);
    connectSilentResends(reply, this, [this] { emit requestSent(); });
    m_timeoutHandle = m_provider->clock()->callAfter(m_provider->requestTimeoutMs(), this,
                                                     [this] { handleTimeout(); });
    emit requestSent();
}

void RestCall::handleMetaData()
{
    if (!m_reply || !m_provider)
        return;
    const QVariant length = m_reply->header(QNetworkRequest::ContentLengthHeader);
    if (length.isValid() && length.toLongLong() > m_provider->maxResponseBytes()) {
        m_abortReason = AbortReason::TooLarge;
        m_reply->abort();
    }
}

void RestCall::handleReadyRead()
{
    if (!m_reply || !m_provider)
        return;
    m_body += m_reply->readAll();
    if (m_body.size() > m_provider->maxResponseBytes()) {
        m_abortReason = AbortReason::TooLarge;
        m_reply->abort();
    }
}

void RestCall::handleTimeout()
{
    m_timeoutHandle = nullptr;
    if (!m_reply)
        return;
    m_abortReason = AbortReason::Timeout;
    m_reply->abort();
}

void RestCall::clearTimers()
{
    delete m_timeoutHandle.data();
    delete m_retryHandle.data();
}

void RestCall::handleFinished()
{
    QNetworkReply *reply = m_reply.data();
    if (!reply || sender() != reply)
        return;
    m_reply = nullptr;
    reply->disconnect(this);
    reply->deleteLater();
    delete m_timeoutHandle.data();
    if (!m_running || !m_provider)
        return;

    if (m_abortReason == AbortReason::None)
        m_body += reply->readAll();
    const QVariant statusAttr = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    const int status = statusAttr.isValid() ? statusAttr.toInt() : 0;
    const QNetworkReply::NetworkError netError = reply->error();
    const auto headers = reply->rawHeaderPairs();
    const QByteArray body = std::exchange(m_body, {});
    RequestWeightLimiter *limiter = m_provider->weightLimiter();
    using Kind = ProviderError::Kind;
    if (status > 0)
        m_provider->noteHostAnswered();

    // A complete 200: the body handler decides (before the limiter, so exchangeInfo can teach it
    // the limits that the headers of this very response refer to).
    QString badReason;
    const bool complete200
        = status == 200 && netError == QNetworkReply::NoError && m_abortReason == AbortReason::None;
    if (complete200 && m_handler)
        badReason = m_handler(body);

    if (m_holdsWeight) {
        m_holdsWeight = false;
        if (status > 0)
            limiter->release(m_weight, m_sentAt, status, headers);
        else
            limiter->abandon(m_weight, m_sentAt);
    }
    if (!m_running)
        return;

    ProviderError error;
    error.httpStatus = status;
    m_reason = status > 0 ? QStringLiteral("HTTP %1").arg(status) : reply->errorString();
    if (m_abortReason == AbortReason::Timeout) {
        error.kind = Kind::Timeout;
        m_reason = tr("no answer within %1 s").arg(m_provider->requestTimeoutMs() / 1000.0);
        error.message = tr("No answer from Binance within %1 s (%2)")
                            .arg(m_provider->requestTimeoutMs() / 1000.0)
                            .arg(m_info.url);
    } else if (m_abortReason == AbortReason::TooLarge) {
        error.kind = Kind::BadResponse;
        error.message = tr("Response from %1 larger than %2 bytes: refused")
                            .arg(m_info.url)
                            .arg(m_provider->maxResponseBytes());
    } else if (complete200) {
        if (badReason.isEmpty()) {
            m_running = false;
            emit succeeded();
            return;
        }
        error.kind = Kind::BadResponse;
        m_reason = badReason;
        error.message = tr("Bad response from Binance (%1): %2").arg(m_info.url, badReason);
    } else if (status == 0 || (status == 200 && netError != QNetworkReply::NoError)) {
        const bool timedOut = netError == QNetworkReply::TimeoutError
            || netError == QNetworkReply::OperationCanceledError;
        error.kind = timedOut ? Kind::Timeout : Kind::Network;
        error.message = tr("Network error talking to %1: %2: check your connection "
                           "and --rest-url")
                            .arg(m_info.url, reply->errorString());
        if (netError == QNetworkReply::ConnectionRefusedError && !m_provider->hostAnswered()) {
            fail(std::move(error)); // see BinanceRestProvider::hostAnswered()
            return;
        }
    } else {
        qint64 retryAfter = -1;
        for (const auto &[name, value] : headers) {
            if (name.compare("retry-after", Qt::CaseInsensitive) == 0)
                retryAfter = RequestWeightLimiter::parseRetryAfterMs(value);
        }
        RequestInfo info = m_info;
        if (info.url.isEmpty())
            info.url = reply->url().toString();
        error = BinanceErrors::fromHttpResponse(status, body, retryAfter, info);
        if ((error.kind == Kind::RateLimited || error.kind == Kind::Banned) && retryAfter < 0)
            error.retryAfterMs
                = std::max<qint64>(0, limiter->blockedUntil() - m_provider->clock()->nowMs());
    }
    retryOrFail(std::move(error));
}

void RestCall::retryOrFail(ProviderError error)
{
    using Kind = ProviderError::Kind;
    bool retry = false;
    qint64 delay = 0;
    if (error.kind == Kind::BadResponse) {
        ++m_badResponses;
        retry = m_badResponses <= m_provider->maxBadResponseRetries() && m_attempt < maxAttempts();
        delay = m_provider->retryPolicy().delayMs(m_badResponses);
    } else if (error.kind == Kind::RateLimited || error.kind == Kind::Banned) {
        // The limiter already holds every request until Retry-After; waiting longer than the
        // provider allows makes this a failure the user has to act on.
        retry = m_attempt < maxAttempts() && error.retryAfterMs <= m_provider->maxRateLimitWaitMs();
    } else if (error.isTransient()) {
        retry = m_attempt < maxAttempts();
        delay = m_provider->retryPolicy().delayMs(m_attempt);
    }
    if (!retry) {
        if (error.isTransient() || error.kind == Kind::BadResponse) {
            if (m_attempt > 1)
                error.message += tr(" (gave up after %1 attempts)").arg(m_attempt);
        }
        fail(std::move(error));
        return;
    }
    qCInfo(lcRest).noquote() << ProviderError::kindName(error.kind) << "-" << error.message
                             << "- retry" << m_attempt + 1 << "of" << maxAttempts() << "in" << delay
                             << "ms";
    emit retrying(m_attempt + 1, maxAttempts(), m_reason);
    if (delay <= 0) {
        nextAttempt();
        return;
    }
    m_retryHandle = m_provider->clock()->callAfter(delay, this, [this] {
        m_retryHandle = nullptr;
        nextAttempt();
    });
}

void RestCall::fail(ProviderError error)
{
    m_running = false;
    clearTimers();
    qCWarning(lcRest).noquote() << "request failed:" << ProviderError::kindName(error.kind) << "-"
                                << error.message;
    emit failed(error);
}

void RestCall::abort()
{
    const bool wasRunning = m_running;
    m_running = false;
    clearTimers();
    if (m_provider)
        m_provider->weightLimiter()->cancelWaiting(this);
    if (QNetworkReply *reply = m_reply.data()) {
        m_reply = nullptr;
        reply->disconnect(this);
        reply->abort();
        reply->deleteLater();
    }
    if (m_holdsWeight) {
        m_holdsWeight = false;
        if (m_provider)
            m_provider->weightLimiter()->abandon(m_weight, m_sentAt);
    }
    Q_UNUSED(wasRunning);
}

} // namespace Candlewick
