#include <manualclock.h>

#include <QTest>

using namespace Candlewick;

class TestManualClock : public QObject
{
    Q_OBJECT
private slots:
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
