#include "postgrescandlestore.h"

#include "candlecodec.h"
#include "decimalunits.h"

#include <QHash>
#include <QSet>
#include <QLoggingCategory>
#include <QUrl>
#include <QUrlQuery>
#include <QtEndian>

#include <libpq-fe.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <limits>
#include <type_traits>
#include <vector>

Q_LOGGING_CATEGORY(lcPgStore, "candlewick.models.pgstore")
// The category of SqliteCandleStore's migration line, which the CLI always shows.
Q_LOGGING_CATEGORY(lcPgStoreMigration, "candlewick.models.store.migration")

namespace Candlewick {

namespace {

// The oldest schema this version reads (read-only) and migrates (read-write).
constexpr int OldestSchemaVersion = 2;

using CandleCodec::allFinite;
using CandleCodec::Encoding;

using Result = std::unique_ptr<PGresult, decltype(&PQclear)>;

// Whether a failed statement lost the connection (a reconnect may retry it): libpq's own error
// (no SQLSTATE), a connection error (08…) or the server shutting down (57P…).
bool connectionLost(PGconn *conn, const char *state)
{
    return PQstatus(conn) == CONNECTION_BAD || !state || qstrncmp(state, "08", 2) == 0
        || qstrncmp(state, "57P", 3) == 0;
}

// Statement parameters: text, or binary (arrays of numbers).
class Params
{
public:
    Params &add(qint64 v) { return add(QByteArray::number(v)); }
    Params &add(const QString &v) { return add(v.toUtf8()); }
    Params &add(QByteArray v, bool binary = false)
    {
        m_values.emplace_back(std::move(v));
        m_binary.push_back(binary ? 1 : 0);
        return *this;
    }
    int size() const { return int(m_values.size()); }
    std::vector<const char *> pointers() const
    {
        std::vector<const char *> out;
        for (const auto &v : m_values)
            out.push_back(v.constData());
        return out;
    }
    std::vector<int> lengths() const
    {
        std::vector<int> out;
        for (const auto &v : m_values)
            out.push_back(int(v.size()));
        return out;
    }
    const int *formats() const { return m_binary.data(); }

private:
    std::vector<QByteArray> m_values;
    std::vector<int> m_binary;
};

// A one-dimensional int8[] or float8[] in PostgreSQL's binary array format (no parsing of
// number text on either side).
template<typename T> class BinaryArray
{
public:
    explicit BinaryArray(qsizetype n)
    {
        constexpr quint32 Int8Oid = 20;
        constexpr quint32 Float8Oid = 701;
        m_data.reserve(20 + n * 12);
        put32(1); // dimensions
        put32(0); // no NULLs
        put32(std::is_same_v<T, double> ? Float8Oid : Int8Oid);
        put32(quint32(n));
        put32(1); // lower bound
    }
    void append(T v)
    {
        put32(sizeof v);
        quint64 bits;
        std::memcpy(&bits, &v, sizeof bits);
        bits = qToBigEndian(bits);
        m_data.append(reinterpret_cast<const char *>(&bits), sizeof bits);
    }
    const QByteArray &data() const { return m_data; }

private:
    void put32(quint32 v)
    {
        v = qToBigEndian(v);
        m_data.append(reinterpret_cast<const char *>(&v), sizeof v);
    }
    QByteArray m_data;
};

QByteArray textArray(const QStringList &values)
{
    QByteArray out("{");
    for (qsizetype i = 0; i < values.size(); ++i) {
        QByteArray v = values[i].toUtf8();
        v.replace('\\', "\\\\").replace('"', "\\\"");
        out += (i ? ",\"" : "\"") + v + '"';
    }
    return out + '}';
}

// Candles and partials keep their values as BIGINT: integer units at the series' decimals
// (price_decimals for open/high/low/close, volume_decimals for volume and taker_buy_base,
// quote_decimals for quote_volume and taker_buy_quote), or, for a series whose values no
// decimals hold (raw_values), the bits of the doubles. A partial row carries its own decimals.
const char *const CandlesTableSql
    = "CREATE TABLE candles ("
      // No foreign key on candles: checked for every row, it halves the insert rate (SQLite does
      // not enforce them either); candles are only written with their series row locked.
      " series_id BIGINT NOT NULL, open_time BIGINT NOT NULL,"
      " open BIGINT NOT NULL, high BIGINT NOT NULL, low BIGINT NOT NULL, close BIGINT NOT NULL,"
      " volume BIGINT NOT NULL, quote_volume BIGINT NOT NULL, trades BIGINT NOT NULL,"
      " taker_buy_base BIGINT NOT NULL, taker_buy_quote BIGINT NOT NULL,"
      " PRIMARY KEY (series_id, open_time));"
      "CREATE TABLE partials ("
      " series_id BIGINT PRIMARY KEY REFERENCES series(id), open_time BIGINT NOT NULL,"
      " open BIGINT NOT NULL, high BIGINT NOT NULL, low BIGINT NOT NULL, close BIGINT NOT NULL,"
      " volume BIGINT NOT NULL, quote_volume BIGINT NOT NULL, trades BIGINT NOT NULL,"
      " taker_buy_base BIGINT NOT NULL, taker_buy_quote BIGINT NOT NULL,"
      " price_decimals INTEGER NOT NULL, volume_decimals INTEGER NOT NULL,"
      " quote_decimals INTEGER NOT NULL, raw_values BOOLEAN NOT NULL);";

const char *const SchemaSql
    = "CREATE TABLE schema_version (version INTEGER NOT NULL);"
      // candle_count, first_open and last_open are kept by every write; the decimals are set
      // by the series' first write and widened when a candle needs more.
      "CREATE TABLE series ("
      " id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
      " exchange TEXT NOT NULL, symbol TEXT NOT NULL, \"interval\" TEXT NOT NULL,"
      " candle_count BIGINT NOT NULL DEFAULT 0, first_open BIGINT, last_open BIGINT,"
      " price_decimals INTEGER NOT NULL DEFAULT 0, volume_decimals INTEGER NOT NULL DEFAULT 0,"
      " quote_decimals INTEGER NOT NULL DEFAULT 0, raw_values BOOLEAN NOT NULL DEFAULT false,"
      " UNIQUE (exchange, symbol, \"interval\"));"
      "CREATE TABLE coverage ("
      " series_id BIGINT NOT NULL REFERENCES series(id),"
      " from_ms BIGINT NOT NULL, to_ms BIGINT NOT NULL, PRIMARY KEY (series_id, from_ms));"
      "CREATE TABLE symbols ("
      " exchange TEXT NOT NULL, symbol TEXT NOT NULL, base_asset TEXT NOT NULL,"
      " quote_asset TEXT NOT NULL, status TEXT NOT NULL, tick_size DOUBLE PRECISION NOT NULL,"
      " PRIMARY KEY (exchange, symbol));"
      "CREATE TABLE symbol_lists (exchange TEXT PRIMARY KEY, fetched_at BIGINT NOT NULL);"
      "INSERT INTO schema_version (version) VALUES (3);";

// Version 2 kept the values as DOUBLE PRECISION: its tables move aside (with their indexes,
// whose names the new tables take), the new ones are made (CandlesTableSql), the candles are
// converted series by series, then the old tables are dropped (MigrateTo3EndSql).
const char *const MigrateTo3Sql
    = "ALTER TABLE series ADD COLUMN price_decimals INTEGER NOT NULL DEFAULT 0,"
      " ADD COLUMN volume_decimals INTEGER NOT NULL DEFAULT 0,"
      " ADD COLUMN quote_decimals INTEGER NOT NULL DEFAULT 0,"
      " ADD COLUMN raw_values BOOLEAN NOT NULL DEFAULT false;"
      "ALTER TABLE candles RENAME TO candles_v2;"
      "ALTER INDEX candles_pkey RENAME TO candles_v2_pkey;"
      "ALTER TABLE partials RENAME TO partials_v2;"
      "ALTER INDEX partials_pkey RENAME TO partials_v2_pkey;";

const char *const MigrateTo3EndSql
    = "DROP TABLE candles_v2; DROP TABLE partials_v2; UPDATE schema_version SET version = 3;";

// The statements every write transaction runs besides its COPYs, prepared once per connection
// (again after a reconnect) and run by EXECUTE in the write's query strings: parsing and planning
// them cost the server about 0.7 ms per transaction.
const char *const WriteStatementsSql
    = "PREPARE cw_lock (bigint, text, text) AS SELECT price_decimals, volume_decimals,"
      " quote_decimals, raw_values, candle_count, (SELECT tick_size FROM symbols"
      " WHERE exchange = $2 AND symbol = $3) FROM series WHERE id = $1 FOR UPDATE;"
      "PREPARE cw_overlaps (bigint, bigint, bigint) AS SELECT EXISTS (SELECT 1 FROM candles"
      " WHERE series_id = $1 AND open_time >= $2 AND open_time <= $3);"
      "PREPARE cw_coverage (bigint) AS SELECT from_ms, to_ms FROM coverage WHERE series_id = $1"
      " ORDER BY from_ms;"
      "PREPARE cw_count (bigint, bigint, bigint, bigint) AS UPDATE series SET candle_count ="
      " candle_count + $2, first_open = least(first_open, $3),"
      " last_open = greatest(last_open, $4) WHERE id = $1;"
      "PREPARE cw_finish (bigint, bigint, text, text) AS WITH done AS (DELETE FROM partials"
      " WHERE series_id = $1 AND open_time <= $2) SELECT pg_notify($3, $4);"
      "PREPARE cw_clear_coverage (bigint) AS DELETE FROM coverage WHERE series_id = $1;"
      "PREPARE cw_add_coverage (bigint, bigint[], bigint[]) AS INSERT INTO coverage"
      " (series_id, from_ms, to_ms) SELECT $1, * FROM unnest($2, $3);";

const char *const SchemaTables[]
    = {"schema_version", "series", "candles", "partials", "coverage", "symbols", "symbol_lists"};

// The start of PostgreSQL's binary COPY data (with its terminating NUL: 11 bytes).
constexpr char CopySignature[] = "PGCOPY\n\377\r\n";

constexpr const char *CandleColumns = "open_time, open, high, low, close, volume, quote_volume,"
                                      " trades, taker_buy_base, taker_buy_quote";

// Binary int8 and float8 values (network byte order).
qint64 int8From(const char *v)
{
    return qFromBigEndian<qint64>(v);
}

double float8From(const char *v)
{
    const quint64 bits = qFromBigEndian<quint64>(v);
    double out;
    std::memcpy(&out, &bits, sizeof out);
    return out;
}

// A series' decimals (CandleCodec::Encoding, of which only the decimals and `raw` count here:
// the open time is a column of its own, so every millisecond is a slot).
Encoding scaledEncoding(int priceDecimals, int volumeDecimals, int quoteDecimals, bool raw)
{
    return {0, 1, priceDecimals, volumeDecimals, quoteDecimals, raw};
}

// Widens `e` until it holds `c` (CandleCodec::widen).
void widenFor(Encoding &e, Interval interval, const Candle &c)
{
    e.timeBase = c.openTime;
    CandleCodec::widen(e, interval, c);
    e.timeBase = 0;
}

// The value columns of `c` in table order (open, high, low, close, volume, quote_volume,
// taker_buy_base, taker_buy_quote) as stored under `e`: CandleCodec::unitsOf(), or a raw series'
// double bits. False when `e` does not hold them.
bool storedValues(const Encoding &e, const Candle &c, std::array<qint64, 8> &out)
{
    if (!e.raw)
        return CandleCodec::unitsOf(e, c, out);
    const double values[8] = {c.open,   c.high,        c.low,          c.close,
                              c.volume, c.quoteVolume, c.takerBuyBase, c.takerBuyQuote};
    std::memcpy(out.data(), values, sizeof values);
    return true;
}

// Widens `e` until it holds every candle of `batch` (wider decimals for one candle can leave a
// larger value of another without room: then the series goes raw). Whether `e` changed.
bool widenForAll(Encoding &e, Interval interval, const CandleBatch &batch)
{
    std::array<qint64, 8> values;
    bool changed = false;
    for (bool again = true; again;) {
        again = false;
        for (const Candle &c : batch) {
            if (!storedValues(e, c, values)) {
                widenFor(e, interval, c);
                again = changed = true;
            }
        }
    }
    return changed;
}

// The statement that records `e` as the decimals of series `seriesId`.
QByteArray decimalsSql(const QByteArray &seriesId, const Encoding &e)
{
    return "UPDATE series SET price_decimals = " + QByteArray::number(e.priceDecimals)
        + ", volume_decimals = " + QByteArray::number(e.volumeDecimals)
        + ", quote_decimals = " + QByteArray::number(e.quoteDecimals)
        + ", raw_values = " + (e.raw ? "true" : "false") + " WHERE id = " + seriesId;
}

// storedValues() of every candle of `rows`, in their order.
using StoredRows = std::vector<std::array<qint64, 8>>;

// The stored values of `rows` under `e`; false at the first candle `e` does not hold.
bool storedValuesOf(const Encoding &e, const CandleBatch &rows, StoredRows &out)
{
    out.resize(size_t(rows.size()));
    for (qsizetype i = 0; i < rows.size(); ++i) {
        if (!storedValues(e, rows[i], out[size_t(i)]))
            return false;
    }
    return true;
}

// A candle from the binary values of CandleColumns, stored under `e`.
Candle candleFrom(const Encoding &e, const std::array<const char *, 10> &v, bool closed)
{
    Candle c;
    c.openTime = int8From(v[0]);
    c.trades = int8From(v[7]);
    c.closed = closed;
    double *const values[8] = {&c.open,   &c.high,        &c.low,          &c.close,
                               &c.volume, &c.quoteVolume, &c.takerBuyBase, &c.takerBuyQuote};
    constexpr int Column[8] = {1, 2, 3, 4, 5, 6, 8, 9};
    if (e.raw) {
        for (int i = 0; i < 8; ++i)
            *values[i] = float8From(v[Column[i]]);
        return c;
    }
    c.open = DecimalUnits::toDouble(int8From(v[1]), e.priceDecimals);
    c.high = DecimalUnits::toDouble(int8From(v[2]), e.priceDecimals);
    c.low = DecimalUnits::toDouble(int8From(v[3]), e.priceDecimals);
    c.close = DecimalUnits::toDouble(int8From(v[4]), e.priceDecimals);
    c.volume = DecimalUnits::toDouble(int8From(v[5]), e.volumeDecimals);
    c.takerBuyBase = DecimalUnits::toDouble(int8From(v[8]), e.volumeDecimals);
    const qint64 quote = int8From(v[6]);
    const qint64 takerQuote = int8From(v[9]);
    c.quoteVolume = DecimalUnits::toDouble(quote, e.quoteDecimals);
    c.takerBuyQuote = DecimalUnits::toDouble(takerQuote, e.quoteDecimals);
    c.quoteVolumeE8 = DecimalUnits::quoteE8For(quote, e.quoteDecimals);
    c.takerBuyQuoteE8 = DecimalUnits::quoteE8For(takerQuote, e.quoteDecimals);
    return c;
}

// Closed candles stored under `e` from binary COPY data (CandleColumns, all 8 bytes wide) from
// `pos` on, as far as `data` holds whole rows; `pos` moves past what was read. False on data of
// another shape.
bool readCopyRows(const Encoding &e, const QByteArray &data, qsizetype &pos, bool &headerRead,
                  CandleBatch &out)
{
    constexpr qsizetype HeaderSize = 19; // signature (11), flags (4), extension length (4)
    constexpr qsizetype RowSize = 2 + 10 * (4 + 8);
    const char *p = data.constData();
    if (!headerRead) {
        if (data.size() - pos < HeaderSize)
            return true;
        if (std::memcmp(p + pos, CopySignature, 11) != 0)
            return false;
        const qsizetype extension = qFromBigEndian<quint32>(p + pos + 15);
        if (data.size() - pos < HeaderSize + extension)
            return true;
        pos += HeaderSize + extension;
        headerRead = true;
    }
    while (data.size() - pos >= 2) {
        const qint16 fields = qFromBigEndian<qint16>(p + pos);
        if (fields == -1) { // the trailer
            pos += 2;
            return true;
        }
        if (fields != 10)
            return false;
        if (data.size() - pos < RowSize)
            return true;
        std::array<const char *, 10> values;
        const char *field = p + pos + 2;
        for (const char *&v : values) {
            if (qFromBigEndian<qint32>(field) != 8)
                return false;
            v = field + 4;
            field += 12;
        }
        out.append(candleFrom(e, values, true));
        pos += RowSize;
    }
    return true;
}

// Text result columns.
qint64 int64At(const PGresult *r, int row, int col)
{
    return QByteArray(PQgetvalue(r, row, col)).toLongLong();
}

QString textAt(const PGresult *r, int row, int col)
{
    return QString::fromUtf8(PQgetvalue(r, row, col), PQgetlength(r, row, col));
}

void ignoreNotice(void *, const char *) { }

} // namespace

struct PostgresCandleStore::Private
{
    QByteArray url;
    QString display; // the URL with its password masked, for messages
    OpenMode mode = OpenMode::ReadWrite;
    PGconn *conn = nullptr;
    mutable QString error;
    QString openError;
    mutable QString reason; // the server's or libpq's message for the last failed statement
    int version = 0;
    mutable QHash<SeriesKey, qint64> seriesIds;
    // Whether the connection has WriteStatementsSql (a reconnect prepares them again).
    mutable bool prepared = false;

