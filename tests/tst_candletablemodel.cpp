#include <candletablemodel.h>
#include <seriesdocument.h>

#include <QAbstractItemModelTester>
#include <QLocale>
#include <QSignalSpy>
#include <QTest>

using namespace Candlewick;

namespace {

constexpr qint64 Minute = 60 * 1000;
constexpr qint64 Start = 1704067200000; // 2024-01-01T00:00:00Z
const SeriesKey Key{QStringLiteral("demo"), QStringLiteral("BTCUSDT"), Interval::M1};

CandleBatch makeCandles(int n, qint64 start = Start)
{
    CandleBatch out;
    out.reserve(n);
    for (int i = 0; i < n; ++i) {
        Candle c;
        c.openTime = start + i * Minute;
        c.open = 100 + i;
        c.high = 102 + i;
        c.low = 99 + i;
        c.close = 101 + i;
        c.volume = 1.5 * i;
        c.trades = i;
        out.append(c);
    }
    return out;
}

} // namespace

class TestCandleTableModel : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }
    void shapeAndHeaders();
    void cells_data();
    void cells();
    void readsTheDocument();
    void appendInsertsOnce();
    void formingCandleChangesInPlace();
    void rowForTime();
    void clearResets();
    void pricesShareTheWidestDecimals();
};

void TestCandleTableModel::shapeAndHeaders()
{
    SeriesDocument document;
    CandleTableModel model(&document);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.columnCount(), int(CandleTableModel::ColumnCount));
    document.setSeries(Key, makeCandles(10), Interval::M1);
    QCOMPARE(model.rowCount(), 10);
    QCOMPARE(model.rowCount(model.index(0, 0)), 0);
    QCOMPARE(model.headerData(CandleTableModel::CloseColumn, Qt::Horizontal).toString(),
             QStringLiteral("Close"));
    QCOMPARE(model.headerData(3, Qt::Vertical).toInt(), 4);
}

void TestCandleTableModel::cells_data()
{
    QTest::addColumn<int>("row");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("display");
    QTest::newRow("time") << 2 << int(CandleTableModel::OpenTimeColumn) << "2024-01-01 00:02Z";
    QTest::newRow("open") << 2 << int(CandleTableModel::OpenColumn) << "102";
    QTest::newRow("high") << 3 << int(CandleTableModel::HighColumn) << "105";
    QTest::newRow("low") << 3 << int(CandleTableModel::LowColumn) << "102";
    QTest::newRow("close") << 4 << int(CandleTableModel::CloseColumn) << "105";
    QTest::newRow("volume") << 3 << int(CandleTableModel::VolumeColumn) << "4.5";
    QTest::newRow("trades") << 7 << int(CandleTableModel::TradesColumn) << "7";
    QTest::newRow("state") << 0 << int(CandleTableModel::StateColumn) << "closed";
}

void TestCandleTableModel::cells()
{
    QFETCH(int, row);
    QFETCH(int, column);
    QFETCH(QString, display);
    SeriesDocument document;
    CandleTableModel model(&document);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const CandleBatch candles = makeCandles(10);
    document.setSeries(Key, candles, Interval::M1);
    const QModelIndex index = model.index(row, column);
    QCOMPARE(model.data(index).toString(), display);
    QCOMPARE(model.data(index, CandleTableModel::CandleRole).value<Candle>(), candles.at(row));
}

void TestCandleTableModel::readsTheDocument()
{
    const CandleBatch year = makeCandles(525600);
    SeriesDocument document;
    CandleTableModel model(&document);
    document.setSeries(Key, year, Interval::M1);
    QCOMPARE(model.rowCount(), 525600);
    // The rows are the document's candles, which share the loaded buffer: nothing was copied.
    QCOMPARE(model.candles().constData(), year.constData());
}

