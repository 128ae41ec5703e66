#pragma once

#include "providererror.h"

#include <QObject>
#include <QPointer>
#include <QUrlQuery>

#include <functional>

class QNetworkReply;

namespace Candlewick {

class RequestRateLimiter;
class ExchangeRestProvider;

// One logical GET against an exchange's REST API through an ExchangeRestProvider: waits for the
// rate limiter of its path (ExchangeRestProvider::rateLimiter()), times out on the provider's Clock
// and retries with the provider's RetryPolicy what is worth retrying (network trouble, timeouts,
// transient errors, malformed bodies). The exchange reads each answer with its AnswerCheck (status
// and envelope to a ProviderError); a rate limit holds every request waiting for the same limiter
// for the retry delay (with ThrottleBackoff::Ceiling: the retry policy's ceiling for the
// throttles so far), a ban (Kind::Banned) holds them for its retryAfterMs and fails the call at
// once. Every send the server sees, Qt's silent resends included, emits requestSent(). Emits
// exactly one of succeeded() or failed(); deleting the call aborts it quietly.
class ExchangeRestCall : public QObject
{
    Q_OBJECT
public:
    // An answer's HTTP status and body as the exchange reads them: Kind::None when it is good.
    using AnswerCheck = std::function<ProviderError(int httpStatus, const QByteArray &body)>;

    ExchangeRestCall(ExchangeRestProvider *provider, QString path, QUrlQuery query,
                     AnswerCheck check, QObject *parent = nullptr);
    ~ExchangeRestCall() override;

    void start();
    // Called with a good body: returns why it is malformed (retried like a broken answer) or an
    // empty string, in which case succeeded() follows.
    void setValidator(std::function<QString(const QByteArray &)> validator)
    {
        m_validator = std::move(validator);
    }

signals:
    void requestSent();
    void succeeded(const QByteArray &body);
    void failed(const Candlewick::ProviderError &error);

private:
    void send();
    void handleFinished();
    void retryOrFail(const ProviderError &error);
    void backOff(const ProviderError &error);
    void fail(const ProviderError &error);
    void abortReply();
    void releaseSlot();

    QPointer<ExchangeRestProvider> m_provider;
    QString m_path;
    QUrlQuery m_query;
    QString m_exchangeName;
    QString m_url; // for messages
    AnswerCheck m_check;
    std::function<QString(const QByteArray &)> m_validator;
    QPointer<QNetworkReply> m_reply;
    QPointer<QObject> m_timeout;
    QPointer<QObject> m_retry;
    QPointer<RequestRateLimiter> m_slot; // the limiter whose slot the request on the wire holds
    int m_attempt = 0;
    int m_throttles = 0;
    bool m_done = false;
};

} // namespace Candlewick
