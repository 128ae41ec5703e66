#include <candledatabase.h>
#include <sqlitecandlestore.h>
#include <candlewatcher.h>
#include <interval.h>
#include <manualclock.h>

#include <QTemporaryDir>
#include <QTest>

#include <limits>

using namespace Candlewick;

namespace {

constexpr qint64 Minute = 60'000;
constexpr qint64 T0 = 1709251200000; // 2024-03-01T00:00:00Z
constexpr qint64 Day = 24 * 60 * Minute;

const SeriesKey Btc1m{QStringLiteral("binance"), QStringLiteral("BTCUSDT"), Interval::M1};
const SeriesKey Eth1m{QStringLiteral("binance"), QStringLiteral("ETHUSDT"), Interval::M1};
const SeriesKey Btc5m{QStringLiteral("binance"), QStringLiteral("BTCUSDT"), Interval::M5};

CandleBatch candles(const SeriesKey &key, qint64 from, int count, double price = 100)
{
    CandleBatch out;
    for (int i = 0; i < count; ++i) {
        Candle c;
        c.openTime = from + i * Intervals::nominalMs(key.interval);
        c.open = c.high = c.low = c.close = price + i;
        c.volume = 1;
        out.append(c);
    }
    return out;
}

struct Seen
{
    SeriesKey key;
    qint64 openTime;
};

} // namespace

