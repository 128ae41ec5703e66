// The CandleStore contract, run against every backend: SQLite files and PostgreSQL (a real
// server started by the suite). One suite, each test once per backend (global data).
#include <candlecodec.h>
#include <candledatabase.h>
#include <candlestore.h>
#include <databasefiles.h>
#include <decimalunits.h>
#include <postgrescandlestore.h>
#include <postgresserver.h>
#include <sqlitecandlestore.h>

#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

#include <array>
#include <charconv>
#include <cstring>
#include <limits>

using namespace Candlewick;
using Candlewick::Testing::PostgresServer;

namespace {

constexpr qint64 T0 = 1709251200000; // 2024-03-01T00:00:00Z
constexpr qint64 Min = 60000;

Candle candle(qint64 openTime, double price)
{
    Candle c;
    c.openTime = openTime;
    c.open = price;
    c.high = price + 2;
    c.low = price - 1;
    c.close = price + 1;
    c.volume = 10;
    c.quoteVolume = 10 * price;
    c.trades = 7;
    c.takerBuyBase = 4;
    c.takerBuyQuote = 4 * price;
    return c;
}

CandleBatch minutes(qint64 from, int n, double base = 100)
{
    CandleBatch out;
    for (int i = 0; i < n; ++i)
        out.append(candle(from + i * Min, base + i));
    return out;
}

// A candle from the texts an exchange serves (open, high, low, close, volume, quote volume, taker
// buy base, taker buy quote), parsed as the Binance parsers do: long quote values carry their
// exact units beside the double.
Candle served(qint64 openTime, const std::array<const char *, 8> &text, qint64 trades)
{
    double v[8];
    for (int i = 0; i < 8; ++i)
        std::from_chars(text[i], text[i] + std::strlen(text[i]), v[i]);
    Candle c;
    c.openTime = openTime;
    c.open = v[0];
    c.high = v[1];
    c.low = v[2];
    c.close = v[3];
    c.volume = v[4];
    c.quoteVolume = v[5];
    c.quoteVolumeE8 = DecimalUnits::quoteUnitsOf(text[5]);
    c.trades = trades;
    c.takerBuyBase = v[6];
    c.takerBuyQuote = v[7];
    c.takerBuyQuoteE8 = DecimalUnits::quoteUnitsOf(text[7]);
    return c;
}

const SeriesKey Btc{QStringLiteral("binance"), QStringLiteral("BTCUSDT"), Interval::M1};
const SeriesKey Eth{QStringLiteral("binance"), QStringLiteral("ETHUSDT"), Interval::M1};

using Access = CandleDatabase::Access;

} // namespace

class TestStoreContract : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    PostgresServer m_pg;
    bool m_pgStarted = false;
    int m_next = 0;
    QString m_error;

    bool isPostgres() const
    {
        QFETCH_GLOBAL(QString, backend);
        return backend == QLatin1StringView("postgresql");
    }
    // A new, empty database of the backend under test: a file path or a URL.
    QString freshLocation()
    {
        const QString name = QStringLiteral("db%1").arg(++m_next);
        if (!isPostgres())
            return m_dir.filePath(name + QStringLiteral(".sqlite"));
        if (!m_pg.createDatabase(name))
            return m_error = m_pg.errorString(), QString();
        return m_pg.url(name);
    }
    std::unique_ptr<CandleStore> freshStore(QString *location = nullptr)
    {
        const QString where = freshLocation();
        if (location)
            *location = where;
        if (where.isEmpty())
            return {};
        auto store = CandleDatabase::openStore(where, Access::ReadWrite);
        if (!store->isOpen())
            return m_error = store->errorString(), nullptr;
        return store;
    }
    // Runs `sql` on the database at `location` with a connection of its own.
    bool exec(const QString &location, const char *sql)
    {
        if (!isPostgres())
            return Testing::execSql(location, sql);
        return m_pg.exec(QUrl(location).path().mid(1), QString::fromUtf8(sql));
    }

