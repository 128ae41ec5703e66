#include <resampler.h>

#include <QDateTime>
#include <QMap>
#include <QTest>

using namespace Candlewick;

namespace {

constexpr qint64 Minute = 60 * 1000;
constexpr qint64 Hour = 60 * Minute;
constexpr qint64 Day = 24 * Hour;

qint64 utcMs(int y, int m, int d, int h = 0, int min = 0)
{
    return QDateTime(QDate(y, m, d), QTime(h, min), Qt::UTC).toMSecsSinceEpoch();
}

// 1m candles from Thu 2024-01-25 10:07 to Sun 2024-03-03, with a missing hour and a missing day.
CandleBatch minuteCandles()
{
    CandleBatch out;
    const qint64 from = utcMs(2024, 1, 25, 10, 7);
    const qint64 to = utcMs(2024, 3, 3, 17, 0);
    const qint64 gapHour = utcMs(2024, 2, 1, 13);
    const qint64 gapDay = utcMs(2024, 2, 20);
    double price = 40000;
    quint32 rng = 12345;
    for (qint64 t = from; t < to; t += Minute) {
        rng = rng * 1664525u + 1013904223u;
        const double step = (double(rng >> 8) / double(1 << 24) - 0.5) * 40;
        Candle c;
        c.openTime = t;
        c.open = price;
        c.close = price + step;
        c.high = std::max(c.open, c.close) + (rng % 7);
        c.low = std::min(c.open, c.close) - (rng % 5);
        c.volume = 1 + (rng % 1000) / 100.0;
        c.quoteVolume = c.volume * c.close;
        c.trades = 1 + rng % 50;
        c.takerBuyBase = c.volume / 2;
        c.takerBuyQuote = c.quoteVolume / 2;
        price = c.close;
        if ((t >= gapHour && t < gapHour + Hour) || (t >= gapDay && t < gapDay + Day))
            continue;
        out.append(c);
    }
    return out;
}

// The bucket of t, computed with calendar arithmetic independent of Intervals::alignDown.
qint64 bucketOf(const QString &interval, qint64 t)
{
    const QDateTime dt = QDateTime::fromMSecsSinceEpoch(t, Qt::UTC);
    const QDate date = dt.date();
    const qint64 midnight = QDateTime(date, QTime(0, 0), Qt::UTC).toMSecsSinceEpoch();
    if (interval == u"1M")
        return QDateTime(QDate(date.year(), date.month(), 1), QTime(0, 0), Qt::UTC)
            .toMSecsSinceEpoch();
    if (interval == u"1w")
        return midnight - (date.dayOfWeek() - 1) * Day;
    if (interval == u"1d")
        return midnight;
    const int minutes
        = interval.endsWith(u'h') ? interval.chopped(1).toInt() * 60 : interval.chopped(1).toInt();
    const qint64 minuteOfDay = (t - midnight) / Minute;
    return midnight + (minuteOfDay - minuteOfDay % minutes) * Minute;
}

CandleBatch expectedResample(const CandleBatch &base, const QString &interval)
{
    QMap<qint64, Candle> buckets;
    for (const Candle &c : base) {
        const qint64 b = bucketOf(interval, c.openTime);
        auto it = buckets.find(b);
        if (it == buckets.end()) {
            Candle first = c;
            first.openTime = b;
            buckets.insert(b, first);
            continue;
        }
        Candle &agg = it.value();
        agg.high = std::max(agg.high, c.high);
        agg.low = std::min(agg.low, c.low);
        agg.close = c.close;
        agg.volume += c.volume;
        agg.quoteVolume += c.quoteVolume;
        agg.trades += c.trades;
        agg.takerBuyBase += c.takerBuyBase;
        agg.takerBuyQuote += c.takerBuyQuote;
    }
    return buckets.values();
}

bool near(double a, double b)
{
    return std::abs(a - b) <= 1e-9 * std::max(1.0, std::abs(a) + std::abs(b));
}

} // namespace

class TestResampler : public QObject
{
    Q_OBJECT
private slots:
    void matchesComputation_data();
    void matchesComputation();
    void weeksStartOnMonday();
    void canResample_data();
    void canResample();
    void sameIntervalIsIdentity();
    void lastBucketTracksFormingCandle();
    void incompleteLastBucketIsNotClosed();
};

void TestResampler::matchesComputation_data()
{
    QTest::addColumn<QString>("interval");
    for (const char *name : {"5m", "15m", "1h", "4h", "1d", "1w", "1M"})
        QTest::newRow(name) << QString::fromLatin1(name);
}

