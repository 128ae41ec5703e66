#pragma once

#include <QCoreApplication>
#include <QEventLoop>
#include <QTimer>

namespace Candlewick::Testing {

// Runs a real event loop until `pred` holds or `timeoutMs` of wall time pass; returns `pred()`.
// Sockets whose both ends live in the test's thread need a running loop, not processEvents().
template<typename Pred> bool waitFor(Pred pred, int timeoutMs)
{
    if (pred())
        return true;
    QEventLoop loop;
    QTimer poll;
    poll.setTimerType(Qt::PreciseTimer);
    poll.setInterval(1);
    QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
        if (pred())
            loop.quit();
    });
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    poll.start();
    loop.exec();
    return pred();
}

// Lets posted events (queued connections, deferred deletes) run.
inline void drainEvents()
{
    QCoreApplication::processEvents();
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
}

} // namespace Candlewick::Testing
