#include <candledatabase.h>
#include <sqlitecandlestore.h>
#include <seriesreader.h>

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <limits>

using namespace Candlewick;

// SeriesReader reads a big range as two halves on two connections: the result must be the
// store's range, whole and in order, whichever way it was split.
class TestSeriesReader : public QObject
{
    Q_OBJECT
private slots:
    void readsWholeRangeInOrder_data()
    {
        QTest::addColumn<int>("candles");
        QTest::newRow("small, one read") << 5000;
        QTest::newRow("large, split in two") << 150001;
    }
    void readsWholeRangeInOrder()
    {
        QFETCH(int, candles);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("reader.sqlite"));
        const SeriesKey key{QStringLiteral("demo"), QStringLiteral("BTCUSDT"), Interval::M1};
        constexpr qint64 T0 = 1704067200000; // 2024-01-01T00:00:00Z
        CandleBatch written;
        for (int i = 0; i < candles; ++i) {
            Candle c;
            c.openTime = T0 + qint64(i) * 60000;
            c.open = c.close = 100 + i % 17;
            c.high = c.open + 1;
            c.low = c.open - 1;
            c.volume = i;
            written.append(c);
        }
        {
            SqliteCandleStore store;
            QVERIFY(store.open(path));
            QVERIFY(store.write(key, written));
        }
        auto latest = std::make_shared<std::atomic<int>>(7);
        SeriesReader reader(latest);
        QSignalSpy loaded(&reader, &SeriesReader::loaded);
        QSignalSpy failed(&reader, &SeriesReader::failed);
        QString error;
        const auto database = CandleDatabase::open(path, CandleDatabase::Access::ReadOnly, &error);
        QVERIFY2(database, qPrintable(error));
        reader.read(7, database, key, 0, std::numeric_limits<qint64>::max());
        QCOMPARE(failed.count(), 0);
        QCOMPARE(loaded.count(), 1);
        QCOMPARE(loaded.first().at(0).toInt(), 7);
        QCOMPARE(loaded.first().at(1).value<CandleBatch>(), written);
    }

    void staleRequestIsSkipped()
    {
        auto latest = std::make_shared<std::atomic<int>>(2);
        SeriesReader reader(latest);
        QSignalSpy loaded(&reader, &SeriesReader::loaded);
        QSignalSpy failed(&reader, &SeriesReader::failed);
        reader.read(1, nullptr, {}, 0, 1);
        QCOMPARE(loaded.count() + failed.count(), 0);
    }
};

QTEST_GUILESS_MAIN(TestSeriesReader)
#include "tst_seriesreader.moc"
