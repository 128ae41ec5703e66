#pragma once

#include <QObject>

#include <functional>

namespace Candlewick {

// Time as the program sees it. Everything that waits (backoff, pacing, watchdogs, replay)
// asks a Clock, so tests can drive time instead of sleeping.
class Clock : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;

    virtual qint64 nowMs() const = 0;

    // Calls `fn` once, on `context`'s thread, when nowMs() has reached `atMs`. Deleting the
    // returned handle (or `context`) cancels the call. The handle is owned by `context`.
    virtual QObject *callAt(qint64 atMs, QObject *context, std::function<void()> fn) = 0;
    QObject *callAfter(qint64 delayMs, QObject *context, std::function<void()> fn)
    {
        return callAt(nowMs() + delayMs, context, std::move(fn));
    }

    // The wall clock, shared by the whole process.
    static Clock *system();
};

} // namespace Candlewick