    // The result of `sql`, or nullptr with `reason` set. Binary results when `binary`.
    Result exec(const char *sql, const Params &params = {}, bool binary = false) const;
    bool run(const char *sql, const Params &params = {}) const { return bool(exec(sql, params)); }
    // A new connection in place of a broken one, in the same mode (and statements).
    bool reconnect() const;
    // WriteStatementsSql on the connection, unless it has them.
    bool prepareWrites() const;
    bool fail(const QString &what, const QString &why = {}) const;
    bool rollback(const QString &what)
    {
        const QString why = reason;
        exec("ROLLBACK");
        seriesIds.clear(); // a series created in the transaction is gone
        return fail(what, why);
    }
    // Clears the error of the previous operation, connecting again if the connection was lost;
    // false (with the error set) when not open or not reachable.
    bool ready() const;
    bool readyToWrite();
    bool checkSchema(bool &isNew);
    bool createSchema();
    // A version 2 database (doubles) in place, in one transaction.
    bool migrate();
    // Opened read-only, a version 2 database is read as it is: its doubles are raw values.
    bool legacy() const { return version < SchemaVersion; }
    bool seriesId(const SeriesKey &key, bool create, qint64 &id) const;
    bool coverageOf(qint64 id, TimeRanges &out) const;
    // Several statements as one query string: one round trip, a result per statement. False
    // (with `reason` set) when one failed; the statements after it did not run.
    bool script(const QByteArray &sql, std::vector<Result> &results) const;
    // `text` as an SQL string literal.
    QByteArray literal(const QString &text) const;
    // Closed candles (ascending, one per open time) of series `id` inside a write's
    // transaction: upserted, the series statistics counting the new ones; or, when none is
    // stored in their span, sent by binary COPY (the statistics are then the caller's).
    bool upsertCandles(qint64 id, const CandleBatch &rows, const StoredRows &values);
    bool copyCandles(qint64 id, const CandleBatch &rows, const StoredRows &values);
    // copyCandles() of `rows` stored under `e`, which holds them.
    bool copyUnder(qint64 id, const CandleBatch &rows, const Encoding &e);
    bool putPartial(qint64 id, const Candle &c);
    // Decodes the rows of the COPY TO STDOUT the connection is in (stored under `e`) into
    // `out`, up to the end of the data; false on data of another shape (the rest is drained).
    // `size` is PQgetCopyData's last answer (-1: the end, -2: an error).
    bool drainCopy(const Encoding &e, CandleBatch &out, int &size) const;
    // Runs the COPY … TO STDOUT statement `sql` (inside a transaction) into `out`.
    bool copyOut(const QByteArray &sql, const Encoding &e, CandleBatch &out) const;
    // Calls `f` with the candles of series `id` in `table` (stored under `e`) in ascending
    // chunks; false when a read or `f` failed.
    template<typename F> bool eachChunk(qint64 id, const char *table, const Encoding &e, F f);
    // The stored candles of series `id` under the wider `to`, inside a write's transaction.
    bool reencode(qint64 id, const Encoding &from, const Encoding &to);
    // Widens `e` until it holds the candles of series `id` in `table` (stored under `from`) and
    // `more` (passes until none widens it); false when a read failed.
    bool widenForStored(qint64 id, const char *table, const Encoding &from, Interval interval,
                        const CandleBatch &more, Encoding &e);

