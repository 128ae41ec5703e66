#pragma once

#include <QObject>
#include <QPointer>

#include <deque>
#include <functional>

namespace Candlewick {

class Clock;

// Coinbase's public REST limit (about 10 requests per second per IP) is declared, not reported:
// at most maxRequests requests in any windowMs-long stretch, and nothing while a throttle is in
// force (block()). The server counts a request when it arrives, some time between our send and its
// answer, so a request holds its slot from the grant until windowMs after its answer (release()):
// however the latency varies, the server never sees more than maxRequests in one window. Requests
// wait in arrival order; grants run on the context's thread, never for a context that is gone.
class CoinbaseRateLimiter : public QObject
{
    Q_OBJECT
public:
    CoinbaseRateLimiter(Clock *clock, int maxRequests, qint64 windowMs, QObject *parent = nullptr);

    // Calls `fn` once a send is allowed; call release() once for every grant when its request
    // has been answered or abandoned.
    void acquire(QObject *context, std::function<void()> fn);
    void release();
    // No grant before `untilMs` (a throttle).
    void block(qint64 untilMs);

    int maxRequests() const { return m_maxRequests; }
    qint64 windowMs() const { return m_windowMs; }
    qint64 blockedUntil() const { return m_blockedUntil; }

private:
    struct Waiter
    {
        QPointer<QObject> context;
        std::function<void()> fn;
    };
    void pump();
    void wakeAt(qint64 atMs);

    Clock *m_clock;
    int m_maxRequests;
    qint64 m_windowMs;
    qint64 m_blockedUntil = 0;
    std::deque<qint64> m_answered; // answer times within the last window, oldest first
    int m_inFlight = 0;
    std::deque<Waiter> m_waiting;
    QPointer<QObject> m_wake;
    qint64 m_wakeAt = 0;
};

} // namespace Candlewick
