#pragma once

#include "okxerrors.h"

#include <QJsonArray>
#include <QObject>
#include <QPointer>
#include <QUrlQuery>

class QNetworkReply;

namespace Candlewick {

class RequestRateLimiter;
class OkxRestProvider;

// One logical GET against the OKX REST API: waits for its endpoint's rate limiter, sends, reads
// the {"code","msg","data"} envelope and ends with exactly one of succeeded(data) or failed()
// unless abort()ed. Throttling (429 or code 50011, in either HTTP status) blocks the limiter for
// an exponentially growing backoff and retries; network errors, timeouts, 5xx and malformed bodies
// are retried with the provider's RetryPolicy.
class OkxRequest : public QObject
{
    Q_OBJECT
public:
    OkxRequest(OkxRestProvider *provider, RequestRateLimiter *limiter, QString path,
               QUrlQuery query, OkxErrors::RequestInfo info, QObject *parent = nullptr);
    ~OkxRequest() override;

    void start();
    // Stops everything, quietly: no signal follows.
    void abort();

signals:
    void requestSent();
    void succeeded(const QJsonArray &data);
    void failed(const Candlewick::ProviderError &error);

private:
    void acquire();
    void send();
    void handleFinished();
    void retryOrFail(const ProviderError &error);
    void clearTimers();
    void releaseSlot();

    QPointer<OkxRestProvider> m_provider;
    RequestRateLimiter *m_limiter;
    QPointer<RequestRateLimiter> m_slot; // the limiter whose slot the request on the wire holds
    QString m_path;
    QUrlQuery m_query;
    OkxErrors::RequestInfo m_info;
    QPointer<QNetworkReply> m_reply;
    QPointer<QObject> m_timeout;
    QPointer<QObject> m_retry;
    bool m_timedOut = false;
    int m_attempt = 0;
    int m_throttles = 0;
};

} // namespace Candlewick
