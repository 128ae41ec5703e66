#include "systemclock.h"

#include <QDateTime>
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
    auto *timer = new QTimer(context);
    timer->setSingleShot(true);
    timer->setTimerType(Qt::PreciseTimer);
    QObject::connect(timer, &QTimer::timeout, context, [timer, fn = std::move(fn)] {
        timer->deleteLater();
        fn();
    });
    timer->start(static_cast<int>(qBound<qint64>(0, atMs - nowMs(), qint64(INT_MAX))));
    return timer;
}

} // namespace Candlewick