private slots:
    void initTestCase_data()
    {
        QTest::addColumn<QString>("backend");
        QTest::newRow("sqlite") << QStringLiteral("sqlite");
        QTest::newRow("postgresql") << QStringLiteral("postgresql");
    }

    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        if (PostgresServer::available())
            QVERIFY2((m_pgStarted = m_pg.start()), qPrintable(m_pg.errorString()));
    }

    void init()
    {
        if (isPostgres() && !m_pgStarted)
            QSKIP("PostgreSQL 15 is not installed (/usr/lib/postgresql/15/bin)");
    }

    void writeAndReadBack()
    {
        auto store = freshStore();
        QVERIFY2(store, qPrintable(m_error));
        const CandleBatch batch = minutes(T0, 100);
        QVERIFY(store->write(Btc, batch, {{T0, T0 + 100 * Min}}));
        QCOMPARE(store->read(Btc, {T0, T0 + 100 * Min}), batch);
        QCOMPARE(store->read(Btc, {T0 + 10 * Min, T0 + 20 * Min}), batch.mid(10, 10));
        QCOMPARE(store->count(Btc, {T0, T0 + 100 * Min}), 100);
        QCOMPARE(store->lastOpenTime(Btc), std::optional<qint64>(T0 + 99 * Min));
        QCOMPARE(store->storedSpan(Btc, {0, T0 + 1000 * Min}), (TimeRange{T0, T0 + 99 * Min + 1}));
        QVERIFY(store->read(Eth, {T0, T0 + 100 * Min}).isEmpty());
        QVERIFY(!store->lastOpenTime(Eth).has_value());
        QVERIFY(!store->hasError());
    }

    void valuesRoundTripExactly()
    {
        auto store = freshStore();
        QVERIFY2(store, qPrintable(m_error));
        Candle c = candle(T0, 0.1 + 0.2);
        c.high = 12345.678901234567;
        c.low = 1e-9;
        c.volume = 5e-324; // the smallest double
        c.quoteVolume = 1.7976931348623157e308;
        c.trades = std::numeric_limits<qint64>::max();
        c.takerBuyBase = -0.0;
        QVERIFY(store->write(Btc, {c}));
        QCOMPARE(store->read(Btc, {T0, T0 + Min}), CandleBatch{c});
        Candle forming = c;
        forming.openTime += Min;
        forming.closed = false;
        QVERIFY(store->writePartial(Btc, forming));
        QCOMPARE(store->partial(Btc), std::optional<Candle>(forming));
    }

    // 17-digit quote volumes (more than a double holds) and many-decimal prices come back as
    // the exchange wrote them, closed and forming.
    void servedDecimalsComeBackExactly()
    {
        auto store = freshStore();
        QVERIFY2(store, qPrintable(m_error));
        // Two series: their magnitudes differ by 10^17.
        const CandleBatch written{
            served(T0,
                   {"66312.40000000", "66400.99000000", "66200.00000000", "66399.98000000",
                    "1234.56789012", "123456789.12345678", "617.28394506", "98765432.10987654"},
                   1234567),
            served(T0,
                   {"0.00001234", "0.00001299", "0.00001201", "0.00001250",
                    "9876543210987.00000000", "81234567890.12345678", "4938271605493.00000000",
                    "40617283945.06172839"},
                   7),
        };
        QCOMPARE(written[0].quoteVolumeE8, 12345678912345678);
        QVERIFY(store->write(Btc, {written[0]}));
        QVERIFY(store->write(Eth, {written[1]}));
        Candle forming = written[0];
        forming.openTime = T0 + Min;
        forming.closed = false;
        QVERIFY(store->writePartial(Btc, forming));
        const CandleBatch read
            = store->read(Btc, {T0, T0 + Min}) + store->read(Eth, {T0, T0 + Min});
        QCOMPARE(read, written);
        for (int i = 0; i < 2; ++i) {
            QCOMPARE(read[i].quoteVolumeE8, written[i].quoteVolumeE8);
            QCOMPARE(read[i].takerBuyQuoteE8, written[i].takerBuyQuoteE8);
        }
        const std::optional<Candle> partial = store->partial(Btc);
        QVERIFY(partial);
        QCOMPARE(partial->quoteVolumeE8, 12345678912345678);
        QCOMPARE(partial->takerBuyQuoteE8, 9876543210987654);
    }

    // Candles needing more decimals than the stored ones (or none at all) keep what is stored;
    // a value that is not a number is refused and changes nothing.
    void widerDecimalsKeepTheStoredCandles()
    {
        auto store = freshStore();
        QVERIFY2(store, qPrintable(m_error));
        CandleBatch all = minutes(T0, 10); // whole numbers
        QVERIFY(store->write(Btc, all));
        // 0.1 + 0.2 needs 17 decimals, at which 100.12345678 and the stored whole numbers overflow.
        CandleBatch more{candle(T0 + 10 * Min, 100.12345678), candle(T0 + 11 * Min, 0.1 + 0.2)};
        QVERIFY2(store->write(Btc, more), qPrintable(store->errorString()));
        all += more;
        QCOMPARE(store->read(Btc, {T0, T0 + 20 * Min}), all);
        const CandleBatch tiny{candle(T0 + 12 * Min, 1e-30)};
        QVERIFY2(store->write(Btc, tiny), qPrintable(store->errorString()));
        all += tiny;
        QCOMPARE(store->read(Btc, {T0, T0 + 20 * Min}), all);
        QVERIFY(!store->write(Btc, {candle(T0 + 13 * Min, std::nan(""))}));
        QVERIFY(store->hasError());
        QCOMPARE(store->read(Btc, {T0, T0 + 20 * Min}), all);
        QCOMPARE(store->count(Btc, {T0, T0 + 20 * Min}), 13);
    }

    // writeAll(): the batches and the coverage in one transaction. Aborted after two
    // batches, or failing in the third, nothing of it is stored (not even the series); ended,
    // all of it, counted once. Bulk rows (new, in order), rows over stored ones, a batch that
    // needs more decimals than the ones before it and a batch out of order go together.
    void writeAllIsOneTransaction()
    {
        auto store = freshStore();
        QVERIFY2(store, qPrintable(m_error));
        QList<CandleBatch> batches{minutes(T0, 300),
                                   minutes(T0 + 300 * Min, 300, 500),
                                   {candle(T0 + 600 * Min, std::nan(""))}};
        const auto source = [&batches](qsizetype &next, CandleStore::NextBatch last) {
            return [&batches, &next, last](CandleBatch &batch) {
                if (next == batches.size())
                    return last;
                batch = batches.at(next++);
                return CandleStore::NextBatch::Batch;
            };
        };
        const TimeRange all{T0, T0 + 601 * Min};
        qsizetype next = 0;
        QVERIFY(!store->writeAll(Btc, source(next, CandleStore::NextBatch::End), {all}));
        QCOMPARE(next, 3);
        QVERIFY2(store->errorString().contains(QStringLiteral("not a number")),
                 qPrintable(store->errorString()));
        batches.last() = {candle(T0 + 600 * Min, 0.1 + 0.2)};
        next = 1;
        QVERIFY(!store->writeAll(Btc, source(next, CandleStore::NextBatch::Abort), {all}));
        QCOMPARE(next, 3);
        QVERIFY(store->hasError());
        QCOMPARE(store->count(Btc, all), 0);
        QCOMPARE(store->coverage(Btc), TimeRanges());
        QVERIFY(store->seriesList().isEmpty());

        QVERIFY(store->write(Btc, minutes(T0 + 100 * Min, 5, 7))); // stored before, replaced
        next = 0;
        QVERIFY2(store->writeAll(Btc, source(next, CandleStore::NextBatch::End), {all}),
                 qPrintable(store->errorString()));
        QCOMPARE(store->read(Btc, all), batches.at(0) + batches.at(1) + batches.at(2));
        QCOMPARE(store->coverage(Btc), TimeRanges{all});
        QList<SeriesInfo> series = store->seriesList();
        QCOMPARE(series.size(), 1);
        QCOMPARE(series.first().candleCount, 601);

        CandleBatch reversed{candle(T0 + 602 * Min, 3), candle(T0 + 601 * Min, 2)};
        QVERIFY(store->write(Btc, reversed + reversed));
        QCOMPARE(store->seriesList().first().candleCount, 603);
        QCOMPARE(store->read(Btc, {T0 + 601 * Min, T0 + 603 * Min}),
                 (CandleBatch{reversed.at(1), reversed.at(0)}));
    }

    // writeAllEncoded(): consecutive rows may come without their candles (the import's
    // parsers keep theirs). Every store stores them as the candles they encode, in the same one
    // transaction as batches with candles: SQLite takes the bytes (or decodes them when the
    // series is stored at other decimals), PostgreSQL decodes them. Rows alone that are not
    // consecutive (their open times unknown) fail the write, and nothing of it is stored.
    void rowsAloneAreStoredAsTheirCandles()
    {
        auto store = freshStore();
        QVERIFY2(store, qPrintable(m_error));
        const auto rowsAlone = [](const CandleBatch &candles) {
            CandleCodec::Encoding e;
            CandleStore::EncodedBatch batch;
            if (!CandleCodec::encodeRows(e, Interval::M1, candles, batch.rows))
                qFatal("cannot encode");
            return batch;
        };
        const auto withCandles = [](const CandleBatch &candles) {
            CandleStore::EncodedBatch batch;
            batch.candles = candles;
            return batch;
        };
        const auto writeEncoded = [&store](const QList<CandleStore::EncodedBatch> &batches,
                                           const TimeRanges &coverage) {
            qsizetype next = 0;
            return store->writeAllEncoded(
                Btc,
                [&](CandleStore::EncodedBatch &batch) {
                    if (next == batches.size())
                        return CandleStore::NextBatch::End;
                    batch = batches.at(next++);
                    return CandleStore::NextBatch::Batch;
                },
                coverage);
        };
        const CandleBatch candles = minutes(T0, 300) + minutes(T0 + 300 * Min, 300, 500);
        const TimeRange all{T0, T0 + 700 * Min};
        CandleStore::EncodedBatch gap = rowsAlone(minutes(T0 + 600 * Min, 50)
                                                  + minutes(T0 + 651 * Min, 49));
        QVERIFY(!gap.rows.consecutive);
        QVERIFY(!writeEncoded({rowsAlone(candles.mid(0, 300)), gap}, {all}));
        QVERIFY(store->hasError());
        QCOMPARE(store->count(Btc, all), 0);
        QVERIFY(store->seriesList().isEmpty());

        QVERIFY2(writeEncoded({rowsAlone(candles.mid(0, 100)), withCandles(candles.mid(100, 100)),
                               rowsAlone(candles.mid(200, 400))},
                              {{T0, T0 + 600 * Min}}),
                 qPrintable(store->errorString()));
        QCOMPARE(store->read(Btc, all), candles);
        QCOMPARE(store->seriesList().first().candleCount, 600);
        QCOMPARE(store->coverage(Btc), (TimeRanges{{T0, T0 + 600 * Min}}));

        // The series at two decimals now: rows at none are decoded and stored at two.
        CandleBatch wider = minutes(T0 + 600 * Min, 10);
        wider[0].close = 100.25;
        QVERIFY(store->write(Btc, wider));
        const CandleBatch later = minutes(T0 + 610 * Min, 90, 900);
        QVERIFY2(writeEncoded({rowsAlone(later)}, {all}), qPrintable(store->errorString()));
        QCOMPARE(store->read(Btc, all), candles + wider + later);
        QCOMPARE(store->coverage(Btc), TimeRanges{all});
    }

    void upsertIsIdempotent()
    {
        auto store = freshStore();
        QVERIFY2(store, qPrintable(m_error));
        const CandleBatch batch = minutes(T0, 50);
        QVERIFY(store->write(Btc, batch));
        QVERIFY(store->write(Btc, batch));
        QVERIFY(store->write(Btc, batch.mid(10, 5)));
        QCOMPARE(store->count(Btc, {T0, T0 + 50 * Min}), 50);
        // A corrected candle replaces the stored one.
        CandleBatch fixed{candle(T0 + 3 * Min, 500)};
        QVERIFY(store->write(Btc, fixed));
        QCOMPARE(store->read(Btc, {T0 + 3 * Min, T0 + 4 * Min}), fixed);
        QCOMPARE(store->count(Btc, {T0, T0 + 50 * Min}), 50);
        QCOMPARE(store->seriesList().value(0).candleCount, 50);
    }

    void batchWithRepeatedOpenTimeKeepsTheLast()
    {
        auto store = freshStore();
        QVERIFY2(store, qPrintable(m_error));
        const CandleBatch batch{candle(T0, 100), candle(T0 + Min, 101), candle(T0, 102)};
        QVERIFY2(store->write(Btc, batch), qPrintable(store->errorString()));
        QCOMPARE(store->count(Btc, {T0, T0 + 2 * Min}), 2);
        QCOMPARE(store->read(Btc, {T0, T0 + Min}).value(0).open, 102.0);
        QCOMPARE(store->seriesList().value(0).candleCount, 2);
    }

    void closedReplacesPartial()
    {
        auto store = freshStore();
        QVERIFY2(store, qPrintable(m_error));
        Candle forming = candle(T0, 100);
        forming.closed = false;
        QVERIFY(store->writePartial(Btc, forming));
        QCOMPARE(store->partial(Btc), std::optional<Candle>(forming));
        forming.close = 105;
        QVERIFY(store->writePartial(Btc, forming));
        QCOMPARE(store->partial(Btc), std::optional<Candle>(forming));
        QCOMPARE(store->count(Btc, {T0, T0 + Min}), 0); // partials are not history
        QVERIFY(store->write(Btc, {candle(T0, 101)}));
        QVERIFY(!store->partial(Btc).has_value());
        QCOMPARE(store->read(Btc, {T0, T0 + Min}).value(0).open, 101.0);
    }

    void coverageMerges()
    {
        auto store = freshStore();
        QVERIFY2(store, qPrintable(m_error));
        QVERIFY(store->addCoverage(Btc, {T0, T0 + 10 * Min}));
        QVERIFY(store->addCoverage(Btc, {T0 + 20 * Min, T0 + 30 * Min}));
        QCOMPARE(store->coverage(Btc),
                 (TimeRanges{{T0, T0 + 10 * Min}, {T0 + 20 * Min, T0 + 30 * Min}}));
        QCOMPARE(store->missing(Btc, {T0, T0 + 40 * Min}),
                 (TimeRanges{{T0 + 10 * Min, T0 + 20 * Min}, {T0 + 30 * Min, T0 + 40 * Min}}));
        QVERIFY(store->addCoverage(Btc, {T0 + 10 * Min, T0 + 20 * Min})); // adjacent on both sides
        QCOMPARE(store->coverage(Btc), (TimeRanges{{T0, T0 + 30 * Min}}));
        QVERIFY(store->addCoverage(Btc, {T0 + 25 * Min, T0 + 45 * Min})); // overlapping
        QCOMPARE(store->coverage(Btc), (TimeRanges{{T0, T0 + 45 * Min}}));
        QVERIFY(store->coverage(Eth).isEmpty());
    }

    // Several series in one call: each stored with its coverage as write() stores it; when one
    // fails, the series before it are stored or not as `committed` says (SQLite: one
    // transaction, none of them), and none after it.
    void writeSeriesStoresEachSeries()
    {
        auto store = freshStore();
        QVERIFY2(store, qPrintable(m_error));
        const SeriesKey sol{QStringLiteral("binance"), QStringLiteral("SOLUSDT"), Interval::M1};
        const QList<CandleStore::SeriesWrite> writes{
            {Btc, minutes(T0, 10), {{T0, T0 + 10 * Min}}},
            {Eth, minutes(T0 + 5 * Min, 3, 2000), {{T0, T0 + 8 * Min}}}};
        qsizetype committed = -1;
        QVERIFY2(store->writeSeries(writes, committed), qPrintable(store->errorString()));
        QCOMPARE(committed, 2);
        for (const CandleStore::SeriesWrite &w : writes) {
            QCOMPARE(store->read(w.key, {T0, T0 + 100 * Min}), w.candles);
            QCOMPARE(store->coverage(w.key), w.coverage);
        }
        QCOMPARE(store->seriesList().size(), 2);

        CandleBatch bad = minutes(T0 + 20 * Min, 2);
        bad[1].close = std::numeric_limits<double>::quiet_NaN();
        const QList<CandleStore::SeriesWrite> failing{{sol, minutes(T0, 4), {{T0, T0 + 4 * Min}}},
                                                      {Btc, bad, {{T0 + 20 * Min, T0 + 22 * Min}}},
                                                      {Eth, minutes(T0 + 30 * Min, 2), {}}};
        QVERIFY(!store->writeSeries(failing, committed));
        QVERIFY(store->errorString().contains(Btc.toString()));
        QCOMPARE(committed, isPostgres() ? 1 : 0);
        QCOMPARE(store->read(sol, {T0, T0 + 100 * Min}).size(), committed > 0 ? 4 : 0);
        QCOMPARE(store->coverage(sol).size(), committed > 0 ? 1 : 0);
        QCOMPARE(store->read(Btc, {T0, T0 + 100 * Min}), writes[0].candles);
        QCOMPARE(store->coverage(Btc), writes[0].coverage);
        QCOMPARE(store->read(Eth, {T0, T0 + 100 * Min}), writes[1].candles);
        QCOMPARE(store->seriesList().size(), committed > 0 ? 3 : 2);
    }

    void coveragePersistsAcrossReopen()
    {
        QString location;
        {
            auto store = freshStore(&location);
            QVERIFY2(store, qPrintable(m_error));
            QVERIFY(store->write(Btc, minutes(T0, 10), {{T0, T0 + 10 * Min}}));
        }
        auto store = CandleDatabase::openStore(location, Access::ReadWrite);
        QVERIFY2(store->isOpen(), qPrintable(store->errorString()));
        QCOMPARE(store->coverage(Btc), (TimeRanges{{T0, T0 + 10 * Min}}));
        QCOMPARE(store->count(Btc, {T0, T0 + 10 * Min}), 10);
    }

    void wideRangeReadsOnlyWhatIsStored()
    {
        auto store = freshStore();
        QVERIFY2(store, qPrintable(m_error));
        const SeriesKey secs{QStringLiteral("binance"), QStringLiteral("BTCUSDT"), Interval::S1};
        CandleBatch batch;
        for (int i = 0; i < 10; ++i)
            batch.append(candle(T0 + i * 1000, 100 + i));
        QVERIFY(store->write(secs, batch));
        // Asking for all time must not reserve a slot per second since 1970.
        const CandleBatch all = store->read(secs, {0, std::numeric_limits<qint64>::max()});
        QCOMPARE(all, batch);
        QVERIFY(all.capacity() < 1000);
    }

    void cursorReadsInChunks()
    {
        auto store = freshStore();
        QVERIFY2(store, qPrintable(m_error));
        const CandleBatch batch = minutes(T0, 1000);
        QVERIFY(store->write(Btc, batch));
        CandleCursor cursor = store->cursor(Btc, {T0 + 5 * Min, T0 + 995 * Min}, 128);
        CandleBatch all;
        int chunks = 0;
        while (!cursor.atEnd()) {
            const CandleBatch chunk = cursor.next();
            QVERIFY(chunk.size() <= 128);
            all += chunk;
            ++chunks;
        }
        QCOMPARE(all, batch.mid(5, 990));
        QCOMPARE(chunks, 8);
        QVERIFY(cursor.next().isEmpty());
    }

    void seriesListReportsCountsAndGaps()
    {
        auto store = freshStore();
        QVERIFY2(store, qPrintable(m_error));
        QVERIFY(store->write(Eth, minutes(T0, 3), {{T0, T0 + 3 * Min}}));
        QVERIFY(store->write(Btc, minutes(T0, 10), {{T0, T0 + 10 * Min}}));
        QVERIFY(store->write(Btc, minutes(T0 + 20 * Min, 5), {{T0 + 20 * Min, T0 + 25 * Min}}));
        const QList<SeriesInfo> list = store->seriesList();
        QCOMPARE(list.size(), 2);
        QCOMPARE(list[0].key, Btc);
        QCOMPARE(list[0].candleCount, 15);
        QCOMPARE(list[0].firstOpen, T0);
        QCOMPARE(list[0].lastOpen, T0 + 24 * Min);
        QCOMPARE(list[0].coverage.size(), 2);
        QCOMPARE(list[0].missingCandles, 10);
        QCOMPARE(list[1].key, Eth);
        QCOMPARE(list[1].candleCount, 3);
        QCOMPARE(list[1].missingCandles, 0);
    }

    void symbolsCache()
    {
        auto store = freshStore();
        QVERIFY2(store, qPrintable(m_error));
        QCOMPARE(store->symbolsFetchedAt(QStringLiteral("binance")), 0);
        const SymbolList list{{QStringLiteral("BTCUSDT"), QStringLiteral("BTC"),
                               QStringLiteral("USDT"), QStringLiteral("TRADING"), 0.01},
                              {QStringLiteral("ETH\"BTC"), QStringLiteral("ETH\\"),
                               QStringLiteral("BTC, {x}"), QStringLiteral("BREAK"), 0.00001}};
        QVERIFY(store->saveSymbols(QStringLiteral("binance"), list, T0));
        QCOMPARE(store->symbols(QStringLiteral("binance")), list);
        QCOMPARE(store->symbolsFetchedAt(QStringLiteral("binance")), T0);
        QVERIFY(store->saveSymbols(QStringLiteral("binance"), list.mid(0, 1), T0 + 1));
        QCOMPARE(store->symbols(QStringLiteral("binance")).size(), 1);
        QCOMPARE(store->symbolsFetchedAt(QStringLiteral("binance")), T0 + 1);
        QVERIFY(store->symbols(QStringLiteral("okx")).isEmpty());
    }

    void readOnlyRefusesWritesAndEmptyDatabases()
    {
        QString location;
        {
            auto store = freshStore(&location);
            QVERIFY2(store, qPrintable(m_error));
            QVERIFY(store->write(Btc, minutes(T0, 5)));
        }
        auto store = CandleDatabase::openStore(location, Access::ReadOnly);
        QVERIFY2(store->isOpen(), qPrintable(store->errorString()));
        QCOMPARE(store->count(Btc, {T0, T0 + 5 * Min}), 5);
        QVERIFY(!store->write(Btc, minutes(T0 + 5 * Min, 5)));
        QVERIFY(!store->errorString().isEmpty());
        QCOMPARE(store->count(Btc, {T0, T0 + 10 * Min}), 5);

        const QString empty = freshLocation();
        QVERIFY2(!empty.isEmpty(), qPrintable(m_error));
        auto none = CandleDatabase::openStore(empty, Access::ReadOnly);
        QVERIFY(!none->isOpen());
        QVERIFY(!none->errorString().isEmpty());
        QVERIFY(none->read(Btc, {T0, T0 + Min}).isEmpty());
        QVERIFY(none->hasError());
    }

    void newerSchemaIsRefused()
    {
        QString location;
        {
            auto store = freshStore(&location);
            QVERIFY2(store, qPrintable(m_error));
            QVERIFY(store->write(Btc, minutes(T0, 5)));
        }
        QVERIFY(exec(location, "UPDATE schema_version SET version = 99"));
        for (Access access : {Access::ReadWrite, Access::ReadOnly}) {
            auto store = CandleDatabase::openStore(location, access);
            QVERIFY(!store->isOpen());
            QVERIFY2(store->errorString().contains(QStringLiteral("newer Candlewick")),
                     qPrintable(store->errorString()));
        }
        const int current
            = isPostgres() ? PostgresCandleStore::SchemaVersion : SqliteCandleStore::SchemaVersion;
        const QByteArray restore
            = "UPDATE schema_version SET version = " + QByteArray::number(current);
        QVERIFY(exec(location, restore.constData()));
        auto store = CandleDatabase::openStore(location, Access::ReadOnly);
        QVERIFY2(store->isOpen(), qPrintable(store->errorString()));
        QCOMPARE(store->count(Btc, {T0, T0 + 5 * Min}), 5);
    }

    void foreignDatabaseIsRefusedAndKept()
    {
        const QString location = freshLocation();
        QVERIFY2(!location.isEmpty(), qPrintable(m_error));
        QVERIFY(exec(location, "CREATE TABLE notes (body TEXT)"));
        for (Access access : {Access::ReadWrite, Access::ReadOnly}) {
            auto store = CandleDatabase::openStore(location, access);
            QVERIFY(!store->isOpen());
            QVERIFY2(store->errorString().contains(QStringLiteral("Not a Candlewick database")),
                     qPrintable(store->errorString()));
        }
        // Nothing of Candlewick's was added.
        QVERIFY(!exec(location, "SELECT version FROM schema_version"));
        QVERIFY(exec(location, "SELECT body FROM notes"));
    }
};

QTEST_GUILESS_MAIN(TestStoreContract)
#include "tst_storecontract.moc"
