#include "coinbaseratelimiter.h"

#include <clock.h>

namespace Candlewick {

CoinbaseRateLimiter::CoinbaseRateLimiter(Clock *clock, int maxRequests, qint64 windowMs,
                                         QObject *parent)
    : QObject(parent)
    , m_clock(clock)
    , m_maxRequests(std::max(1, maxRequests))
    , m_windowMs(std::max<qint64>(1, windowMs))
{
}

void CoinbaseRateLimiter::acquire(QObject *context, std::function<void()> fn)
{
    m_waiting.push_back({context, std::move(fn)});
    pump();
}

void CoinbaseRateLimiter::release()
{
    if (m_inFlight == 0)
        return;
    --m_inFlight;
    m_answered.push_back(m_clock->nowMs());
    pump();
}

void CoinbaseRateLimiter::block(qint64 untilMs)
{
    m_blockedUntil = std::max(m_blockedUntil, untilMs);
}

void CoinbaseRateLimiter::pump()
{
    while (!m_waiting.empty()) {
        if (!m_waiting.front().context) {
            m_waiting.pop_front();
            continue;
        }
        const qint64 now = m_clock->nowMs();
        if (now < m_blockedUntil)
            return wakeAt(m_blockedUntil);
        while (!m_answered.empty() && m_answered.front() + m_windowMs <= now)
            m_answered.pop_front();
        if (m_inFlight + int(m_answered.size()) >= m_maxRequests) {
            // Woken by the oldest answer leaving the window, or by release().
            if (!m_answered.empty())
                wakeAt(m_answered.front() + m_windowMs);
            return;
        }
        Waiter w = std::move(m_waiting.front());
        m_waiting.pop_front();
        ++m_inFlight;
        w.fn();
    }
}

void CoinbaseRateLimiter::wakeAt(qint64 atMs)
{
    if (m_wake && m_wakeAt == atMs)
        return;
    delete m_wake.data();
    m_wakeAt = atMs;
    m_wake = m_clock->callAt(atMs, this, [this] {
        m_wake = nullptr;
        pump();
    });
}

} // namespace Candlewick