    // One write transaction (write(), writeAll()): the series, its decimals as the candles
    // widen them, and what went in by COPY (the series' statistics move by it at the commit).
    struct WriteState
    {
        explicit WriteState(const SeriesKey &series)
            : key(series)
            , what(tr("Cannot write candles for %1").arg(series.toString()))
        {
        }
        SeriesKey key;
        QString what;
        qint64 id = -1;
        QByteArray series; // the id as SQL
        Encoding before; // the series' decimals when the transaction began
        Encoding e; // the decimals the transaction's candles are stored under
        bool holdsCandles = false; // whether the series has candles (this transaction's too)
        qint64 copied = 0;
        qint64 firstCopied = std::numeric_limits<qint64>::max();
        qint64 lastCopied = std::numeric_limits<qint64>::min();
        std::optional<qint64> lastWritten; // the latest closed candle: partials up to it go
        TimeRanges coverage; // the stored coverage, read when the write brings coverage
    };
    // `rows` ascending, one per open time (the last one wins); false (with `why`) when a
    // value is not a number.
    static bool prepareRows(CandleBatch &rows, QString &why);
    // BEGIN and the series row locked (the series created when new), with its decimals and,
    // `withCoverage`, its coverage; with `rows`, also whether a candle is stored in their span
    // (`overlaps`). Rolled back, with the error set, on failure.
    bool beginWrite(WriteState &s, const CandleBatch &rows, bool withCoverage,
                    std::optional<bool> &overlaps);
    // Prepared rows into the open transaction (whether a candle is stored in their span asked
    // unless `overlaps` tells). Rolled back, with the error set, on failure.
    bool writeRows(WriteState &s, const CandleBatch &rows, std::optional<bool> overlaps);
    // The series' decimals and statistics, its partial, the coverage, the notification, then
    // COMMIT.
    bool commitWrite(WriteState &s, const TimeRanges &coverage);
};

Result PostgresCandleStore::Private::exec(const char *sql, const Params &params, bool binary) const
{
    const std::vector<const char *> values = params.pointers();
    const std::vector<int> lengths = params.lengths();
    // A statement outside a transaction that finds the connection broken (the server restarted)
    // is sent once more on a new connection (those statements are idempotent); inside one, the
    // transaction is lost and the statement fails.
    const bool outsideTransaction = PQtransactionStatus(conn) == PQTRANS_IDLE;
    for (int attempt = 0;; ++attempt) {
        Result r(params.size() == 0 && !binary
                     ? PQexec(conn, sql)
                     : PQexecParams(conn, sql, params.size(), nullptr, values.data(),
                                    lengths.data(), params.formats(), binary ? 1 : 0),
                 &PQclear);
        const ExecStatusType status = PQresultStatus(r.get());
        if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_COPY_OUT
            || status == PGRES_COPY_IN)
            return r;
        const char *primary = r ? PQresultErrorField(r.get(), PG_DIAG_MESSAGE_PRIMARY) : nullptr;
        reason = QString::fromUtf8(primary ? primary : PQerrorMessage(conn)).simplified();
        const char *state = r ? PQresultErrorField(r.get(), PG_DIAG_SQLSTATE) : nullptr;
        const bool lost = connectionLost(conn, state);
        if (attempt > 0 || !outsideTransaction || !lost || !reconnect())
            return Result(nullptr, &PQclear);
    }
}

bool PostgresCandleStore::Private::reconnect() const
{
    PQreset(conn);
    if (PQstatus(conn) != CONNECTION_OK)
        return false;
    const auto setUp = [this](const char *sql) {
        return PQresultStatus(Result(PQexec(conn, sql), &PQclear).get()) == PGRES_COMMAND_OK;
    };
    if (mode == OpenMode::ReadOnly)
        return setUp("SET default_transaction_read_only = on");
    // The new session has none of the old one's prepared statements: prepared again now, or
    // by the next write's prepareWrites() when that fails.
    if (!prepared)
        return true;
    prepared = setUp(WriteStatementsSql);
    return prepared;
}

bool PostgresCandleStore::Private::prepareWrites() const
{
    if (!prepared)
        prepared = run(WriteStatementsSql);
    return prepared;
}

bool PostgresCandleStore::Private::fail(const QString &what, const QString &why) const
{
    error = why.isEmpty() ? QStringLiteral("%1 (%2)").arg(what, display)
                          : QStringLiteral("%1: %2 (%3)").arg(what, why, display);
    qCWarning(lcPgStore).noquote() << error;
    return false;
}

bool PostgresCandleStore::Private::ready() const
{
    error.clear();
    if (!conn)
        return !openError.isEmpty() ? (error = openError, false) : fail(tr("Database is not open"));
    if (PQstatus(conn) == CONNECTION_BAD && !reconnect())
        return fail(tr("Lost the connection to the PostgreSQL server"),
                    QString::fromUtf8(PQerrorMessage(conn)).simplified());
    return true;
}

bool PostgresCandleStore::Private::readyToWrite()
{
    if (!ready())
        return false;
    if (mode == OpenMode::ReadOnly)
        return fail(tr("Database is open read-only"));
    return true;
}

bool PostgresCandleStore::Private::checkSchema(bool &isNew)
{
    const QString unusable = tr("Not a usable Candlewick database");
    // The catalog lists the tables whatever the role may do with them.
    const Result tables = exec("SELECT c.relname FROM pg_class c"
                               " JOIN pg_namespace n ON n.oid = c.relnamespace"
                               " WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')");
    if (!tables)
        return fail(unusable, reason);
    QSet<QString> names;
    for (int i = 0; i < PQntuples(tables.get()); ++i)
        names.insert(textAt(tables.get(), i, 0));
    isNew = names.isEmpty();
    if (isNew)
        return true;
    if (!names.contains(QStringLiteral("schema_version")))
        return fail(tr("Not a Candlewick database (it holds other tables; it is left "
                       "unchanged)"));
    const Result found = exec("SELECT version FROM schema_version");
    if (!found)
        return fail(unusable, reason);
    if (PQntuples(found.get()) == 0)
        return fail(tr("Not a Candlewick database (it has no schema version)"));
    const qint64 v = int64At(found.get(), 0, 0);
    version = int(qBound<qint64>(0, v, qint64(SchemaVersion) + 1));
    if (v > SchemaVersion)
        return fail(tr("Database was made by a newer Candlewick (schema version %1, "
                       "this one reads up to %2); update Candlewick to use it")
                        .arg(v)
                        .arg(SchemaVersion));
    if (v < OldestSchemaVersion)
        return fail(tr("Not a Candlewick database (schema version %1)").arg(v));
    for (const char *table : SchemaTables) {
        if (!names.contains(QString::fromLatin1(table)))
            return fail(tr("Not a Candlewick database (table %1 is missing)")
                            .arg(QString::fromLatin1(table)));
    }
    return true;
}

