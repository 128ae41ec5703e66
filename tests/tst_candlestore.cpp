#include <sqlitecandlestore.h>
#include <databasefiles.h>

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <latch>
#include <limits>
#include <thread>

#include <sqlite3.h>

using namespace Candlewick;
using Candlewick::Testing::damagePages;
using Candlewick::Testing::execSql;
using Candlewick::Testing::fileHash;

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

const SeriesKey Btc{QStringLiteral("binance"), QStringLiteral("BTCUSDT"), Interval::M1};
const SeriesKey Eth{QStringLiteral("binance"), QStringLiteral("ETHUSDT"), Interval::M1};

} // namespace

Q_DECLARE_METATYPE(Candlewick::TimeRange)

class TestCandleStore : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString dbPath(const char *name) const { return m_dir.filePath(QString::fromLatin1(name)); }

private slots:
    void createsMissingDirectory()
    {
        const QString path = m_dir.filePath(QStringLiteral("a/b/c/candles.sqlite"));
        SqliteCandleStore store;
        QVERIFY2(store.open(path), qPrintable(store.errorString()));
        QVERIFY(QFile::exists(path));
    }

    void writeAndReadBack()
    {
        SqliteCandleStore store;
        QVERIFY(store.open(dbPath("rw.sqlite")));
        const CandleBatch batch = minutes(T0, 100);
        QVERIFY(store.write(Btc, batch, {{T0, T0 + 100 * Min}}));
        QCOMPARE(store.read(Btc, {T0, T0 + 100 * Min}), batch);
        QCOMPARE(store.read(Btc, {T0 + 10 * Min, T0 + 20 * Min}), batch.mid(10, 10));
        QCOMPARE(store.count(Btc, {T0, T0 + 100 * Min}), 100);
        QCOMPARE(store.lastOpenTime(Btc), std::optional<qint64>(T0 + 99 * Min));
        QVERIFY(store.read(Eth, {T0, T0 + 100 * Min}).isEmpty());
        QVERIFY(!store.lastOpenTime(Eth).has_value());
    }

    void upsertIsIdempotent()
    {
        SqliteCandleStore store;
        QVERIFY(store.open(dbPath("idem.sqlite")));
        const CandleBatch batch = minutes(T0, 50);
        QVERIFY(store.write(Btc, batch));
        QVERIFY(store.write(Btc, batch));
        QVERIFY(store.write(Btc, batch.mid(10, 5)));
        QCOMPARE(store.count(Btc, {T0, T0 + 50 * Min}), 50);
        // A corrected candle replaces the stored one.
        CandleBatch fixed{candle(T0 + 3 * Min, 500)};
        QVERIFY(store.write(Btc, fixed));
        QCOMPARE(store.read(Btc, {T0 + 3 * Min, T0 + 4 * Min}), fixed);
        QCOMPARE(store.count(Btc, {T0, T0 + 50 * Min}), 50);
    }

    void closedReplacesPartial()
    {
        SqliteCandleStore store;
        QVERIFY(store.open(dbPath("partial.sqlite")));
        Candle forming = candle(T0, 100);
        forming.closed = false;
        QVERIFY(store.writePartial(Btc, forming));
        QCOMPARE(store.partial(Btc), std::optional<Candle>(forming));
        QCOMPARE(store.count(Btc, {T0, T0 + Min}), 0); // partials are not history
        QVERIFY(store.write(Btc, {candle(T0, 101)}));
        QVERIFY(!store.partial(Btc).has_value());
        QCOMPARE(store.read(Btc, {T0, T0 + Min}).value(0).open, 101.0);
    }

    void coverageMerges()
    {
        SqliteCandleStore store;
        QVERIFY(store.open(dbPath("cov.sqlite")));
        QVERIFY(store.addCoverage(Btc, {T0, T0 + 10 * Min}));
        QVERIFY(store.addCoverage(Btc, {T0 + 20 * Min, T0 + 30 * Min}));
        QCOMPARE(store.coverage(Btc),
                 (TimeRanges{{T0, T0 + 10 * Min}, {T0 + 20 * Min, T0 + 30 * Min}}));
        QCOMPARE(store.missing(Btc, {T0, T0 + 40 * Min}),
                 (TimeRanges{{T0 + 10 * Min, T0 + 20 * Min}, {T0 + 30 * Min, T0 + 40 * Min}}));
        QVERIFY(store.addCoverage(Btc, {T0 + 10 * Min, T0 + 20 * Min})); // adjacent on both sides
        QCOMPARE(store.coverage(Btc), (TimeRanges{{T0, T0 + 30 * Min}}));
        QVERIFY(store.addCoverage(Btc, {T0 + 25 * Min, T0 + 45 * Min})); // overlapping
        QCOMPARE(store.coverage(Btc), (TimeRanges{{T0, T0 + 45 * Min}}));
        QVERIFY(store.coverage(Eth).isEmpty());
    }

    void coveragePersistsAcrossReopen()
    {
        const QString path = dbPath("reopen.sqlite");
        {
            SqliteCandleStore store;
            QVERIFY(store.open(path));
            QVERIFY(store.write(Btc, minutes(T0, 10), {{T0, T0 + 10 * Min}}));
        }
        SqliteCandleStore store;
        QVERIFY(store.open(path));
        QCOMPARE(store.coverage(Btc), (TimeRanges{{T0, T0 + 10 * Min}}));
        QCOMPARE(store.count(Btc, {T0, T0 + 10 * Min}), 10);
    }

    void wideRangeReadsOnlyWhatIsStored()
    {
        SqliteCandleStore store;
        QVERIFY(store.open(dbPath("wide.sqlite")));
        const SeriesKey secs{QStringLiteral("binance"), QStringLiteral("BTCUSDT"), Interval::S1};
        CandleBatch batch;
        for (int i = 0; i < 10; ++i)
            batch.append(candle(T0 + i * 1000, 100 + i));
        QVERIFY(store.write(secs, batch));
        // Asking for all time must not reserve a slot per second since 1970.
        const CandleBatch all = store.read(secs, {0, std::numeric_limits<qint64>::max()});
        QCOMPARE(all, batch);
        QVERIFY(all.capacity() < 1000);
    }

    void cursorReadsInChunks()
    {
        SqliteCandleStore store;
        QVERIFY(store.open(dbPath("cursor.sqlite")));
        const CandleBatch batch = minutes(T0, 1000);
        QVERIFY(store.write(Btc, batch));
        CandleCursor cursor = store.cursor(Btc, {T0 + 5 * Min, T0 + 995 * Min}, 128);
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
        SqliteCandleStore store;
        QVERIFY(store.open(dbPath("list.sqlite")));
        QVERIFY(store.write(Btc, minutes(T0, 10), {{T0, T0 + 10 * Min}}));
        QVERIFY(store.write(Btc, minutes(T0 + 20 * Min, 5), {{T0 + 20 * Min, T0 + 25 * Min}}));
        QVERIFY(store.write(Eth, minutes(T0, 3), {{T0, T0 + 3 * Min}}));
        const QList<SeriesInfo> list = store.seriesList();
        QCOMPARE(list.size(), 2);
        QCOMPARE(list[0].key, Btc);
        QCOMPARE(list[0].candleCount, 15);
        QCOMPARE(list[0].firstOpen, T0);
        QCOMPARE(list[0].lastOpen, T0 + 24 * Min);
        QCOMPARE(list[0].coverage.size(), 2);
        QCOMPARE(list[0].missingCandles, 10);
        QCOMPARE(list[1].key, Eth);
        QCOMPARE(list[1].missingCandles, 0);
    }

    void symbolsCache()
    {
        SqliteCandleStore store;
        QVERIFY(store.open(dbPath("symbols.sqlite")));
        QCOMPARE(store.symbolsFetchedAt(QStringLiteral("binance")), 0);
        const SymbolList list{{QStringLiteral("BTCUSDT"), QStringLiteral("BTC"),
                               QStringLiteral("USDT"), QStringLiteral("TRADING"), 0.01},
                              {QStringLiteral("ETHBTC"), QStringLiteral("ETH"),
                               QStringLiteral("BTC"), QStringLiteral("BREAK"), 0.00001}};
        QVERIFY(store.saveSymbols(QStringLiteral("binance"), list, T0));
        QCOMPARE(store.symbols(QStringLiteral("binance")), list);
        QCOMPARE(store.symbolsFetchedAt(QStringLiteral("binance")), T0);
        QVERIFY(store.saveSymbols(QStringLiteral("binance"), list.mid(0, 1), T0 + 1));
        QCOMPARE(store.symbols(QStringLiteral("binance")).size(), 1);
    }

    // Issue 15 #1: a newer schema is refused with a message (it crashed: double finalize).
    void newerSchemaIsRefusedAndKept()
    {
        const QString path = dbPath("newer.sqlite");
        {
            SqliteCandleStore store;
            QVERIFY(store.open(path));
            QVERIFY(store.write(Btc, minutes(T0, 5)));
        }
        QVERIFY(execSql(path, "UPDATE schema_version SET version = 99"));
        const QByteArray before = fileHash(path);
        for (auto mode :
             {SqliteCandleStore::OpenMode::ReadWrite, SqliteCandleStore::OpenMode::ReadOnly}) {
            SqliteCandleStore store;
            QVERIFY(!store.open(path, mode));
            QVERIFY2(store.errorString().contains(QStringLiteral("newer Candlewick")),
                     qPrintable(store.errorString()));
            QVERIFY(!store.isOpen());
        }
        QCOMPARE(fileHash(path), before);
    }

    // Issue 15 #1: a half-written schema (no version row) is not taken for a new database.
    void missingSchemaVersionIsRefusedAndKept()
    {
        const QString path = dbPath("noversion.sqlite");
        {
            SqliteCandleStore store;
            QVERIFY(store.open(path));
            QVERIFY(store.write(Btc, minutes(T0, 5)));
        }
        QVERIFY(execSql(path, "DELETE FROM schema_version"));
        const QByteArray before = fileHash(path);
        for (auto mode :
             {SqliteCandleStore::OpenMode::ReadWrite, SqliteCandleStore::OpenMode::ReadOnly}) {
            SqliteCandleStore store;
            QVERIFY(!store.open(path, mode));
            QVERIFY2(store.errorString().contains(QStringLiteral("Not a Candlewick database")),
                     qPrintable(store.errorString()));
        }
        QCOMPARE(fileHash(path), before);
    }

    // Issue 15 #6: another application's database is refused before anything is changed (no
    // tables added, no switch to WAL).
    void foreignDatabaseIsRefusedAndKept()
    {
        const QString path = dbPath("foreign.sqlite");
        QVERIFY(execSql(path,
                        "CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT);"
                        "CREATE TABLE orders (id INTEGER PRIMARY KEY, user_id INTEGER);"
                        "INSERT INTO users (name) VALUES ('ann')"));
        const QByteArray before = fileHash(path);
        SqliteCandleStore store;
        QVERIFY(!store.open(path));
        QVERIFY2(store.errorString().contains(QStringLiteral("Not a Candlewick database")),
                 qPrintable(store.errorString()));
        QVERIFY(store.errorString().contains(path));
        QVERIFY(!store.open(path, SqliteCandleStore::OpenMode::ReadOnly));
        QCOMPARE(fileHash(path), before);
        QVERIFY(!QFile::exists(path + QStringLiteral("-wal")));
    }

    // Issue 15 #2: a damaged file is an error in every read, never "no more candles", and is not
    // written to once the damage is seen.
    void damagedFileIsAnErrorNotTheEndOfData()
    {
        const QString path = dbPath("damaged.sqlite");
        const CandleBatch twoDays = minutes(T0, 2880);
        {
            SqliteCandleStore store;
            QVERIFY(store.open(path));
            QVERIFY(store.write(Btc, twoDays, {{T0, T0 + 2880 * Min}}));
        }
        QVERIFY(damagePages(path, 20, 5));
        const QByteArray before = fileHash(path);
        const TimeRange all{T0, T0 + 2880 * Min};
        SqliteCandleStore store;
        QVERIFY2(store.open(path), qPrintable(store.errorString()));

        QVERIFY(store.read(Btc, all).isEmpty());
        QVERIFY(store.hasError());
        QVERIFY2(store.errorString().contains(QStringLiteral("integrity_check")),
                 qPrintable(store.errorString()));
        QVERIFY(store.errorString().contains(path));

        CandleCursor cursor = store.cursor(Btc, all, 500);
        qint64 read = 0;
        while (!cursor.atEnd())
            read += cursor.next().size();
        QVERIFY(read < twoDays.size());
        QVERIFY2(cursor.errorString().contains(QStringLiteral("corrupt")),
                 qPrintable(cursor.errorString()));

        QCOMPARE(store.count(Btc, all), 0);
        QVERIFY(store.hasError());

        // A coverage read of the intact part works and clears the error.
        QCOMPARE(store.coverage(Btc), TimeRanges{all});
        QVERIFY(!store.hasError());

        // Nothing is written to a file known to be damaged.
        QVERIFY(!store.write(Btc, minutes(T0 + 2880 * Min, 10), {{T0, T0 + 2890 * Min}}));
        QVERIFY2(store.errorString().contains(QStringLiteral("damaged")),
                 qPrintable(store.errorString()));
        QVERIFY(!store.saveSymbols(QStringLiteral("binance"), {}, T0));
        store.close();
        QCOMPARE(fileHash(path), before);
    }

    // Issue 15 #4: two connections creating the same new file at once both succeed (schema
    // creation waits for the other like any write).
    void simultaneousCreationSucceeds()
    {
        for (int round = 0; round < 20; ++round) {
            const QString path = m_dir.filePath(QStringLiteral("race-%1.sqlite").arg(round));
            std::latch start(2);
            bool ok[2] = {false, false};
            QString errors[2];
            auto openAndWrite = [&](int i) {
                SqliteCandleStore store;
                start.arrive_and_wait();
                ok[i] = store.open(path) && store.write(i ? Eth : Btc, minutes(T0, 10));
                errors[i] = store.errorString();
            };
            std::thread a(openAndWrite, 0);
            std::thread b(openAndWrite, 1);
            a.join();
            b.join();
            QVERIFY2(ok[0], qPrintable(errors[0]));
            QVERIFY2(ok[1], qPrintable(errors[1]));
            SqliteCandleStore store;
            QVERIFY(store.open(path, SqliteCandleStore::OpenMode::ReadOnly));
            QCOMPARE(store.count(Btc, {T0, T0 + 10 * Min}), 10);
            QCOMPARE(store.count(Eth, {T0, T0 + 10 * Min}), 10);
        }
    }

    // An unopenable path is one clear error.
    void unopenablePathIsAnError()
    {
        SqliteCandleStore store;
        QVERIFY(!store.open(QStringLiteral("/proc/self/candles.sqlite")));
        QVERIFY2(store.errorString().startsWith(QStringLiteral("Cannot open the database")),
                 qPrintable(store.errorString()));
        QVERIFY(!store.open(QStringLiteral("/dev/null")));
        QVERIFY2(store.errorString().contains(QStringLiteral("not a regular file")),
                 qPrintable(store.errorString()));
    }

    void corruptFileIsAnErrorAndIsKept()
    {
        const QString path = dbPath("corrupt.sqlite");
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(QByteArray(8192, 'x'));
        }
        const QByteArray before = fileHash(path);
        SqliteCandleStore store;
        QVERIFY(!store.open(path));
        QVERIFY2(store.errorString().contains(QStringLiteral("corrupt")),
                 qPrintable(store.errorString()));
        QVERIFY(store.errorString().contains(path));
        QVERIFY(!store.isOpen());
        QVERIFY(!store.write(Btc, minutes(T0, 1)));
        QCOMPARE(fileHash(path), before);
    }

    void unwritablePathIsAnError()
    {
        const QString file = dbPath("plainfile");
        {
            QFile f(file);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("not a directory");
        }
        SqliteCandleStore store;
        QVERIFY(!store.open(file + QStringLiteral("/sub/candles.sqlite")));
        QVERIFY(store.errorString().contains(QStringLiteral("Cannot create")));
        QVERIFY(!store.open(m_dir.path()));
        QVERIFY(store.errorString().contains(QStringLiteral("directory")));
    }

    void readOnlyModeRefusesWrites()
    {
        const QString path = dbPath("ro.sqlite");
        {
            SqliteCandleStore store;
            QVERIFY(store.open(path));
            QVERIFY(store.write(Btc, minutes(T0, 5)));
        }
        SqliteCandleStore store;
        QVERIFY(store.open(path, SqliteCandleStore::OpenMode::ReadOnly));
        QCOMPARE(store.count(Btc, {T0, T0 + 5 * Min}), 5);
        QVERIFY(!store.write(Btc, minutes(T0 + 5 * Min, 5)));
        QVERIFY(!store.errorString().isEmpty());
        QCOMPARE(store.count(Btc, {T0, T0 + 10 * Min}), 5);
        SqliteCandleStore missing;
        QVERIFY(!missing.open(dbPath("nope.sqlite"), SqliteCandleStore::OpenMode::ReadOnly));
        QVERIFY(!QFile::exists(dbPath("nope.sqlite")));
    }

    void lockedFileIsAnError()
    {
        const QString path = dbPath("locked.sqlite");
        {
            SqliteCandleStore store;
            QVERIFY(store.open(path));
            QVERIFY(store.write(Btc, minutes(T0, 5)));
        }
        SqliteCandleStore store;
        QVERIFY(store.open(path));
        // Another process holds the write lock (an exclusive transaction on its own connection).
        sqlite3 *other = nullptr;
        QCOMPARE(sqlite3_open(path.toUtf8().constData(), &other), SQLITE_OK);
        QCOMPARE(sqlite3_exec(other, "BEGIN EXCLUSIVE", nullptr, nullptr, nullptr), SQLITE_OK);
        QVERIFY(!store.write(Btc, minutes(T0 + 5 * Min, 5)));
        QVERIFY2(store.errorString().contains(QStringLiteral("locked")),
                 qPrintable(store.errorString()));
        sqlite3_exec(other, "ROLLBACK", nullptr, nullptr, nullptr);
        sqlite3_close(other);
        QVERIFY(store.write(Btc, minutes(T0 + 5 * Min, 5)));
        QCOMPARE(store.count(Btc, {T0, T0 + 10 * Min}), 10);
    }
};

QTEST_GUILESS_MAIN(TestCandleStore)
#include "tst_candlestore.moc"
