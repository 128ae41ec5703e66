#include <candletablemodel.h>
#include <chartview.h>
#include <resampler.h>
#include <seriesdocument.h>

#include <QAbstractItemModelTester>
#include <QLocale>
#include <QSignalSpy>
#include <QTest>

using namespace Candlewick;

namespace {

constexpr qint64 Minute = 60 * 1000;
constexpr qint64 Hour = 60 * Minute;
constexpr qint64 Start = 1704067200000; // 2024-01-01T00:00:00Z
const SeriesKey Key{QStringLiteral("demo"), QStringLiteral("BTCUSDT"), Interval::M1};

Candle candleAt(qint64 index, bool closed = true, double close = 0)
{
    Candle c;
    c.openTime = Start + index * Minute;
    c.open = 100 + double(index % 17);
    c.close = close > 0 ? close : c.open + double(index % 5) - 2;
    c.high = std::max(c.open, c.close) + 1;
    c.low = std::min(c.open, c.close) - 1;
    c.volume = 1 + double(index % 7);
    c.trades = index;
    c.closed = closed;
    return c;
}

CandleBatch candles(qint64 from, qint64 to)
{
    CandleBatch out;
    for (qint64 i = from; i < to; ++i)
        out.append(candleAt(i));
    return out;
}

// The document's signals, in order: "reset", "appended first count", "last".
class SignalLog : public QObject
{
public:
    explicit SignalLog(SeriesDocument *document)
    {
        connect(document, &SeriesDocument::reset, this,
                [this] { events.append(QStringLiteral("reset")); });
        connect(document, &SeriesDocument::candlesAppended, this,
                [this](qsizetype first, qsizetype count) {
                    events.append(QStringLiteral("appended %1 %2").arg(first).arg(count));
                });
        connect(document, &SeriesDocument::lastCandleChanged, this,
                [this] { events.append(QStringLiteral("last")); });
    }
    QStringList take() { return std::exchange(events, {}); }
    QStringList events;
};

} // namespace

class TestSeriesDocument : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }
    void setSeriesResets();
    void newerCandleIsAppended();
    void sameOpenTimeReplacesTheLast();
    void olderCandleIsIgnored();
    void displayIntervalResamples();
    void liveCandleUpdatesTheLastBucket();
    void replayIsShownApartFromTheSeries();
    void replayedBatchMergesByTheSameRule();
    void tableAndChartAgree();
    void gapsAreKnownByCoverage();
    void liveCandleAfterAGapIsAGap();
    void bucketWithMissingInputIsIncomplete();
    void pricesUseTheTickSizeDecimals();
};

void TestSeriesDocument::setSeriesResets()
{
    SeriesDocument document;
    SignalLog log(&document);
    const CandleBatch stored = candles(0, 10);
    document.setSeries(Key, stored, Interval::M1);
    QCOMPARE(log.take(), QStringList{QStringLiteral("reset")});
    QCOMPARE(document.key(), Key);
    QCOMPARE(document.series(), stored);
    QCOMPARE(document.candles(), stored);
    QCOMPARE(document.interval(), Interval::M1);
    // The views read the loaded buffer itself.
    QCOMPARE(document.candles().constData(), stored.constData());
    document.clear();
    QCOMPARE(log.take(), QStringList{QStringLiteral("reset")});
    QVERIFY(document.isEmpty());
    QVERIFY(document.key().symbol.isEmpty());
}

void TestSeriesDocument::newerCandleIsAppended()
{
    SeriesDocument document;
    document.setSeries(Key, candles(0, 10), Interval::M1);
    SignalLog log(&document);
    QCOMPARE(document.merge(candleAt(10, false)), SeriesDocument::Merge::Appended);
    QCOMPARE(log.take(), QStringList{QStringLiteral("appended 10 1")});
    // A gap (the exchange was down) is no reason to refuse a newer candle.
    QCOMPARE(document.merge(candleAt(15)), SeriesDocument::Merge::Appended);
    QCOMPARE(log.take(), QStringList{QStringLiteral("appended 11 1")});
    QCOMPARE(document.count(), 12);
    QCOMPARE(document.candles().constLast(), candleAt(15));

    // Into an empty document too.
    SeriesDocument empty;
    empty.setSeries(Key, {}, Interval::M1);
    SignalLog emptyLog(&empty);
    QCOMPARE(empty.merge(candleAt(0)), SeriesDocument::Merge::Appended);
    QCOMPARE(emptyLog.take(), QStringList{QStringLiteral("appended 0 1")});
}