bool PostgresCandleStore::Private::createSchema()
{
    const QString what = tr("Cannot create the database schema");
    // Two processes creating it at once: the second waits for the lock, then finds it made.
    if (!run("BEGIN") || !run("SELECT pg_advisory_xact_lock(hashtext('candlewick schema'))"))
        return rollback(what);
    bool isNew = false;
    if (!checkSchema(isNew)) {
        exec("ROLLBACK");
        return false;
    }
    if (isNew && (!run(SchemaSql) || !run(CandlesTableSql)))
        return rollback(what);
    if (!run("COMMIT"))
        return rollback(what);
    version = SchemaVersion;
    return true;
}

bool PostgresCandleStore::Private::migrate()
{
    if (version >= SchemaVersion)
        return true;
    const QString what = tr("Cannot update the database from schema version %1").arg(version);
    if (!run("BEGIN") || !run("SELECT pg_advisory_xact_lock(hashtext('candlewick schema'))"))
        return rollback(what);
    bool isNew = false;
    if (!checkSchema(isNew)) { // another process may have migrated it meanwhile
        exec("ROLLBACK");
        return false;
    }
    if (version >= SchemaVersion)
        return run("COMMIT") || rollback(what);
    // Never a silent rewrite: one line says what happens (the CLI shows this category).
    qCInfo(lcPgStoreMigration).noquote()
        << tr("Updating the database %1 from schema version %2 to %3 (prices and "
              "volumes as exact decimals); its candles are rewritten once, in one "
              "transaction")
               .arg(display)
               .arg(version)
               .arg(SchemaVersion);
    if (!run(MigrateTo3Sql) || !run(CandlesTableSql))
        return rollback(what);
    const Result series = exec("SELECT id, \"interval\" FROM series ORDER BY id");
    if (!series)
        return rollback(what);
    const Encoding raw = scaledEncoding(0, 0, 0, true); // how version 2's doubles read
    for (int i = 0; i < PQntuples(series.get()); ++i) {
        const qint64 id = int64At(series.get(), i, 0);
        const Interval interval
            = Intervals::parse(textAt(series.get(), i, 1)).value_or(Interval::S1);
        // The decimals that hold all of the series' candles (passes until none widens them),
        // then the candles.
        Encoding e = scaledEncoding(0, 0, 0, false);
        if (!widenForStored(id, "candles_v2", raw, interval, {}, e)
            || !eachChunk(id, "candles_v2", raw,
                          [&](const CandleBatch &chunk) { return copyUnder(id, chunk, e); })
            || !run(decimalsSql(QByteArray::number(id), e).constData()))
            return rollback(what);
    }
    const QByteArray partialsSql
        = QByteArray("SELECT ") + CandleColumns + ", series_id FROM partials_v2";
    const Result partials = exec(partialsSql.constData(), {}, true);
    if (!partials)
        return rollback(what);
    for (int i = 0; i < PQntuples(partials.get()); ++i) {
        std::array<const char *, 10> values;
        for (int col = 0; col < 10; ++col)
            values[col] = PQgetvalue(partials.get(), i, col);
        if (!putPartial(int8From(PQgetvalue(partials.get(), i, 10)),
                        candleFrom(raw, values, false)))
            return rollback(what);
    }
    if (!run(MigrateTo3EndSql) || !run("COMMIT"))
        return rollback(what);
    version = SchemaVersion;
    return true;
}

bool PostgresCandleStore::Private::seriesId(const SeriesKey &key, bool create, qint64 &id) const
{
    if (auto it = seriesIds.constFind(key); it != seriesIds.constEnd()) {
        id = *it;
        return true;
    }
    id = -1;
    Params params;
    params.add(key.exchange).add(key.symbol).add(Intervals::name(key.interval));
    Result found = exec("SELECT id FROM series WHERE exchange = $1 AND symbol = $2"
                        " AND \"interval\" = $3",
                        params);
    if (found && PQntuples(found.get()) == 0 && create) {
        // Another writer may create it meanwhile: then the insert does nothing and it is found.
        found = exec("INSERT INTO series (exchange, symbol, \"interval\") VALUES ($1, $2, $3)"
                     " ON CONFLICT DO NOTHING RETURNING id",
                     params);
        if (found && PQntuples(found.get()) == 0)
            found = exec("SELECT id FROM series WHERE exchange = $1 AND symbol = $2"
                         " AND \"interval\" = $3",
                         params);
    }
    if (!found)
        return false;
    if (PQntuples(found.get()) > 0) {
        id = int64At(found.get(), 0, 0);
        seriesIds.insert(key, id);
    }
    return true;
}

bool PostgresCandleStore::Private::coverageOf(qint64 id, TimeRanges &out) const
{
    const Result r = exec("SELECT from_ms, to_ms FROM coverage WHERE series_id = $1"
                          " ORDER BY from_ms",
                          Params().add(id));
    if (!r)
        return false;
    for (int i = 0; i < PQntuples(r.get()); ++i)
        out.append({int64At(r.get(), i, 0), int64At(r.get(), i, 1)});
    return true;
}

bool PostgresCandleStore::Private::script(const QByteArray &sql, std::vector<Result> &results) const
{
    results.clear();
    // Like exec(): sent once more on a new connection when it meets a broken one outside a
    // transaction.
    const bool outsideTransaction = PQtransactionStatus(conn) == PQTRANS_IDLE;
    for (int attempt = 0;; ++attempt) {
        bool ok = PQsendQuery(conn, sql.constData()) == 1;
        const char *state = nullptr;
        reason = QString::fromUtf8(PQerrorMessage(conn)).simplified();
        while (PGresult *r = PQgetResult(conn)) {
            results.emplace_back(r, &PQclear);
            const ExecStatusType status = PQresultStatus(r);
            if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
                const char *primary = PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY);
                reason = QString::fromUtf8(primary ? primary : PQerrorMessage(conn)).simplified();
                state = PQresultErrorField(r, PG_DIAG_SQLSTATE);
                ok = false;
            }
        }
        if (ok)
            return true;
        const bool lost = connectionLost(conn, state);
        results.clear();
        if (attempt > 0 || !outsideTransaction || !lost || !reconnect())
            return false;
    }
}

QByteArray PostgresCandleStore::Private::literal(const QString &text) const
{
    const QByteArray utf8 = text.toUtf8();
    char *quoted = PQescapeLiteral(conn, utf8.constData(), size_t(utf8.size()));
    const QByteArray out(quoted ? quoted : "NULL");
    PQfreemem(quoted);
    return out;
}

bool PostgresCandleStore::Private::upsertCandles(qint64 id, const CandleBatch &rows,
                                                 const StoredRows &values)
{
    std::vector<BinaryArray<qint64>> columns(10, BinaryArray<qint64>(rows.size()));
    for (qsizetype row = 0; row < rows.size(); ++row) {
        const auto &v = values[size_t(row)];
        columns[0].append(rows[row].openTime);
        for (int i = 0; i < 6; ++i)
            columns[1 + i].append(v[i]);
        columns[7].append(rows[row].trades);
        columns[8].append(v[6]);
        columns[9].append(v[7]);
    }
    Params params;
    params.add(id);
    for (const auto &column : columns)
        params.add(column.data(), true);
    // New candles are counted (xmax = 0: inserted, not updated) into the series statistics.
    return run("WITH ins AS ("
               " INSERT INTO candles (series_id, open_time, open, high, low, close,"
               " volume, quote_volume, trades, taker_buy_base, taker_buy_quote)"
               " SELECT $1::bigint, * FROM unnest($2::bigint[], $3::bigint[], $4::bigint[],"
               " $5::bigint[], $6::bigint[], $7::bigint[], $8::bigint[], $9::bigint[],"
               " $10::bigint[], $11::bigint[])"
               " ON CONFLICT (series_id, open_time) DO UPDATE SET open = excluded.open,"
               " high = excluded.high, low = excluded.low, close = excluded.close,"
               " volume = excluded.volume, quote_volume = excluded.quote_volume,"
               " trades = excluded.trades, taker_buy_base = excluded.taker_buy_base,"
               " taker_buy_quote = excluded.taker_buy_quote"
               " RETURNING xmax = 0 AS fresh, open_time)"
               " UPDATE series SET candle_count = candle_count + s.n,"
               " first_open = least(first_open, s.lo), last_open = greatest(last_open, s.hi)"
               " FROM (SELECT count(*) AS n, min(open_time) AS lo, max(open_time) AS hi"
               " FROM ins WHERE fresh) s WHERE id = $1",
               params);
}

