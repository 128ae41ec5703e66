#pragma once

#include <clock.h>

#include <QList>
#include <QObject>
#include <QPointer>

#include <functional>

namespace Candlewick {

// Paces one OKX endpoint's per-IP limit ("40 requests per 2 seconds"): a request is granted only
// when fewer than `limit` requests were granted in the last `windowMs` plus a guard, so no span of
// the window ever holds more than the limit, whether the exchange counts in fixed or sliding
// windows. After a throttle answer (429 / 50011) nothing is granted until blockUntil() has passed.
// Requests are granted in the order they asked; all waiting is on the Clock.
class OkxRateLimiter : public QObject
{
    Q_OBJECT
public:
    // Added to the window so that latency jitter cannot squeeze limit + 1 arrivals into it.
    static constexpr qint64 GuardMs = 100;

    OkxRateLimiter(int limit, qint64 windowMs, Clock *clock, QObject *parent = nullptr);

    int limit() const { return m_limit; }
    qint64 windowMs() const { return m_windowMs; }

    // Calls `fn` on `context`'s thread (possibly at once) when a request may be sent; nothing is
    // called if `context` dies first.
    void acquire(QObject *context, std::function<void()> fn);
    void cancelWaiting(QObject *context);
    // Nothing is granted before `untilMs`.
    void blockUntil(qint64 untilMs);
    qint64 blockedUntil() const { return m_blockedUntil; }

    int waitingCount() const { return int(m_waiting.size()); }
    // How many requests had to wait for the budget.
    int throttledCount() const { return m_throttled; }

private:
    struct Waiter
    {
        QPointer<QObject> context;
        std::function<void()> fn;
    };
    // When the next request may go: now, the end of a block, or when the oldest grant in the
    // window leaves it.
    qint64 nextGrantTime(qint64 now);
    void process();

    int m_limit;
    qint64 m_windowMs;
    Clock *m_clock;
    QList<qint64> m_granted; // grant times inside the window, oldest first
    QList<Waiter> m_waiting;
    qint64 m_blockedUntil = 0;
    QPointer<QObject> m_wake;
    int m_throttled = 0;
};

} // namespace Candlewick
