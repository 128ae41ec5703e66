#include "systemclock.h"

#include <QDateTime>
#include <QPointer>
#include <QTimer>

namespace Candlewick {

Clock *Clock::system()
{
    static SystemClock clock;
    return &clock;
}

qint64 SystemClock::nowMs() const
{
    return QDateTime::currentMSecsSinceEpoch();
}

QObject *SystemClock::callAt(qint64 atMs, QObject *context, std::function<void()> fn)
{
    // The handle is not the timer: `fn` or anyone may delete the handle at any time (to cancel,
    // or as a call that is done), never the timer while it is emitting. As on ManualClock, the
    // handle is gone before `fn` runs.
    auto *handle = new QObject(context);
    auto *timer = new QTimer(context);
    timer->setSingleShot(true);
    timer->setTimerType(Qt::PreciseTimer);
    QObject::connect(handle, &QObject::destroyed, timer, &QObject::deleteLater);
    QObject::connect(timer, &QTimer::timeout, context,
                     [handle = QPointer<QObject>(handle), fn = std::move(fn)] {
                         if (!handle)
                             return; // cancelled
                         delete handle.data();
                         fn();
                     });
    timer->start(static_cast<int>(qBound<qint64>(0, atMs - nowMs(), qint64(INT_MAX))));
    return handle;
}

} // namespace Candlewick
