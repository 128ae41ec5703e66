#pragma once

#include "binanceerrors.h"
#include "providererror.h"

#include <QByteArray>
#include <QNetworkReply>
#include <QObject>
#include <QPointer>
#include <QUrlQuery>

#include <functional>

namespace Candlewick {

class BinanceRestProvider;

// One logical GET against the Binance REST API, with everything around it: waiting for the
// weight limiter, a timeout on the provider's Clock, a response size cap, classification of
// errors and retries with backoff. Emits exactly one of succeeded() or failed() unless abort()ed.
class RestCall : public QObject
{
    Q_OBJECT
public:
    // Checks and consumes a 200 body; returns an empty string on success, else why it is bad.
    using BodyHandler = std::function<QString(const QByteArray &body)>;

    RestCall(BinanceRestProvider *provider, QString path, QUrlQuery query, int weight,
             QObject *parent = nullptr);
    ~RestCall() override;

    void setBodyHandler(BodyHandler handler) { m_handler = std::move(handler); }
    void setRequestInfo(const RequestInfo &info) { m_info = info; }
    // Wait for the provider to know the weight limits before the first send (default true).
    void setNeedsLimits(bool needs) { m_needsLimits = needs; }
    // Overrides the provider's retry policy cap for this call.
    void setMaxAttempts(int attempts) { m_maxAttempts = attempts; }

    void start();
    // Stops everything, quietly: no signal follows.
    void abort();

    int attempts() const { return m_attempt; }
    bool isRunning() const { return m_running; }
    const QUrlQuery &query() const { return m_query; }

signals:
    void requestSent();
    // The call failed and is tried again (attempt `attempt` of `maxAttempts`), see Job::retrying.
    void retrying(int attempt, int maxAttempts, const QString &reason);
    void succeeded();
    void failed(const Candlewick::ProviderError &error);

private:
    enum class AbortReason { None, Timeout, TooLarge };

    void nextAttempt();
    void acquireAndSend();
    void send();
    void handleReadyRead();
    void handleMetaData();
    void handleFinished();
    void handleTimeout();
    void fail(ProviderError error);
    void retryOrFail(ProviderError error);
    void clearTimers();
    int maxAttempts() const;

    QPointer<BinanceRestProvider> m_provider;
    QString m_path;
    QUrlQuery m_query;
    int m_weight;
    BodyHandler m_handler;
    RequestInfo m_info;
    bool m_needsLimits = true;
    int m_maxAttempts = 0;

    QPointer<QNetworkReply> m_reply;
    QPointer<QObject> m_timeoutHandle;
    QPointer<QObject> m_retryHandle;
    QByteArray m_body;
    qint64 m_sentAt = 0;
    bool m_holdsWeight = false;
    AbortReason m_abortReason = AbortReason::None;
    int m_attempt = 0;
    int m_badResponses = 0;
    bool m_running = false;
    QString m_reason; // short cause of the last failure, for retrying()
};

} // namespace Candlewick
