#include <gapfreefeed.h>
#include <scriptedhistory.h>
#include <historysource.h>
#include <manualclock.h>
#include <timerange.h>

#include <QSignalSpy>
#include <QTest>

using namespace Candlewick;
using namespace Candlewick::Testing;

namespace {

constexpr qint64 Minute = 60'000;
constexpr qint64 T0 = 1709251200000; // 2024-03-01T00:00:00Z
const SeriesKey Key{QStringLiteral("test"), QStringLiteral("BTCUSDT"), Interval::M1};

Candle candle(qint64 openTime, bool closed = true)
{
    Candle c;
    c.openTime = openTime;
    c.open = c.high = c.low = c.close = 100 + double(openTime - T0) / Minute;
    c.volume = 1;
    c.closed = closed;
    return c;
}

// A live feed the test drives by hand.
class ScriptedFeed : public LiveFeed
{
public:
    void subscribe(const SeriesKey &key) override { m_keys.append(key); }
    void unsubscribe(const SeriesKey &key) override { m_keys.removeAll(key); }
    QList<SeriesKey> subscriptions() const override { return m_keys; }
    LiveFeedStats stats() const override { return {}; }

    using LiveFeed::setState;
    void connectAll()
    {
        setState(ConnectionState::Live);
        emit seriesConnected(m_keys);
    }
    void close(qint64 openTime) { emit candleClosed(Key, candle(openTime)); }
    void update(qint64 openTime) { emit candleUpdated(Key, candle(openTime, false)); }

private:
    QList<SeriesKey> m_keys;
};

struct Rig
{
    ManualClock clock{T0 + 30 * Minute + 5000};
    ScriptedFeed *feed = new ScriptedFeed; // owned by gapFree
    ScriptedHistory history;
    GapFreeFeed gapFree;
    QList<qint64> closed;
    QList<qint64> updated;

    explicit Rig(GapFreeFeed::Options options = defaults())
        : gapFree(feed, &history, options, &clock)
    {
        for (int i = 0; i < 30; ++i)
            history.candles.append(candle(T0 + i * Minute));
        QObject::connect(&gapFree, &LiveFeed::candleClosed, &gapFree,
                         [this](const SeriesKey &, const Candle &c) { closed.append(c.openTime); });
        QObject::connect(
            &gapFree, &LiveFeed::candleUpdated, &gapFree,
            [this](const SeriesKey &, const Candle &c) { updated.append(c.openTime); });
    }
    static GapFreeFeed::Options defaults()
    {
        GapFreeFeed::Options o;
        o.seed = 5;
        o.backfillMaxAttempts = 3;
        return o;
    }
    static QList<qint64> minutes(int from, int to)
    {
        QList<qint64> l;
        for (int i = from; i < to; ++i)
            l.append(T0 + i * Minute);
        return l;
    }
};

} // namespace

class tst_GapFreeFeed : public QObject
{
    Q_OBJECT
private slots:
    void passesClosedCandlesInOrderOnce();
    void gapIsBackfilledBeforeTheCandlesHeldBack();
    void resumePointIsCaughtUpWhenConnected();
    void exchangeOutageIsNotAGap();
    void failingBackfillIsRetriedThenAbandoned();
    void formingCandlesWaitForTheBackfill();
    void unsubscribeStopsTheBackfill();
};

void tst_GapFreeFeed::passesClosedCandlesInOrderOnce()
{
    Rig rig;
    rig.gapFree.subscribe(Key);
    QCOMPARE(rig.feed->subscriptions(), QList<SeriesKey>{Key});
    rig.feed->connectAll();
    rig.feed->close(T0);
    rig.feed->close(T0 + Minute);
    rig.feed->close(T0 + Minute); // a rollover's second connection
    rig.feed->close(T0); // older
    rig.feed->close(T0 + 2 * Minute);
    QCOMPARE(rig.closed, Rig::minutes(0, 3));
    QCOMPARE(rig.gapFree.stats().duplicatesDropped, 2);
    QCOMPARE(rig.gapFree.stats().closedEmitted, 3);
    QVERIFY(rig.history.requests.isEmpty());
    QCOMPARE(rig.gapFree.resumePoint(Key), T0 + 3 * Minute);
}

void tst_GapFreeFeed::gapIsBackfilledBeforeTheCandlesHeldBack()
{
    Rig rig;
    rig.gapFree.subscribe(Key);
    rig.feed->connectAll();
    rig.feed->close(T0);
    QSignalSpy states(&rig.gapFree, &LiveFeed::connectionStateChanged);
    rig.feed->close(T0 + 4 * Minute); // minutes 1..3 were missed
    rig.feed->close(T0 + 5 * Minute); // held back too
    QCOMPARE(rig.gapFree.state(), ConnectionState::Backfilling);
    QCOMPARE(rig.closed, Rig::minutes(0, 1));
    QCOMPARE(rig.history.requests, (QList<TimeRange>{{T0 + Minute, T0 + 4 * Minute}}));
    QTRY_COMPARE(rig.gapFree.state(), ConnectionState::Live);
    QCOMPARE(rig.closed, Rig::minutes(0, 6));
    QCOMPARE(rig.gapFree.stats().candlesBackfilled, 3);
    QCOMPARE(rig.gapFree.stats().gapsBackfilled, 1);
    QCOMPARE(states.first().first().value<ConnectionState>(), ConnectionState::Backfilling);
}