void TestCandleTableModel::appendInsertsOnce()
{
    SeriesDocument document;
    CandleTableModel model(&document);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const CandleBatch all = makeCandles(30);
    document.setSeries(Key, {}, Interval::M1);
    document.beginReplay(30);
    document.mergeReplayed(all.mid(0, 10));
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    // Overlapping batch: the first 5 are already there, the last of them is replaced in place.
    document.mergeReplayed(all.mid(5, 25));
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.at(0).at(0).toModelIndex().row(), 9);
    QCOMPARE(inserted.at(0).at(1).toInt(), 10);
    QCOMPARE(inserted.at(0).at(2).toInt(), 29);
    QCOMPARE(model.rowCount(), 30);
    QCOMPARE(model.candles(), all);
    document.mergeReplayed(all.mid(0, 3));
    QCOMPARE(inserted.count(), 1);
}

void TestCandleTableModel::formingCandleChangesInPlace()
{
    SeriesDocument document;
    CandleTableModel model(&document);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    document.setSeries(Key, makeCandles(5), Interval::M1);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    Candle forming = makeCandles(6).constLast();
    forming.closed = false;
    document.merge(forming);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(model.rowCount(), 6);
    QCOMPARE(model.data(model.index(5, CandleTableModel::StateColumn)).toString(),
             QStringLiteral("forming"));
    forming.close = 200;
    forming.high = 200;
    document.merge(forming);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.at(0).at(0).toModelIndex().row(), 5);
    QCOMPARE(model.data(model.index(5, CandleTableModel::CloseColumn)).toString(),
             QStringLiteral("200"));
    Candle old = makeCandles(1).first();
    old.close = 7;
    document.merge(old);
    QCOMPARE(model.candles().first().close, 101.0);
}

void TestCandleTableModel::rowForTime()
{
    SeriesDocument document;
    CandleTableModel model(&document);
    document.setSeries(Key, makeCandles(100), Interval::M1);
    QCOMPARE(model.rowForTime(Start + 42 * Minute), 42);
    QCOMPARE(model.rowForTime(Start + 42 * Minute + 1), -1);
    QCOMPARE(model.rowForTime(Start - Minute), -1);
}

void TestCandleTableModel::clearResets()
{
    SeriesDocument document;
    CandleTableModel model(&document);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    document.setSeries(Key, makeCandles(100), Interval::M1);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    document.clear();
    QCOMPARE(reset.count(), 1);
    QCOMPARE(model.rowCount(), 0);
}

// Without a tick size, every row shows its prices with the most decimals any price of the series
// has ("4507" beside "4477.8" was "4507.0"), widened when a row with more comes.
void TestCandleTableModel::pricesShareTheWidestDecimals()
{
    SeriesDocument document;
    CandleTableModel model(&document);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    CandleBatch candles = makeCandles(3);
    candles[0].close = 4507;
    candles[1].close = 4477.8;
    document.setSeries(Key, candles, Interval::M1);
    QCOMPARE(model.data(model.index(0, CandleTableModel::CloseColumn)).toString(),
             QStringLiteral("4507.0"));
    QCOMPARE(model.data(model.index(1, CandleTableModel::CloseColumn)).toString(),
             QStringLiteral("4477.8"));
    QCOMPARE(model.data(model.index(2, CandleTableModel::OpenColumn)).toString(),
             QStringLiteral("102.0"));
    // A replayed row with two decimals: the rows before it are shown again with two.
    document.setSeries(Key, {}, Interval::M1);
    document.beginReplay(4);
    document.mergeReplayed(candles);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    CandleBatch next = makeCandles(1, Start + 3 * Minute);
    next[0].close = 4480.25;
    document.mergeReplayed(next);
    QCOMPARE(model.data(model.index(3, CandleTableModel::CloseColumn)).toString(),
             QStringLiteral("4480.25"));
    QCOMPARE(model.data(model.index(0, CandleTableModel::CloseColumn)).toString(),
             QStringLiteral("4507.00"));
    QVERIFY(changed.count() >= 1);
    QCOMPARE(changed.constFirst().at(0).toModelIndex().row(), 0);
}

QTEST_GUILESS_MAIN(TestCandleTableModel)
#include "tst_candletablemodel.moc"