bool PostgresCandleStore::Private::copyUnder(qint64 id, const CandleBatch &rows, const Encoding &e)
{
    StoredRows values;
    if (!storedValuesOf(e, rows, values)) {
        reason = tr("a stored candle does not fit the series' decimals");
        return false;
    }
    return copyCandles(id, rows, values);
}

bool PostgresCandleStore::Private::copyCandles(qint64 id, const CandleBatch &rows,
                                               const StoredRows &values)
{
    // The server keeps a slot per row it buffers for a COPY (up to 1000, created as the rows
    // come and used again after each 1,000), each one registered with the transaction's
    // resource owner, where finding one takes longer the more there are: four COPYs of 250
    // rows cost it less than one of 1,000, but from 1,000 rows on a COPY costs the same (about
    // 1 ms), against about 0.1 ms per COPY of 250 (its slots and its round trip). So a batch of
    // fewer than OneCopyRows goes in COPYs of CopyRows, all in one query string (the server
    // starts the next as one ends, a round trip each); a larger one in a single COPY, its data
    // in messages of CopyRows rows.
    constexpr qsizetype CopyRows = 250;
    constexpr qsizetype OneCopyRows = 4000;
    if (rows.isEmpty())
        return true;
    const qsizetype perCopy = rows.size() >= OneCopyRows ? rows.size() : CopyRows;
    QByteArray sql;
    for (qsizetype at = 0; at < rows.size(); at += perCopy)
        sql += "COPY candles (series_id, open_time, open, high, low, close, volume, quote_volume,"
               " trades, taker_buy_base, taker_buy_quote) FROM STDIN (FORMAT binary);";
    if (PQsendQuery(conn, sql.constData()) != 1) {
        reason = QString::fromUtf8(PQerrorMessage(conn)).simplified();
        return false;
    }
    // PostgreSQL's binary COPY format: a header, then per row the field count and each field
    // as its length and its value in network byte order, then -1 (the messages of one COPY
    // are one stream: the header in the first, the -1 in the last).
    constexpr int Fields = 11;
    constexpr qsizetype HeaderSize = 19;
    constexpr qsizetype RowSize = 2 + Fields * (4 + 8);
    QByteArray data;
    const auto encode = [&](qsizetype from, qsizetype n, bool first, bool last) {
        data.resize((first ? HeaderSize : 0) + n * RowSize + (last ? 2 : 0));
        char *p = data.data();
        if (first) {
            std::memcpy(p, CopySignature, 11);
            std::memset(p + 11, 0, 8); // flags, header extension length
            p += HeaderSize;
        }
        const auto put8 = [&p](qint64 v) {
            qToBigEndian<quint32>(8, p);
            qToBigEndian<qint64>(v, p + 4);
            p += 12;
        };
        for (qsizetype row = from; row < from + n; ++row) {
            const auto &v = values[size_t(row)];
            qToBigEndian<qint16>(Fields, p);
            p += 2;
            put8(id);
            put8(rows[row].openTime);
            for (int i = 0; i < 6; ++i)
                put8(v[i]);
            put8(rows[row].trades);
            put8(v[6]);
            put8(v[7]);
        }
        if (last)
            qToBigEndian<qint16>(-1, p);
    };
    bool ok = true;
    qsizetype at = 0;
    while (PGresult *r = PQgetResult(conn)) {
        const ExecStatusType status = PQresultStatus(r);
        if (status == PGRES_COPY_IN) {
            const qsizetype end = ok ? qMin(at + perCopy, rows.size()) : at;
            bool sent = at < end;
            for (bool first = true; sent && at < end; first = false) {
                const qsizetype n = qMin(CopyRows, end - at);
                encode(at, n, first, at + n == end);
                at += n;
                sent = PQputCopyData(conn, data.constData(), int(data.size())) == 1;
            }
            if (!sent && ok) {
                ok = false;
                reason = QString::fromUtf8(PQerrorMessage(conn)).simplified();
            }
            if (PQputCopyEnd(conn, sent ? nullptr : "not sent") != 1) {
                PQclear(r);
                reason = QString::fromUtf8(PQerrorMessage(conn)).simplified();
                return false;
            }
        } else if (status != PGRES_COMMAND_OK) {
            ok = false;
            const char *primary = PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY);
            reason = QString::fromUtf8(primary ? primary : PQerrorMessage(conn)).simplified();
        }
        PQclear(r);
    }
    return ok && at == rows.size();
}

bool PostgresCandleStore::Private::putPartial(qint64 id, const Candle &c)
{
    // A forming candle changes with every update: it is stored under decimals of its own.
    Encoding e = scaledEncoding(0, 0, 0, false);
    std::array<qint64, 8> values;
    if (!storedValues(e, c, values)) {
        widenFor(e, Interval::S1, c);
        storedValues(e, c, values);
    }
    Params params;
    params.add(id).add(c.openTime);
    for (int i = 0; i < 6; ++i)
        params.add(values[i]);
    params.add(c.trades).add(values[6]).add(values[7]);
    params.add(qint64(e.priceDecimals))
        .add(qint64(e.volumeDecimals))
        .add(qint64(e.quoteDecimals))
        .add(QByteArray(e.raw ? "true" : "false"));
    return run("INSERT INTO partials (series_id, open_time, open, high, low, close, volume,"
               " quote_volume, trades, taker_buy_base, taker_buy_quote, price_decimals,"
               " volume_decimals, quote_decimals, raw_values)"
               " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)"
               " ON CONFLICT (series_id) DO UPDATE SET open_time = excluded.open_time,"
               " open = excluded.open, high = excluded.high, low = excluded.low,"
               " close = excluded.close, volume = excluded.volume,"
               " quote_volume = excluded.quote_volume, trades = excluded.trades,"
               " taker_buy_base = excluded.taker_buy_base,"
               " taker_buy_quote = excluded.taker_buy_quote,"
               " price_decimals = excluded.price_decimals,"
               " volume_decimals = excluded.volume_decimals,"
               " quote_decimals = excluded.quote_decimals, raw_values = excluded.raw_values",
               params);
}

bool PostgresCandleStore::Private::drainCopy(const Encoding &e, CandleBatch &out, int &size) const
{
    QByteArray pending; // the part of a row that came without its end
    bool headerRead = false;
    bool wellFormed = true;
    char *chunk = nullptr;
    while ((size = PQgetCopyData(conn, &chunk, 0)) > 0) {
        // The server sends a row per message (the first one after the header): decoded where
        // libpq put it, copied only when a row is split. After bad data the rest is drained.
        qsizetype at = 0;
        if (wellFormed && pending.isEmpty()) {
            const QByteArray message = QByteArray::fromRawData(chunk, size);
            wellFormed = readCopyRows(e, message, at, headerRead, out);
            pending.append(chunk + at, size - at);
        } else if (wellFormed) {
            pending.append(chunk, size);
            wellFormed = readCopyRows(e, pending, at, headerRead, out);
            pending.remove(0, at);
        }
        PQfreemem(chunk);
    }
    if (size == -2)
        reason = QString::fromUtf8(PQerrorMessage(conn)).simplified();
    return wellFormed;
}

bool PostgresCandleStore::Private::copyOut(const QByteArray &sql, const Encoding &e,
                                           CandleBatch &out) const
{
    if (!exec(sql.constData()))
        return false;
    int size = 0;
    const bool wellFormed = drainCopy(e, out, size);
    bool ok = size == -1 && wellFormed;
    while (PGresult *r = PQgetResult(conn)) {
        if (PQresultStatus(r) != PGRES_COMMAND_OK && size != -2) {
            ok = false;
            const char *primary = PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY);
            reason = QString::fromUtf8(primary ? primary : PQerrorMessage(conn)).simplified();
        }
        PQclear(r);
    }
    if (!wellFormed)
        reason = tr("unexpected data from the server");
    return ok;
}

template<typename F>
bool PostgresCandleStore::Private::eachChunk(qint64 id, const char *table, const Encoding &e, F f)
{
    constexpr qint64 ChunkRows = 100000;
    qint64 from = std::numeric_limits<qint64>::min();
    for (;;) {
        const QByteArray sql = QByteArray("COPY (SELECT ") + CandleColumns + " FROM " + table
            + " WHERE series_id = " + QByteArray::number(id)
            + " AND open_time >= " + QByteArray::number(from) + " ORDER BY open_time LIMIT "
            + QByteArray::number(ChunkRows) + ") TO STDOUT (FORMAT binary)";
        CandleBatch chunk;
        chunk.reserve(ChunkRows);
        if (!copyOut(sql, e, chunk) || (!chunk.isEmpty() && !f(chunk)))
            return false;
        if (chunk.size() < ChunkRows || chunk.last().openTime == std::numeric_limits<qint64>::max())
            return true;
        from = chunk.last().openTime + 1;
    }
}

