#pragma once

#include "eventwait.h"
#include "fakebinancews.h"

#include <livefeed.h>

#include <functional>

namespace Candlewick::Testing {

// Keeps a test that moves a ManualClock in step with the loopback I/O: counts the frames a
// FakeBinanceWs has sent against those a LiveFeed has received, and settle() lets them arrive
// (sockets whose both ends live in the test's thread need a running event loop). Frames sent to a
// connection that has gone since (a drop, a retired connection) never arrive: once the fake has
// seen a connection go since the counting started, what is still missing once a few turns of the
// event loop bring nothing more is written off (the clock may have moved far past the loss: a test
// stepping in strides); a frame missing while every connection stayed up is counted in
// unexplainedMissing().
class FrameSync
{
public:
    // `feed` gives the feed to count (it may change, or be null while the program is "down").
    FrameSync(FakeBinanceWs &ws, std::function<const LiveFeed *()> feed)
        : m_ws(ws)
        , m_feed(std::move(feed))
    {
        QObject::connect(&ws, &FakeBinanceWs::clientDisconnected, &ws, [this] { ++m_disconnects; });
    }
    FrameSync(const FrameSync &) = delete;
    FrameSync &operator=(const FrameSync &) = delete;

    qint64 sent() const { return m_ws.framesSent() - m_wsBase; }
    qint64 received() const
    {
        const LiveFeed *feed = m_feed();
        return feed ? feed->stats().frames - m_feedBase : sent();
    }
    qint64 unexplainedMissing() const { return m_unexplained; }

    // Counts from here (after a fault that loses frames in flight, or a new feed).
    void rebase()
    {
        drainEvents();
        m_wsBase = m_ws.framesSent();
        const LiveFeed *feed = m_feed();
        m_feedBase = feed ? feed->stats().frames : 0;
        m_disconnectsAtBase = m_disconnects;
    }
    void settle()
    {
        waitFor([&] { return received() >= sent() || m_disconnects != m_disconnectsAtBase; }, 3000);
        if (received() < sent()) {
            // Both ends live in this thread and loopback delivers a write at once: what is still
            // on its way is readable now or in a socket's write buffer, and turns of the loop
            // bring it in. Once a few turns in a row bring nothing, the rest is lost.
            for (int quietTurns = 0; received() < sent() && quietTurns < QuietTurns;) {
                const qint64 last = received();
                QCoreApplication::processEvents();
                quietTurns = received() == last ? quietTurns + 1 : 0;
            }
            if (received() < sent()) {
                if (m_disconnects == m_disconnectsAtBase)
                    m_unexplained += sent() - received();
                rebase();
            }
        }
        if (received() >= sent())
            m_disconnectsAtBase = m_disconnects; // every loss so far is accounted for
        drainEvents();
    }

private:
    static constexpr int QuietTurns = 3;

    FakeBinanceWs &m_ws;
    std::function<const LiveFeed *()> m_feed;
    qint64 m_wsBase = 0;
    qint64 m_feedBase = 0;
    int m_disconnects = 0;
    int m_disconnectsAtBase = 0; // at the last rebase()
    qint64 m_unexplained = 0;
};

} // namespace Candlewick::Testing
