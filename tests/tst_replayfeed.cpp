#include <candledatabase.h>
#include <sqlitecandlestore.h>
#include <interval.h>
#include <manualclock.h>
#include <demo/mockcandlegenerator.h>
#include <replay/replayfeed.h>

#include <QFile>
#include <QSignalSpy>
#include <QStringList>

#include <functional>
#include <QTemporaryDir>
#include <QTest>

using namespace Candlewick;

namespace {

constexpr qint64 Minute = 60'000;
// 2024-03-01T00:00:00Z
constexpr qint64 T0 = 1709251200000;
constexpr qint64 W0 = 5'000'000; // the test clock's start

const SeriesKey Btc1m{QStringLiteral("binance"), QStringLiteral("BTCUSDT"), Interval::M1};
const SeriesKey Eth1m{QStringLiteral("binance"), QStringLiteral("ETHUSDT"), Interval::M1};
const SeriesKey Btc5m{QStringLiteral("binance"), QStringLiteral("BTCUSDT"), Interval::M5};
const SeriesKey Btc1h{QStringLiteral("binance"), QStringLiteral("BTCUSDT"), Interval::H1};

CandleBatch candles(const SeriesKey &key, qint64 from, qint64 count)
{
    return MockCandleGenerator(7).range(key, from,
                                        from + count * Intervals::nominalMs(key.interval));
}

// Records every candle signal in the order it arrived.
struct Received
{
    SeriesKey key;
    Candle candle;
    bool closed;
};

class Recorder : public QObject
{
public:
    explicit Recorder(LiveFeed *p)
    {
        connect(p, &LiveFeed::candleClosed, this,
                [this](const SeriesKey &k, const Candle &c) {
                    events.append({k, c, true});
                });
        connect(p, &LiveFeed::candleUpdated, this,
                [this](const SeriesKey &k, const Candle &c) {
                    events.append({k, c, false});
                });
    }
    QList<Received> events;
    int closedCount() const
    {
        return static_cast<int>(std::count_if(events.cbegin(), events.cend(),
                                              [](const Received &r) { return r.closed; }));
    }
};

// A direct consumer that logs what it gets and can act on the n-th candle.
class LoggingConsumer : public CandleConsumer
{
public:
    LoggingConsumer(QStringList *log, const QString &name)
        : m_log(log)
        , m_name(name)
    {
    }
    void consumeCandle(const SeriesKey &key, const Candle &candle, bool closedSignal) override
    {
        ++count;
        m_log->append(QStringLiteral("%1 %2 %3%4")
                          .arg(m_name, key.symbol)
                          .arg(candle.openTime)
                          .arg(closedSignal ? QString() : QStringLiteral(" u")));
        if (count == actAt && action)
            action();
    }
    int count = 0;
    int actAt = -1;
    std::function<void()> action;

private:
    QStringList *m_log;
    QString m_name;
};

} // namespace

class tst_ReplayFeed : public QObject
{
    Q_OBJECT

private slots:
    void pacing_data();
    void pacing();
    void tinySpeedStaysSlow_data();
    void tinySpeedStaysSlow();
    void hugeSpeedIsClamped();
    void speedChangeMidRun();
    void speedChangeToMaxAndBack();
    void pauseAndResume();
    void stepFromIdleAndPaused();
    void seekWhilePausedAndPlaying();
    void maxDeliversEveryCandleOnceInOrder();
    void multiSeriesMergeOrder();
    void formsCoarseCandlesFromFinerOnes();
    void progressReachesHundred();
    void badConfigurationIsAnError();
    void storeCursorReplayBiggerThanOneChunk();
    void storePacedOnManualClock();
    void missingStoreIsReported();
    void maxMatchesStepOrderAcrossSeries();
    void consumersComeFirstAndMayLeaveMidRun();
    void connectionMadeMidRunGetsTheRest();
};