bool PostgresCandleStore::Private::reencode(qint64 id, const Encoding &from, const Encoding &to)
{
    qint64 count = 0;
    const QByteArray series = QByteArray::number(id);
    const bool ok = eachChunk(id, "candles", from, [&](const CandleBatch &chunk) {
        count += chunk.size();
        const QByteArray drop = "DELETE FROM candles WHERE series_id = " + series
            + " AND open_time >= " + QByteArray::number(chunk.first().openTime)
            + " AND open_time <= " + QByteArray::number(chunk.last().openTime);
        return run(drop.constData()) && copyUnder(id, chunk, to);
    });
    qCDebug(lcPgStore) << "series" << id << "stored again with wider decimals:" << count
                       << "candles";
    return ok;
}

bool PostgresCandleStore::Private::prepareRows(CandleBatch &rows, QString &why)
{
    // Usually they are (a page of a fetch): then the batch is not copied.
    const bool ascending = std::adjacent_find(rows.cbegin(), rows.cend(),
                                              [](const Candle &a, const Candle &b) {
                                                  return a.openTime >= b.openTime;
                                              })
        == rows.cend();
    if (!ascending) {
        std::stable_sort(rows.begin(), rows.end(),
                         [](const Candle &a, const Candle &b) { return a.openTime < b.openTime; });
        for (qsizetype i = rows.size() - 1; i > 0; --i) {
            if (rows[i - 1].openTime == rows[i].openTime)
                rows.removeAt(i - 1);
        }
    }
    for (const Candle &c : std::as_const(rows)) {
        if (!allFinite(c)) {
            why = tr("a value of the candle at %1 is not a number").arg(c.openTime);
            return false;
        }
    }
    return true;
}

bool PostgresCandleStore::Private::beginWrite(WriteState &s, const CandleBatch &rows,
                                              bool withCoverage, std::optional<bool> &overlaps)
{
    // Every number in the statements is ours.
    if (!prepareWrites())
        return fail(s.what, reason);
    QByteArray first;
    if (const auto known = seriesIds.constFind(s.key); known != seriesIds.constEnd()) {
        s.id = *known;
        first = "BEGIN;";
    } else if (!run("BEGIN")) {
        return fail(s.what, reason);
    } else if (!seriesId(s.key, true, s.id)) {
        return rollback(s.what);
    }
    s.series = QByteArray::number(s.id);
    // The series row lock orders writers of one series (counts and coverage stay exact).
    // With it come the series' decimals, and for its first candles the symbol's price tick
    // (prices get at least its decimals, so later candles rarely need wider ones).
    first += "EXECUTE cw_lock(" + s.series + ", " + literal(s.key.exchange) + ", "
        + literal(s.key.symbol) + ");";
    if (!rows.isEmpty())
        first += "EXECUTE cw_overlaps(" + s.series + ", "
            + QByteArray::number(rows.first().openTime) + ", "
            + QByteArray::number(rows.last().openTime) + ");";
    if (withCoverage)
        first += "EXECUTE cw_coverage(" + s.series + ");";
    std::vector<Result> known;
    if (!script(first, known))
        return rollback(s.what);
    std::vector<const PGresult *> answers;
    for (const Result &r : known) {
        if (PQresultStatus(r.get()) == PGRES_TUPLES_OK)
            answers.push_back(r.get());
    }
    const PGresult *stored = answers.at(0);
    s.before = scaledEncoding(int(int64At(stored, 0, 0)), int(int64At(stored, 0, 1)),
                              int(int64At(stored, 0, 2)), PQgetvalue(stored, 0, 3)[0] == 't');
    s.e = s.before;
    s.holdsCandles = int64At(stored, 0, 4) > 0;
    if (!s.holdsCandles && !PQgetisnull(stored, 0, 5))
        s.e.priceDecimals
            = qMax(s.e.priceDecimals,
                   DecimalUnits::decimalsOf(QByteArray(PQgetvalue(stored, 0, 5)).toDouble()));
    qsizetype answer = 1;
    if (!rows.isEmpty())
        overlaps = PQgetvalue(answers.at(answer++), 0, 0)[0] == 't';
    if (withCoverage) {
        const PGresult *storedCoverage = answers.at(answer++);
        for (int i = 0; i < PQntuples(storedCoverage); ++i)
            s.coverage.append({int64At(storedCoverage, i, 0), int64At(storedCoverage, i, 1)});
    }
    return true;
}

bool PostgresCandleStore::Private::widenForStored(qint64 id, const char *table,
                                                  const Encoding &from, Interval interval,
                                                  const CandleBatch &more, Encoding &e)
{
    for (bool widened = true; widened;) {
        widened = false;
        if (!eachChunk(id, table, from, [&](const CandleBatch &chunk) {
                widened = widenForAll(e, interval, chunk) || widened;
                return true;
            }))
            return false;
        widened = widenForAll(e, interval, more) || widened;
    }
    return true;
}

bool PostgresCandleStore::Private::writeRows(WriteState &s, const CandleBatch &rows,
                                             std::optional<bool> overlaps)
{
    if (rows.isEmpty())
        return true;
    // The values once, under the series' decimals; when a candle needs more, widened for the
    // rows and then for the stored candles (until neither widens them), which are stored
    // again under them.
    StoredRows values;
    if (!storedValuesOf(s.e, rows, values)) {
        const Encoding from = s.e;
        widenForAll(s.e, s.key.interval, rows);
        if (s.holdsCandles
            && (!widenForStored(s.id, "candles", from, s.key.interval, rows, s.e)
                || !reencode(s.id, from, s.e)))
            return rollback(s.what);
        if (!storedValuesOf(s.e, rows, values))
            return rollback(s.what);
    }
    if (!overlaps) {
        const QByteArray sql = "EXECUTE cw_overlaps(" + s.series + ", "
            + QByteArray::number(rows.first().openTime) + ", "
            + QByteArray::number(rows.last().openTime) + ")";
        const Result r = exec(sql.constData());
        if (!r)
            return rollback(s.what);
        overlaps = PQgetvalue(r.get(), 0, 0)[0] == 't';
    }
    // With no candle stored in the rows' span (the usual case: new candles), they go in by
    // binary COPY and every one of them is new (the series lock keeps it so): the statistics
    // move by them at the commit. Otherwise an upsert counts what it inserted.
    if (*overlaps ? !upsertCandles(s.id, rows, values) : !copyCandles(s.id, rows, values))
        return rollback(s.what);
    if (!*overlaps) {
        s.copied += rows.size();
        s.firstCopied = qMin(s.firstCopied, rows.first().openTime);
        s.lastCopied = qMax(s.lastCopied, rows.last().openTime);
    }
    s.holdsCandles = true;
    s.lastWritten = qMax(s.lastWritten.value_or(rows.last().openTime), rows.last().openTime);
    return true;
}

bool PostgresCandleStore::Private::commitWrite(WriteState &s, const TimeRanges &coverage)
{
    QByteArray last;
    if (s.e != s.before)
        last += decimalsSql(s.series, s.e) + ';';
    if (s.copied > 0)
        last += "EXECUTE cw_count(" + s.series + ", " + QByteArray::number(s.copied) + ", "
            + QByteArray::number(s.firstCopied) + ", " + QByteArray::number(s.lastCopied) + ");";
    // A closed candle replaces the partial one it finishes; listeners hear of the series when
    // the transaction commits.
    if (s.lastWritten)
        last += "EXECUTE cw_finish(" + s.series + ", " + QByteArray::number(*s.lastWritten) + ", "
            + literal(QString::fromLatin1(NotifyChannel)) + ", " + literal(s.key.toString()) + ");";
    if (!coverage.isEmpty()) {
        const TimeRanges merged = TimeRangeSet::merged(s.coverage + coverage);
        if (merged != s.coverage) {
            QByteArray from, to;
            for (const TimeRange &r : merged) {
                from += (from.isEmpty() ? "'{" : ",") + QByteArray::number(r.from);
                to += (to.isEmpty() ? "'{" : ",") + QByteArray::number(r.to);
            }
            last += "EXECUTE cw_clear_coverage(" + s.series + ");EXECUTE cw_add_coverage("
                + s.series + ", " + from + "}', " + to + "}');";
        }
    }
    std::vector<Result> done;
    if (!script(last + "COMMIT", done))
        return rollback(s.what);
    return true;
}

PostgresCandleStore::PostgresCandleStore()
    : d(std::make_unique<Private>())
{
}

PostgresCandleStore::~PostgresCandleStore()
{
    close();
}

bool PostgresCandleStore::isUrl(const QString &location)
{
    return location.startsWith(QLatin1StringView("postgresql://"), Qt::CaseInsensitive)
        || location.startsWith(QLatin1StringView("postgres://"), Qt::CaseInsensitive);
}

