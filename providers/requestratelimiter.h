#pragma once

#include "sharedweightstate.h"

#include <QList>
#include <QObject>
#include <QPointer>

#include <deque>
#include <functional>
#include <memory>
#include <optional>

namespace Candlewick {

class Clock;

// Paces a declared per-IP limit counted in requests ("600 per 5 s" on Bybit, "20 per 2 s" per
// endpoint on OKX). The server counts a request when it arrives, some time between our grant and
// its answer (later than the grant when the network stack queues it), so a request holds its
// slot from the grant until windowMs after release() (call it once per grant, when the request
// was answered or abandoned): however the latency and the queueing vary, the server never sees
// more than maxRequests in any span of the window, whether it counts in fixed or sliding windows.
// After a ban or a throttle nothing is granted until blockUntil() has passed. Requests are granted
// in the order they asked, on the caller's thread (possibly inside acquire()), never for a context
// that is gone; all waiting is on the Clock.
//
// With shareWith() the recent requests, the requests in flight and the block live in a
// SharedWeightState that every grant and answer reads and updates under its lock, so every
// process of the user on this machine that talks to the same base URL keeps within one budget,
// and a ban seen by one stops all of them. While other processes hold requests in flight a
// waiting request looks again every SharedPollMs (their answers do not wake it).
class RequestRateLimiter : public QObject
{
    Q_OBJECT
public:
    static constexpr qint64 SharedPollMs = 100;

    // A budget declared by the user (CANDLEWICK_<ID>_REQUEST_BUDGET): "REQUESTS/SECONDS", e.g.
    // "20/5"; nullopt when it does not read as one.
    struct Budget
    {
        int requests = 0;
        qint64 windowMs = 0;
    };
    static std::optional<Budget> parseBudget(QStringView text);
    // The budget in the environment variable `name`; nullopt when it is unset or (with a warning)
    // does not read as one.
    static std::optional<Budget> declaredBudget(const QString &name);

    RequestRateLimiter(Clock *clock, int maxRequests, qint64 windowMs, QObject *parent = nullptr);
    ~RequestRateLimiter() override;

    // Shares the budget through the state file `filePath` (SharedWeightState::filePathFor());
    // an empty path stops sharing. Share only between limiters whose clocks agree (the system
    // clock across processes). Returns false with errorString() when the file cannot be used;
    // the limiter then goes on alone.
    bool shareWith(const QString &filePath);
    bool isShared() const { return m_shared != nullptr; }
    QString errorString() const { return m_error; }

    void acquire(QObject *context, std::function<void()> fn);
    void cancelWaiting(QObject *context);
    // A granted request was answered or abandoned.
    void release();
    // No grant before `untilMs` (a ban or a throttle), in every process sharing the budget.
    void blockUntil(qint64 untilMs);

    int maxRequests() const { return m_maxRequests; }
    qint64 windowMs() const { return m_windowMs; }
    qint64 blockedUntil() const { return m_blockedUntil; }
    int waitingCount() const { return int(m_waiting.size()); }
    // This limiter's granted requests not yet released.
    int inFlight() const { return m_inFlight; }
    // How many requests had to wait for the budget.
    int throttledCount() const { return m_throttled; }

private:
    struct Waiter
    {
        QPointer<QObject> context;
        std::function<void()> fn;
        bool counted = false; // throttledCount() has counted its wait
    };
    // Runs `fn` on the state shared with other processes (read before, written after) or, when
    // not shared, on the local state. No callback may run inside `fn`.
    void transact(const std::function<void()> &fn);
    void pump();
    void wakeAt(qint64 atMs);

    Clock *m_clock;
    int m_maxRequests;
    qint64 m_windowMs;
    qint64 m_blockedUntil = 0;
    QList<qint64> m_countedUntil; // until when each recent request still counts
    int m_inFlight = 0;
    int m_othersInFlight = 0;
    std::deque<Waiter> m_waiting;
    std::unique_ptr<SharedWeightState> m_shared;
    QString m_error;
    bool m_pumping = false;
    int m_throttled = 0;
    QPointer<QObject> m_wake;
    qint64 m_wakeAt = -1;
};

} // namespace Candlewick