void TestSeriesDocument::sameOpenTimeReplacesTheLast()
{
    SeriesDocument document;
    document.setSeries(Key, candles(0, 10), Interval::M1);
    document.merge(candleAt(10, false, 101));
    SignalLog log(&document);
    QCOMPARE(document.merge(candleAt(10, false, 105)), SeriesDocument::Merge::Replaced);
    QCOMPARE(document.merge(candleAt(10, true, 103)), SeriesDocument::Merge::Replaced);
    QCOMPARE(log.take(), (QStringList{QStringLiteral("last"), QStringLiteral("last")}));
    QCOMPARE(document.count(), 11);
    QCOMPARE(document.candles().constLast(), candleAt(10, true, 103));
    QVERIFY(document.candles().constLast().closed);
}

void TestSeriesDocument::olderCandleIsIgnored()
{
    SeriesDocument document;
    const CandleBatch stored = candles(0, 10);
    document.setSeries(Key, stored, Interval::M1);
    SignalLog log(&document);
    Candle old = candleAt(4);
    old.close += 50;
    old.high += 50;
    QCOMPARE(document.merge(old), SeriesDocument::Merge::Older);
    QCOMPARE(document.merge(candleAt(-3)), SeriesDocument::Merge::Older);
    QVERIFY(log.take().isEmpty());
    QCOMPARE(document.series(), stored);
}

void TestSeriesDocument::displayIntervalResamples()
{
    SeriesDocument document;
    const CandleBatch stored = candles(0, 3 * 60);
    document.setSeries(Key, stored, Interval::H1);
    QCOMPARE(document.interval(), Interval::H1);
    QCOMPARE(document.candles(), Resampler::resample(stored, Interval::M1, Interval::H1));
    QCOMPARE(document.count(), 3);
    QCOMPARE(document.series(), stored);

    SignalLog log(&document);
    QVERIFY(document.setDisplayInterval(Interval::M5));
    QCOMPARE(log.take(), QStringList{QStringLiteral("reset")});
    QCOMPARE(document.count(), 36);
    QVERIFY(document.setDisplayInterval(Interval::M1));
    QCOMPARE(document.candles(), stored);

    // A weekly series cannot be shown in months: refused, nothing changes.
    const SeriesKey weekly{Key.exchange, Key.symbol, Interval::W1};
    SeriesDocument weeks;
    weeks.setSeries(weekly, {}, Interval::W1);
    Candle w;
    w.openTime = Intervals::alignDown(Interval::W1, Start);
    w.open = w.high = w.low = w.close = 1;
    weeks.merge(w);
    SignalLog weeksLog(&weeks);
    QVERIFY(!weeks.setDisplayInterval(Interval::Mon1));
    QVERIFY(weeksLog.take().isEmpty());
    QCOMPARE(weeks.interval(), Interval::W1);
    // A finer display interval than the series falls back to the series' own.
    weeks.setSeries(weekly, weeks.series(), Interval::H1);
    QCOMPARE(weeks.interval(), Interval::W1);
}

void TestSeriesDocument::liveCandleUpdatesTheLastBucket()
{
    SeriesDocument document;
    document.setSeries(Key, candles(0, 90), Interval::H1); // 1h 30m: two hourly candles
    SignalLog log(&document);
    // Still in the second hour: its bucket changes in place.
    QCOMPARE(document.merge(candleAt(90, false)), SeriesDocument::Merge::Appended);
    QCOMPARE(log.take(), QStringList{QStringLiteral("last")});
    QCOMPARE(document.count(), 2);
    QVERIFY(!document.candles().constLast().closed);
    // The next hour begins: a new bucket.
    for (qint64 i = 91; i <= 120; ++i)
        document.merge(candleAt(i));
    QCOMPARE(log.take().constLast(), QStringLiteral("appended 2 1"));
    QCOMPARE(document.count(), 3);
    QCOMPARE(document.candles(),
             Resampler::resample(document.series(), Interval::M1, Interval::H1));
    QCOMPARE(document.candles().at(2).openTime, Start + 2 * Hour);
}

void TestSeriesDocument::replayIsShownApartFromTheSeries()
{
    SeriesDocument document;
    const CandleBatch stored = candles(0, 100);
    document.setSeries(Key, stored, Interval::M5);
    SignalLog log(&document);
    document.beginReplay(stored.size());
    QCOMPARE(log.take(), QStringList{QStringLiteral("reset")});
    QVERIFY(document.isShowingReplay());
    QVERIFY(document.isEmpty());
    QCOMPARE(document.interval(), Interval::M1); // the replay plays the stored candles
    document.mergeReplayed(stored.mid(0, 40));
    QCOMPARE(log.take(), QStringList{QStringLiteral("appended 0 40")});
    QCOMPARE(document.candles(), stored.mid(0, 40));
    // A live candle meanwhile goes to the series, not into the replay on screen.
    QCOMPARE(document.merge(candleAt(100, false)), SeriesDocument::Merge::Appended);
    QVERIFY(log.take().isEmpty());
    QCOMPARE(document.count(), 40);
    QCOMPARE(document.series().size(), 101);
    document.endReplay();
    QCOMPARE(log.take(), QStringList{QStringLiteral("reset")});
    QVERIFY(!document.isShowingReplay());
    QCOMPARE(document.candles(), document.series());
    QCOMPARE(document.candles().constLast(), candleAt(100, false));
    // Replayed candles after the replay is gone are not shown.
    document.mergeReplayed(candles(200, 210));
    QVERIFY(log.take().isEmpty());
    QCOMPARE(document.count(), 101);
}