QString PostgresCandleStore::displayUrl(const QString &url)
{
    const QString mask = QStringLiteral("****");
    QUrl shown(url);
    if (!shown.password().isEmpty())
        shown.setPassword(mask);
    QUrlQuery query(shown);
    if (query.hasQueryItem(QStringLiteral("password"))) {
        query.removeAllQueryItems(QStringLiteral("password"));
        query.addQueryItem(QStringLiteral("password"), mask);
        shown.setQuery(query);
    }
    return shown.toString();
}

bool PostgresCandleStore::open(const QString &url, OpenMode mode)
{
    close();
    d->url = url.toUtf8();
    d->display = displayUrl(url);
    d->mode = mode;
    d->error.clear();
    d->openError.clear();
    d->version = 0;
    const char *keywords[] = {"connect_timeout", "fallback_application_name", "dbname", nullptr};
    const char *values[] = {"10", "candlewick", d->url.constData(), nullptr};
    d->conn = PQconnectdbParams(keywords, values, 1);
    bool ok = true;
    if (PQstatus(d->conn) != CONNECTION_OK) {
        ok = d->fail(tr("Cannot connect to the PostgreSQL database"),
                     QString::fromUtf8(PQerrorMessage(d->conn)).simplified());
    } else {
        PQsetNoticeProcessor(d->conn, ignoreNotice, nullptr);
        bool isNew = false;
        if (mode == OpenMode::ReadOnly) {
            ok = d->run("SET default_transaction_read_only = on")
                ? d->checkSchema(isNew)
                : d->fail(tr("Cannot open the database read-only"), d->reason);
            if (ok && isNew)
                ok = d->fail(tr("Not a Candlewick database (it is empty)"));
        } else {
            ok = d->checkSchema(isNew) && (isNew ? d->createSchema() : d->migrate());
        }
    }
    if (ok)
        return true;
    const QString error = d->error;
    close();
    d->error = d->openError = error;
    return false;
}

void PostgresCandleStore::close()
{
    d->seriesIds.clear();
    d->prepared = false;
    if (d->conn)
        PQfinish(d->conn);
    d->conn = nullptr;
}

int PostgresCandleStore::schemaVersion() const
{
    return d->conn ? d->version : 0;
}

bool PostgresCandleStore::isOpen() const
{
    return d->conn != nullptr;
}

QString PostgresCandleStore::errorString() const
{
    return d->error;
}

bool PostgresCandleStore::write(const SeriesKey &key, const CandleBatch &candles,
                                const TimeRanges &coverage)
{
    if (!d->readyToWrite())
        return false;
    Private::WriteState s(key);
    CandleBatch rows = candles;
    if (!Private::prepareRows(rows, d->reason))
        return d->fail(s.what, d->reason);
    // A write's round trips: what it needs to know, the rows (binary COPY: one per COPY), and
    // what follows from them with the commit.
    std::optional<bool> overlaps;
    return d->beginWrite(s, rows, !coverage.isEmpty(), overlaps)
        && (rows.isEmpty() || d->writeRows(s, rows, overlaps)) && d->commitWrite(s, coverage);
}

bool PostgresCandleStore::writeAll(const SeriesKey &key, const BatchSource &next,
                                   const TimeRanges &coverage)
{
    if (!d->readyToWrite())
        return false;
    // One transaction, each batch sent as it comes (memory stays flat), the coverage at the
    // commit.
    Private::WriteState s(key);
    std::optional<bool> overlaps;
    if (!d->beginWrite(s, {}, !coverage.isEmpty(), overlaps))
        return false;
    CandleBatch batch;
    for (;;) {
        batch.clear();
        switch (next(batch)) {
        case NextBatch::Batch:
            if (!Private::prepareRows(batch, d->reason))
                return d->rollback(s.what);
            if (!d->writeRows(s, batch, {}))
                return false;
            continue;
        case NextBatch::Abort:
            // The producer gave up (its own error says why): nothing of it stays.
            d->reason = tr("the import stopped");
            return d->rollback(tr("Nothing written for %1").arg(key.toString()));
        case NextBatch::End:
            return d->commitWrite(s, coverage);
        }
    }
}

bool PostgresCandleStore::writePartial(const SeriesKey &key, const Candle &candle)
{
    if (!d->readyToWrite())
        return false;
    const QString what = tr("Cannot write the forming candle of %1").arg(key.toString());
    if (!allFinite(candle))
        return d->fail(what + tr(": a value is not a number"));
    qint64 id = -1;
    if (!d->seriesId(key, true, id))
        return d->fail(what, d->reason);
    if (!d->putPartial(id, candle))
        return d->fail(what, d->reason);
    return true;
}

TimeRanges PostgresCandleStore::coverage(const SeriesKey &key) const
{
    TimeRanges out;
    if (!d->ready())
        return out;
    qint64 id = -1;
    if (!d->seriesId(key, false, id) || (id >= 0 && !d->coverageOf(id, out))) {
        d->fail(tr("Cannot read the coverage of %1").arg(key.toString()), d->reason);
        out.clear();
    }
    return out;
}

qint64 PostgresCandleStore::count(const SeriesKey &key, TimeRange range) const
{
    if (!d->ready())
        return 0;
    const QString what = tr("Cannot count the candles of %1").arg(key.toString());
    qint64 id = -1;
    if (!d->seriesId(key, false, id))
        return d->fail(what, d->reason), 0;
    if (id < 0)
        return 0;
    const Result r = d->exec("SELECT count(*) FROM candles WHERE series_id = $1"
                             " AND open_time >= $2 AND open_time < $3",
                             Params().add(id).add(range.from).add(range.to));
    if (!r)
        return d->fail(what, d->reason), 0;
    return int64At(r.get(), 0, 0);
}

TimeRange PostgresCandleStore::storedSpan(const SeriesKey &key, TimeRange range) const
{
    if (!d->ready())
        return {};
    const QString what = tr("Cannot read the candles of %1").arg(key.toString());
    qint64 id = -1;
    if (!d->seriesId(key, false, id))
        return d->fail(what, d->reason), TimeRange{};
    if (id < 0)
        return {};
    // min() and max() on the primary key are two index lookups.
    const Result r = d->exec("SELECT min(open_time), max(open_time) FROM candles"
                             " WHERE series_id = $1 AND open_time >= $2 AND open_time < $3",
                             Params().add(id).add(range.from).add(range.to));
    if (!r)
        return d->fail(what, d->reason), TimeRange{};
    if (PQgetisnull(r.get(), 0, 0))
        return {};
    return {int64At(r.get(), 0, 0), int64At(r.get(), 0, 1) + 1};
}

CandleBatch PostgresCandleStore::read(const SeriesKey &key, TimeRange range) const
{
    const TimeRange span = storedSpan(key, range);
    if (hasError())
        return {};
    CandleBatch out;
    if (!readChunk(key, span, -1, out, Intervals::countBetween(key.interval, span.from, span.to)))
        return {};
    if (out.capacity() > out.size() + out.size() / 8 + 64)
        out.squeeze();
    return out;
}

bool PostgresCandleStore::readChunk(const SeriesKey &key, TimeRange range, qint64 limit,
                                    CandleBatch &out, qint64 expected) const
{
    out.clear();
    if (!d->ready())
        return false;
    const QString what = tr("Cannot read the candles of %1").arg(key.toString());
    qint64 id = -1;
    if (!d->seriesId(key, false, id))
        return d->fail(what, d->reason);
    if (id < 0 || range.isEmpty())
        return true;
    // Binary COPY streams the rows as the server produces them, with no result set built in
    // libpq's memory. COPY takes no parameters: the numbers are written into the statement. The
    // series' decimals come with the rows, read in the same snapshot (a writer may widen them
    // in between), all in one round trip. The primary key gives the order: without statistics
    // (a table just filled) the planner would sort a bitmap scan's rows instead, on disk.
    const QByteArray series = QByteArray::number(id);
    // A version 2 database read as it is has its decimals row only while it is at version 2
    // (another process may update it): without it, the read is made again as of version 3.
    const auto statement = [&] {
        return QByteArray("BEGIN ISOLATION LEVEL REPEATABLE READ;"
                          "SET LOCAL enable_sort = off;SELECT ")
            + (d->legacy() ? "0, 0, 0, true"
                           : "price_decimals, volume_decimals, quote_decimals, raw_values")
            + " FROM series WHERE id = " + series
            + (d->legacy() ? " AND (SELECT max(version) FROM schema_version) = 2" : "")
            + ";COPY (SELECT " + CandleColumns + " FROM candles WHERE series_id = " + series
            + " AND open_time >= " + QByteArray::number(range.from) + " AND open_time < "
            + QByteArray::number(range.to) + " ORDER BY open_time"
            + (limit >= 0 ? " LIMIT " + QByteArray::number(limit) : QByteArray())
            + ") TO STDOUT (FORMAT binary);COMMIT";
    };
    QByteArray sql = statement();
    const qint64 reserve = limit >= 0 ? qMin(limit, qMax<qint64>(expected, 1024)) : expected;
    // Like exec(): sent once more on a new connection when it meets a broken one.
    for (int attempt = 0;; ++attempt) {
        out.clear();
        out.reserve(reserve);
        bool ok = PQsendQuery(d->conn, sql.constData()) == 1;
        bool wellFormed = true;
        const char *state = nullptr;
        d->reason = QString::fromUtf8(PQerrorMessage(d->conn)).simplified();
        std::optional<Encoding> e;
        while (PGresult *r = PQgetResult(d->conn)) {
            const Result result(r, &PQclear);
            const ExecStatusType status = PQresultStatus(r);
            if (status == PGRES_TUPLES_OK && PQntuples(r) == 1) {
                e = scaledEncoding(int(int64At(r, 0, 0)), int(int64At(r, 0, 1)),
                                   int(int64At(r, 0, 2)), PQgetvalue(r, 0, 3)[0] == 't');
            } else if (status == PGRES_COPY_OUT) {
                int size = 0;
                wellFormed = e && d->drainCopy(*e, out, size);
                ok = ok && size == -1 && wellFormed;
            } else if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
                const char *primary = PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY);
                d->reason
                    = QString::fromUtf8(primary ? primary : PQerrorMessage(d->conn)).simplified();
                state = PQresultErrorField(r, PG_DIAG_SQLSTATE);
                ok = false;
            }
        }
        if (ok)
            return true;
        // A statement that failed left the transaction open.
        if (PQtransactionStatus(d->conn) != PQTRANS_IDLE)
            d->exec("ROLLBACK");
        if (!e && d->legacy() && !state) { // updated to version 3 meanwhile
            d->version = SchemaVersion;
            sql = statement();
            attempt = -1;
            continue;
        }
        // Data the server should not send, without an SQLSTATE, is no lost connection unless
        // libpq says so.
        const bool lost = wellFormed || state ? connectionLost(d->conn, state)
                                              : PQstatus(d->conn) == CONNECTION_BAD;
        if (attempt > 0 || !lost || !d->reconnect()) {
            out.clear();
            return d->fail(what, wellFormed ? d->reason : tr("unexpected data from the server"));
        }
    }
}