void tst_GapFreeFeed::resumePointIsCaughtUpWhenConnected()
{
    // A restart: the consumer has everything before minute 10; "now" is minute 30.
    Rig rig;
    rig.gapFree.setResumePoint(Key, T0 + 10 * Minute);
    rig.gapFree.subscribe(Key);
    QVERIFY(rig.history.requests.isEmpty()); // nothing before the connection is up
    rig.feed->connectAll();
    QCOMPARE(rig.history.requests, (QList<TimeRange>{{T0 + 10 * Minute, T0 + 30 * Minute}}));
    rig.feed->close(T0 + 30 * Minute); // live, held back behind the backfill
    QTRY_COMPARE(rig.closed.size(), 21);
    QCOMPARE(rig.closed, Rig::minutes(10, 31));
}

void tst_GapFreeFeed::exchangeOutageIsNotAGap()
{
    Rig rig;
    rig.history.candles.removeIf(
        [](const Candle &c) { return c.openTime >= T0 + Minute && c.openTime < T0 + 4 * Minute; });
    rig.gapFree.subscribe(Key);
    rig.feed->connectAll();
    rig.feed->close(T0);
    rig.feed->close(T0 + 4 * Minute);
    QTRY_COMPARE(rig.gapFree.state(), ConnectionState::Live);
    // Nothing to fetch in between: the sequence goes on, and the gap is not abandoned.
    QCOMPARE(rig.closed, (QList<qint64>{T0, T0 + 4 * Minute}));
    QCOMPARE(rig.gapFree.stats().gapsAbandoned, 0);
    rig.feed->close(T0 + 5 * Minute);
    QCOMPARE(rig.closed.size(), 3);
    QCOMPARE(rig.history.requests.size(), 1);
}

void tst_GapFreeFeed::failingBackfillIsRetriedThenAbandoned()
{
    Rig rig;
    rig.history.failures = 100;
    QSignalSpy abandoned(&rig.gapFree, &LiveFeed::gapAbandoned);
    rig.gapFree.subscribe(Key);
    rig.feed->connectAll();
    rig.feed->close(T0);
    rig.feed->close(T0 + 3 * Minute);
    // Three attempts with backoff on the clock, then the gap is given up.
    for (int attempt = 1; attempt <= 3; ++attempt) {
        QTRY_COMPARE(rig.history.requests.size(), attempt);
        QTRY_VERIFY(rig.history.last.isNull()); // the attempt has ended
        if (attempt < 3) {
            QCOMPARE(abandoned.size(), 0);
            QCOMPARE(rig.clock.pendingCount(), 1);
            rig.clock.setNow(rig.clock.nextDue());
        }
    }
    QTRY_COMPARE(abandoned.size(), 1);
    QCOMPARE(abandoned.first().at(0).value<SeriesKey>(), Key);
    QCOMPARE(abandoned.first().at(1).toLongLong(), T0 + Minute);
    QCOMPARE(abandoned.first().at(2).toLongLong(), T0 + 3 * Minute);
    // The candle held back is delivered after the abandoned gap.
    QCOMPARE(rig.closed, (QList<qint64>{T0, T0 + 3 * Minute}));
    QCOMPARE(rig.gapFree.stats().backfillFailures, 3);
    QCOMPARE(rig.gapFree.stats().gapsAbandoned, 1);
}

void tst_GapFreeFeed::formingCandlesWaitForTheBackfill()
{
    Rig rig;
    rig.gapFree.subscribe(Key);
    rig.feed->connectAll();
    rig.feed->close(T0);
    rig.feed->update(T0 + Minute);
    QCOMPARE(rig.updated, QList<qint64>{T0 + Minute});
    rig.feed->close(T0 + 3 * Minute);
    rig.feed->update(T0 + 4 * Minute); // while backfilling: not shown
    QCOMPARE(rig.updated.size(), 1);
    QTRY_COMPARE(rig.gapFree.state(), ConnectionState::Live);
    rig.feed->update(T0 + 2 * Minute); // older than what was delivered
    QCOMPARE(rig.updated.size(), 1);
    rig.feed->update(T0 + 4 * Minute);
    QCOMPARE(rig.updated, (QList<qint64>{T0 + Minute, T0 + 4 * Minute}));
}

void tst_GapFreeFeed::unsubscribeStopsTheBackfill()
{
    Rig rig;
    rig.gapFree.subscribe(Key);
    rig.feed->connectAll();
    rig.feed->close(T0);
    rig.feed->close(T0 + 5 * Minute);
    QVERIFY(rig.history.last);
    QPointer<ScriptedHistory::Job> job = rig.history.last;
    rig.gapFree.unsubscribe(Key);
    QVERIFY(rig.feed->subscriptions().isEmpty());
    QTRY_VERIFY(job.isNull());
    QCOMPARE(rig.closed, QList<qint64>{T0});
    QCOMPARE(rig.gapFree.state(), ConnectionState::Disconnected);
}

QTEST_GUILESS_MAIN(tst_GapFreeFeed)
#include "tst_gapfreefeed.moc"
