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

    // The symbol's tick size comes with the candles, read on the reader's thread; a symbol the
    // stored list does not have gets 0.
    void readsTickSizeFromSymbolList()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("ticks.sqlite"));
        const SeriesKey listed{QStringLiteral("demo"), QStringLiteral("BTCUSDT"), Interval::M1};
        const SeriesKey unlisted{QStringLiteral("demo"), QStringLiteral("XRPUSDT"), Interval::M1};
        Candle c;
        c.openTime = 1704067200000;
        c.open = c.high = c.low = c.close = 100;
        {
            SqliteCandleStore store;
            QVERIFY(store.open(path));
            QVERIFY(store.write(listed, {c}));
            QVERIFY(store.write(unlisted, {c}));
            SymbolInfo btc;
            btc.symbol = QStringLiteral("BTCUSDT");
            btc.tickSize = 0.01;
            SymbolInfo eth;
            eth.symbol = QStringLiteral("ETHUSDT");
            eth.tickSize = 0.1;
            QVERIFY(store.saveSymbols(QStringLiteral("demo"), {eth, btc}, 1));
        }
        auto latest = std::make_shared<std::atomic<int>>(1);
        SeriesReader reader(latest);
        QSignalSpy loaded(&reader, &SeriesReader::loaded);
        QString error;
        const auto database = CandleDatabase::open(path, CandleDatabase::Access::ReadOnly, &error);
        QVERIFY2(database, qPrintable(error));
        reader.read(1, database, listed, 0, std::numeric_limits<qint64>::max());
        reader.read(1, database, unlisted, 0, std::numeric_limits<qint64>::max());
        QCOMPARE(loaded.count(), 2);
        QCOMPARE(loaded.at(0).at(3).toDouble(), 0.01);
        QCOMPARE(loaded.at(1).at(3).toDouble(), 0.0);
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