std::optional<qint64> PostgresCandleStore::lastOpenTime(const SeriesKey &key) const
{
    if (!d->ready())
        return std::nullopt;
    const QString what = tr("Cannot read the candles of %1").arg(key.toString());
    qint64 id = -1;
    if (!d->seriesId(key, false, id))
        return d->fail(what, d->reason), std::nullopt;
    if (id < 0)
        return std::nullopt;
    const Result r
        = d->exec("SELECT max(open_time) FROM candles WHERE series_id = $1", Params().add(id));
    if (!r)
        return d->fail(what, d->reason), std::nullopt;
    if (PQgetisnull(r.get(), 0, 0))
        return std::nullopt;
    return int64At(r.get(), 0, 0);
}

std::optional<Candle> PostgresCandleStore::partial(const SeriesKey &key) const
{
    if (!d->ready())
        return std::nullopt;
    const QString what = tr("Cannot read the forming candle of %1").arg(key.toString());
    qint64 id = -1;
    if (!d->seriesId(key, false, id))
        return d->fail(what, d->reason), std::nullopt;
    if (id < 0)
        return std::nullopt;
    // Binary results: the decimals as int4, raw_values as a bool byte. A version 2 database
    // read as it is says whether it still is (another process may update it).
    const QByteArray sql = QByteArray("SELECT ") + CandleColumns
        + (d->legacy() ? ", 0, 0, 0, true, (SELECT max(version) FROM schema_version) = 2"
                       : ", price_decimals, volume_decimals, quote_decimals, raw_values")
        + " FROM partials WHERE series_id = $1";
    const Result r = d->exec(sql.constData(), Params().add(id), true);
    if (!r)
        return d->fail(what, d->reason), std::nullopt;
    if (PQntuples(r.get()) == 0)
        return std::nullopt;
    if (d->legacy() && PQgetvalue(r.get(), 0, 14)[0] == 0) {
        d->version = SchemaVersion;
        return partial(key);
    }
    std::array<const char *, 10> values;
    for (int i = 0; i < 10; ++i)
        values[i] = PQgetvalue(r.get(), 0, i);
    const auto decimals
        = [&r](int col) { return qFromBigEndian<qint32>(PQgetvalue(r.get(), 0, col)); };
    return candleFrom(scaledEncoding(decimals(10), decimals(11), decimals(12),
                                     PQgetvalue(r.get(), 0, 13)[0] != 0),
                      values, false);
}

QList<SeriesInfo> PostgresCandleStore::seriesList() const
{
    QList<SeriesInfo> out;
    if (!d->ready())
        return out;
    const Result series = d->exec(
        "SELECT id, exchange, symbol, \"interval\", candle_count,"
        " coalesce(first_open, 0), coalesce(last_open, 0) FROM series"
        " ORDER BY exchange COLLATE \"C\", symbol COLLATE \"C\", \"interval\" COLLATE \"C\"");
    const Result coverage = series
        ? d->exec("SELECT series_id, from_ms, to_ms FROM coverage ORDER BY series_id, from_ms")
        : Result(nullptr, &PQclear);
    if (!series || !coverage) {
        d->fail(tr("Cannot list the stored series"), d->reason);
        return out;
    }
    QHash<qint64, TimeRanges> ranges;
    for (int i = 0; i < PQntuples(coverage.get()); ++i)
        ranges[int64At(coverage.get(), i, 0)].append(
            {int64At(coverage.get(), i, 1), int64At(coverage.get(), i, 2)});
    for (int i = 0; i < PQntuples(series.get()); ++i) {
        const auto interval = Intervals::parse(textAt(series.get(), i, 3));
        if (!interval)
            continue;
        SeriesInfo info;
        info.key = {textAt(series.get(), i, 1), textAt(series.get(), i, 2), *interval};
        info.candleCount = int64At(series.get(), i, 4);
        info.firstOpen = int64At(series.get(), i, 5);
        info.lastOpen = int64At(series.get(), i, 6);
        info.coverage = ranges.value(int64At(series.get(), i, 0));
        for (qsizetype j = 1; j < info.coverage.size(); ++j)
            info.missingCandles += Intervals::countBetween(*interval, info.coverage[j - 1].to,
                                                           info.coverage[j].from);
        out.append(info);
    }
    return out;
}

bool PostgresCandleStore::saveSymbols(const QString &exchange, const SymbolList &symbols,
                                      qint64 fetchedAtMs)
{
    if (!d->readyToWrite())
        return false;
    const QString what = tr("Cannot save the symbol list of %1").arg(exchange);
    QStringList symbol, base, quote, status;
    BinaryArray<double> tickSize(symbols.size());
    for (const SymbolInfo &s : symbols) {
        symbol.append(s.symbol);
        base.append(s.baseAsset);
        quote.append(s.quoteAsset);
        status.append(s.status);
        tickSize.append(s.tickSize);
    }
    if (!d->run("BEGIN"))
        return d->fail(what, d->reason);
    if (!d->run("DELETE FROM symbols WHERE exchange = $1", Params().add(exchange))
        || !d->run("INSERT INTO symbols (exchange, symbol, base_asset, quote_asset, status,"
                   " tick_size) SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[],"
                   " $5::text[], $6::float8[])",
                   Params()
                       .add(exchange)
                       .add(textArray(symbol))
                       .add(textArray(base))
                       .add(textArray(quote))
                       .add(textArray(status))
                       .add(tickSize.data(), true))
        || !d->run("INSERT INTO symbol_lists (exchange, fetched_at) VALUES ($1, $2)"
                   " ON CONFLICT (exchange) DO UPDATE SET fetched_at = excluded.fetched_at",
                   Params().add(exchange).add(fetchedAtMs))
        || !d->run("COMMIT"))
        return d->rollback(what);
    return true;
}

SymbolList PostgresCandleStore::symbols(const QString &exchange) const
{
    SymbolList out;
    if (!d->ready())
        return out;
    const Result r = d->exec("SELECT symbol, base_asset, quote_asset, status, tick_size"
                             " FROM symbols WHERE exchange = $1 ORDER BY symbol COLLATE \"C\"",
                             Params().add(exchange));
    if (!r) {
        d->fail(tr("Cannot read the symbol list of %1").arg(exchange), d->reason);
        return out;
    }
    for (int i = 0; i < PQntuples(r.get()); ++i)
        out.append({textAt(r.get(), i, 0), textAt(r.get(), i, 1), textAt(r.get(), i, 2),
                    textAt(r.get(), i, 3), QByteArray(PQgetvalue(r.get(), i, 4)).toDouble()});
    return out;
}

qint64 PostgresCandleStore::symbolsFetchedAt(const QString &exchange) const
{
    if (!d->ready())
        return 0;
    const Result r = d->exec("SELECT fetched_at FROM symbol_lists WHERE exchange = $1",
                             Params().add(exchange));
    if (!r) {
        d->fail(tr("Cannot read the symbol list of %1").arg(exchange), d->reason);
        return 0;
    }
    return PQntuples(r.get()) > 0 ? int64At(r.get(), 0, 0) : 0;
}

} // namespace Candlewick
