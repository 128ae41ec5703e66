#include <candlevalidation.h>
#include <interval.h>
#include <manualclock.h>
#include <demo/mockcandlegenerator.h>
#include <demo/mockmarket.h>

#include <QSignalSpy>
#include <QTest>

using namespace Candlewick;

namespace {
constexpr qint64 Minute = 60'000;
constexpr qint64 T0 = 1709251200000; // 2024-03-01T00:00:00Z
const SeriesKey Btc1m{QStringLiteral("demo"), QStringLiteral("BTCUSDT"), Interval::M1};

CandleBatch collect(MockMarket &p, const SeriesKey &key, qint64 from, qint64 to, bool *ok)
{
    CandleBatch all;
    HistoryJob *job = p.fetchHistory(key, from, to);
    QObject::connect(job, &HistoryJob::batch, job,
                     [&all](const SeriesKey &, const CandleBatch &b) { all += b; });
    QSignalSpy finished(job, &HistoryJob::finished);
    job->start();
    *ok = finished.wait(10'000);
    return all;
}
} // namespace

class tst_MockMarket : public QObject
{
    Q_OBJECT
private slots:
    void candlesAreValidAndDeterministic_data();
    void candlesAreValidAndDeterministic();
    void seedsDiffer();
    void historyIsChunkedClosedOnlyAndConsistent();
    void liveFeedPacedOnClock();
    void liveFeedAtSpeed();
    void scriptedMode();
    void symbols();
};

void tst_MockMarket::candlesAreValidAndDeterministic_data()
{
    QTest::addColumn<int>("interval");
    for (Interval i : Intervals::all())
        QTest::newRow(qPrintable(Intervals::name(i))) << static_cast<int>(i);
}

void tst_MockMarket::candlesAreValidAndDeterministic()
{
    QFETCH(int, interval);
    const SeriesKey key{QStringLiteral("demo"), QStringLiteral("ETHUSDT"),
                        static_cast<Interval>(interval)};
    MockCandleGenerator a(42), b(42);
    const qint64 from = Intervals::alignUp(key.interval, T0);
    const CandleBatch first
        = a.range(key, from, from + 300 * Intervals::nominalMs(key.interval), 200);
    QCOMPARE(first.size(), 200);
    for (int i = 0; i < first.size(); ++i) {
        const Candle &c = first[i];
        QVERIFY2(candleRejection(c, key.interval).isEmpty(),
                 qPrintable(candleRejection(c, key.interval)));
        QVERIFY(c.volume > 0);
        QVERIFY(c.closed);
        if (i > 0) {
            QCOMPARE(c.openTime, Intervals::next(key.interval, first[i - 1].openTime));
            QCOMPARE(c.open, first[i - 1].close); // a continuous walk
        }
        QCOMPARE(b.candleAt(key, c.openTime), c); // random access, same seed, same candle
    }
    // Partial updates are valid and end in the closed candle.
    for (int step = 1; step < MockCandleGenerator::UpdatesPerCandle; ++step) {
        const Candle p = a.partialAt(key, from, step);
        QVERIFY(!p.closed);
        QVERIFY(candleRejection(p, key.interval).isEmpty());
        QVERIFY(p.high <= first[0].high);
        QVERIFY(p.low >= first[0].low);
    }
}

void tst_MockMarket::seedsDiffer()
{
    MockCandleGenerator a(1), b(2);
    QVERIFY(a.candleAt(Btc1m, T0).close != b.candleAt(Btc1m, T0).close);
    QVERIFY(a.priceAt(QStringLiteral("BTCUSDT"), T0) != a.priceAt(QStringLiteral("ETHUSDT"), T0));
}

void tst_MockMarket::historyIsChunkedClosedOnlyAndConsistent()
{
    ManualClock clock(T0 + 2500 * Minute + 30'000); // mid-candle
    MockMarket provider(9, &clock);
    bool ok = false;
    const CandleBatch all = collect(provider, Btc1m, T0, T0 + 3000 * Minute, &ok);
    QVERIFY(ok);
    QCOMPARE(all.size(), 2500); // the open candle and the future are not history
    QCOMPARE(all.first().openTime, T0);
    QCOMPARE(all.last().openTime, T0 + 2499 * Minute);
    QCOMPARE(all[1234], provider.generator().candleAt(Btc1m, T0 + 1234 * Minute));
}

void tst_MockMarket::liveFeedPacedOnClock()
{
    ManualClock clock(T0 + 10'000);
    MockMarket provider(3, &clock);
    QSignalSpy updated(&provider, &LiveFeed::candleUpdated);
    QSignalSpy closed(&provider, &LiveFeed::candleClosed);
    QSignalSpy state(&provider, &LiveFeed::connectionStateChanged);
    provider.subscribe(Btc1m);
    QCOMPARE(state.size(), 1);
    clock.setNow(T0 + 14'999);
    QCOMPARE(updated.size(), 0);
    clock.setNow(T0 + 15'000);
    QCOMPARE(updated.size(), 1);
    clock.setNow(T0 + Minute - 1);
    QCOMPARE(updated.size(), 3);
    QCOMPARE(closed.size(), 0);
    clock.setNow(T0 + Minute);
    QCOMPARE(closed.size(), 1);
    QCOMPARE(closed.last().at(1).value<Candle>(), provider.generator().candleAt(Btc1m, T0));
    clock.setNow(T0 + 10 * Minute);
    QCOMPARE(closed.size(), 10);
    provider.unsubscribe(Btc1m);
    clock.setNow(T0 + 20 * Minute);
    QCOMPARE(closed.size(), 10);
    QCOMPARE(clock.pendingCount(), 0);
}

void tst_MockMarket::liveFeedAtSpeed()
{
    ManualClock clock(1'000'000);
    MockMarket provider(3, &clock);
    provider.setLiveStart(T0);
    provider.setLiveSpeed(60); // one 1m candle per second
    provider.setPartialUpdates(false);
    QSignalSpy closed(&provider, &LiveFeed::candleClosed);
    provider.subscribe(Btc1m);
    clock.advance(999);
    QCOMPARE(closed.size(), 0);
    clock.advance(1);
    QCOMPARE(closed.size(), 1);
    QCOMPARE(closed.last().at(1).value<Candle>().openTime, T0);
    clock.advance(4000);
    QCOMPARE(closed.size(), 5);
    provider.setLiveSpeed(600);
    clock.advance(100);
    QCOMPARE(closed.size(), 6);
}

void tst_MockMarket::scriptedMode()
{
    ManualClock clock(T0);
    MockMarket provider(1, &clock);
    CandleBatch script;
    for (int i = 0; i < 5; ++i) {
        Candle c;
        c.openTime = T0 + i * Minute;
        c.open = c.high = c.low = c.close = 100 + i;
        c.volume = 1;
        script.append(c);
    }
    provider.setScript(Btc1m, script);
    bool ok = false;
    QCOMPARE(collect(provider, Btc1m, T0, T0 + 3 * Minute, &ok), script.mid(0, 3));
    QVERIFY(ok);

    QSignalSpy closed(&provider, &LiveFeed::candleClosed);
    provider.subscribe(Btc1m);
    clock.setNow(T0 + 3 * Minute);
    QCOMPARE(closed.size(), 3);
    QCOMPARE(closed.at(2).at(1).value<Candle>(), script[2]);
    clock.setNow(T0 + 60 * Minute);
    QCOMPARE(closed.size(), 5); // the script ran out

    Candle forming = script[0];
    forming.closed = false;
    QSignalSpy updated(&provider, &LiveFeed::candleUpdated);
    provider.emitCandle(Btc1m, forming);
    QCOMPARE(updated.size(), 1);
}

void tst_MockMarket::symbols()
{
    MockMarket provider;
    SymbolsJob *job = provider.fetchSymbols();
    QVERIFY(job->exec());
    const SymbolList list = job->symbols();
    QVERIFY(list.size() >= 5);
    QCOMPARE(list.first().symbol, QStringLiteral("BTCUSDT"));
}

QTEST_GUILESS_MAIN(tst_MockMarket)
#include "tst_mockmarket.moc"
