#include "requestratelimiter.h"

#include "restlogging.h"

#include <clock.h>

#include <algorithm>

namespace Candlewick {

RequestRateLimiter::RequestRateLimiter(Clock *clock, int maxRequests, qint64 windowMs,
                                       QObject *parent)
    : QObject(parent)
    , m_clock(clock)
    , m_maxRequests(std::max(1, maxRequests))
    , m_windowMs(std::max<qint64>(1, windowMs))
{
}

std::optional<RequestRateLimiter::Budget> RequestRateLimiter::parseBudget(QStringView text)
{
    const qsizetype slash = text.indexOf(u'/');
    if (slash < 0)
        return std::nullopt;
    bool requestsOk = false;
    bool secondsOk = false;
    const int requests = text.left(slash).trimmed().toInt(&requestsOk);
    const double seconds = text.mid(slash + 1).trimmed().toDouble(&secondsOk);
    if (!requestsOk || !secondsOk || requests < 1 || requests > 1000000 || !(seconds >= 0.001)
        || seconds > 86400)
        return std::nullopt;
    return Budget{requests, qint64(seconds * 1000)};
}

std::optional<RequestRateLimiter::Budget> RequestRateLimiter::declaredBudget(const QString &name)
{
    const QString declared = qEnvironmentVariable(name.toLatin1().constData());
    if (declared.isEmpty())
        return std::nullopt;
    const std::optional<Budget> budget = parseBudget(declared);
    if (!budget)
        qCWarning(lcRest).noquote() << name << "is not REQUESTS/SECONDS:" << declared;
    return budget;
}

RequestRateLimiter::~RequestRateLimiter()
{
    if (m_shared)
        m_shared->detach(m_clock->nowMs());
}

bool RequestRateLimiter::shareWith(const QString &filePath)
{
    if (m_shared)
        m_shared->detach(m_clock->nowMs());
    m_shared.reset();
    m_othersInFlight = 0;
    m_error.clear();
    if (filePath.isEmpty())
        return true;
    auto shared = std::make_unique<SharedWeightState>(filePath);
    // Hand what this limiter already counts to the others.
    const bool ok = shared->update([this](SharedWeightState::Data &data) {
        data.countedUntil.append(m_countedUntil);
        data.blockedUntil = std::max(data.blockedUntil, m_blockedUntil);
        data.ownInFlightRequests = m_inFlight;
        m_countedUntil = data.countedUntil;
        m_blockedUntil = data.blockedUntil;
        m_othersInFlight = data.othersInFlightRequests;
    });
    if (!ok) {
        m_error = shared->errorString();
        return false;
    }
    m_shared = std::move(shared);
    pump();
    return true;
}

void RequestRateLimiter::transact(const std::function<void()> &fn)
{
    if (!m_shared) {
        fn();
        return;
    }
    bool ran = false;
    const bool ok = m_shared->update([&](SharedWeightState::Data &data) {
        m_countedUntil = data.countedUntil;
        m_blockedUntil = std::max(m_blockedUntil, data.blockedUntil);
        m_othersInFlight = data.othersInFlightRequests;
        fn();
        ran = true;
        data.countedUntil = m_countedUntil;
        data.blockedUntil = m_blockedUntil;
        data.ownInFlightRequests = m_inFlight;
    });
    if (!ok) {
        m_error = m_shared->errorString();
        qCWarning(lcRest).noquote()
            << "cannot share the request budget with other processes:" << m_error
            << "- going on alone";
        m_shared.reset();
        m_othersInFlight = 0;
        if (!ran)
            fn();
    }
}

void RequestRateLimiter::acquire(QObject *context, std::function<void()> fn)
{
    m_waiting.push_back({context, std::move(fn)});
    pump();
}

void RequestRateLimiter::cancelWaiting(QObject *context)
{
    std::erase_if(m_waiting,
                  [context](const Waiter &w) { return !w.context || w.context == context; });
}

void RequestRateLimiter::release()
{
    if (m_inFlight == 0)
        return;
    transact([this] {
        --m_inFlight;
        m_countedUntil.append(m_clock->nowMs() + m_windowMs);
    });
    pump();
}

void RequestRateLimiter::blockUntil(qint64 untilMs)
{
    transact([this, untilMs] { m_blockedUntil = std::max(m_blockedUntil, untilMs); });
    pump();
}

void RequestRateLimiter::pump()
{
    if (m_pumping)
        return; // a grant's callback asked again: the loop below sees it
    m_pumping = true;
    while (!m_waiting.empty()) {
        if (!m_waiting.front().context) {
            m_waiting.pop_front();
            continue;
        }
        const qint64 now = m_clock->nowMs();
        qint64 wake = -1;
        bool granted = false;
        transact([&] {
            m_countedUntil.removeIf([now](qint64 until) { return until <= now; });
            if (now < m_blockedUntil) {
                wake = m_blockedUntil;
                return;
            }
            const int counted = m_inFlight + m_othersInFlight + int(m_countedUntil.size());
            if (counted >= m_maxRequests) {
                // Woken when the first counted request stops counting, by release(), or to
                // look again at what the other processes did.
                if (!m_countedUntil.isEmpty())
                    wake = *std::min_element(m_countedUntil.cbegin(), m_countedUntil.cend());
                if (m_othersInFlight > 0)
                    wake = wake < 0 ? now + SharedPollMs : std::min(wake, now + SharedPollMs);
                return;
            }
            granted = true;
            ++m_inFlight;
        });
        if (!granted) {
            Waiter &front = m_waiting.front();
            if (!std::exchange(front.counted, true))
                ++m_throttled;
            if (wake >= 0)
                wakeAt(wake);
            break;
        }
        Waiter w = std::move(m_waiting.front());
        m_waiting.pop_front();
        w.fn();
    }
    m_pumping = false;
}

void RequestRateLimiter::wakeAt(qint64 atMs)
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
