#include <manualclock.h>

#include <QPointer>
#include <QTest>

using namespace Candlewick;

class TestManualClock : public QObject
{
    Q_OBJECT
private slots:
    // The system clock behaves like this one: the handle is gone before the call runs, so the
    // call may stop what scheduled it (deleting a pending handle) without deleting the timer
    // that is firing (a `watch` whose reader went away mid-poll did that and crashed now and then).
    void systemClockHandleIsGoneBeforeTheCall()
    {
        QObject ctx;
        QPointer<QObject> handle;
        bool handleGoneInCall = false;
        bool cancelledRan = false;
        handle = Clock::system()->callAfter(0, &ctx, [&] { handleGoneInCall = handle.isNull(); });
        QPointer<QObject> cancelled
            = Clock::system()->callAfter(0, &ctx, [&] { cancelledRan = true; });
        delete cancelled.data();
        QTRY_VERIFY(handleGoneInCall);
        QVERIFY(!cancelledRan);
    }

    void firesInTimeOrderAtTheirTime()
    {
        ManualClock clock(1000);
        QObject ctx;
        QList<QPair<int, qint64>> fired;
        clock.callAt(1300, &ctx, [&] { fired.append({3, clock.nowMs()}); });
        clock.callAt(1100, &ctx, [&] { fired.append({1, clock.nowMs()}); });
        clock.callAfter(200, &ctx, [&] { fired.append({2, clock.nowMs()}); });
        QCOMPARE(clock.nextDue(), 1100);
        clock.advance(150);
        QCOMPARE(fired, (QList<QPair<int, qint64>>{{1, 1100}}));
        QCOMPARE(clock.nowMs(), 1150);
        clock.advance(1000);
        QCOMPARE(fired, (QList<QPair<int, qint64>>{{1, 1100}, {2, 1200}, {3, 1300}}));
        QCOMPARE(clock.nowMs(), 2150);
        QCOMPARE(clock.pendingCount(), 0);
    }

    void callbacksMayScheduleMore()
    {
        ManualClock clock(0);
        QObject ctx;
        int ticks = 0;
        std::function<void()> tick = [&] {
            ++ticks;
            clock.callAfter(10, &ctx, tick);
        };
        clock.callAfter(10, &ctx, tick);
        clock.advance(100);
        QCOMPARE(ticks, 10);
    }

    void deletingHandleOrContextCancels()
    {
        ManualClock clock(0);
        int fired = 0;
        auto *ctx = new QObject;
        QObject other;
        QObject *handle = clock.callAt(10, &other, [&] { ++fired; });
        clock.callAt(10, ctx, [&] { ++fired; });
        delete handle;
        delete ctx;
        clock.advance(20);
        QCOMPARE(fired, 0);
        QCOMPARE(clock.nextDue(), -1);
    }
};

QTEST_GUILESS_MAIN(TestManualClock)
#include "tst_manualclock.moc"
