#include "manualclock.h"

#include <algorithm>

namespace Candlewick {

ManualClock::ManualClock(qint64 startMs, QObject *parent)
    : Clock(parent)
    , m_now(startMs)
{
}

QObject *ManualClock::callAt(qint64 atMs, QObject *context, std::function<void()> fn)
{
    auto *handle = new QObject(context);
    m_pending.append({atMs, m_seq++, handle, std::move(fn)});
    return handle;
}

void ManualClock::prune()
{
    m_pending.removeIf([](const Pending &p) { return p.handle.isNull(); });
}

qint64 ManualClock::nextDue() const
{
    qint64 best = -1;
    for (const Pending &p : m_pending) {
        if (!p.handle.isNull() && (best < 0 || p.at < best))
            best = p.at;
    }
    return best;
}

int ManualClock::pendingCount() const
{
    return static_cast<int>(std::count_if(m_pending.begin(), m_pending.end(),
                                          [](const Pending &p) { return !p.handle.isNull(); }));
}

void ManualClock::advance(qint64 ms)
{
    setNow(m_now + ms);
}

void ManualClock::setNow(qint64 target)
{
    for (;;) {
        prune();
        auto due = std::min_element(m_pending.begin(), m_pending.end(),
                                    [](const Pending &a, const Pending &b) {
                                        return a.at != b.at ? a.at < b.at : a.seq < b.seq;
                                    });
        if (due == m_pending.end() || due->at > target)
            break;
        Pending p = std::move(*due);
        m_pending.erase(due);
        m_now = std::max(m_now, p.at);
        delete p.handle.data();
        p.fn();
    }
    m_now = std::max(m_now, target);
}

} // namespace Candlewick
