#include <candlechunk.h>
#include <candlecodec.h>
#include <candleformat.h>
#include <databasefiles.h>
#include <decimalunits.h>
#include <sqlitecandlestore.h>

#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <charconv>
#include <cmath>
#include <cstring>
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
const SeriesKey Seconds{QStringLiteral("binance"), QStringLiteral("BTCUSDT"), Interval::S1};

// One streamed write of `batches` batches of 10,000 1s candles from batch `first` on (about
// 13 KB of WAL per 1,000 candles).
bool writeSeconds(SqliteCandleStore &store, int first, int batches)
{
    int given = 0;
    const qint64 from = T0 + qint64(first) * 10'000 * 1000;
    return store.writeAll(
        Seconds,
        [&given, from, batches](CandleBatch &batch) {
            if (given == batches)
                return CandleStore::NextBatch::End;
            for (int i = 0; i < 10'000; ++i)
                batch.append(candle(from + (qint64(given) * 10'000 + i) * 1000, 100 + i % 50));
            ++given;
            return CandleStore::NextBatch::Batch;
        },
        {{from, from + batches * 10'000 * 1000LL}});
}

// A decimal string as the klines parser reads it.
double parsed(std::string_view text)
{
    double v = 0;
    std::from_chars(text.data(), text.data() + text.size(), v);
    return v;
}

// A candle from the decimal strings of a Binance kline row, as the parser makes it.
Candle fromStrings(qint64 openTime, const std::array<std::string_view, 8> &v, qint64 trades)
{
    Candle c;
    c.openTime = openTime;
    c.open = parsed(v[0]);
    c.high = parsed(v[1]);
    c.low = parsed(v[2]);
    c.close = parsed(v[3]);
    c.volume = parsed(v[4]);
    c.quoteVolume = parsed(v[5]);
    c.quoteVolumeE8 = DecimalUnits::quoteUnitsOf(v[5]);
    c.trades = trades;
    c.takerBuyBase = parsed(v[6]);
    c.takerBuyQuote = parsed(v[7]);
    c.takerBuyQuoteE8 = DecimalUnits::quoteUnitsOf(v[7]);
    return c;
}

// The first column of the first row of `sql` on the file, or -1.
qint64 queryInt(const QString &path, const char *sql)
{
    sqlite3 *db = nullptr;
    sqlite3_stmt *st = nullptr;
    qint64 value = -1;
    if (sqlite3_open_v2(QFile::encodeName(path).constData(), &db, SQLITE_OPEN_READONLY, nullptr)
            == SQLITE_OK
        && sqlite3_prepare_v2(db, sql, -1, &st, nullptr) == SQLITE_OK
        && sqlite3_step(st) == SQLITE_ROW)
        value = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(db);
    return value;
}

__extension__ typedef __int128 Int128;
__extension__ typedef unsigned __int128 UInt128;

// The quote units CandleCodec predicts from a quantity and the price sum at a difference of the
// decimals (0 .. 18 either way), written out: the quantity times the mean price, 0 when that
// overflows 128 bits.
Int128 predictedQuote(qint64 quantity, Int128 priceSum, int shift)
{
    Int128 product = 0;
    if (__builtin_mul_overflow(Int128(quantity), priceSum, &product))
        return 0;
    if (shift >= 0)
        return product / (4 * Int128(DecimalUnits::pow10(shift)));
    return __builtin_mul_overflow(product, DecimalUnits::pow10(-shift), &product) ? 0 : product / 4;
}

// The bytes CandleCodec packs a candle's units into (open, high, low, close, volume, quote
// volume, taker buy base, taker buy quote), written out value by value: zigzag varints of open,
// the other prices less open, volume, quote volume less its prediction, trades, taker buy base,
// taker buy quote less its prediction.
QByteArray packedUnits(const std::array<qint64, 8> &u, qint64 trades, int shift)
{
    QByteArray out;
    const auto put = [&out](Int128 v) {
        UInt128 z = UInt128(v << 1) ^ UInt128(v >> 127);
        while (z >= 0x80) {
            out += char(int(z & 0x7f) | 0x80);
            z >>= 7;
        }
        out += char(int(z));
    };
    const Int128 priceSum = Int128(u[0]) + u[1] + u[2] + u[3];
    for (Int128 v : {Int128(u[0]), Int128(u[1]) - u[0], Int128(u[2]) - u[0], Int128(u[3]) - u[0],
                     Int128(u[4]), u[5] - predictedQuote(u[4], priceSum, shift), Int128(trades),
                     Int128(u[6]), u[7] - predictedQuote(u[6], priceSum, shift)})
        put(v);
    return out;
}

QList<QByteArray> csvFields(const Candle &c)
{
    QByteArray row;
    CandleFormat::appendCsvRow(row, QStringLiteral("BTCUSDT"), c);
    return row.trimmed().split(',');
}

} // namespace

Q_DECLARE_METATYPE(Candlewick::TimeRange)

class TestCandleStore : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString dbPath(const char *name) const { return m_dir.filePath(QString::fromLatin1(name)); }

    // The SQLite file's own cases; the contract of every store is in tst_storecontract.
private slots:
    void createsMissingDirectory()
    {
        const QString path = m_dir.filePath(QStringLiteral("a/b/c/candles.sqlite"));
        SqliteCandleStore store;
        QVERIFY2(store.open(path), qPrintable(store.errorString()));
        QVERIFY(QFile::exists(path));
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

    // Issue 12: every stored value comes back as the decimal the exchange wrote, quote volumes of
    // 16 to 19 significant digits included (a double holds 15: schema 2 lost the last digits).
    void exactDecimalsRoundTrip()
    {
        const QString path = dbPath("exact.sqlite");
        // Two series (their magnitudes differ by 10^17): each is stored as integers, not raw.
        const CandleBatch written{
            fromStrings(T0,
                        {"66312.40000000", "66400.99000000", "66200.00000000", "66399.98000000",
                         "1234.56789012", "123456789.12345678", "617.28394506",
                         "98765432.10987654"},
                        1234567),
            fromStrings(T0,
                        {"0.00001234", "0.00001299", "0.00001201", "0.00001250",
                         "9876543210987.00000000", "81234567890.12345678", "4938271605493.00000000",
                         "40617283945.06172839"},
                        7),
        };
        const QList<QList<QByteArray>> expected{
            {"66312.4", "66400.99", "66200", "66399.98", "1234.56789012", "123456789.12345678",
             "1234567", "617.28394506", "98765432.10987654"},
            {"1.234e-05", "1.299e-05", "1.201e-05", "1.25e-05", "9876543210987",
             "81234567890.12345678", "7", "4938271605493", "40617283945.06172839"},
        };
        {
            SqliteCandleStore store;
            QVERIFY(store.open(path));
            QVERIFY2(store.write(Btc, {written[0]}), qPrintable(store.errorString()));
            QVERIFY2(store.write(Eth, {written[1]}), qPrintable(store.errorString()));
        }
        QCOMPARE(queryInt(path, "SELECT count(*) FROM series WHERE raw_values = 0"), 2);
        SqliteCandleStore store;
        QVERIFY(store.open(path, SqliteCandleStore::OpenMode::ReadOnly));
        const CandleBatch read = store.read(Btc, {T0, T0 + Min}) + store.read(Eth, {T0, T0 + Min});
        QCOMPARE(read, written);
        for (int i = 0; i < 2; ++i)
            QCOMPARE(csvFields(read[i]).mid(3), expected[i]);
        // The long quote volumes are exact only through the units the candle carries.
        QVERIFY(parsed("123456789.12345678") == parsed("123456789.12345677"));
        QCOMPARE(read[0].quoteVolumeE8, 12345678912345678);
    }

    // A value with more decimals, an open time off the series' slots and a value no decimals
    // hold: the series is stored again, in the same transaction, and nothing changes.
    void widerValuesRestoreTheSeries()
    {
        const QString path = dbPath("wider.sqlite");
        SqliteCandleStore store;
        QVERIFY(store.open(path));
        CandleBatch all = minutes(T0, 10); // whole numbers: no decimals
        QVERIFY(store.write(Btc, all));
        CandleBatch more{candle(T0 + 10 * Min, 100.12345678)};
        more.append(candle(T0 + 11 * Min + 30000, 0.1 + 0.2)); // 17 digits, half a minute off
        more.append(candle(T0 + 12 * Min, 1e-30));
        QVERIFY2(store.write(Btc, more), qPrintable(store.errorString()));
        all += more;
        QCOMPARE(store.read(Btc, {T0, T0 + 20 * Min}), all);
        QCOMPARE(store.count(Btc, {T0 + 11 * Min, T0 + 12 * Min}), 1);
        QCOMPARE(store.count(Btc, {T0 + 11 * Min + 30001, T0 + 20 * Min}), 1);
        QCOMPARE(store.storedSpan(Btc, {T0 + 11 * Min, T0 + 20 * Min}),
                 (TimeRange{T0 + 11 * Min + 30000, T0 + 12 * Min + 1}));
        QCOMPARE(store.lastOpenTime(Btc), T0 + 12 * Min);
        QVERIFY(!store.write(Btc, {candle(T0 + 13 * Min, std::nan(""))}));
        QCOMPARE(store.read(Btc, {T0, T0 + 20 * Min}), all);
    }

    // CandleCodec::encodeRows: each row decodes to its candle; a candle that needs more
    // decimals widens the encoding for the whole batch (its earlier rows encoded again); a
    // value that is not finite leaves no rows and the encoding as it was.
    void encodeRowsWidensForTheWholeBatch()
    {
        CandleBatch candles = minutes(T0, 100);
        candles[60].close = 160.25; // two decimals from here on
        CandleCodec::Encoding e;
        CandleCodec::Rows rows;
        QVERIFY(CandleCodec::encodeRows(e, Interval::M1, candles, rows));
        QCOMPARE(e.priceDecimals, 2);
        QCOMPARE(rows.encoding, e);
        QCOMPARE(rows.ends.size(), size_t(candles.size()));
        for (qsizetype i = 0; i < candles.size(); ++i) {
            const int start = i > 0 ? rows.ends[size_t(i - 1)] : 0;
            Candle c = candles[i];
            c.open = c.high = c.low = c.close = c.volume = 0;
            QVERIFY(
                CandleCodec::decode(e, rows.bytes.data() + start, rows.ends[size_t(i)] - start, c));
            QCOMPARE(c, candles[i]);
        }
        const CandleCodec::Encoding before = e;
        candles[3].high = std::numeric_limits<double>::quiet_NaN();
        QVERIFY(!CandleCodec::encodeRows(e, Interval::M1, candles, rows));
        QVERIFY(rows.isEmpty());
        QCOMPARE(e, before);
    }

    // writeAllEncoded(): rows the producer encoded at the series' decimals are stored as they
    // are (the writer does not encode the candles again: here the rows hold other prices than
    // the candles beside them, and the rows' prices are what is stored); rows at other
    // decimals than the stored series' are not used, the candles are encoded at the series'.
    void encodedRowsAreStoredAsGiven()
    {
        SqliteCandleStore store;
        QVERIFY(store.open(dbPath("encoded.sqlite")));
        const auto writeEncoded
            = [&store](const CandleBatch &candles, const CandleBatch &encodedFrom) {
                  CandleCodec::Encoding e;
                  CandleStore::EncodedBatch batch;
                  batch.candles = candles;
                  if (!CandleCodec::encodeRows(e, Interval::M1, encodedFrom, batch.rows))
                      return false;
                  bool given = false;
                  return store.writeAllEncoded(Btc,
                                               [&](CandleStore::EncodedBatch &next) {
                                                   if (std::exchange(given, true))
                                                       return CandleStore::NextBatch::End;
                                                   next = batch;
                                                   return CandleStore::NextBatch::Batch;
                                               },
                                               {});
              };
        const CandleBatch first = minutes(T0, 100);
        const CandleBatch shifted = minutes(T0, 100, 1000);
        QVERIFY2(writeEncoded(first, shifted), qPrintable(store.errorString()));
        QCOMPARE(store.read(Btc, {T0, T0 + 100 * Min}), shifted);
        QCOMPARE(store.seriesList().first().candleCount, 100);

        // The series now at two decimals; rows at none are encoded again from the candles.
        CandleBatch wider = minutes(T0 + 100 * Min, 10);
        wider[0].close = 100.25;
        QVERIFY(store.write(Btc, wider));
        const CandleBatch next = minutes(T0 + 110 * Min, 50, 500);
        QVERIFY2(writeEncoded(next, minutes(T0 + 110 * Min, 50, 900)),
                 qPrintable(store.errorString()));
        QCOMPARE(store.read(Btc, {T0 + 110 * Min, T0 + 160 * Min}), next);
        QCOMPARE(store.read(Btc, {T0, T0 + 100 * Min}), shifted);
    }

    // CandleCodec::Rows::consecutive says every candle is one time unit after the one before
    // (the writer then reads no open time but the first): not with a gap, a candle twice or
    // two out of order. A series stored at finer slots than the producer's (a candle off the
    // minute) stores such rows' candles at their own open times all the same.
    void consecutiveRowsAreStoredAtTheirOpenTimes()
    {
        CandleCodec::Encoding e;
        CandleCodec::Rows rows;
        QVERIFY(CandleCodec::encodeRows(e, Interval::M1, minutes(T0, 100), rows));
        QVERIFY(rows.consecutive);
        const CandleBatch gap = minutes(T0, 50) + minutes(T0 + 51 * Min, 49);
        const CandleBatch twice = minutes(T0, 50) + minutes(T0 + 49 * Min, 2);
        CandleBatch swapped = minutes(T0, 50);
        std::swap(swapped[10], swapped[11]);
        for (const CandleBatch &candles : {gap, twice, swapped}) {
            QVERIFY(CandleCodec::encodeRows(e, Interval::M1, candles, rows));
            QVERIFY(!rows.consecutive);
        }

        SqliteCandleStore store;
        QVERIFY(store.open(dbPath("consecutive.sqlite")));
        const Candle offMinute = candle(T0 - Min / 2, 100);
        QVERIFY(store.write(Btc, {offMinute}));
        CandleCodec::Encoding producer;
        const CandleBatch written = minutes(T0, 100) + minutes(T0 + 100 * Min, 100, 300);
        for (const CandleBatch &candles : {written.mid(0, 100), written.mid(100)}) {
            CandleStore::EncodedBatch batch;
            batch.candles = candles;
            QVERIFY(CandleCodec::encodeRows(producer, Interval::M1, candles, batch.rows));
            QVERIFY(batch.rows.consecutive);
            bool given = false;
            QVERIFY2(store.writeAllEncoded(Btc,
                                           [&](CandleStore::EncodedBatch &next) {
                                               if (std::exchange(given, true))
                                                   return CandleStore::NextBatch::End;
                                               next = batch;
                                               return CandleStore::NextBatch::Batch;
                                           },
                                           {}),
                     qPrintable(store.errorString()));
        }
        QCOMPARE(store.read(Btc, {T0 - Min, T0 + 200 * Min}), CandleBatch{offMinute} + written);
    }

    // encodeRows() gives each candle the bytes encode() gives it under the batch's encoding,
    // however many rows it collects and wherever the batch leaves the slots of the encoding it
    // was given (a batch's before): a gap, a candle off the minute (the slots made finer for
    // the whole batch), a candle twice.
    void encodeRowsGivesTheBytesOfEachCandle()
    {
        CandleBatch candles = minutes(T0, 2000) + minutes(T0 + 2001 * Min, 1000, 5000);
        candles.insert(2500, candle(candles[2499].openTime + Min / 2, 7000));
        candles.insert(2700, candles[2699]);
        candles[2900].close = 7.125; // three decimals from here on
        CandleCodec::Encoding e;
        CandleCodec::Rows rows;
        QVERIFY(CandleCodec::encodeRows(e, Interval::M1, minutes(T0 - 10 * Min, 10), rows));
        QCOMPARE(e.timeUnit, Min);
        QVERIFY(CandleCodec::encodeRows(e, Interval::M1, candles, rows));
        QCOMPARE(rows.encoding, e);
        QCOMPARE(e.timeUnit, Min / 2);
        QCOMPARE(e.priceDecimals, 3);
        QVERIFY(!rows.consecutive);
        QCOMPARE(rows.ends.size(), size_t(candles.size()));
        QCOMPARE(rows.bytes.size(), size_t(rows.ends.back()));
        for (qsizetype i = 0; i < candles.size(); ++i) {
            unsigned char expected[CandleCodec::MaxBytes];
            const int size = CandleCodec::encode(e, candles[i], expected);
            const int start = i > 0 ? rows.ends[size_t(i - 1)] : 0;
            QCOMPARE(rows.ends[size_t(i)] - start, size);
            QVERIFY2(std::memcmp(rows.bytes.data() + start, expected, size_t(size)) == 0,
                     qPrintable(QString::number(i)));
        }
    }

    // The quote values are stored relative to a prediction (the quantity times the mean price,
    // at the quote decimals): the bytes, written out here value by value, are the same at every
    // difference of the decimals (the prediction's divisor), and decode to the candle.
    void quotePredictionAtEveryScale()
    {
        // Units at the encoding's decimals: the quantities times the price sum fit 64 bits,
        // the quote values a double's digits.
        const qint64 o = 1'234'567'891, h = o + 890, l = o - 321, cl = o + 45;
        const qint64 trades = 4242;
        for (int shift = -3; shift < DecimalUnits::MaxDecimals; ++shift) {
            const qint64 scale = DecimalUnits::pow10(qBound(0, shift, 6));
            const qint64 volume = 987 * scale;
            const qint64 takerBase = 123 * scale;
            CandleCodec::Encoding e;
            e.timeBase = T0;
            e.timeUnit = Min;
            e.priceDecimals = shift < 0 ? 0 : shift / 2;
            e.volumeDecimals = shift < 0 ? 0 : shift - shift / 2;
            e.quoteDecimals = shift < 0 ? -shift : 0;
            QCOMPARE(e.volumeDecimals + e.priceDecimals - e.quoteDecimals, shift);
            const Int128 priceSum = Int128(o) + h + l + cl;
            const qint64 quote = qint64(predictedQuote(volume, priceSum, shift)) + 17;
            const qint64 takerQuote = qint64(predictedQuote(takerBase, priceSum, shift)) - 5;
            Candle c;
            c.openTime = T0;
            c.open = DecimalUnits::toDouble(o, e.priceDecimals);
            c.high = DecimalUnits::toDouble(h, e.priceDecimals);
            c.low = DecimalUnits::toDouble(l, e.priceDecimals);
            c.close = DecimalUnits::toDouble(cl, e.priceDecimals);
            c.volume = DecimalUnits::toDouble(volume, e.volumeDecimals);
            c.quoteVolume = DecimalUnits::toDouble(quote, e.quoteDecimals);
            c.trades = trades;
            c.takerBuyBase = DecimalUnits::toDouble(takerBase, e.volumeDecimals);
            c.takerBuyQuote = DecimalUnits::toDouble(takerQuote, e.quoteDecimals);
            unsigned char bytes[CandleCodec::MaxBytes];
            const int size = CandleCodec::encode(e, c, bytes);
            QCOMPARE(
                QByteArray(reinterpret_cast<const char *>(bytes), size),
                packedUnits({o, h, l, cl, volume, quote, takerBase, takerQuote}, trades, shift));
            Candle back;
            QVERIFY(CandleCodec::decode(e, bytes, size, back));
            back.openTime = c.openTime;
            QCOMPARE(back, c);
        }
    }

    // Values of any magnitude pack to the same bytes: within 2^60 of 0 (packed in 64-bit
    // arithmetic), just beyond, at the ends of the range, negative; with predictions whose
    // products take 128 bits.
    void valuesOfEveryMagnitudePackAlike()
    {
        constexpr qint64 Narrow = qint64(1) << 60;
        constexpr qint64 Max = std::numeric_limits<qint64>::max();
        constexpr qint64 Lowest = std::numeric_limits<qint64>::min();
        CandleCodec::Encoding e;
        e.timeBase = T0;
        e.timeUnit = Min;
        e.priceDecimals = 2;
        e.volumeDecimals = 8;
        e.quoteDecimals = 8;
        const qint64 magnitudes[]
            = {0,           1,       1'234'567, Narrow - 1, Narrow,  Narrow + 1,   -Narrow,
               -Narrow - 1, Max / 2, Max,       Lowest,     Max / 3, 3'037'000'499};
        int packed = 0;
        for (qint64 price : magnitudes) {
            for (qint64 quantity : magnitudes) {
                // The quote values one above their predictions, where that fits.
                const Int128 priceSum = Int128(price) * 3 + price / 2;
                const Int128 predicted = predictedQuote(quantity, priceSum, 2);
                const qint64 quote
                    = predicted >= Max || predicted < Lowest ? quantity : qint64(predicted + 1);
                CandleCodec::ExactValues x;
                x.exact = true;
                x.units = {price, price, price, price / 2, quantity, quote, quantity, quote};
                x.decimals = {2, 2, 2, 2, 8, 8, 8, 8};
                Candle c;
                c.openTime = T0 + Min;
                c.trades = 99;
                unsigned char bytes[CandleCodec::MaxBytes];
                const int size = CandleCodec::encodeExact(e, c, x, bytes);
                QCOMPARE(QByteArray(reinterpret_cast<const char *>(bytes), size),
                         packedUnits(x.units, 99, 2));
                Candle back;
                QVERIFY(CandleCodec::decode(e, bytes, size, back));
                QCOMPARE(back.trades, 99);
                ++packed;
            }
        }
        QCOMPARE(packed, 169);
    }

    // A streamed write (an import's file) commits without checkpointing the WAL into the file,
    // however large (its answer is not delayed by it): the checkpointer's thread does it with
    // a connection of its own while the store goes on, no call of the store needed.
    void streamedWriteIsCheckpointedBesideTheWriter()
    {
        const QString path = dbPath("deferred.sqlite");
        SqliteCandleStore store;
        QVERIFY(store.open(path));
        constexpr int Batches = 300; // 3,000,000 candles: about 39 MB of WAL
        QVERIFY2(writeSeconds(store, 0, Batches), qPrintable(store.errorString()));
        QTRY_VERIFY2(QFileInfo(path).size() > (20 << 20),
                     qPrintable(QString::number(QFileInfo(path).size())));
        QCOMPARE(store.count(Seconds, {T0, T0 + Batches * 10'000 * 1000LL}), Batches * 10'000);

        QVERIFY(store.write(Btc, minutes(T0, 10)));
        QCOMPARE(store.count(Btc, {T0, T0 + 10 * Min}), 10);
    }

    // The WAL's frames reach the file in large writes (SqliteWalVfs), yet every write is in
    // the file when it returns: the database and its WAL copied right then, as a crash would
    // leave them (the writer still open, nothing checkpointed), hold all of it, the last one
    // (a few candles, less than a block of frames) included.
    void committedWritesAreInTheFileWhenTheyReturn()
    {
        const QString path = dbPath("crash.sqlite");
        SqliteCandleStore store;
        QVERIFY(store.open(path));
        constexpr int Batches = 20; // 200,000 candles: about 2.6 MB of WAL
        QVERIFY2(writeSeconds(store, 0, Batches), qPrintable(store.errorString()));
        const CandleBatch last = minutes(T0, 3);
        QVERIFY2(store.write(Btc, last), qPrintable(store.errorString()));
        const QString walPath = path + QStringLiteral("-wal");
        QVERIFY(QFileInfo(walPath).size() > (2 << 20));

        const QString copy = dbPath("crash-copy.sqlite");
        QVERIFY(QFile::copy(path, copy));
        QVERIFY(QFile::copy(walPath, copy + QStringLiteral("-wal")));
        SqliteCandleStore reopened;
        QVERIFY2(reopened.open(copy, SqliteCandleStore::OpenMode::ReadOnly),
                 qPrintable(reopened.errorString()));
        QCOMPARE(reopened.read(Btc, {T0, T0 + 10 * Min}), last);
        const TimeRange seconds{T0, T0 + Batches * 10'000 * 1000LL};
        QCOMPARE(reopened.count(Seconds, seconds), Batches * 10'000);
        QCOMPARE(reopened.read(Seconds, seconds), store.read(Seconds, seconds));
    }

    // A transaction rolled back (an import that stopped), large enough to have put pages into
    // the WAL before its end: what of it the connection held is in the file before another
    // connection may write, never written over that one's commit afterwards.
    void rolledBackFramesNeverOverwriteAnotherConnections()
    {
        const QString path = dbPath("rolledback.sqlite");
        SqliteCandleStore first;
        QVERIFY(first.open(path));
        QVERIFY(first.write(Btc, minutes(T0, 10)));
        constexpr int Batches = 20; // about 2.6 MB of pages: more than the writer's cache
        int given = 0;
        QVERIFY(!first.writeAll(Seconds,
                                [&given](CandleBatch &batch) {
                                    if (given == Batches)
                                        return CandleStore::NextBatch::Abort;
                                    for (int i = 0; i < 10'000; ++i)
                                        batch.append(candle(
                                            T0 + (qint64(given) * 10'000 + i) * 1000, 7 + i % 9));
                                    ++given;
                                    return CandleStore::NextBatch::Batch;
                                },
                                {}));

        SqliteCandleStore second;
        QVERIFY(second.open(path));
        QVERIFY2(writeSeconds(second, 0, Batches), qPrintable(second.errorString()));
        QVERIFY2(first.write(Btc, minutes(T0 + 10 * Min, 10)), qPrintable(first.errorString()));

        SqliteCandleStore reader;
        QVERIFY(reader.open(path, SqliteCandleStore::OpenMode::ReadOnly));
        CandleBatch seconds;
        for (qint64 i = 0; i < Batches * 10'000; ++i)
            seconds.append(candle(T0 + i * 1000, 100 + int(i % 10'000) % 50));
        QCOMPARE(reader.read(Seconds, {T0, T0 + Batches * 10'000 * 1000LL}), seconds);
        QCOMPARE(reader.read(Btc, {T0, T0 + 20 * Min}),
                 minutes(T0, 10) + minutes(T0 + 10 * Min, 10));
    }

    // Streamed writes one right after the other never leave the checkpointer a pause to take
    // the whole WAL, so it cannot start over: from 128 MiB on the store finishes the checkpoint
    // itself (after the answer, else before the next write), and the WAL stays under that plus
    // a write.
    void walStaysBoundedUnderWritesWithoutPause()
    {
        const QString path = dbPath("bounded.sqlite");
        SqliteCandleStore store;
        QVERIFY(store.open(path));
        constexpr int Batches = 300; // about 39 MB of WAL each
        qint64 largest = 0;
        for (int write = 0; write < 5; ++write) {
            QVERIFY2(writeSeconds(store, write * Batches, Batches),
                     qPrintable(store.errorString()));
            largest = std::max(largest, QFileInfo(path + QStringLiteral("-wal")).size());
        }
        QVERIFY2(largest < (128 << 20) + (45 << 20), qPrintable(QString::number(largest)));
        QCOMPARE(store.count(Seconds, {T0, T0 + 5 * Batches * 10'000 * 1000LL}),
                 5 * Batches * 10'000);
    }

    // New candles in order go into chunks of CandleChunk::Slots slots: writes of every count
    // from 1 to 130 candles, one after another (most continue the last chunk), store each
    // candle once and in its place, one row per chunk.
    void burstsOfEveryCountAreStored()
    {
        const QString path = dbPath("bursts.sqlite");
        SqliteCandleStore store;
        QVERIFY(store.open(path));
        CandleBatch all;
        for (int n = 1; n <= 130; ++n) {
            const CandleBatch burst = minutes(T0 + all.size() * Min, n, 100 + n);
            QVERIFY2(store.write(Btc, burst), qPrintable(store.errorString()));
            all += burst;
        }
        const TimeRange span{T0, T0 + all.size() * Min};
        QCOMPARE(store.read(Btc, span), all);
        QCOMPARE(store.seriesList().first().candleCount, all.size());
        QCOMPARE(queryInt(path, "SELECT count(*) FROM candles"),
                 (all.size() + CandleChunk::Slots - 1) / CandleChunk::Slots);
    }

    // Writes that meet stored chunks merge into them: into the middle of a chunk (a gap inside
    // it filled), over a chunk's end into the next ones, a stored candle replaced, out of order
    // and twice in one batch; a gap inside a chunk stays a gap. Only new candles are counted,
    // reads of a range skip the chunks' candles outside it, and each chunk is one row.
    void writesMergeIntoStoredChunks()
    {
        const QString path = dbPath("merge.sqlite");
        SqliteCandleStore store;
        QVERIFY(store.open(path));
        constexpr int S = CandleChunk::Slots;
        QMap<qint64, Candle> expected; // by slot
        const auto write = [&](const CandleBatch &candles) {
            for (const Candle &c : candles)
                expected.insert((c.openTime - T0) / Min, c);
            return store.write(Btc, candles);
        };
        const auto at = [](int slot, double price) { return candle(T0 + slot * Min, price); };
        const auto candlesAt = [&](int from, int to, double price) {
            CandleBatch out;
            for (int slot = from; slot < to; ++slot)
                out.append(at(slot, price + slot));
            return out;
        };
        const auto expectedIn = [&](int from, int to) {
            CandleBatch out;
            for (auto it = expected.lowerBound(from); it != expected.end() && it.key() < to; ++it)
                out.append(*it);
            return out;
        };
        const auto range = [](int from, int to) {
            return TimeRange{T0 + from * Min, T0 + to * Min};
        };

        // Slots 0-9 and 14-(S+3): a gap of four inside the first chunk.
        QVERIFY(write(candlesAt(0, 10, 100) + candlesAt(14, S + 4, 100)));
        // Into the middle of the first chunk: 10 and 11; 12 and 13 stay a gap.
        QVERIFY(write(candlesAt(10, 12, 200)));
        QCOMPARE(store.count(Btc, range(12, 14)), 0);
        QCOMPARE(store.read(Btc, range(9, 16)), expectedIn(9, 16));
        // Over the first chunk's end into the second and third: S-2 to S+3 replaced.
        QVERIFY(write(candlesAt(S - 2, 2 * S + 2, 300)));
        // One stored candle replaced.
        QVERIFY(write({at(5, 999)}));
        // Out of order, one candle twice (the last one counts): the gap filled, a fourth chunk.
        QVERIFY(write({at(3 * S + 5, 400), at(13, 401), at(3 * S + 5, 402), at(12, 403)}));

        QCOMPARE(store.read(Btc, range(0, 4 * S)), expectedIn(0, 4 * S));
        QCOMPARE(store.read(Btc, range(S - 1, S + 2)), expectedIn(S - 1, S + 2));
        QCOMPARE(store.count(Btc, range(3, 3 * S + 6)), expected.size() - 3);
        QCOMPARE(store.storedSpan(Btc, range(1, 3 * S)),
                 (TimeRange{T0 + Min, T0 + (2 * S + 1) * Min + 1}));
        CandleCursor cursor = store.cursor(Btc, range(2, 4 * S), 7);
        CandleBatch paged;
        for (CandleBatch page; !(page = cursor.next()).isEmpty();)
            paged += page;
        QCOMPARE(paged, expectedIn(2, 4 * S));
        const SeriesInfo info = store.seriesList().first();
        QCOMPARE(info.candleCount, expected.size());
        QCOMPARE(info.firstOpen, T0);
        QCOMPARE(info.lastOpen, T0 + (3 * S + 5) * Min);
        QCOMPARE(queryInt(path, "SELECT count(*) FROM candles"), 4);
    }

    // A chunk's bytes do not depend on the order its candles came in: the same candles (gaps
    // inside chunks) written in order into one series and in reverse into another (merged by
    // offset) give the same blob for every chunk.
    void chunkBytesDoNotDependOnTheOrderOfTheCandles()
    {
        const QString path = dbPath("order.sqlite");
        SqliteCandleStore store;
        QVERIFY(store.open(path));
        constexpr int S = CandleChunk::Slots;
        CandleBatch candles;
        for (int slot = 1; slot < 3 * S - 3; ++slot) {
            if ((slot < 10 || slot > 13) && (slot < S + 3 || slot > S + 6))
                candles.append(candle(T0 + slot * Min, 100 + slot));
        }
        CandleBatch reversed(candles.crbegin(), candles.crend());
        // The first candle alone first: both series get the same time base.
        for (const SeriesKey &key : {Btc, Eth})
            QVERIFY(store.write(key, {candle(T0, 100)}));
        QVERIFY(store.write(Btc, candles));
        QVERIFY(store.write(Eth, reversed));
        QCOMPARE(queryInt(path, "SELECT count(*) FROM candles"), 6);
        QCOMPARE(queryInt(path,
                          "SELECT count(*) FROM candles a JOIN candles b"
                          " ON a.chunk_id >> 40 < b.chunk_id >> 40"
                          " AND a.chunk_id & 0xffffffffff = b.chunk_id & 0xffffffffff"
                          " AND a.data = b.data"),
                 3);
    }

    // A write that fails after creating its series rolls the series back too: the next write
    // of that series works (the connection kept the id of the rolled-back row before).
    void failedFirstWriteLeavesNoStaleSeries()
    {
        SqliteCandleStore store;
        QVERIFY(store.open(dbPath("stale.sqlite")));
        QVERIFY(!store.write(Btc, {candle(T0, std::nan(""))}));
        QVERIFY2(store.write(Btc, minutes(T0, 3)), qPrintable(store.errorString()));
        QCOMPARE(store.read(Btc, {T0, T0 + 3 * Min}), minutes(T0, 3));
    }

    // A chunk's key holds 23 bits of the series id: a series beyond them is refused with its own
    // message (not as an open time too far), and nothing stored is lost.
    void seriesIdBeyondTheChunkKeyIsRefused()
    {
        const QString path = dbPath("manyseries.sqlite");
        {
            SqliteCandleStore store;
            QVERIFY(store.open(path));
            QVERIFY(store.write(Btc, minutes(T0, 3)));
        }
        // The last id the key holds: the next series made gets one more.
        QVERIFY(execSql(path,
                        QByteArray("INSERT INTO series (id, exchange, symbol, interval) VALUES (")
                            .append(QByteArray::number(CandleChunk::MaxSeriesId))
                            .append(", 'binance', 'ETHUSDT', '1m')")
                            .constData()));
        SqliteCandleStore store;
        QVERIFY(store.open(path));
        QVERIFY2(store.write(Eth, minutes(T0, 40)), qPrintable(store.errorString()));
        const SeriesKey sol{QStringLiteral("binance"), QStringLiteral("SOLUSDT"), Interval::M1};
        QVERIFY(!store.write(sol, minutes(T0, 40)));
        QVERIFY2(store.errorString().contains(
                     QStringLiteral("series id %1").arg(CandleChunk::MaxSeriesId + 1)),
                 qPrintable(store.errorString()));
        QVERIFY(!store.write(sol, minutes(T0, 1)));
        QVERIFY2(store.errorString().contains(
                     QStringLiteral("series id %1").arg(CandleChunk::MaxSeriesId + 1)),
                 qPrintable(store.errorString()));
        QCOMPARE(store.read(Btc, {T0, T0 + 3 * Min}), minutes(T0, 3));
        QCOMPARE(store.read(Eth, {T0, T0 + 40 * Min}), minutes(T0, 40));
        QCOMPARE(store.seriesList().size(), 2);
    }

    // A candle whose bytes do not decode, or a chunk that is not one, is damage: reported as
    // such, never read as data.
    void undecodableCandleIsDamage_data()
    {
        QTest::addColumn<QByteArray>("chunk");
        // One chunk holds the five candles; now it holds other bytes.
        QTest::newRow("candle at slot 2 that does not decode") << QByteArray("x'0201ff'");
        QTest::newRow("offset beyond the chunk") << QByteArray("x'2001ff'");
        QTest::newRow("length beyond the blob") << QByteArray("x'0205ff'");
    }
    void undecodableCandleIsDamage()
    {
        QFETCH(QByteArray, chunk);
        const QString path = dbPath("undecodable.sqlite");
        QFile::remove(path);
        {
            SqliteCandleStore store;
            QVERIFY(store.open(path));
            QVERIFY(store.write(Btc, minutes(T0, 5)));
        }
        QVERIFY(execSql(path, ("UPDATE candles SET data = " + chunk).constData()));
        SqliteCandleStore store;
        QVERIFY(store.open(path));
        QVERIFY(store.read(Btc, {T0, T0 + 5 * Min}).isEmpty());
        QVERIFY2(store.errorString().contains(QStringLiteral("corrupt")),
                 qPrintable(store.errorString()));
        QVERIFY(!store.write(Btc, minutes(T0 + 5 * Min, 1)));
        QVERIFY2(store.errorString().contains(QStringLiteral("damaged")),
                 qPrintable(store.errorString()));
    }

    // A migration that cannot convert a candle fails as a whole: the file stays a schema 2 file,
    // byte for byte, with a message that says why.
    void failedMigrationLeavesTheFile()
    {
        const QString path = dbPath("unmigratable.sqlite");
        QFile::remove(path);
        QVERIFY(
            QFile::copy(QStringLiteral(CANDLEWICK_TEST_DATA_DIR "/candles-schema2.sqlite"), path));
        QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner);
        QVERIFY(execSql(path,
                        "INSERT INTO candles VALUES (1, 9000000000000000001, 1, 1, 1, 1, 1,"
                        " 1, 1, 1, 1)"));
        const QByteArray before = fileHash(path);
        QTest::ignoreMessage(QtInfoMsg, QRegularExpression(QStringLiteral("^Updating")));
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("too far apart")));
        SqliteCandleStore store;
        QVERIFY(!store.open(path));
        QVERIFY2(store.errorString().contains(QStringLiteral("from schema version 2")),
                 qPrintable(store.errorString()));
        QCOMPARE(fileHash(path), before);
        QVERIFY(store.open(path, SqliteCandleStore::OpenMode::ReadOnly));
        QCOMPARE(store.schemaVersion(), 2);
    }

    // A series id the chunks' keys cannot hold (above 2^23 - 1) is said as such, before
    // anything is converted: the file stays a schema 3 file, byte for byte.
    void migrationOfASeriesIdTooLargeLeavesTheFile()
    {
        const QString path = dbPath("large-series-id.sqlite");
        QFile::remove(path);
        QVERIFY(
            QFile::copy(QStringLiteral(CANDLEWICK_TEST_DATA_DIR "/candles-schema3.sqlite"), path));
        QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner);
        for (const char *table : {"candles", "partials", "coverage"}) {
            const QByteArray sql
                = QByteArray("UPDATE ") + table + " SET series_id = 8388608 WHERE series_id = 4";
            QVERIFY(execSql(path, sql.constData()));
        }
        QVERIFY(execSql(path, "UPDATE series SET id = 8388608 WHERE id = 4"));
        const QByteArray before = fileHash(path);
        QTest::ignoreMessage(QtInfoMsg, QRegularExpression(QStringLiteral("^Updating")));
        QTest::ignoreMessage(QtWarningMsg,
                             QRegularExpression(QStringLiteral("series id 8388608 is above")));
        SqliteCandleStore store;
        QVERIFY(!store.open(path));
        QVERIFY2(store.errorString().contains(
                     QStringLiteral("from schema version 3: its series id 8388608 is above "
                                    "8388607")),
                 qPrintable(store.errorString()));
        QCOMPARE(fileHash(path), before);
        QVERIFY(store.open(path, SqliteCandleStore::OpenMode::ReadOnly));
        QCOMPARE(store.schemaVersion(), 3);
    }

    // Another connection that read the series before its encoding was widened reads it right
    // after (the encoding is read with the candles, never kept).
    void otherConnectionSeesTheWiderEncoding()
    {
        const QString path = dbPath("two.sqlite");
        SqliteCandleStore writer;
        QVERIFY(writer.open(path));
        CandleBatch all = minutes(T0, 10);
        QVERIFY(writer.write(Btc, all));
        SqliteCandleStore reader;
        QVERIFY(reader.open(path, SqliteCandleStore::OpenMode::ReadOnly));
        QCOMPARE(reader.read(Btc, {T0, T0 + 20 * Min}), all);
        const CandleBatch wider{candle(T0 + 10 * Min, 100.123456), candle(T0 + 10 * Min + 1, 7)};
        QVERIFY(writer.write(Btc, wider));
        all += wider;
        QCOMPARE(reader.read(Btc, {T0, T0 + 20 * Min}), all);
        QCOMPARE(reader.count(Btc, {T0 + 10 * Min + 1, T0 + 20 * Min}), 1);
        QCOMPARE(reader.lastOpenTime(Btc), T0 + 10 * Min + 1);
    }

    // A file of schema version 1, 2 or 3, made by the code of that version
    // (tests/data/README.md): read as it is when opened read-only and left unchanged; migrated
    // in place when opened for writing, with one line saying so, and every candle of every
    // series, the forming candles, the counts and the coverage read back the same.
    void migratesOlderFiles_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("version");
        QTest::addColumn<bool>("hasPartial");
        QTest::newRow("schema 1") << QStringLiteral("candles-schema1.sqlite") << 1 << false;
        QTest::newRow("schema 2") << QStringLiteral("candles-schema2.sqlite") << 2 << true;
        QTest::newRow("schema 3") << QStringLiteral("candles-schema3.sqlite") << 3 << true;
    }
    void migratesOlderFiles()
    {
        QFETCH(QString, file);
        QFETCH(int, version);
        QFETCH(bool, hasPartial);
        const QString path = m_dir.filePath(file);
        QFile::remove(path);
        QVERIFY(QFile::copy(QStringLiteral(CANDLEWICK_TEST_DATA_DIR "/") + file, path));
        QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner);
        const SeriesKey btc{QStringLiteral("demo"), QStringLiteral("BTCUSDT"), Interval::M1};
        const SeriesKey eth{QStringLiteral("demo"), QStringLiteral("ETHUSDT"), Interval::H1};
        const TimeRange day{T0, T0 + 24 * 60 * Min};
        CandleBatch oldBtc, oldEth;
        std::optional<Candle> oldPartial;
        QList<SeriesInfo> oldSeries;
        // Every series' candles (all of them), counts in parts and forming candle.
        const TimeRange all{std::numeric_limits<qint64>::min(), std::numeric_limits<qint64>::max()};
        struct Stored
        {
            CandleBatch candles;
            qint64 firstHalf = 0;
            TimeRange span;
            std::optional<Candle> partial;
            TimeRanges coverage;
        };
        const auto storedOf = [&all](const SqliteCandleStore &store, const SeriesInfo &info) {
            Stored out;
            out.candles = store.read(info.key, all);
            const qint64 middle = info.firstOpen + (info.lastOpen - info.firstOpen) / 2;
            out.firstHalf = store.count(info.key, {info.firstOpen, middle});
            out.span = store.storedSpan(info.key, {info.firstOpen + 1, info.lastOpen});
            out.partial = store.partial(info.key);
            out.coverage = store.coverage(info.key);
            return out;
        };
        QList<Stored> oldStored;
        {
            const QByteArray before = fileHash(path);
            SqliteCandleStore store;
            QVERIFY2(store.open(path, SqliteCandleStore::OpenMode::ReadOnly),
                     qPrintable(store.errorString()));
            QCOMPARE(store.schemaVersion(), version);
            oldBtc = store.read(btc, day);
            oldEth = store.read(eth, day);
            oldPartial = store.partial(btc);
            oldSeries = store.seriesList();
            for (const SeriesInfo &info : std::as_const(oldSeries)) {
                oldStored.append(storedOf(store, info));
                QCOMPARE(oldStored.last().candles.size(), info.candleCount);
            }
            QCOMPARE(store.count(btc, day), 480);
            QCOMPARE(store.lastOpenTime(btc), T0 + 599 * Min);
            store.close();
            QCOMPARE(fileHash(path), before);
        }
        QCOMPARE(oldBtc.size(), 480);
        QCOMPARE(oldEth.size(), 24);
        QCOMPARE(oldPartial.has_value(), hasPartial);

        QTest::ignoreMessage(
            QtInfoMsg,
            QRegularExpression(
                QStringLiteral("^Updating the database .*%1 from schema version %2 "
                               "to %3 .* in one transaction, then the file is compacted$")
                    .arg(QRegularExpression::escape(file))
                    .arg(version)
                    .arg(SqliteCandleStore::SchemaVersion)));
        SqliteCandleStore store;
        QVERIFY2(store.open(path), qPrintable(store.errorString()));
        QCOMPARE(store.schemaVersion(), SqliteCandleStore::SchemaVersion);
        QCOMPARE(store.read(btc, day), oldBtc);
        QCOMPARE(store.read(eth, day), oldEth);
        QCOMPARE(store.partial(btc).has_value(), hasPartial);
        if (hasPartial)
            QCOMPARE(*store.partial(btc), *oldPartial);
        QCOMPARE(store.seriesList().size(), oldSeries.size());
        for (qsizetype i = 0; i < oldSeries.size(); ++i) {
            QCOMPARE(store.seriesList()[i].key, oldSeries[i].key);
            QCOMPARE(store.seriesList()[i].candleCount, oldSeries[i].candleCount);
            QCOMPARE(store.seriesList()[i].coverage, oldSeries[i].coverage);
            QCOMPARE(store.seriesList()[i].firstOpen, oldSeries[i].firstOpen);
            QCOMPARE(store.seriesList()[i].lastOpen, oldSeries[i].lastOpen);
            const Stored now = storedOf(store, oldSeries[i]);
            QCOMPARE(now.candles, oldStored[i].candles);
            QCOMPARE(now.firstHalf, oldStored[i].firstHalf);
            QCOMPARE(now.span, oldStored[i].span);
            QCOMPARE(now.partial.has_value(), oldStored[i].partial.has_value());
            if (now.partial)
                QCOMPARE(*now.partial, *oldStored[i].partial);
            QCOMPARE(now.coverage, oldStored[i].coverage);
        }
        QVERIFY(!store.symbols(QStringLiteral("demo")).isEmpty());
        // Writes go on from there; a second open migrates nothing.
        QVERIFY(store.write(btc, {oldBtc.first()}));
        QCOMPARE(store.count(btc, day), 480);
        store.close();
        QVERIFY(!execSql(path, "SELECT 1 FROM candles_v2"));
        QVERIFY(!execSql(path, "SELECT 1 FROM candles_v3"));
        SqliteCandleStore again;
        QVERIFY(again.open(path));
        QCOMPARE(again.read(btc, day), oldBtc);
    }
};

QTEST_GUILESS_MAIN(TestCandleStore)
#include "tst_candlestore.moc"
