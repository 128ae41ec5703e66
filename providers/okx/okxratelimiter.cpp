#include "okxratelimiter.h"

namespace Candlewick {

OkxRateLimiter::OkxRateLimiter(int limit, qint64 windowMs, Clock *clock, QObject *parent)
    : QObject(parent)
    , m_limit(std::max(1, limit))
    , m_windowMs(std::max<qint64>(1, windowMs))
    , m_clock(clock)
{
}

void OkxRateLimiter::acquire(QObject *context, std::function<void()> fn)
{
    m_waiting.append({context, std::move(fn)});
    if (m_waiting.size() == 1 && nextGrantTime(m_clock->nowMs()) > m_clock->nowMs())
        ++m_throttled;
    process();
}

void OkxRateLimiter::cancelWaiting(QObject *context)
{
    m_waiting.removeIf([context](const Waiter &w) { return !w.context || w.context == context; });
}

void OkxRateLimiter::blockUntil(qint64 untilMs)
{
    m_blockedUntil = std::max(m_blockedUntil, untilMs);
    process();
}

qint64 OkxRateLimiter::nextGrantTime(qint64 now)
{
    const qint64 span = m_windowMs + GuardMs;
    while (!m_granted.isEmpty() && m_granted.first() + span <= now)
        m_granted.removeFirst();
    qint64 at = std::max(now, m_blockedUntil);
    if (m_granted.size() >= m_limit)
        at = std::max(at, m_granted.at(m_granted.size() - m_limit) + span);
    return at;
}

void OkxRateLimiter::process()
{
    delete m_wake;
    while (!m_waiting.isEmpty()) {
        const qint64 now = m_clock->nowMs();
        const qint64 at = nextGrantTime(now);
        if (at > now) {
            m_wake = m_clock->callAt(at, this, [this] { process(); });
            return;
        }
        const Waiter w = m_waiting.takeFirst();
        if (!w.context)
            continue;
        m_granted.append(now);
        QMetaObject::invokeMethod(w.context, w.fn, Qt::QueuedConnection);
    }
}

} // namespace Candlewick
