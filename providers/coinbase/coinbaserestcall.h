#pragma once

#include "coinbaseapi.h"

#include <QObject>
#include <QPointer>
#include <QUrlQuery>

class QNetworkReply;

namespace Candlewick {

class RequestRateLimiter;
class CoinbaseRestProvider;

// One logical GET against Coinbase's public REST API: waits for the provider's rate limiter, times
// out on the provider's Clock and retries with backoff what is worth retrying (network trouble,
// 5xx, malformed bodies, and throttling: 429, or 401 which Coinbase has sent for it). A throttle
// holds every request of the provider. Emits exactly one of succeeded() or failed(); deleting the
// call aborts it quietly.
class CoinbaseRestCall : public QObject
{
    Q_OBJECT
public:
    CoinbaseRestCall(CoinbaseRestProvider *provider, QString path, QUrlQuery query,
                     CoinbaseApi::RequestInfo info, QObject *parent = nullptr);
    ~CoinbaseRestCall() override;

    void start();
    // Called with a 200 body: returns why it is malformed (retried like a broken answer) or an
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
    void fail(const ProviderError &error);
    void abortReply();
    void releaseSlot();

    QPointer<CoinbaseRestProvider> m_provider;
    QString m_path;
    QUrlQuery m_query;
    CoinbaseApi::RequestInfo m_info;
    std::function<QString(const QByteArray &)> m_validator;
    QPointer<QNetworkReply> m_reply;
    QPointer<QObject> m_timeout;
    QPointer<QObject> m_retry;
    QPointer<RequestRateLimiter> m_slot; // the limiter whose slot the request on the wire holds
    int m_attempt = 0;
    bool m_done = false;
};

} // namespace Candlewick