void TestSeriesDocument::replayedBatchMergesByTheSameRule()
{
    SeriesDocument document;
    document.setSeries(Key, {}, Interval::M1);
    document.beginReplay(0);
    document.mergeReplayed(candles(0, 10));
    SignalLog log(&document);
    // Older ones are skipped, the last one's open time replaces it, the rest are appended.
    CandleBatch batch = candles(5, 20);
    batch[4].close = 500;
    batch[4].high = 500;
    document.mergeReplayed(batch);
    QCOMPARE(log.take(), (QStringList{QStringLiteral("last"), QStringLiteral("appended 10 10")}));
    QCOMPARE(document.count(), 20);
    QCOMPARE(document.candles().at(9).close, 500.0);
    QCOMPARE(document.candles().at(4), candleAt(4));
    document.mergeReplayed(candles(0, 3));
    QVERIFY(log.take().isEmpty());
}

void TestSeriesDocument::tableAndChartAgree()
{
    SeriesDocument document;
    CandleTableModel table(&document);
    QAbstractItemModelTester tester(&table, QAbstractItemModelTester::FailureReportingMode::QtTest);
    ChartView chart(&document);
    chart.resize(900, 500);

    const auto agree = [&](const char *step) {
        const CandleBatch &shown = document.candles();
        QVERIFY2(chart.candles() == shown, step);
        QVERIFY2(chart.count() == shown.size(), step);
        QVERIFY2(table.rowCount() == shown.size(), step);
        for (int row = 0; row < table.rowCount(); ++row) {
            const Candle c
                = table.data(table.index(row, 0), CandleTableModel::CandleRole).value<Candle>();
            QVERIFY2(c == shown.at(row), step);
        }
        // The chart draws what the table lists: the readout of its last candle.
        if (!shown.isEmpty())
            QVERIFY2(chart.readoutText().startsWith(
                         QDateTime::fromMSecsSinceEpoch(shown.constLast().openTime, Qt::UTC)
                             .toString(QStringLiteral("yyyy-MM-dd HH:mm"))),
                     step);
    };

    document.setSeries(Key, candles(0, 150), Interval::M1);
    agree("loaded");
    document.merge(candleAt(150, false));
    document.merge(candleAt(150, false, 130));
    document.merge(candleAt(20)); // older
    document.merge(candleAt(150, true, 131));
    document.merge(candleAt(152));
    agree("live at 1m");
    QVERIFY(document.setDisplayInterval(Interval::M15));
    agree("switched to 15m");
    for (qint64 i = 153; i < 200; ++i) {
        document.merge(candleAt(i, false));
        document.merge(candleAt(i));
    }
    agree("live at 15m");
    document.beginReplay(document.series().size());
    agree("replay started");
    const CandleBatch series = document.series();
    for (qsizetype at = 0; at < series.size(); at += 37)
        document.mergeReplayed(series.mid(std::max<qsizetype>(0, at - 3), 40));
    agree("replayed");
    QCOMPARE(document.candles(), series);
    document.merge(candleAt(200));
    document.endReplay();
    agree("replay ended");
    QCOMPARE(document.count(), 201 - 1); // a gap at 151
    document.clear();
    agree("cleared");
}

void TestSeriesDocument::gapsAreKnownByCoverage()
{
    // Minutes 0-9, 20-29 and 40-49; the store covers 0-30: minutes 10-19 were fetched and the
    // exchange had none, minutes 30-39 were never fetched.
    CandleBatch series = candles(0, 10) + candles(20, 30) + candles(40, 50);
    SeriesDocument document;
    document.setSeries(Key, series, Interval::M1, {{Start, Start + 30 * Minute}});
    using Gap = SeriesDocument::Gap;
    QCOMPARE(document.gaps(),
             (QList<Gap>{{Start + 10 * Minute, Start + 20 * Minute, 10, true},
                         {Start + 30 * Minute, Start + 40 * Minute, 20, false}}));
    // Without coverage nothing is known fetched.
    document.setSeries(Key, series, Interval::M1);
    QCOMPARE(document.gaps().size(), 2);
    QVERIFY(!document.gaps().at(0).fetched);
    // At 5m the gaps are whole buckets.
    document.setSeries(Key, series, Interval::M5, {{Start, Start + 30 * Minute}});
    QCOMPARE(document.gaps(),
             (QList<Gap>{{Start + 10 * Minute, Start + 20 * Minute, 2, true},
                         {Start + 30 * Minute, Start + 40 * Minute, 4, false}}));
    // A series without holes has no gaps.
    document.setSeries(Key, candles(0, 50), Interval::M1);
    QVERIFY(document.gaps().isEmpty());
}

