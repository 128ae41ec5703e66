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
// seen a connection go, what is still missing after a short grace is written off; a frame missing
// on a connection that stayed up is counted in unexplainedMissing().
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
    }
    void settle()
    {
        const int gone = m_disconnects;
        waitFor([&] { return received() >= sent() || m_disconnects != gone; }, 3000);
        if (received() < sent()) {
            if (m_disconnects == gone)
                m_unexplained += sent() - received();
            waitFor([&] { return received() >= sent(); }, 100);
            if (received() < sent())
                rebase();
        }
        drainEvents();
    }

private:
    FakeBinanceWs &m_ws;
    std::function<const LiveFeed *()> m_feed;
    qint64 m_wsBase = 0;
    qint64 m_feedBase = 0;
    int m_disconnects = 0;
    qint64 m_unexplained = 0;
};

} // namespace Candlewick::Testing
