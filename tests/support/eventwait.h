#pragma once

#include <QAbstractEventDispatcher>
#include <QCoreApplication>
#include <QEventLoop>
#include <QTimer>

namespace Candlewick::Testing {

// Runs a real event loop until `pred` holds or `timeoutMs` of wall time pass; returns `pred()`.
// Sockets whose both ends live in the test's thread need a running loop, not processEvents().
// `pred` is checked after every turn of the loop (before it would sleep), so the wait ends as soon
// as the events that make it true have run; a 1 ms poll catches what other threads change without
// posting an event.
template<typename Pred> bool waitFor(Pred pred, int timeoutMs)
{
    if (pred())
        return true;
    QEventLoop loop;
    const auto check = [&] {
        if (pred())
            loop.quit();
    };
    QTimer poll;
    poll.setTimerType(Qt::PreciseTimer);
    poll.setInterval(1);
    QObject::connect(&poll, &QTimer::timeout, &loop, check);
    QObject::connect(QAbstractEventDispatcher::instance(), &QAbstractEventDispatcher::aboutToBlock,
                     &loop, check);
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