void tst_ReplayFeed::pacing_data()
{
    QTest::addColumn<double>("speed");
    QTest::addColumn<qint64>("wallPerCandle");
    QTest::newRow("1x") << 1.0 << qint64(60'000);
    QTest::newRow("60x") << 60.0 << qint64(1'000);
    QTest::newRow("10000x") << 10000.0 << qint64(6);
    QTest::newRow("2.5x") << 2.5 << qint64(24'000);
}

void tst_ReplayFeed::pacing()
{
    QFETCH(double, speed);
    QFETCH(qint64, wallPerCandle);
    ManualClock clock(W0);
    ReplayFeed replay(&clock);
    replay.setCandles(Btc1m, candles(Btc1m, T0, 20));
    replay.setRange(T0, T0 + 20 * Minute);
    replay.setSpeed(speed);
    Recorder rec(&replay);
    replay.play();
    QCOMPARE(replay.playerState(), ReplayFeed::State::Playing);
    QCOMPARE(rec.events.size(), 0);
    for (int k = 0; k < 20; ++k) {
        // Absolute targets: candle k closes at W0 + (k + 1) * wallPerCandle, never earlier.
        clock.setNow(W0 + (k + 1) * wallPerCandle - 1);
        QCOMPARE(rec.events.size(), k);
        clock.setNow(W0 + (k + 1) * wallPerCandle);
        QCOMPARE(rec.events.size(), k + 1);
        QCOMPARE(rec.events.last().candle.openTime, T0 + k * Minute);
        QVERIFY(rec.events.last().closed);
    }
    QCOMPARE(replay.playerState(), ReplayFeed::State::Finished);
}

void tst_ReplayFeed::tinySpeedStaysSlow_data()
{
    QTest::addColumn<double>("speed");
    QTest::newRow("1e-20") << 1e-20;
    QTest::newRow("1e-300") << 1e-300;
    QTest::newRow("4.9e-324 (denormal)") << 4.9e-324;
    QTest::newRow("0.001") << 0.001;
}

void tst_ReplayFeed::tinySpeedStaysSlow()
{
    // A factor below the range is the slowest speed, never max speed (no overflow).
    QFETCH(double, speed);
    ManualClock clock(W0);
    ReplayFeed replay(&clock);
    replay.setCandles(Btc1m, candles(Btc1m, T0, 3));
    replay.setRange(T0, T0 + 3 * Minute);
    replay.setSpeed(speed);
    QCOMPARE(replay.speed(), ReplayFeed::SlowestSpeed);
    QVERIFY(!replay.isMaxSpeed());
    Recorder rec(&replay);
    replay.play();
    // At 0.01x a minute candle takes 100 minutes of clock time.
    const qint64 wallPerCandle = qint64(Minute / ReplayFeed::SlowestSpeed);
    clock.setNow(W0 + wallPerCandle - 1);
    QCOMPARE(rec.events.size(), 0);
    QCOMPARE(replay.playerState(), ReplayFeed::State::Playing);
    clock.setNow(W0 + wallPerCandle);
    QCOMPARE(rec.events.size(), 1);
}

void tst_ReplayFeed::hugeSpeedIsClamped()
{
    ManualClock clock(W0);
    ReplayFeed replay(&clock);
    replay.setSpeed(1e300);
    QCOMPARE(replay.speed(), ReplayFeed::FastestPacedSpeed);
    QVERIFY(!replay.isMaxSpeed());
    replay.setSpeed(-1);
    QVERIFY(replay.isMaxSpeed());
}

void tst_ReplayFeed::speedChangeMidRun()
{
    ManualClock clock(W0);
    ReplayFeed replay(&clock);
    replay.setCandles(Btc1m, candles(Btc1m, T0, 10));
    replay.setRange(T0, T0 + 10 * Minute);
    Recorder rec(&replay);
    replay.play();
    clock.setNow(W0 + 150'000); // 2.5 candles at 1x
    QCOMPARE(rec.events.size(), 2);
    QCOMPARE(replay.replayTime(), T0 + 150'000);
    replay.setSpeed(60);
    // The third candle closes at T0 + 180 s: 30 s of replay left = 500 ms at 60x.
    clock.setNow(W0 + 150'499);
    QCOMPARE(rec.events.size(), 2);
    clock.setNow(W0 + 150'500);
    QCOMPARE(rec.events.size(), 3);
    clock.setNow(W0 + 151'500);
    QCOMPARE(rec.events.size(), 4);
    replay.setSpeed(1);
    clock.setNow(W0 + 151'500 + 59'999);
    QCOMPARE(rec.events.size(), 4);
    clock.setNow(W0 + 151'500 + 60'000);
    QCOMPARE(rec.events.size(), 5);
}

void tst_ReplayFeed::speedChangeToMaxAndBack()
{
    ManualClock clock(W0);
    ReplayFeed replay(&clock);
    replay.setCandles(Btc1m, candles(Btc1m, T0, 10));
    replay.setRange(T0, T0 + 10 * Minute);
    Recorder rec(&replay);
    replay.play();
    clock.setNow(W0 + 60'000);
    QCOMPARE(rec.events.size(), 1);
    replay.setSpeed(ReplayFeed::MaxSpeed);
    QTRY_COMPARE(replay.playerState(), ReplayFeed::State::Finished);
    QCOMPARE(rec.events.size(), 10);
}

void tst_ReplayFeed::pauseAndResume()
{
    ManualClock clock(W0);
    ReplayFeed replay(&clock);
    replay.setCandles(Btc1m, candles(Btc1m, T0, 10));
    replay.setRange(T0, T0 + 10 * Minute);
    Recorder rec(&replay);
    QSignalSpy states(&replay, &ReplayFeed::stateChanged);
    replay.play();
    clock.setNow(W0 + 30'000);
    replay.pause();
    QCOMPARE(replay.playerState(), ReplayFeed::State::Paused);
    QCOMPARE(replay.replayTime(), T0 + 30'000);
    clock.setNow(W0 + 30'000 + 10 * Minute);
    QCOMPARE(rec.events.size(), 0);
    QCOMPARE(clock.pendingCount(), 0);
    replay.play();
    clock.advance(29'999);
    QCOMPARE(rec.events.size(), 0);
    clock.advance(1);
    QCOMPARE(rec.events.size(), 1);
    QCOMPARE(states.size(), 3); // Playing, Paused, Playing
}

void tst_ReplayFeed::stepFromIdleAndPaused()
{
    ManualClock clock(W0);
    ReplayFeed replay(&clock);
    replay.setCandles(Btc1m, candles(Btc1m, T0, 3));
    replay.setRange(T0, T0 + 3 * Minute);
    Recorder rec(&replay);
    replay.step();
    QCOMPARE(replay.playerState(), ReplayFeed::State::Paused);
    QCOMPARE(rec.events.size(), 1);
    QCOMPARE(rec.events[0].candle.openTime, T0);
    QCOMPARE(replay.replayTime(), T0 + Minute);
    replay.step();
    replay.step();
    QCOMPARE(rec.events.size(), 3);
    QCOMPARE(rec.events[2].candle.openTime, T0 + 2 * Minute);
    QCOMPARE(clock.nowMs(), W0); // stepping needs no time
    replay.step();
    QCOMPARE(rec.events.size(), 3);
    QCOMPARE(replay.playerState(), ReplayFeed::State::Finished);
}

void tst_ReplayFeed::seekWhilePausedAndPlaying()
{
    ManualClock clock(W0);
    ReplayFeed replay(&clock);
    replay.setCandles(Btc1m, candles(Btc1m, T0, 60));
    replay.setRange(T0, T0 + 60 * Minute);
    Recorder rec(&replay);
    replay.seek(T0 + 30 * Minute + 10'000); // mid-candle: the next one opening after it
    QCOMPARE(replay.playerState(), ReplayFeed::State::Paused);
    replay.step();
    QCOMPARE(rec.events.size(), 1);
    QCOMPARE(rec.events[0].candle.openTime, T0 + 31 * Minute);

    replay.seek(T0 + 5 * Minute); // backwards
    replay.step();
    QCOMPARE(rec.events.last().candle.openTime, T0 + 5 * Minute);

    replay.setSpeed(60);
    replay.play();
    clock.advance(1000);
    QCOMPARE(rec.events.last().candle.openTime, T0 + 6 * Minute);
    replay.seek(T0 + 50 * Minute);
    QCOMPARE(replay.playerState(), ReplayFeed::State::Playing);
    clock.advance(999);
    QCOMPARE(rec.events.last().candle.openTime, T0 + 6 * Minute);
    clock.advance(1);
    QCOMPARE(rec.events.last().candle.openTime, T0 + 50 * Minute);
    replay.seek(T0 - 60 * Minute); // clamped to the range start
    QCOMPARE(replay.replayTime(), T0);
}

void tst_ReplayFeed::maxDeliversEveryCandleOnceInOrder()
{
    const qint64 n = 150'000; // more than two max-speed slices
    CandleBatch data;
    data.reserve(n);
    for (qint64 i = 0; i < n; ++i) {
        Candle c;
        c.openTime = T0 + i * Minute;
        c.open = c.high = c.low = c.close = 1.0 + double(i);
        c.volume = 1;
        data.append(c);
    }
    ReplayFeed replay; // system clock: max never waits for it
    replay.setCandles(Btc1m, data);
    replay.setRange(T0, T0 + n * Minute);
    replay.setSpeed(ReplayFeed::MaxSpeed);
    qint64 count = 0;
    qint64 expected = T0;
    bool inOrder = true;
    connect(&replay, &LiveFeed::candleClosed, this,
            [&](const SeriesKey &, const Candle &c) {
                inOrder = inOrder && c.openTime == expected;
                expected += Minute;
                ++count;
            });
    QSignalSpy finished(&replay, &ReplayFeed::finished);
    replay.play();
    QTRY_COMPARE(finished.size(), 1);
    QCOMPARE(count, n);
    QVERIFY(inOrder);
    QCOMPARE(replay.deliveredCount(), n);
}

void tst_ReplayFeed::multiSeriesMergeOrder()
{
    ManualClock clock(W0);
    ReplayFeed replay(&clock);
    replay.setCandles(Btc5m, candles(Btc5m, T0, 2));
    replay.setCandles(Btc1m, candles(Btc1m, T0, 10));
    CandleBatch eth = candles(Eth1m, T0, 10);
    eth.removeAt(3); // a gap in one series
    replay.setCandles(Eth1m, eth);
    replay.setRange(T0, T0 + 10 * Minute);
    replay.setSpeed(ReplayFeed::MaxSpeed);
    Recorder rec(&replay);
    replay.play();
    QTRY_COMPARE(replay.playerState(), ReplayFeed::State::Finished);
    QCOMPARE(rec.events.size(), 2 + 10 + 9);
    // Ordered by close time; at equal close time in the order the series were added.
    for (int i = 1; i < rec.events.size(); ++i) {
        const auto &a = rec.events[i - 1];
        const auto &b = rec.events[i];
        const qint64 ca = Intervals::next(a.key.interval, a.candle.openTime);
        const qint64 cb = Intervals::next(b.key.interval, b.candle.openTime);
        QVERIFY2(ca <= cb, qPrintable(QString::number(i)));
    }
    // The 5m candle closing at T0+5m comes before the 1m candles closing at the same time.
    int idx5 = -1;
    for (int i = 0; i < rec.events.size(); ++i) {
        if (rec.events[i].key == Btc5m) {
            idx5 = i;
            break;
        }
    }
    QVERIFY(idx5 >= 0);
    QCOMPARE(rec.events[idx5 + 1].key, Btc1m);
    QCOMPARE(rec.events[idx5 + 1].candle.openTime, T0 + 4 * Minute);
    QCOMPARE(rec.events[idx5 + 2].key, Eth1m);
}

void tst_ReplayFeed::formsCoarseCandlesFromFinerOnes()
{
    const CandleBatch minutes = candles(Btc1m, T0, 120);
    ManualClock clock(W0);
    ReplayFeed replay(&clock);
    replay.setCandles(Btc1h, minutes, Interval::M1);
    replay.setRange(T0, T0 + 120 * Minute);
    replay.setSpeed(60);
    Recorder rec(&replay);
    replay.play();
    clock.advance(1000); // first minute closes
    QCOMPARE(rec.events.size(), 1);
    QVERIFY(!rec.events[0].closed);
    QCOMPARE(rec.events[0].key, Btc1h);
    QCOMPARE(rec.events[0].candle.openTime, T0);
    QCOMPARE(rec.events[0].candle.close, minutes[0].close);
    clock.advance(59'000); // the hour closes
    QCOMPARE(rec.events.size(), 60);
    QVERIFY(rec.events[59].closed);
    const Candle hour = rec.events[59].candle;
    double high = 0, low = 1e300, volume = 0;
    for (int i = 0; i < 60; ++i) {
        high = std::max(high, minutes[i].high);
        low = std::min(low, minutes[i].low);
        volume += minutes[i].volume;
    }
    QCOMPARE(hour.openTime, T0);
    QCOMPARE(hour.open, minutes[0].open);
    QCOMPARE(hour.close, minutes[59].close);
    QCOMPARE(hour.high, high);
    QCOMPARE(hour.low, low);
    QVERIFY(qFuzzyCompare(hour.volume, volume));
    clock.advance(60'000);
    QCOMPARE(rec.closedCount(), 2);
    QCOMPARE(rec.events.size(), 120);
}

void tst_ReplayFeed::progressReachesHundred()
{
    ManualClock clock(W0);
    ReplayFeed replay(&clock);
    replay.setCandles(Btc1m, candles(Btc1m, T0, 4));
    replay.setRange(T0, T0 + 4 * Minute);
    replay.setSpeed(60);
    QSignalSpy progress(&replay, &ReplayFeed::progressChanged);
    replay.play();
    clock.advance(2000);
    QVERIFY(progress.size() >= 2);
    QCOMPARE(progress.last().at(0).toLongLong(), T0 + 2 * Minute);
    QCOMPARE(progress.last().at(1).toDouble(), 50.0);
    QCOMPARE(replay.progressPercent(), 50.0);
    clock.advance(2000);
    QCOMPARE(progress.last().at(1).toDouble(), 100.0);
    QCOMPARE(replay.playerState(), ReplayFeed::State::Finished);
}

void tst_ReplayFeed::badConfigurationIsAnError()
{
    ReplayFeed replay;
    QSignalSpy errors(&replay, &ReplayFeed::errorOccurred);
    replay.play();
    QCOMPARE(replay.playerState(), ReplayFeed::State::Error);
    QCOMPARE(errors.size(), 1);

    ReplayFeed noStore;
    noStore.addSeries(Btc1m);
    noStore.setRange(T0, T0 + Minute);
    noStore.play();
    QCOMPARE(noStore.playerState(), ReplayFeed::State::Error);
    QVERIFY(noStore.errorString().contains(QLatin1StringView("database")));
}

namespace {
std::shared_ptr<CandleDatabase> openDatabase(const QString &path)
{
    QString error;
    auto database = CandleDatabase::open(path, CandleDatabase::Access::ReadOnly, &error);
    if (!database)
        qWarning().noquote() << error;
    return database;
}

bool writeStore(const QString &path, const SeriesKey &key, qint64 count)
{
    SqliteCandleStore store;
    if (!store.open(path))
        return false;
    return store.write(key, candles(key, T0, count), {{T0, T0 + count * Minute}});
}
} // namespace

void tst_ReplayFeed::storeCursorReplayBiggerThanOneChunk()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("candles.db"));
    const qint64 n = 3 * 1440 + 17;
    QVERIFY(writeStore(path, Btc1m, n));
    QVERIFY(writeStore(path, Eth1m, 100));

    ReplayFeed replay;
    replay.setDatabase(openDatabase(path));
    replay.addSeries(Btc1m);
    replay.addSeries(Eth1m);
    replay.setRange(T0, T0 + n * Minute);
    replay.setChunkSize(500);
    replay.setSpeed(ReplayFeed::MaxSpeed);
    QList<qint64> btc;
    int eth = 0;
    connect(&replay, &LiveFeed::candleClosed, this,
            [&](const SeriesKey &k, const Candle &c) {
                if (k == Btc1m)
                    btc.append(c.openTime);
                else
                    ++eth;
            });
    QSignalSpy finished(&replay, &ReplayFeed::finished);
    replay.play();
    QVERIFY(finished.wait(20'000));
    QCOMPARE(btc.size(), n);
    QCOMPARE(eth, 100);
    for (qint64 i = 0; i < n; ++i)
        QCOMPARE(btc[i], T0 + i * Minute);
    QCOMPARE(replay.playerState(), ReplayFeed::State::Finished);

    // Seek back and replay the tail again.
    btc.clear();
    replay.seek(T0 + (n - 10) * Minute);
    replay.play();
    QTRY_COMPARE(btc.size(), 10);
    QCOMPARE(btc.first(), T0 + (n - 10) * Minute);
}

void tst_ReplayFeed::storePacedOnManualClock()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("candles.db"));
    QVERIFY(writeStore(path, Btc1m, 30));
    ManualClock clock(W0);
    ReplayFeed replay(&clock);
    replay.setDatabase(openDatabase(path));
    replay.addSeries(Btc1m);
    replay.setRange(T0, T0 + 30 * Minute);
    replay.setChunkSize(7);
    replay.setSpeed(600);
    Recorder rec(&replay);
    replay.play();
    QTRY_VERIFY(clock.pendingCount()
                == 1); // the first chunk has arrived, the next close is scheduled
    clock.setNow(W0 + 99);
    QCOMPARE(rec.events.size(), 0);
    clock.setNow(W0 + 100);
    QCOMPARE(rec.events.size(), 1);
    for (int k = 2; k <= 30; ++k) {
        QTRY_COMPARE(clock.nextDue(), W0 + k * 100);
        clock.setNow(W0 + k * 100);
        QCOMPARE(rec.events.size(), k);
    }
    QCOMPARE(rec.events.last().candle, candles(Btc1m, T0 + 29 * Minute, 1).first());
    QTRY_COMPARE(replay.playerState(), ReplayFeed::State::Finished);
}

// The reader thread cannot read the database (its file went away after it was opened).
void tst_ReplayFeed::missingStoreIsReported()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("gone.db"));
    QVERIFY(writeStore(path, Btc1m, 1));
    const auto database = openDatabase(path);
    QVERIFY(database);
    QVERIFY(QFile::remove(path));
    ReplayFeed replay;
    replay.setDatabase(database);
    replay.addSeries(Btc1m);
    replay.setRange(T0, T0 + Minute);
    QSignalSpy errors(&replay, &ReplayFeed::errorOccurred);
    replay.play();
    QVERIFY(errors.wait(10'000));
    QCOMPARE(replay.playerState(), ReplayFeed::State::Error);
}

// Max speed delivers runs of one series between scans; the order must be exactly the one
// stepping candle by candle gives (ties to the series added first), gaps and chunk ends included.
void tst_ReplayFeed::maxMatchesStepOrderAcrossSeries()
{
    const auto setUp = [](ReplayFeed &replay) {
        CandleBatch btc = candles(Btc1m, T0, 300);
        btc.remove(40, 100); // a long gap: Eth runs alone meanwhile
        CandleBatch eth = candles(Eth1m, T0 + 30 * Minute, 200);
        replay.setCandles(Btc5m, candles(Btc5m, T0, 60));
        replay.setCandles(Btc1m, btc);
        replay.setCandles(Eth1m, eth);
        replay.setRange(T0 + Minute, T0 + 290 * Minute);
    };
    const auto describe = [](const QList<Received> &events) {
        QStringList out;
        for (const Received &r : events)
            out.append(r.key.toString() + u' ' + QString::number(r.candle.openTime));
        return out;
    };
    ManualClock clock(W0);
    ReplayFeed stepped(&clock);
    setUp(stepped);
    Recorder byStep(&stepped);
    while (stepped.playerState() != ReplayFeed::State::Finished && byStep.events.size() < 10000)
        stepped.step();

    ReplayFeed max(&clock);
    setUp(max);
    max.setSpeed(ReplayFeed::MaxSpeed);
    Recorder byMax(&max);
    max.play();
    QTRY_COMPARE(max.playerState(), ReplayFeed::State::Finished);
    QCOMPARE(byMax.events.size(), 57 + 189 + 200);
    QCOMPARE(describe(byMax.events), describe(byStep.events));
}

void tst_ReplayFeed::consumersComeFirstAndMayLeaveMidRun()
{
    ManualClock clock(W0);
    ReplayFeed replay(&clock);
    replay.setCandles(Btc1m, candles(Btc1m, T0, 30));
    replay.setRange(T0, T0 + 30 * Minute);
    replay.setSpeed(ReplayFeed::MaxSpeed);
    QStringList log;
    LoggingConsumer a(&log, QStringLiteral("a"));
    LoggingConsumer b(&log, QStringLiteral("b"));
    connect(&replay, &LiveFeed::candleClosed, this,
            [&log](const SeriesKey &k, const Candle &c) {
                log.append(QStringLiteral("s %1 %2").arg(k.symbol).arg(c.openTime));
            });
    replay.addDirectConsumer(&a);
    replay.addDirectConsumer(&b);
    replay.addDirectConsumer(&a); // no effect
    a.actAt = 5;
    a.action = [&] { replay.removeDirectConsumer(&a); }; // leaves from inside the dispatch
    b.actAt = 10;
    b.action = [&] { replay.pause(); };
    replay.play();
    QCOMPARE(replay.playerState(), ReplayFeed::State::Paused);
    QCOMPARE(a.count, 5);
    QCOMPARE(b.count, 10);
    const QString t0 = QString::number(T0);
    QCOMPARE(log.mid(0, 3),
             (QStringList{QStringLiteral("a BTCUSDT ") + t0, QStringLiteral("b BTCUSDT ") + t0,
                          QStringLiteral("s BTCUSDT ") + t0}));
    // The candle that paused still reached the signal receivers; nothing after it.
    QCOMPARE(log.last(), QStringLiteral("s BTCUSDT %1").arg(T0 + 9 * Minute));
    QCOMPARE(log.size(), 5 * 3 + 5 * 2);
    replay.removeDirectConsumer(&b);
    replay.play();
    QTRY_COMPARE(replay.playerState(), ReplayFeed::State::Finished);
    QCOMPARE(b.count, 10);
    QCOMPARE(log.size(), 5 * 3 + 5 * 2 + 20);
}

// Emitting is skipped at max speed while nothing is connected; a connection made in the middle
// of a slice must still get every later candle.
void tst_ReplayFeed::connectionMadeMidRunGetsTheRest()
{
    ManualClock clock(W0);
    ReplayFeed replay(&clock);
    replay.setCandles(Btc1m, candles(Btc1m, T0, 100));
    replay.setRange(T0, T0 + 100 * Minute);
    replay.setSpeed(ReplayFeed::MaxSpeed);
    QStringList log;
    LoggingConsumer a(&log, QStringLiteral("a"));
    replay.addDirectConsumer(&a);
    QList<qint64> late;
    a.actAt = 40;
    a.action = [&] {
        connect(&replay, &LiveFeed::candleClosed, this,
                [&late](const SeriesKey &, const Candle &c) { late.append(c.openTime); });
    };
    replay.play();
    QTRY_COMPARE(replay.playerState(), ReplayFeed::State::Finished);
    QCOMPARE(a.count, 100);
    QCOMPARE(late.size(), 61); // the 40th candle too: connected before its emission
    QCOMPARE(late.first(), T0 + 39 * Minute);
    QCOMPARE(late.last(), T0 + 99 * Minute);
}

QTEST_GUILESS_MAIN(tst_ReplayFeed)
#include "tst_replayfeed.moc"