void TestSeriesDocument::liveCandleAfterAGapIsAGap()
{
    // Stored up to minute 59, then a live candle at minute 1000: the 941 minutes between are
    // a gap that was never fetched, not hidden.
    SeriesDocument document;
    document.setSeries(Key, candles(0, 60), Interval::M1, {{Start, Start + 60 * Minute}});
    QVERIFY(document.gaps().isEmpty());
    document.merge(candleAt(1000, false));
    QCOMPARE(document.gaps(),
             (QList<SeriesDocument::Gap>{{Start + 60 * Minute, Start + 1000 * Minute, 60, false}}));
    document.merge(candleAt(1000)); // the same candle closes: no second gap
    document.merge(candleAt(1001, false));
    QCOMPARE(document.gaps().size(), 1);
    // The hourly bucket of the live minutes is built from a few of its minutes: incomplete.
    document.setDisplayInterval(Interval::H1);
    QCOMPARE(document.count(), 2);
    QVERIFY(!document.isIncomplete(0));
    QVERIFY(document.isIncomplete(1));
    QCOMPARE(document.gaps().size(), 1);
}

void TestSeriesDocument::bucketWithMissingInputIsIncomplete()
{
    // Three hours of minutes; minutes 70-79 are missing.
    const CandleBatch series = candles(0, 70) + candles(80, 180);
    SeriesDocument document;
    document.setSeries(Key, series, Interval::H1, {{Start, Start + 60 * Minute}});
    QCOMPARE(document.count(), 3);
    QCOMPARE(document.incomplete(), (QList<qsizetype>{1}));
    QVERIFY(!document.isIncomplete(0));
    QVERIFY(document.isIncomplete(1));
    QVERIFY(!document.isIncomplete(2));
    // Covered, the missing minutes are downtime: the bucket is complete.
    document.setSeries(Key, series, Interval::H1, {{Start, Start + 180 * Minute}});
    QVERIFY(document.incomplete().isEmpty());
    // The last bucket counts up to the newest minute only: a forming hour is not incomplete.
    document.setSeries(Key, candles(0, 90), Interval::H1);
    QCOMPARE(document.count(), 2);
    QVERIFY(document.incomplete().isEmpty());
    document.merge(candleAt(90));
    QVERIFY(document.incomplete().isEmpty());
    // A live minute after a hole makes its bucket incomplete, and the bucket before it whole
    // again is judged as a whole hour: minutes 0-59 are all there.
    document.merge(candleAt(95));
    QCOMPARE(document.incomplete(), (QList<qsizetype>{1}));
    // A series starting mid-hour: its first bucket lacks input.
    document.setSeries(Key, candles(30, 120), Interval::H1);
    QCOMPARE(document.incomplete(), (QList<qsizetype>{0}));
    // At the stored interval nothing is a bucket.
    document.setDisplayInterval(Interval::M1);
    QVERIFY(document.incomplete().isEmpty());
}

void TestSeriesDocument::pricesUseTheTickSizeDecimals()
{
    SeriesDocument document;
    QCOMPARE(document.priceDecimals(), -1);
    document.setTickSize(0.1);
    QCOMPARE(document.priceDecimals(), 1);
    document.setTickSize(1);
    QCOMPARE(document.priceDecimals(), 0);
    document.setTickSize(0.00001);
    QCOMPARE(document.priceDecimals(), 5);
    // Table and chart show the same decimals.
    document.setTickSize(0.001);
    document.setSeries(Key, candles(0, 10), Interval::M1);
    CandleTableModel model(&document);
    ChartView chart(&document);
    chart.resize(800, 500);
    const QString open = QLocale().toString(candleAt(3).open, 'f', 3);
    QCOMPARE(model.data(model.index(3, CandleTableModel::OpenColumn)).toString(), open);
    QVERIFY2(chart.readoutFor(3).contains(QStringLiteral("O ") + open + u' '),
             qPrintable(chart.readoutFor(3)));
}

QTEST_MAIN(TestSeriesDocument)
#include "tst_seriesdocument.moc"