// The watcher reads with its own read-only connections; the writer here is another connection,
// as another process would be. Time is a ManualClock: advancing it runs the polls.
class TestCandleWatcher : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    int m_files = 0;

    QString newDb(SqliteCandleStore &writer)
    {
        const QString path = m_dir.filePath(QStringLiteral("w%1.sqlite").arg(++m_files));
        if (!writer.open(path))
            qFatal("cannot open %s", qPrintable(writer.errorString()));
        return path;
    }

    static std::shared_ptr<CandleDatabase> readOnly(const QString &path)
    {
        QString error;
        auto database = CandleDatabase::open(path, CandleDatabase::Access::ReadOnly, &error);
        if (!database)
            qFatal("cannot open %s", qPrintable(error));
        return database;
    }

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void historyThenLiveEachOnce()
    {
        SqliteCandleStore writer;
        const QString path = newDb(writer);
        QVERIFY(writer.write(Btc1m, candles(Btc1m, T0, 10)));

        ManualClock clock(1000);
        CandleWatcher w(&clock);
        QVERIFY2(w.open(readOnly(path)), qPrintable(w.errorString()));
        w.setPollInterval(20);
        w.addSeries(Btc1m, T0 + 3 * Minute);
        QList<qint64> seen;
        connect(&w, &CandleWatcher::candleReady, this,
                [&](const SeriesKey &, const Candle &c) { seen.append(c.openTime); });
        w.start();
        clock.advance(0);
        QCOMPARE(seen.size(), 7); // T0+3 .. T0+9
        QCOMPARE(seen.first(), T0 + 3 * Minute);

        // Nothing committed: nothing new, however often it checks.
        clock.advance(200);
        QCOMPARE(seen.size(), 7);

        // A rewrite of a reported candle and two new ones: only the new ones.
        QVERIFY(writer.write(Btc1m, candles(Btc1m, T0 + 9 * Minute, 3, 200)));
        clock.advance(20);
        QCOMPARE(seen.size(), 9);
        QCOMPARE(seen.at(7), T0 + 10 * Minute);
        QCOMPARE(seen.at(8), T0 + 11 * Minute);
        for (qsizetype i = 1; i < seen.size(); ++i)
            QCOMPARE(seen.at(i), seen.at(i - 1) + Minute);

        w.stop();
        QVERIFY(writer.write(Btc1m, candles(Btc1m, T0 + 12 * Minute, 1)));
        clock.advance(1000);
        QCOMPARE(seen.size(), 9);
    }

    void withoutFromStartsAfterTheNewest()
    {
        SqliteCandleStore writer;
        const QString path = newDb(writer);
        QVERIFY(writer.write(Btc1m, candles(Btc1m, T0, 5)));
        ManualClock clock(T0 + Day); // the candles are history by now
        CandleWatcher w(&clock);
        QVERIFY(w.open(readOnly(path)));
        w.addSeries(Btc1m);
        w.addSeries(Eth1m); // not stored yet: everything that appears
        QList<Seen> seen;
        connect(&w, &CandleWatcher::candleReady, this, [&](const SeriesKey &k, const Candle &c) {
            seen.append({k, c.openTime});
        });
        w.start();
        clock.advance(100);
        QVERIFY(seen.isEmpty());
        QVERIFY(writer.write(Eth1m, candles(Eth1m, T0, 2)));
        QVERIFY(writer.write(Btc1m, candles(Btc1m, T0 + 5 * Minute, 1)));
        clock.advance(100);
        QCOMPARE(seen.size(), 3);
        // Merged by close time: both ETH candles close before the BTC one.
        QCOMPARE(seen.at(0).key, Eth1m);
        QCOMPARE(seen.at(0).openTime, T0);
        QCOMPARE(seen.at(1).key, Eth1m);
        QCOMPARE(seen.at(1).openTime, T0 + Minute);
        QCOMPARE(seen.at(2).key, Btc1m);
        QCOMPARE(seen.at(2).openTime, T0 + 5 * Minute);
    }

    // Written live, a series' candle may be committed after a later one of another series (the
    // writers are independent): the later one waits for it, or for the series to go quiet.
    void liveSeriesHoldBackLaterCandles()
    {
        SqliteCandleStore writer;
        const QString path = newDb(writer);
        QVERIFY(writer.write(Btc1m, candles(Btc1m, T0, 5)));
        QVERIFY(writer.write(Eth1m, candles(Eth1m, T0, 5)));
        ManualClock clock(T0 + 5 * Minute + 500);
        CandleWatcher w(&clock);
        QVERIFY(w.open(readOnly(path)));
        w.addSeries(Btc1m);
        w.addSeries(Eth1m);
        QList<Seen> seen;
        connect(&w, &CandleWatcher::candleReady, this, [&](const SeriesKey &k, const Candle &c) {
            seen.append({k, c.openTime});
        });
        w.start();
        clock.advance(20);

        // T0+5m closes: BTC's is committed first, then ETH's; then BTC's T0+6m before ETH's.
        clock.setNow(T0 + 6 * Minute + 10);
        QVERIFY(writer.write(Btc1m, candles(Btc1m, T0 + 5 * Minute, 1)));
        clock.advance(20);
        QVERIFY(seen.isEmpty()); // ETH's T0+5m may still come
        QVERIFY(writer.write(Eth1m, candles(Eth1m, T0 + 5 * Minute, 1)));
        clock.advance(20);
        QCOMPARE(seen.size(), 2);
        QCOMPARE(seen.at(0).key, Btc1m); // a tie: in the order the series were added
        QCOMPARE(seen.at(1).key, Eth1m);
        clock.setNow(T0 + 7 * Minute + 10);
        QVERIFY(writer.write(Btc1m, candles(Btc1m, T0 + 6 * Minute, 1)));
        clock.advance(20);
        QCOMPARE(seen.size(), 2);

        // ETH goes quiet (its writer stopped): BTC's candle goes out once ETH's last candle
        // (closed at T0+6m) is more than two intervals and 30 seconds old.
        clock.setNow(T0 + 8 * Minute + 29'990);
        QCOMPARE(seen.size(), 2);
        clock.setNow(T0 + 8 * Minute + 30'030);
        QCOMPARE(seen.size(), 3);
        QCOMPARE(seen.at(2).key, Btc1m);
        QCOMPARE(seen.at(2).openTime, T0 + 6 * Minute);
    }

    // Slices of 3 candles per series per read: the merged order holds across slices.
    void mergesInCloseTimeOrderAcrossSlices()
    {
        SqliteCandleStore writer;
        const QString path = newDb(writer);
        QVERIFY(writer.write(Btc1m, candles(Btc1m, T0, 30)));
        QVERIFY(writer.write(Eth1m, candles(Eth1m, T0 + 10 * Minute, 5)));
        QVERIFY(writer.write(Btc5m, candles(Btc5m, T0, 6)));
        ManualClock clock(T0 + Day);
        CandleWatcher w(&clock);
        QVERIFY(w.open(readOnly(path)));
        w.setChunkSize(3);
        for (const SeriesKey &k : {Btc1m, Eth1m, Btc5m})
            w.addSeries(k, T0);
        QList<QPair<qint64, int>> order; // (close time, series index)
        connect(&w, &CandleWatcher::candleReady, this, [&](const SeriesKey &k, const Candle &c) {
            const int index = k == Btc1m ? 0 : k == Eth1m ? 1 : 2;
            order.append({Intervals::closeTime(k.interval, c.openTime), index});
        });
        w.start();
        clock.advance(1000);
        QCOMPARE(order.size(), 30 + 5 + 6);
        for (qsizetype i = 1; i < order.size(); ++i)
            QVERIFY2(order.at(i - 1) < order.at(i),
                     qPrintable(QStringLiteral("out of order at %1").arg(i)));
    }
};

QTEST_GUILESS_MAIN(TestCandleWatcher)
#include "tst_candlewatcher.moc"
