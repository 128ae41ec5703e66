#pragma once

#include "bybitapi.h"

#include <QObject>
#include <QPointer>
#include <QUrlQuery>

class QNetworkReply;

namespace Candlewick {

class RequestRateLimiter;
class BybitRestProvider;

// One logical GET against the Bybit v5 REST API: waits for the provider's rate limiter, times
// out on the provider's Clock, reads the retCode envelope and retries with backoff what is worth
// retrying (network trouble, 5xx, 429, retCode 10006 and 10016). A 403 is a ban: the limiter
// stops every request of the provider until it has passed and the call fails at once. Emits
// exactly one of succeeded() or failed(); deleting the call aborts it quietly.
class BybitRestCall : public QObject
{
    Q_OBJECT
public:
    BybitRestCall(BybitRestProvider *provider, QString path, QUrlQuery query,
                  BybitApi::RequestInfo info, QObject *parent = nullptr);
    ~BybitRestCall() override;

    void start();

signals:
    void requestSent();
    // The whole body of an answer with retCode 0.
    void succeeded(const QByteArray &body);
    void failed(const Candlewick::ProviderError &error);

private:
    void send();
    void handleFinished();
    void retryOrFail(const ProviderError &error);
    void fail(const ProviderError &error);
    void abortReply();
    void releaseSlot();

    QPointer<BybitRestProvider> m_provider;
    QString m_path;
    QUrlQuery m_query;
    BybitApi::RequestInfo m_info;
    QPointer<QNetworkReply> m_reply;
    QPointer<QObject> m_timeout;
    QPointer<QObject> m_retry;
    QPointer<RequestRateLimiter> m_slot; // the limiter whose slot the request on the wire holds
    int m_attempt = 0;
    bool m_done = false;
};

} // namespace Candlewick