void TestResampler::matchesComputation()
{
    QFETCH(QString, interval);
    const CandleBatch base = minuteCandles();
    const Interval to = *Intervals::parse(interval);
    const CandleBatch got = Resampler::resample(base, Interval::M1, to);
    const CandleBatch want = expectedResample(base, interval);
    QCOMPARE(got.size(), want.size());
    for (qsizetype i = 0; i < got.size(); ++i) {
        const Candle &g = got.at(i);
        const Candle &w = want.at(i);
        QCOMPARE(g.openTime, w.openTime);
        QCOMPARE(g.open, w.open);
        QCOMPARE(g.high, w.high);
        QCOMPARE(g.low, w.low);
        QCOMPARE(g.close, w.close);
        QVERIFY(near(g.volume, w.volume));
        QVERIFY(near(g.quoteVolume, w.quoteVolume));
        QCOMPARE(g.trades, w.trades);
        QVERIFY(near(g.takerBuyBase, w.takerBuyBase));
        QVERIFY(near(g.takerBuyQuote, w.takerBuyQuote));
        if (i + 1 < got.size())
            QVERIFY(g.closed);
    }
}

void TestResampler::weeksStartOnMonday()
{
    const CandleBatch weeks = Resampler::resample(minuteCandles(), Interval::M1, Interval::W1);
    QVERIFY(weeks.size() >= 5);
    for (const Candle &c : weeks) {
        const QDateTime dt = QDateTime::fromMSecsSinceEpoch(c.openTime, Qt::UTC);
        QCOMPARE(dt.date().dayOfWeek(), 1);
        QCOMPARE(dt.time(), QTime(0, 0));
    }
    // The first week starts before the first candle (Thursday) and opens at its price.
    QCOMPARE(weeks.first().openTime, utcMs(2024, 1, 22));
    QCOMPARE(weeks.first().open, minuteCandles().first().open);
}

void TestResampler::canResample_data()
{
    QTest::addColumn<QString>("from");
    QTest::addColumn<QString>("to");
    QTest::addColumn<bool>("ok");
    QTest::newRow("1m->1h") << "1m"
                            << "1h" << true;
    QTest::newRow("1m->1M") << "1m"
                            << "1M" << true;
    QTest::newRow("3m->1w") << "3m"
                            << "1w" << true;
    QTest::newRow("1h->1d") << "1h"
                            << "1d" << true;
    QTest::newRow("1d->1w") << "1d"
                            << "1w" << true;
    QTest::newRow("1d->1M") << "1d"
                            << "1M" << true;
    QTest::newRow("1h->1m finer") << "1h"
                                  << "1m" << false;
    QTest::newRow("3d->1w") << "3d"
                            << "1w" << false;
    QTest::newRow("1w->1M") << "1w"
                            << "1M" << false;
    QTest::newRow("3d->1M") << "3d"
                            << "1M" << false;
    QTest::newRow("1M->1M") << "1M"
                            << "1M" << true;
}

void TestResampler::canResample()
{
    QFETCH(QString, from);
    QFETCH(QString, to);
    QFETCH(bool, ok);
    QCOMPARE(Resampler::canResample(*Intervals::parse(from), *Intervals::parse(to)), ok);
    if (!ok)
        QVERIFY(Resampler::resample(minuteCandles().mid(0, 10), *Intervals::parse(from),
                                    *Intervals::parse(to))
                    .isEmpty());
}

void TestResampler::sameIntervalIsIdentity()
{
    const CandleBatch base = minuteCandles().mid(0, 100);
    QCOMPARE(Resampler::resample(base, Interval::M1, Interval::M1), base);
    QVERIFY(Resampler::resample({}, Interval::M1, Interval::H1).isEmpty());
}

void TestResampler::lastBucketTracksFormingCandle()
{
    CandleBatch base = minuteCandles().mid(0, 500);
    Candle forming = base.constLast();
    forming.openTime += Minute;
    forming.closed = false;
    forming.high = forming.open + 500; // a new high for the hour
    forming.close = forming.open + 400;
    base.append(forming);
    const Candle last = Resampler::lastBucket(base, Interval::M1, Interval::H1);
    const CandleBatch all = Resampler::resample(base, Interval::M1, Interval::H1);
    QCOMPARE(last, all.constLast());
    QVERIFY(!last.closed);
    QCOMPARE(last.high, forming.high);
    QCOMPARE(last.close, forming.close);
}

void TestResampler::incompleteLastBucketIsNotClosed()
{
    // 10:07 .. 10:59 fills its hour to the end, 11:00 .. 11:29 does not.
    CandleBatch base;
    for (qint64 t = utcMs(2024, 1, 25, 10, 7); t < utcMs(2024, 1, 25, 11, 30); t += Minute) {
        Candle c;
        c.openTime = t;
        c.open = c.high = c.low = c.close = 1;
        base.append(c);
    }
    const CandleBatch hours = Resampler::resample(base, Interval::M1, Interval::H1);
    QCOMPARE(hours.size(), 2);
    QVERIFY(hours.at(0).closed);
    QVERIFY(!hours.at(1).closed);
    base.resize(53); // up to 10:59
    QVERIFY(Resampler::resample(base, Interval::M1, Interval::H1).constLast().closed);
}

QTEST_GUILESS_MAIN(TestResampler)
#include "tst_resampler.moc"
