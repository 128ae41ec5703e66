#pragma once

#include "clock.h"

#include <QList>
#include <QPointer>

namespace Candlewick {

// A clock that only moves when told to: for tests and for as-fast-as-possible replay.
class ManualClock : public Clock
{
    Q_OBJECT
public:
    explicit ManualClock(qint64 startMs = 0, QObject *parent = nullptr);

    qint64 nowMs() const override { return m_now; }
    QObject *callAt(qint64 atMs, QObject *context, std::function<void()> fn) override;

    // Moves time forward by `ms`, firing every due call in time order at its own time.
    void advance(qint64 ms);
    void setNow(qint64 ms);
    // Time of the earliest pending call, or -1 when nothing is pending.
    qint64 nextDue() const;
    int pendingCount() const;

private:
    struct Pending
    {
        qint64 at;
        quint64 seq;
        QPointer<QObject> handle;
        std::function<void()> fn;
    };
    void prune();

    qint64 m_now;
    quint64 m_seq = 0;
    QList<Pending> m_pending;
};

} // namespace Candlewick
