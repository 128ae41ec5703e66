#include "sqlitecandlestore.h"

#include "candlechunk.h"
#include "candlecodec.h"
#include "decimalunits.h"
#include "sqlitewalvfs.h"
#include "walcheckpointer.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFileInfo>
#include <QHash>
#include <QLoggingCategory>
#include <QSet>

#include <sqlite3.h>

#include <array>
#include <bit>
#include <cstring>
#include <limits>
#include <optional>

Q_LOGGING_CATEGORY(lcStore, "candlewick.models.store")
Q_LOGGING_CATEGORY(lcStoreMigration, "candlewick.models.store.migration")

namespace Candlewick {

namespace StoreSql {

// Prepared statements are kept per connection and reused: parsing the SQL again for every
// small write (one closed candle from a live feed) costs more than the write itself.
class StatementCache
{
public:
    ~StatementCache() { clear(); }
    // A statement for `sql`, prepared once per connection. nullptr on a prepare error.
    sqlite3_stmt *acquire(sqlite3 *db, const char *sql)
    {
        // Looked up without copying the SQL (this runs for every statement of a write).
        auto it = m_entries.find(QByteArray::fromRawData(sql, qsizetype(qstrlen(sql))));
        if (it == m_entries.end())
            it = m_entries.insert(QByteArray(sql), nullptr);
        sqlite3_stmt *&stmt = *it;
        if (stmt && m_inUse.contains(stmt)) { // the same SQL twice at once: a private copy
            sqlite3_stmt *own = nullptr;
            if (sqlite3_prepare_v2(db, sql, -1, &own, nullptr) != SQLITE_OK) {
                sqlite3_finalize(own);
                return nullptr;
            }
            m_copies.insert(own);
            return own;
        }
        if (!stmt
            && sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, nullptr)
                != SQLITE_OK) {
            sqlite3_finalize(stmt);
            stmt = nullptr;
            return nullptr;
        }
        m_inUse.insert(stmt);
        return stmt;
    }
    void release(sqlite3_stmt *stmt)
    {
        if (m_inUse.remove(stmt)) {
            sqlite3_reset(stmt);
            sqlite3_clear_bindings(stmt);
            return;
        }
        // A statement of before clear() is already finalized: only private copies are freed here.
        if (m_copies.remove(stmt))
            sqlite3_finalize(stmt);
    }
    void clear()
    {
        for (sqlite3_stmt *stmt : std::as_const(m_entries))
            sqlite3_finalize(stmt);
        m_entries.clear();
        m_inUse.clear();
        for (sqlite3_stmt *stmt : std::as_const(m_copies))
            sqlite3_finalize(stmt);
        m_copies.clear();
    }

private:
    QHash<QByteArray, sqlite3_stmt *> m_entries; // nullptr: not prepared (a prepare error)
    QSet<sqlite3_stmt *> m_inUse; // of m_entries' statements
    QSet<sqlite3_stmt *> m_copies;
};

// One use of a cached prepared statement; reset and handed back when it goes out of scope.
class Statement
{
public:
    Statement(StatementCache &cache, sqlite3 *db, const char *sql)
        : m_cache(cache)
        , m_stmt(db ? cache.acquire(db, sql) : nullptr)
        , m_prepareResult(m_stmt   ? SQLITE_OK
                              : db ? sqlite3_extended_errcode(db)
                                   : SQLITE_MISUSE)
    {
    }
    ~Statement()
    {
        if (m_stmt)
            m_cache.release(m_stmt);
    }
    Statement(const Statement &) = delete;
    Statement &operator=(const Statement &) = delete;

    sqlite3_stmt *get() const { return m_stmt; }
    void bind(int i, qint64 v) { sqlite3_bind_int64(m_stmt, i, v); }
    void bind(int i, double v) { sqlite3_bind_double(m_stmt, i, v); }
    // The bytes must live until the statement has run.
    void bind(int i, const unsigned char *data, int size)
    {
        sqlite3_bind_blob(m_stmt, i, data, size, SQLITE_STATIC);
    }
    void bind(int i, const QString &v)
    {
        const QByteArray utf8 = v.toUtf8();
        sqlite3_bind_text(m_stmt, i, utf8.constData(), int(utf8.size()), SQLITE_TRANSIENT);
    }
    // SQLITE_ROW, SQLITE_DONE or the error (of the step, or of preparing the statement).
    int step() { return m_stmt ? sqlite3_step(m_stmt) : m_prepareResult; }
    // SQLITE_OK when a statement that returns no rows ran to the end, else the error.
    int run()
    {
        const int rc = step();
        return rc == SQLITE_DONE ? SQLITE_OK : rc == SQLITE_ROW ? SQLITE_MISUSE : rc;
    }
    void reset() { sqlite3_reset(m_stmt); }
    qint64 int64(int col) const { return sqlite3_column_int64(m_stmt, col); }
    double real(int col) const { return sqlite3_column_double(m_stmt, col); }
    const unsigned char *blob(int col) const
    {
        return static_cast<const unsigned char *>(sqlite3_column_blob(m_stmt, col));
    }
    int bytes(int col) const { return sqlite3_column_bytes(m_stmt, col); }
    QString text(int col) const
    {
        return QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(m_stmt, col)),
                                 sqlite3_column_bytes(m_stmt, col));
    }

private:
    StatementCache &m_cache;
    sqlite3_stmt *m_stmt;
    int m_prepareResult;
};

} // namespace StoreSql

using CandleCodec::allFinite;
using CandleCodec::Encoding;
using StoreSql::Statement;
using StoreSql::StatementCache;

namespace {

constexpr int SchemaVersion = SqliteCandleStore::SchemaVersion;
constexpr int BusyTimeoutMs = 3000;

// Schema version 4: a row per chunk of CandleChunk::Slots consecutive slots of a series, keyed
// by the series id and the chunk in one integer (CandleChunk::keyOf()), its blob the chunk's
// candles (CandleCodec); the forming candle keeps its open time and the raw encoding.
constexpr const char *CandlesTableSql = "CREATE TABLE IF NOT EXISTS candles ("
                                        " chunk_id INTEGER PRIMARY KEY, data BLOB NOT NULL)";
constexpr const char *PartialsTableSql = "CREATE TABLE IF NOT EXISTS partials ("
                                         " series_id INTEGER PRIMARY KEY REFERENCES series(id),"
                                         " open_time INTEGER NOT NULL, data BLOB NOT NULL)";

const char *const SchemaSql[] = {
    "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)",
    // candle_count, first_open and last_open are kept by every write (schema version 2); the
    // encoding of the series' candles (CandleCodec::Encoding) is set by its first write and
    // widened when a candle needs it (schema version 3).
    "CREATE TABLE IF NOT EXISTS series ("
    " id INTEGER PRIMARY KEY,"
    " exchange TEXT NOT NULL, symbol TEXT NOT NULL, interval TEXT NOT NULL,"
    " candle_count INTEGER NOT NULL DEFAULT 0, first_open INTEGER, last_open INTEGER,"
    " time_base INTEGER NOT NULL DEFAULT 0, time_unit INTEGER NOT NULL DEFAULT 0,"
    " price_decimals INTEGER NOT NULL DEFAULT 0, volume_decimals INTEGER NOT NULL DEFAULT 0,"
    " quote_decimals INTEGER NOT NULL DEFAULT 0, raw_values INTEGER NOT NULL DEFAULT 0,"
    " UNIQUE (exchange, symbol, interval))",
    CandlesTableSql,
    PartialsTableSql,
    "CREATE TABLE IF NOT EXISTS coverage ("
    " series_id INTEGER NOT NULL REFERENCES series(id),"
    " from_ms INTEGER NOT NULL, to_ms INTEGER NOT NULL,"
    " PRIMARY KEY (series_id, from_ms))",
    "CREATE TABLE IF NOT EXISTS symbols ("
    " exchange TEXT NOT NULL, symbol TEXT NOT NULL, base_asset TEXT NOT NULL,"
    " quote_asset TEXT NOT NULL, status TEXT NOT NULL, tick_size REAL NOT NULL,"
    " PRIMARY KEY (exchange, symbol))",
    "CREATE TABLE IF NOT EXISTS symbol_lists ("
    " exchange TEXT PRIMARY KEY, fetched_at INTEGER NOT NULL)",
};

// The candles of schema versions 1 and 2: doubles, keyed by open time.
constexpr const char *LegacyCandleColumns = "open_time, open, high, low, close, volume, "
                                            "quote_volume, trades, taker_buy_base, taker_buy_quote";

Candle readLegacyCandle(const Statement &st, bool closed)
{
    Candle c;
    c.openTime = st.int64(0);
    c.open = st.real(1);
    c.high = st.real(2);
    c.low = st.real(3);
    c.close = st.real(4);
    c.volume = st.real(5);
    c.quoteVolume = st.real(6);
    c.trades = st.int64(7);
    c.takerBuyBase = st.real(8);
    c.takerBuyQuote = st.real(9);
    c.closed = closed;
    return c;
}

// The forming candle is kept whole, whatever its series' encoding.
const Encoding PartialEncoding{0, 1, 0, 0, 0, true};

// Schema version 1 -> 2: the series statistics, counted once from the candles.
const char *const MigrateTo2Sql[] = {
    "ALTER TABLE series ADD COLUMN candle_count INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE series ADD COLUMN first_open INTEGER",
    "ALTER TABLE series ADD COLUMN last_open INTEGER",
    "UPDATE series SET"
    " candle_count = (SELECT count(*) FROM candles c WHERE c.series_id = series.id),"
    " first_open = (SELECT min(open_time) FROM candles c WHERE c.series_id = series.id),"
    " last_open = (SELECT max(open_time) FROM candles c WHERE c.series_id = series.id)",
    "UPDATE schema_version SET version = 2",
};

// Schema version 2 -> 3, around the conversion of the candles (Private::convertCandles()).
const char *const MigrateTo3Sql[] = {
    "ALTER TABLE series ADD COLUMN time_base INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE series ADD COLUMN time_unit INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE series ADD COLUMN price_decimals INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE series ADD COLUMN volume_decimals INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE series ADD COLUMN quote_decimals INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE series ADD COLUMN raw_values INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE candles RENAME TO candles_v2",
    "ALTER TABLE partials RENAME TO partials_v2",
};
const char *const MigrateTo3EndSql[] = {
    "DROP TABLE candles_v2",
    "DROP TABLE partials_v2",
};

// The tables of every schema version; a file that has tables but lacks one of these is not ours.
const char *const SchemaTables[]
    = {"schema_version", "series", "candles", "partials", "coverage", "symbols", "symbol_lists"};

bool isDamage(int rc)
{
    const int primary = rc & 0xff;
    return primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB || primary == SQLITE_IOERR;
}

} // namespace

struct SqliteCandleStore::Private
{
    QString path;
    mutable QString error;
    QString openError; // why the last open() failed
    mutable bool damaged = false; // a read or write met a damaged file: never write to it again
    bool checked = false; // the whole file passed PRAGMA quick_check (or was created here)
    mutable int version = 0; // schema version of the file (0: new or not open)
    sqlite3 *db = nullptr;
    mutable StatementCache statements;
    mutable QHash<SeriesKey, qint64> seriesIds;

    // Reads of a series see its encoding and its candles in one transaction (the writer may
    // widen the encoding between two reads); inside a transaction already, it adds nothing.
    class ReadScope
    {
    public:
        explicit ReadScope(sqlite3 *db)
            : m_db(db)
            , m_began(db && sqlite3_get_autocommit(db)
                      && sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr) == SQLITE_OK)
        {
        }
        ~ReadScope()
        {
            if (m_began && sqlite3_exec(m_db, "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK)
                sqlite3_exec(m_db, "ROLLBACK", nullptr, nullptr, nullptr);
        }
        ReadScope(const ReadScope &) = delete;
        ReadScope &operator=(const ReadScope &) = delete;

    private:
        sqlite3 *m_db;
        bool m_began;
    };

    // Sets errorString() to `what` with the reason of `rc` (none when SQLITE_OK) and the path.
    bool fail(const QString &what, int rc = SQLITE_OK) const;
    QString reason(int rc) const;
    // Clears the error of the previous operation; false (with the error set) when not open.
    bool ready() const;
    bool readyToWrite();
    // PRAGMA quick_check over the whole file, once per open, before its first write: damage on
    // pages no read has touched yet is found before anything is written next to it.
    bool checkBeforeFirstWrite();
    int exec(const char *sql) const { return sqlite3_exec(db, sql, nullptr, nullptr, nullptr); }
    bool rollback(const QString &what, int rc)
    {
        fail(what, rc);
        abandon();
        return false;
    }
    // Rolls the transaction back; a series it created is gone again, so are the ids cached.
    void abandon()
    {
        exec("ROLLBACK");
        seriesIds.clear();
    }
    // Whether the file holds no table yet (isNew), or Candlewick's schema in a version this
    // code reads; anything else is an error and the file stays as it is.
    bool checkSchema(bool &isNew) const;
    bool createSchema();
    bool migrate();
    // Schema 1 or 2, opened read-only: the candles are doubles keyed by open time.
    bool legacy() const { return version < 3; }
    // Schema 4: the candles in chunks (CandleChunk); 3 and older: a row per candle.
    bool chunked() const { return version >= 4; }
    // The candles' key column, "slot" (open time in schema 1 and 2).
    QByteArray keyColumn() const { return legacy() ? "open_time" : "slot"; }
    // How the series' candles are stored (legacy: open time as slot, in ms); not set when it
    // has none yet.
    int encodingOf(qint64 id, Encoding &out) const;
    int saveEncoding(qint64 id, const Encoding &e);
    // The decimals of the symbol's price tick, when the symbol list has it (else 0).
    int tickDecimals(const SeriesKey &key, int &decimals) const;
    // A candle of a row (key, values...) read under `e`; SQLITE_CORRUPT when it does not decode.
    int readRow(const Statement &st, const Encoding &e, Candle &c) const;
    // The candle at `slot` from its bytes under `e`; SQLITE_CORRUPT when they do not decode.
    static int decodeAt(const Encoding &e, qint64 slot, const unsigned char *data, int size,
                        Candle &c);
    // Stores the series' forming candle in place of the one it had.
    int putPartial(qint64 id, const Candle &c);
    // Schema 1 or 2 -> 4: every candle and partial from the renamed tables into the new ones.
    int convertCandles();
    // Schema 3 -> 4: every series' candles from the renamed table into chunks, their bytes as
    // they are.
    int convertToChunks();
    bool enableWal();
    // The id of a series in `id`: -1 when absent (and not created). The SQLite result code.
    int seriesId(const SeriesKey &key, bool create, qint64 &id) const;
    int mergeCoverage(qint64 id, const TimeRanges &add);
    int coverageOf(qint64 id, TimeRanges &out) const;

    // One write transaction (write(), writeAll()): the series, its encoding as it is widened,
    // and what was inserted, for the series' statistics at the end.
    struct WriteState
    {
        explicit WriteState(const SeriesKey &series)
            : key(series)
        {
        }
        SeriesKey key;
        qint64 id = -1;
        Encoding e;
        bool encodingRead = false;
        int minPriceDecimals = 0;
        qint64 inserted = 0;
        qint64 firstInserted = std::numeric_limits<qint64>::max();
        qint64 lastInserted = std::numeric_limits<qint64>::min();
        std::optional<qint64> lastOpen; // of the last batch's last candle
        std::optional<qint64> lastChunk; // the series' last stored chunk (none: no chunk)
    };
    static QString writeError(const WriteState &s);
    static QString tooFarError(const WriteState &s, qint64 openTime);
    // A chunk's key holds the series id in its top 23 bits (CandleChunk::keyOf()).
    static QString seriesIdError(qint64 id);
    // Stores the series' candles (stored under `from`) again under the wider s.e, widened
    // further first where a stored value overflows it (more decimals can overflow a large one).
    int reencode(WriteState &s, const Encoding &from);
    // A checkpoint a streamed write left, then BEGIN IMMEDIATE.
    int beginTransaction();
    // beginTransaction() and the series (created when new).
    bool beginWrite(WriteState &s);
    // The series (created when new) in the open transaction.
    bool startSeries(WriteState &s);
    // One batch into the open transaction (rolled back, with the error set, on failure);
    // `rows`, when given and encoded at the series' decimals, are its candles' bytes.
    bool writeRows(WriteState &s, const CandleBatch &candles,
                   const CandleCodec::Rows *rows = nullptr);
    // The series' statistics, its partial and the coverage, in the open transaction.
    bool finishSeries(WriteState &s, const TimeRanges &coverage);
    // finishSeries(), then COMMIT.
    bool commitWrite(WriteState &s, const TimeRanges &coverage);
    // The series' last stored chunk into `last` (none when it has no candles).
    int lastChunkOf(qint64 id, std::optional<qint64> &last) const;
    // Puts a candle's bytes (copied) at `slot` into the chunk being written, after writing that
    // chunk (writeChunk()) when the slot is in another one. SQLITE_RANGE: the slot is beyond
    // the chunks a key holds.
    int putInChunk(qint64 id, std::optional<qint64> &lastChunk, WriteState *counted, qint64 slot,
                   const unsigned char *data, int size)
    {
        const qint64 number = CandleChunk::chunkOf(slot);
        if (number != chunk.chunk() || chunk.isEmpty()) {
            if (const int rc = nextChunk(id, lastChunk, counted, number); rc != SQLITE_OK)
                return rc;
        }
        chunk.put(CandleChunk::offsetOf(slot), data, size);
        return SQLITE_OK;
    }
    // writeChunk(), then chunk `number` empty; SQLITE_RANGE beyond the chunks a key holds.
    int nextChunk(qint64 id, std::optional<qint64> &lastChunk, WriteState *counted, qint64 number);
    // putInChunk() of `c` encoded under `e` at its slot; SQLITE_RANGE when `e` does not hold it.
    int putCandle(qint64 id, std::optional<qint64> &lastChunk, const Encoding &e, const Candle &c);
    // Stores the chunk being written, merged into the stored one when the series may have it
    // (its number not above `lastChunk`: one lookup; above it, none), and counts the candles it
    // adds into `counted` when given. Its row waits in `pending` to be inserted with others.
    int writeChunk(qint64 id, std::optional<qint64> &lastChunk, WriteState *counted);
    // writeChunk(), then the rows waiting inserted: the end of a run of putInChunk().
    int finishChunks(qint64 id, std::optional<qint64> &lastChunk, WriteState *counted);
    // Inserts the rows waiting in `pending`.
    int insertPending();
    // An empty chunk being written and no rows waiting: the start of a run of putInChunk().
    void startChunks()
    {
        chunk.clear();
        pending.count = 0;
    }
    // Calls f(reader) for the series' stored chunks that hold slots of [from, to), in
    // chunk order (or descending), until f returns other than SQLITE_OK (SQLITE_DONE: stop).
    // SQLITE_CORRUPT for a blob that is not a chunk.
    template<typename F>
    int scanChunks(qint64 id, qint64 from, qint64 to, bool descending, F &&f) const;

    // Called by SQLite after each commit with the frames in the WAL: from CheckpointFrames
    // (32 MiB) on, asks the checkpointer (its own thread and connection) for a checkpoint, so
    // no commit waits for the pages to be copied into the file and synced. The WAL starts
    // over at the first write after a checkpoint that took all of it; a writer that never
    // pauses long enough for that checkpoints itself at MaxWalFrames (checkpointIfDue()).
    static int walWritten(void *self, sqlite3 *db, const char *name, int frames);
    // From MaxWalFrames in the WAL: waits for the checkpointer, then checkpoints what is left
    // on this connection, so the next write starts the WAL over.
    int checkpointIfDue();
    static constexpr int CheckpointFrames = 8192;
    static constexpr int MaxWalFrames = 4 * CheckpointFrames;
    std::unique_ptr<WalCheckpointer> checkpointer; // started by the first large WAL
    int walFrames = 0; // in the WAL after the last commit (0 after a checkpoint)

    // The chunk being written.
    CandleChunk::Builder chunk;
    // Chunks stored by writeChunk() and not inserted yet: up to PendingRows rows go in one
    // statement (SQLite's cost per statement run, paid once for them), before the next lookup
    // of a stored chunk and at the end of the run (finishChunks()).
    static constexpr int PendingRows = 16;
    struct Pending
    {
        std::array<qint64, PendingRows> keys;
        // Row i's blob: bytes[ends[i - 1] .. ends[i]) (from 0 for the first).
        std::array<int, PendingRows> ends;
        int count = 0;
        unsigned char bytes[PendingRows * CandleChunk::MaxBlobBytes];
    } pending;
};

QString SqliteCandleStore::Private::reason(int rc) const
{
    const QString sqliteMessage
        = db ? QString::fromUtf8(sqlite3_errmsg(db)) : QString::fromUtf8(sqlite3_errstr(rc));
    switch (rc & 0xff) {
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
        return tr("the file is corrupt or not an SQLite database; check it with "
                  "`sqlite3 FILE 'PRAGMA integrity_check'`");
    case SQLITE_IOERR:
        return tr("disk I/O error (%1); check the disk, then the file with "
                  "`sqlite3 FILE 'PRAGMA integrity_check'`")
            .arg(sqliteMessage);
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return tr("the database is locked by another process");
    case SQLITE_READONLY:
        return tr("the file is read-only");
    case SQLITE_FULL:
        return tr("the disk is full");
    case SQLITE_CANTOPEN:
        return tr("cannot open the file");
    case SQLITE_PERM:
    case SQLITE_AUTH:
        return tr("permission denied");
    default:
        return sqliteMessage;
    }
}

bool SqliteCandleStore::Private::fail(const QString &what, int rc) const
{
    if (isDamage(rc))
        damaged = true;
    error = rc == SQLITE_OK ? QStringLiteral("%1 (%2)").arg(what, path)
                            : QStringLiteral("%1: %2 (%3)").arg(what, reason(rc), path);
    qCWarning(lcStore).noquote() << error;
    return false;
}

bool SqliteCandleStore::Private::ready() const
{
    error = db ? QString() : openError;
    return db || !error.isEmpty() || fail(tr("Database is not open"));
}

bool SqliteCandleStore::Private::readyToWrite()
{
    if (!ready())
        return false;
    if (!damaged && !checkBeforeFirstWrite() && !damaged)
        return false; // the check could not run (locked?): its error is set
    if (damaged)
        return fail(tr("Database file is damaged, nothing is written to it; check "
                       "it with `sqlite3 FILE 'PRAGMA integrity_check'`"));
    return true;
}

bool SqliteCandleStore::Private::checkBeforeFirstWrite()
{
    if (checked)
        return true;
    sqlite3_stmt *check = nullptr;
    int rc = sqlite3_prepare_v2(db, "PRAGMA quick_check(1)", -1, &check, nullptr);
    if (rc == SQLITE_OK)
        rc = sqlite3_step(check);
    const bool ok = rc == SQLITE_ROW
        && qstrcmp(reinterpret_cast<const char *>(sqlite3_column_text(check, 0)), "ok") == 0;
    sqlite3_finalize(check);
    if (rc == SQLITE_ROW || isDamage(rc))
        damaged = !ok;
    else
        return fail(tr("Cannot check the database before writing"), rc);
    checked = ok;
    return ok;
}

bool SqliteCandleStore::Private::checkSchema(bool &isNew) const
{
    const QString unusable = tr("Not a usable Candlewick database");
    QSet<QString> tables;
    bool empty = true;
    {
        Statement st(statements, db, "SELECT type, name FROM sqlite_master");
        int rc;
        while ((rc = st.step()) == SQLITE_ROW) {
            empty = false;
            if (st.text(0) == QLatin1StringView("table"))
                tables.insert(st.text(1));
        }
        if (rc != SQLITE_DONE)
            return fail(unusable, rc);
    }
    isNew = empty;
    if (empty)
        return true;
    if (!tables.contains(QStringLiteral("schema_version")))
        return fail(tr("Not a Candlewick database (it holds other tables; it is left "
                       "unchanged)"));
    Statement version(statements, db, "SELECT version FROM schema_version");
    const int rc = version.step();
    if (rc == SQLITE_DONE)
        return fail(tr("Not a Candlewick database (it has no schema version)"));
    if (rc != SQLITE_ROW)
        return fail(unusable, rc);
    const qint64 found = version.int64(0);
    this->version = int(qBound<qint64>(0, found, qint64(SchemaVersion) + 1));
    if (found > SchemaVersion)
        return fail(tr("Database was made by a newer Candlewick (schema version %1, "
                       "this one reads up to %2); update Candlewick to use it")
                        .arg(found)
                        .arg(SchemaVersion));
    if (found < 1)
        return fail(tr("Not a Candlewick database (schema version %1)").arg(found));
    for (const char *table : SchemaTables) {
        if (!tables.contains(QString::fromLatin1(table)))
            return fail(tr("Not a Candlewick database (table %1 is missing)")
                            .arg(QString::fromLatin1(table)));
    }
    return true;
}

bool SqliteCandleStore::Private::createSchema()
{
    const QString what = tr("Cannot create the database schema");
    // Waits on the busy timeout like any write while another process creates it.
    int rc = exec("BEGIN IMMEDIATE");
    if (rc != SQLITE_OK)
        return fail(what, rc);
    bool isNew = false;
    if (!checkSchema(isNew)) {
        exec("ROLLBACK");
        return false;
    }
    if (!isNew) // another process created it meanwhile
        return exec("COMMIT") == SQLITE_OK || rollback(what, sqlite3_extended_errcode(db));
    for (const char *sql : SchemaSql) {
        if ((rc = exec(sql)) != SQLITE_OK)
            return rollback(what, rc);
    }
    Statement stamp(statements, db, "INSERT INTO schema_version (version) VALUES (?1)");
    stamp.bind(1, qint64(SchemaVersion));
    if ((rc = stamp.run()) != SQLITE_OK || (rc = exec("COMMIT")) != SQLITE_OK)
        return rollback(what, rc);
    version = SchemaVersion;
    return true;
}

bool SqliteCandleStore::Private::migrate()
{
    if (version >= SchemaVersion)
        return true;
    const QString what = tr("Cannot update the database from schema version %1").arg(version);
    int rc = exec("BEGIN IMMEDIATE");
    if (rc != SQLITE_OK)
        return fail(what, rc);
    bool isNew = false;
    if (!checkSchema(isNew)) { // another process may have migrated it meanwhile
        exec("ROLLBACK");
        return false;
    }
    if (version >= SchemaVersion)
        return exec("COMMIT") == SQLITE_OK || rollback(what, sqlite3_extended_errcode(db));
    // Never a silent rewrite: one line says what happens (the CLI shows this category).
    qCInfo(lcStoreMigration).noquote()
        << tr("Updating the database %1 from schema version %2 to %3 (prices and "
              "volumes as exact decimals, in less space); its candles are "
              "rewritten once, in one transaction, then the file is compacted")
               .arg(path)
               .arg(version)
               .arg(SchemaVersion);
    {
        Statement largest(statements, db, "SELECT max(id) FROM series");
        if ((rc = largest.step()) != SQLITE_ROW)
            return rollback(what, rc);
        if (largest.int64(0) > CandleChunk::MaxSeriesId)
            return rollback(
                what + tr(": %1 (the file is left as it was)").arg(seriesIdError(largest.int64(0))),
                SQLITE_OK);
    }
    if (version < 2) {
        for (const char *sql : MigrateTo2Sql) {
            if ((rc = exec(sql)) != SQLITE_OK)
                return rollback(what, rc);
        }
    }
    if (version < 3) {
        for (const char *sql : MigrateTo3Sql) {
            if ((rc = exec(sql)) != SQLITE_OK)
                return rollback(what, rc);
        }
        if ((rc = exec(CandlesTableSql)) == SQLITE_OK && (rc = exec(PartialsTableSql)) == SQLITE_OK)
            rc = convertCandles();
        for (const char *sql : MigrateTo3EndSql) {
            if (rc == SQLITE_OK)
                rc = exec(sql);
        }
    } else if ((rc = exec("ALTER TABLE candles RENAME TO candles_v3")) == SQLITE_OK
               && (rc = exec(CandlesTableSql)) == SQLITE_OK
               && (rc = convertToChunks()) == SQLITE_OK) {
        // Schema 3 -> 4: the candles into chunks from the table renamed to candles_v3.
        rc = exec("DROP TABLE candles_v3");
    }
    if (rc == SQLITE_RANGE)
        return rollback(what
                            + tr(": a series has open times too far apart to store "
                                 "(the file is left as it was)"),
                        SQLITE_OK);
    if (rc != SQLITE_OK)
        return rollback(what, rc);
    Statement stamp(statements, db, "UPDATE schema_version SET version = ?1");
    stamp.bind(1, qint64(SchemaVersion));
    if ((rc = stamp.run()) != SQLITE_OK)
        return rollback(what, rc);
    // The statements on the dropped tables go.
    statements.clear();
    if ((rc = exec("COMMIT")) != SQLITE_OK)
        return rollback(what, rc);
    version = SchemaVersion;
    // The old tables' pages are free now: give them back (the data is safe whether or not this
    // succeeds; another connection's open transaction makes it wait or give up).
    if ((rc = exec("VACUUM")) != SQLITE_OK)
        qCInfo(lcStoreMigration).noquote()
            << tr("Could not compact %1 (%2); the free space is reused by later writes")
                   .arg(path, reason(rc));
    return true;
}

int SqliteCandleStore::Private::convertCandles()
{
    QList<std::pair<qint64, Interval>> series;
    {
        Statement st(statements, db, "SELECT id, interval FROM series ORDER BY id");
        int rc;
        while ((rc = st.step()) == SQLITE_ROW)
            series.append({st.int64(0), Intervals::parse(st.text(1)).value_or(Interval::S1)});
        if (rc != SQLITE_DONE)
            return rc;
    }
    const QByteArray select = QByteArray("SELECT ") + LegacyCandleColumns
        + " FROM candles_v2 WHERE series_id = ?1 ORDER BY open_time";
    for (const auto &[id, interval] : std::as_const(series)) {
        // Two passes: the encoding that holds all of the series' candles, then the candles.
        Encoding e;
        int rc;
        {
            Statement st(statements, db, select.constData());
            st.bind(1, id);
            while ((rc = st.step()) == SQLITE_ROW) {
                const Candle c = readLegacyCandle(st, true);
                if (!CandleCodec::holds(e, c) && !CandleCodec::widen(e, interval, c))
                    return SQLITE_RANGE;
            }
            if (rc != SQLITE_DONE)
                return rc;
        }
        if (!e.isSet())
            continue;
        if ((rc = saveEncoding(id, e)) != SQLITE_OK)
            return rc;
        Statement st(statements, db, select.constData());
        st.bind(1, id);
        std::optional<qint64> lastChunk;
        startChunks();
        while ((rc = st.step()) == SQLITE_ROW) {
            if ((rc = putCandle(id, lastChunk, e, readLegacyCandle(st, true))) != SQLITE_OK)
                return rc;
        }
        if (rc != SQLITE_DONE || (rc = finishChunks(id, lastChunk, nullptr)) != SQLITE_OK)
            return rc;
    }
    Statement partials(
        statements, db,
        (QByteArray("SELECT ") + LegacyCandleColumns + ", series_id FROM partials_v2").constData());
    int rc;
    while ((rc = partials.step()) == SQLITE_ROW) {
        if ((rc = putPartial(partials.int64(10), readLegacyCandle(partials, false))) != SQLITE_OK)
            return rc;
    }
    return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

int SqliteCandleStore::Private::encodingOf(qint64 id, Encoding &out) const
{
    if (legacy()) {
        out = {0, 1, 0, 0, 0, true};
        return SQLITE_OK;
    }
    Statement st(statements, db,
                 "SELECT time_base, time_unit, price_decimals, volume_decimals, quote_decimals,"
                 " raw_values FROM series WHERE id = ?1");
    st.bind(1, id);
    const int rc = st.step();
    if (rc != SQLITE_ROW)
        return rc == SQLITE_DONE ? SQLITE_CORRUPT : rc;
    out.timeBase = st.int64(0);
    out.timeUnit = st.int64(1);
    out.priceDecimals = int(st.int64(2));
    out.volumeDecimals = int(st.int64(3));
    out.quoteDecimals = int(st.int64(4));
    out.raw = st.int64(5) != 0;
    const auto validDecimals = [](int d) { return d >= 0 && d <= DecimalUnits::MaxDecimals; };
    if (out.timeUnit < 0 || !validDecimals(out.priceDecimals) || !validDecimals(out.volumeDecimals)
        || !validDecimals(out.quoteDecimals))
        return SQLITE_CORRUPT;
    return SQLITE_OK;
}

int SqliteCandleStore::Private::saveEncoding(qint64 id, const Encoding &e)
{
    Statement st(statements, db,
                 "UPDATE series SET time_base = ?2, time_unit = ?3, price_decimals = ?4,"
                 " volume_decimals = ?5, quote_decimals = ?6, raw_values = ?7 WHERE id = ?1");
    st.bind(1, id);
    st.bind(2, e.timeBase);
    st.bind(3, e.timeUnit);
    st.bind(4, qint64(e.priceDecimals));
    st.bind(5, qint64(e.volumeDecimals));
    st.bind(6, qint64(e.quoteDecimals));
    st.bind(7, qint64(e.raw ? 1 : 0));
    return st.run();
}

int SqliteCandleStore::Private::tickDecimals(const SeriesKey &key, int &decimals) const
{
    decimals = 0;
    Statement st(statements, db,
                 "SELECT tick_size FROM symbols WHERE exchange = ?1 AND symbol = ?2");
    st.bind(1, key.exchange);
    st.bind(2, key.symbol);
    const int rc = st.step();
    if (rc == SQLITE_ROW)
        decimals = qMax(0, DecimalUnits::decimalsOf(st.real(0)));
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? SQLITE_OK : rc;
}

int SqliteCandleStore::Private::readRow(const Statement &st, const Encoding &e, Candle &c) const
{
    if (legacy()) {
        c = readLegacyCandle(st, true);
        return SQLITE_OK;
    }
    return decodeAt(e, st.int64(0), st.blob(1), st.bytes(1), c);
}

int SqliteCandleStore::Private::decodeAt(const Encoding &e, qint64 slot, const unsigned char *data,
                                         int size, Candle &c)
{
    c.openTime = CandleCodec::openTimeOf(e, slot);
    c.closed = true;
    return CandleCodec::decode(e, data, size, c) ? SQLITE_OK : SQLITE_CORRUPT;
}

int SqliteCandleStore::Private::convertToChunks()
{
    QList<qint64> series;
    {
        Statement st(statements, db, "SELECT id FROM series ORDER BY id");
        int rc;
        while ((rc = st.step()) == SQLITE_ROW)
            series.append(st.int64(0));
        if (rc != SQLITE_DONE)
            return rc;
    }
    for (const qint64 id : std::as_const(series)) {
        Statement st(statements, db,
                     "SELECT slot, data FROM candles_v3 WHERE series_id = ?1 ORDER BY slot");
        st.bind(1, id);
        std::optional<qint64> lastChunk;
        startChunks();
        int rc;
        while ((rc = st.step()) == SQLITE_ROW) {
            if (st.bytes(1) < 1 || st.bytes(1) > CandleCodec::MaxBytes)
                return SQLITE_CORRUPT;
            if ((rc = putInChunk(id, lastChunk, nullptr, st.int64(0), st.blob(1), st.bytes(1)))
                != SQLITE_OK)
                return rc;
        }
        if (rc != SQLITE_DONE || (rc = finishChunks(id, lastChunk, nullptr)) != SQLITE_OK)
            return rc;
    }
    return SQLITE_OK;
}

int SqliteCandleStore::Private::lastChunkOf(qint64 id, std::optional<qint64> &last) const
{
    last.reset();
    const auto [first, end]
        = CandleChunk::keyRange(id, CandleChunk::MinChunk, CandleChunk::MaxChunk);
    Statement st(statements, db,
                 "SELECT chunk_id FROM candles WHERE chunk_id BETWEEN ?1 AND ?2"
                 " ORDER BY chunk_id DESC LIMIT 1");
    st.bind(1, first);
    st.bind(2, end);
    const int rc = st.step();
    if (rc == SQLITE_ROW)
        last = CandleChunk::chunkOfKey(st.int64(0));
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? SQLITE_OK : rc;
}

int SqliteCandleStore::Private::nextChunk(qint64 id, std::optional<qint64> &lastChunk,
                                          WriteState *counted, qint64 number)
{
    if (const int rc = writeChunk(id, lastChunk, counted); rc != SQLITE_OK)
        return rc;
    if (number < CandleChunk::MinChunk || number > CandleChunk::MaxChunk)
        return SQLITE_RANGE;
    chunk.clear(number);
    return SQLITE_OK;
}

int SqliteCandleStore::Private::putCandle(qint64 id, std::optional<qint64> &lastChunk,
                                          const Encoding &e, const Candle &c)
{
    unsigned char data[CandleCodec::MaxBytes];
    const int size = CandleCodec::encode(e, c, data);
    return size < 0
        ? SQLITE_RANGE
        : putInChunk(id, lastChunk, nullptr, CandleCodec::slotOf(e, c.openTime), data, size);
}

int SqliteCandleStore::Private::writeChunk(qint64 id, std::optional<qint64> &lastChunk,
                                           WriteState *counted)
{
    if (chunk.isEmpty())
        return SQLITE_OK;
    const qint64 number = chunk.chunk();
    qint64 key = 0;
    if (!CandleChunk::keyOf(id, number, key))
        return SQLITE_RANGE;
    if (lastChunk && number <= *lastChunk) {
        if (const int rc = insertPending(); rc != SQLITE_OK)
            return rc;
        Statement find(statements, db, "SELECT data FROM candles WHERE chunk_id = ?1");
        find.bind(1, key);
        const int rc = find.step();
        if (rc == SQLITE_ROW && !chunk.load(find.blob(0), find.bytes(0)))
            return SQLITE_CORRUPT;
        if (rc != SQLITE_ROW && rc != SQLITE_DONE)
            return rc;
    }
    if (const CandleChunk::Offsets added = chunk.added(); counted && added != 0) {
        const auto openTime = [&](int offset) {
            return CandleCodec::openTimeOf(counted->e, CandleChunk::slotOf(number, offset));
        };
        counted->inserted += std::popcount(added);
        counted->firstInserted = qMin(counted->firstInserted, openTime(std::countr_zero(added)));
        counted->lastInserted
            = qMax(counted->lastInserted, openTime(int(std::bit_width(added)) - 1));
    }
    const std::span<const unsigned char> blob = chunk.build();
    const int start = pending.count > 0 ? pending.ends[size_t(pending.count - 1)] : 0;
    std::memcpy(pending.bytes + start, blob.data(), blob.size());
    pending.keys[size_t(pending.count)] = key;
    pending.ends[size_t(pending.count)] = start + int(blob.size());
    ++pending.count;
    chunk.clear();
    if (!lastChunk || number > *lastChunk)
        lastChunk = number;
    return pending.count == PendingRows ? insertPending() : SQLITE_OK;
}

int SqliteCandleStore::Private::finishChunks(qint64 id, std::optional<qint64> &lastChunk,
                                             WriteState *counted)
{
    const int rc = writeChunk(id, lastChunk, counted);
    return rc != SQLITE_OK ? rc : insertPending();
}

int SqliteCandleStore::Private::insertPending()
{
    if (pending.count == 0)
        return SQLITE_OK;
    // The statement for each count of rows, made once.
    static const std::array<QByteArray, PendingRows + 1> sql = [] {
        std::array<QByteArray, PendingRows + 1> out;
        for (int rows = 1; rows <= PendingRows; ++rows) {
            QByteArray &text = out[size_t(rows)];
            text = "INSERT INTO candles (chunk_id, data) VALUES ";
            for (int i = 0; i < rows; ++i)
                text += (i > 0 ? ", (?" : "(?") + QByteArray::number(2 * i + 1) + ", ?"
                    + QByteArray::number(2 * i + 2) + ')';
            text += " ON CONFLICT (chunk_id) DO UPDATE SET data = excluded.data";
        }
        return out;
    }();
    Statement put(statements, db, sql[size_t(pending.count)].constData());
    for (int i = 0; i < pending.count; ++i) {
        const int start = i > 0 ? pending.ends[size_t(i - 1)] : 0;
        put.bind(2 * i + 1, pending.keys[size_t(i)]);
        put.bind(2 * i + 2, pending.bytes + start, pending.ends[size_t(i)] - start);
    }
    pending.count = 0;
    return put.run();
}

template<typename F>
int SqliteCandleStore::Private::scanChunks(qint64 id, qint64 from, qint64 to, bool descending,
                                           F &&f) const
{
    if (from >= to)
        return SQLITE_OK;
    const auto [first, last]
        = CandleChunk::keyRange(id, CandleChunk::chunkOf(from), CandleChunk::chunkOf(to - 1));
    Statement st(statements, db,
                 descending ? "SELECT chunk_id, data FROM candles"
                              " WHERE chunk_id BETWEEN ?1 AND ?2 ORDER BY chunk_id DESC"
                            : "SELECT chunk_id, data FROM candles"
                              " WHERE chunk_id BETWEEN ?1 AND ?2 ORDER BY chunk_id");
    st.bind(1, first);
    st.bind(2, last);
    int rc;
    while ((rc = st.step()) == SQLITE_ROW) {
        CandleChunk::Reader entries(CandleChunk::chunkOfKey(st.int64(0)), st.blob(1), st.bytes(1));
        rc = f(entries);
        if (!entries.valid())
            return SQLITE_CORRUPT;
        if (rc != SQLITE_OK)
            break;
    }
    return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

int SqliteCandleStore::Private::putPartial(qint64 id, const Candle &c)
{
    Statement st(
        statements, db,
        "INSERT OR REPLACE INTO partials (series_id, open_time, data) VALUES (?1, ?2, ?3)");
    unsigned char data[CandleCodec::MaxBytes];
    st.bind(1, id);
    st.bind(2, c.openTime);
    st.bind(3, data, CandleCodec::encode(PartialEncoding, c, data));
    return st.run();
}

int SqliteCandleStore::Private::reencode(WriteState &s, const Encoding &from)
{
    const char *const moveAside[] = {
        "CREATE TEMP TABLE IF NOT EXISTS reencoding ("
        " chunk_id INTEGER PRIMARY KEY, data BLOB NOT NULL)",
        "DELETE FROM temp.reencoding",
    };
    for (const char *sql : moveAside) {
        if (const int rc = exec(sql); rc != SQLITE_OK)
            return rc;
    }
    const auto [first, last]
        = CandleChunk::keyRange(s.id, CandleChunk::MinChunk, CandleChunk::MaxChunk);
    for (const char *sql : {"INSERT INTO temp.reencoding SELECT chunk_id, data FROM candles"
                            " WHERE chunk_id BETWEEN ?1 AND ?2",
                            "DELETE FROM candles WHERE chunk_id BETWEEN ?1 AND ?2"}) {
        Statement st(statements, db, sql);
        st.bind(1, first);
        st.bind(2, last);
        if (const int rc = st.run(); rc != SQLITE_OK)
            return rc;
    }
    // Every candle moved aside, decoded under `from`, in slot order, until f returns an error.
    const auto forEachMoved = [this, &from](auto &&f) {
        Statement st(statements, db,
                     "SELECT chunk_id, data FROM temp.reencoding ORDER BY chunk_id");
        int rc;
        while ((rc = st.step()) == SQLITE_ROW) {
            CandleChunk::Reader entries(CandleChunk::chunkOfKey(st.int64(0)), st.blob(1),
                                        st.bytes(1));
            qint64 slot;
            int size;
            const unsigned char *data;
            while (entries.next(slot, data, size)) {
                Candle c;
                if ((rc = decodeAt(from, slot, data, size, c)) != SQLITE_OK
                    || (rc = f(c)) != SQLITE_OK)
                    return rc;
            }
            if (!entries.valid())
                return SQLITE_CORRUPT;
        }
        return rc == SQLITE_DONE ? SQLITE_OK : rc;
    };
    int rc = forEachMoved([&s](const Candle &c) {
        return CandleCodec::holds(s.e, c)
                || CandleCodec::widen(s.e, s.key.interval, c, s.minPriceDecimals)
            ? SQLITE_OK
            : SQLITE_RANGE;
    });
    if (rc != SQLITE_OK)
        return rc;
    qint64 count = 0;
    s.lastChunk.reset();
    startChunks();
    rc = forEachMoved([this, &s, &count](const Candle &c) {
        ++count;
        return putCandle(s.id, s.lastChunk, s.e, c);
    });
    if (rc != SQLITE_OK || (rc = finishChunks(s.id, s.lastChunk, nullptr)) != SQLITE_OK)
        return rc;
    qCDebug(lcStore) << "series" << s.id
                     << "stored again with wider decimals or finer slots:" << count << "candles";
    return exec("DELETE FROM temp.reencoding");
}

bool SqliteCandleStore::Private::enableWal()
{
    const QString what = tr("Cannot switch the database to WAL mode");
    // Switching needs the file to itself for a moment: wait for other connections like a write.
    QDeadlineTimer deadline(BusyTimeoutMs);
    for (;;) {
        int rc;
        QString mode;
        {
            Statement st(statements, db, "PRAGMA journal_mode=WAL");
            rc = st.step();
            if (rc == SQLITE_ROW)
                mode = st.text(0);
        }
        if (rc == SQLITE_ROW && mode == QLatin1StringView("wal"))
            break;
        if (rc == SQLITE_ROW || ((rc & 0xff) != SQLITE_BUSY && (rc & 0xff) != SQLITE_LOCKED)
            || deadline.hasExpired())
            return fail(what, rc == SQLITE_ROW ? SQLITE_BUSY : rc);
        sqlite3_sleep(10);
    }
    const int rc = exec("PRAGMA synchronous=NORMAL");
    return rc == SQLITE_OK || fail(what, rc);
}

int SqliteCandleStore::Private::seriesId(const SeriesKey &key, bool create, qint64 &id) const
{
    if (auto it = seriesIds.constFind(key); it != seriesIds.constEnd()) {
        id = *it;
        return SQLITE_OK;
    }
    id = -1;
    {
        Statement find(
            statements, db,
            "SELECT id FROM series WHERE exchange = ?1 AND symbol = ?2 AND interval = ?3");
        find.bind(1, key.exchange);
        find.bind(2, key.symbol);
        find.bind(3, Intervals::name(key.interval));
        const int rc = find.step();
        if (rc == SQLITE_ROW) {
            id = find.int64(0);
            seriesIds.insert(key, id);
            return SQLITE_OK;
        }
        if (rc != SQLITE_DONE || !create)
            return rc == SQLITE_DONE ? SQLITE_OK : rc;
    }
    Statement insert(statements, db,
                     "INSERT INTO series (exchange, symbol, interval) VALUES (?1, ?2, ?3)");
    insert.bind(1, key.exchange);
    insert.bind(2, key.symbol);
    insert.bind(3, Intervals::name(key.interval));
    if (const int rc = insert.run(); rc != SQLITE_OK)
        return rc;
    id = sqlite3_last_insert_rowid(db);
    seriesIds.insert(key, id);
    return SQLITE_OK;
}

int SqliteCandleStore::Private::coverageOf(qint64 id, TimeRanges &out) const
{
    Statement st(statements, db,
                 "SELECT from_ms, to_ms FROM coverage WHERE series_id = ?1 ORDER BY from_ms");
    st.bind(1, id);
    int rc;
    while ((rc = st.step()) == SQLITE_ROW)
        out.append({st.int64(0), st.int64(1)});
    return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

int SqliteCandleStore::Private::mergeCoverage(qint64 id, const TimeRanges &add)
{
    if (add.isEmpty())
        return SQLITE_OK;
    TimeRanges stored;
    if (const int rc = coverageOf(id, stored); rc != SQLITE_OK)
        return rc;
    const TimeRanges merged = TimeRangeSet::merged(stored + add);
    Statement del(statements, db, "DELETE FROM coverage WHERE series_id = ?1");
    del.bind(1, id);
    if (const int rc = del.run(); rc != SQLITE_OK)
        return rc;
    Statement ins(statements, db,
                  "INSERT INTO coverage (series_id, from_ms, to_ms) VALUES (?1, ?2, ?3)");
    for (const TimeRange &r : merged) {
        ins.bind(1, id);
        ins.bind(2, r.from);
        ins.bind(3, r.to);
        if (const int rc = ins.run(); rc != SQLITE_OK)
            return rc;
        ins.reset();
    }
    return SQLITE_OK;
}

SqliteCandleStore::SqliteCandleStore()
    : d(std::make_unique<Private>())
{
}

SqliteCandleStore::~SqliteCandleStore()
{
    close();
}

bool SqliteCandleStore::open(const QString &path, OpenMode mode)
{
    close();
    d->path = path;
    d->error.clear();
    d->openError.clear();
    d->damaged = false;
    d->checked = false;
    d->version = 0;
    if (openFile(mode))
        return true;
    close();
    d->openError = d->error;
    return false;
}

bool SqliteCandleStore::openFile(OpenMode mode)
{
    const QString &path = d->path;
    const QFileInfo info(path);
    if (path.isEmpty())
        return d->fail(tr("No database path given"));
    if (info.isDir())
        return d->fail(tr("Database path is a directory"));
    if (info.exists() && !info.isFile())
        return d->fail(tr("Database path is not a regular file"));
    if (mode == OpenMode::ReadOnly && !info.exists())
        return d->fail(tr("Database file does not exist"));
    if (mode == OpenMode::ReadWrite && !QDir().mkpath(info.absolutePath()))
        return d->fail(tr("Cannot create the database directory %1").arg(info.absolutePath()));

    const int flags = SQLITE_OPEN_NOMUTEX
        | (mode == OpenMode::ReadOnly ? SQLITE_OPEN_READONLY
                                      : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    // A writer's WAL through SqliteWalVfs: its frames reach the file in large writes.
    const int rc = sqlite3_open_v2(QFile::encodeName(path).constData(), &d->db, flags,
                                   mode == OpenMode::ReadWrite ? SqliteWalVfs::name() : nullptr);
    if (rc != SQLITE_OK)
        return d->fail(tr("Cannot open the database"), rc);
    sqlite3_extended_result_codes(d->db, 1);
    sqlite3_busy_timeout(d->db, BusyTimeoutMs);
    // Memory-mapped reads, and for a reader a 64 MiB page cache. The writer's pages are written
    // once and rarely read again: SQLite's default 2 MiB, used again page after page, not 64 MiB
    // of memory touched for the first time while a large import grows the file.
    d->exec(mode == OpenMode::ReadOnly ? "PRAGMA cache_size=-65536" : "PRAGMA cache_size=-2048");
    d->exec("PRAGMA mmap_size=1073741824");
    // The WAL's checkpoints (walWritten()) instead of SQLite's own inside the commit.
    sqlite3_wal_hook(d->db, &Private::walWritten, d.get());

    // Nothing is written before the file is known to be new or Candlewick's own.
    bool isNew = false;
    bool ok = d->checkSchema(isNew);
    if (ok && mode == OpenMode::ReadOnly && isNew)
        ok = d->fail(tr("Not a Candlewick database (it is empty)"));
    if (ok && mode == OpenMode::ReadWrite) {
        if (sqlite3_db_readonly(d->db, "main") == 1)
            ok = d->fail(tr("Database file is read-only; Candlewick cannot store "
                            "candles in it (check the file's permissions)"));
        d->checked = isNew;
        ok = ok && (!isNew || d->createSchema()) && d->enableWal() && d->migrate();
    }
    return ok;
}

int SqliteCandleStore::schemaVersion() const
{
    return d->db ? d->version : 0;
}

void SqliteCandleStore::close()
{
    // The checkpointer's connection closes first, so this one, the last, checkpoints the WAL
    // into the file and removes it.
    d->checkpointer.reset();
    d->walFrames = 0;
    d->statements.clear();
    d->seriesIds.clear();
    if (d->db)
        sqlite3_close_v2(d->db);
    d->db = nullptr;
}

bool SqliteCandleStore::isOpen() const
{
    return d->db != nullptr;
}

QString SqliteCandleStore::errorString() const
{
    return d->error;
}

bool SqliteCandleStore::write(const SeriesKey &key, const CandleBatch &candles,
                              const TimeRanges &coverage)
{
    if (!d->readyToWrite())
        return false;
    Private::WriteState s(key);
    return d->beginWrite(s) && d->writeRows(s, candles) && d->commitWrite(s, coverage);
}

bool SqliteCandleStore::writeAll(const SeriesKey &key, const BatchSource &next,
                                 const TimeRanges &coverage)
{
    return writeAllEncoded(
        key, [&next](EncodedBatch &batch) { return next(batch.candles); }, coverage);
}

bool SqliteCandleStore::writeAllEncoded(const SeriesKey &key, const EncodedBatchSource &next,
                                        const TimeRanges &coverage)
{
    if (!d->readyToWrite())
        return false;
    Private::WriteState s(key);
    if (!d->beginWrite(s))
        return false;
    EncodedBatch batch;
    for (;;) {
        batch.candles.clear();
        batch.rows.ends.clear();
        switch (next(batch)) {
        case NextBatch::Batch:
            if (!d->writeRows(s, batch.candles, &batch.rows))
                return false;
            continue;
        case NextBatch::Abort:
            // The producer gave up (its own error says why): nothing of it stays.
            d->abandon();
            d->error = tr("Nothing written for %1: the import stopped (%2)")
                           .arg(key.toString(), d->path);
            return false;
        case NextBatch::End:
            break;
        }
        return d->commitWrite(s, coverage);
    }
}

QString SqliteCandleStore::Private::writeError(const WriteState &s)
{
    return tr("Cannot write candles for %1").arg(s.key.toString());
}

QString SqliteCandleStore::Private::seriesIdError(qint64 id)
{
    return tr("its series id %1 is above %2, the largest the file's candle keys can hold")
        .arg(id)
        .arg(CandleChunk::MaxSeriesId);
}

QString SqliteCandleStore::Private::tooFarError(const WriteState &s, qint64 openTime)
{
    return tr("Cannot write candles for %1: open time %2 is too far from the stored ones")
        .arg(s.key.toString())
        .arg(openTime);
}

int SqliteCandleStore::Private::walWritten(void *self, sqlite3 *, const char *, int frames)
{
    auto *d = static_cast<Private *>(self);
    d->walFrames = frames;
    if (frames < CheckpointFrames)
        return SQLITE_OK;
    if (!d->checkpointer)
        d->checkpointer = std::make_unique<WalCheckpointer>(d->path);
    d->checkpointer->request();
    return SQLITE_OK;
}

int SqliteCandleStore::Private::checkpointIfDue()
{
    if (walFrames < MaxWalFrames)
        return SQLITE_OK;
    walFrames = 0;
    if (checkpointer)
        checkpointer->wait();
    // As the checkpointer's, one that cannot finish now (a reader on an old snapshot) fails
    // nothing: the next commit's frame count brings it back.
    const int rc
        = sqlite3_wal_checkpoint_v2(db, nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
    return rc == SQLITE_BUSY ? SQLITE_OK : rc;
}

void SqliteCandleStore::idle()
{
    if (d->db && !d->damaged)
        d->checkpointIfDue();
}

int SqliteCandleStore::Private::beginTransaction()
{
    checkpointIfDue();
    return exec("BEGIN IMMEDIATE");
}

bool SqliteCandleStore::Private::beginWrite(WriteState &s)
{
    const int rc = beginTransaction();
    if (rc != SQLITE_OK)
        return fail(writeError(s), rc);
    return startSeries(s);
}

bool SqliteCandleStore::Private::startSeries(WriteState &s)
{
    const int rc = seriesId(s.key, true, s.id);
    return rc == SQLITE_OK || rollback(writeError(s), rc);
}

bool SqliteCandleStore::Private::writeRows(WriteState &s, const CandleBatch &candles,
                                           const CandleCodec::Rows *rows)
{
    // Consecutive rows without their candles (the producer kept its list).
    const bool rowsAlone = candles.isEmpty() && rows && !rows->isEmpty();
    if (candles.isEmpty() && !rowsAlone)
        return true;
    int rc;
    if (!s.encodingRead) {
        if (s.id > CandleChunk::MaxSeriesId)
            return rollback(tr("%1: %2").arg(writeError(s), seriesIdError(s.id)), SQLITE_OK);
        if ((rc = encodingOf(s.id, s.e)) != SQLITE_OK
            || (rc = lastChunkOf(s.id, s.lastChunk)) != SQLITE_OK)
            return rollback(writeError(s), rc);
        if (!s.e.isSet() && (rc = tickDecimals(s.key, s.minPriceDecimals)) != SQLITE_OK)
            return rollback(writeError(s), rc);
        s.encodingRead = true;
    }
    const qsizetype count = rowsAlone ? qsizetype(rows->ends.size()) : candles.size();
    // The producer's bytes when they are at the series' decimals (checked again after a
    // widening): integers, so finite values. Raw doubles are encoded here, and checked.
    const auto encodedAtDecimals = [&] {
        return rows && qsizetype(rows->ends.size()) == count && !s.e.raw && rows->encodedAs(s.e);
    };
    // The producer's rows on consecutive slots of s.e: no open time read after the first (each
    // one a load that missed the cache: the batch is large and the producer's thread wrote it).
    const auto onConsecutiveSlots = [&](bool encoded) {
        return encoded && rows->consecutive && rows->encoding.timeUnit == s.e.timeUnit;
    };
    // Rows alone are taken as they are when they are at the series' decimals and start on a
    // slot; else their candles are decoded and written as any others.
    if (rowsAlone
        && !(onConsecutiveSlots(encodedAtDecimals())
             && CandleCodec::onSlot(s.e, rows->firstOpenTime))) {
        CandleBatch decoded;
        if (!CandleCodec::decodeConsecutive(*rows, decoded))
            return rollback(writeError(s), SQLITE_MISMATCH);
        return writeRows(s, decoded, nullptr);
    }
    const auto openTimeAt = [&](qsizetype i) {
        return rowsAlone ? rows->firstOpenTime + i * rows->encoding.timeUnit
                         : candles[i].openTime;
    };
    startChunks();
    qsizetype i = 0;
    while (i < count) {
        // Each candle goes into its chunk; a chunk is written when the next candle is in
        // another one. Candles in slot order (imports, fetches) so write each chunk once, and
        // read back only a stored chunk they continue or overlap (none beyond the last).
        const bool encoded = encodedAtDecimals();
        const bool consecutive = onConsecutiveSlots(encoded);
        // The previous candle's open time and slot (under s.e): a candle one time unit after it
        // is on the next slot, no division needed (gaps and irregular intervals take slotOf()).
        qint64 lastOpen = 0;
        qint64 slot = 0;
        bool haveLast = false;
        for (; i < count; ++i) {
            // Only its open time is read when the producer encoded it (nothing of it when the
            // rows are consecutive: each one's is the first one's plus i time units).
            if (!consecutive && i + 8 < count)
                __builtin_prefetch(&candles[i + 8].openTime);
            unsigned char encodedHere[CandleCodec::MaxBytes];
            const unsigned char *data = encodedHere;
            int size;
            qint64 nextOpen = 0;
            const bool nextSlot = haveLast
                && (consecutive
                    || (!__builtin_add_overflow(lastOpen, s.e.timeUnit, &nextOpen)
                        && nextOpen == candles[i].openTime));
            if (encoded && (nextSlot || CandleCodec::onSlot(s.e, openTimeAt(i)))) {
                const int start = i > 0 ? rows->ends[size_t(i - 1)] : 0;
                data = rows->bytes.data() + start;
                size = rows->ends[size_t(i)] - start;
            } else if (!allFinite(candles[i])) {
                return rollback(tr("Cannot write candles for %1: a value of the "
                                   "candle at %2 is not a number")
                                    .arg(s.key.toString())
                                    .arg(candles[i].openTime),
                                SQLITE_OK);
            } else if ((size = CandleCodec::encode(s.e, candles[i], encodedHere)) < 0) {
                break;
            }
            slot = nextSlot ? slot + 1 : CandleCodec::slotOf(s.e, openTimeAt(i));
            if (!consecutive)
                lastOpen = candles[i].openTime;
            haveLast = true;
            rc = putInChunk(s.id, s.lastChunk, &s, slot, data, size);
            if (rc == SQLITE_RANGE)
                return rollback(tooFarError(s, openTimeAt(i)), SQLITE_OK);
            if (rc != SQLITE_OK)
                return rollback(writeError(s), rc);
        }
        if ((rc = finishChunks(s.id, s.lastChunk, &s)) != SQLITE_OK)
            return rollback(writeError(s), rc);
        if (i == count)
            break;
        // Candle i needs a wider encoding: widened once for the rest of the batch, the
        // candles stored so far (this transaction's included) are stored again under it.
        const Encoding before = s.e;
        for (qsizetype j = i; j < candles.size(); ++j) {
            const Candle &next = candles[j];
            if (allFinite(next) && !CandleCodec::holds(s.e, next)
                && !CandleCodec::widen(s.e, s.key.interval, next, s.minPriceDecimals))
                return rollback(tooFarError(s, next.openTime), SQLITE_OK);
        }
        if (s.e == before)
            return rollback(writeError(s), SQLITE_RANGE);
        if ((before.isSet() && (rc = reencode(s, before)) != SQLITE_OK)
            || (rc = saveEncoding(s.id, s.e)) != SQLITE_OK)
            return rollback(writeError(s), rc);
    }
    s.lastOpen = openTimeAt(count - 1);
    return true;
}

bool SqliteCandleStore::Private::commitWrite(WriteState &s, const TimeRanges &coverage)
{
    if (!finishSeries(s, coverage))
        return false;
    const int rc = exec("COMMIT");
    return rc == SQLITE_OK || rollback(writeError(s), rc);
}

bool SqliteCandleStore::Private::finishSeries(WriteState &s, const TimeRanges &coverage)
{
    int rc;
    if (s.inserted > 0) {
        Statement stats(statements, db,
                        "UPDATE series SET candle_count = candle_count + ?2,"
                        " first_open = coalesce(min(first_open, ?3), ?3),"
                        " last_open = coalesce(max(last_open, ?4), ?4) WHERE id = ?1");
        stats.bind(1, s.id);
        stats.bind(2, s.inserted);
        stats.bind(3, s.firstInserted);
        stats.bind(4, s.lastInserted);
        if ((rc = stats.run()) != SQLITE_OK)
            return rollback(writeError(s), rc);
    }
    if (s.lastOpen) {
        // A closed candle replaces the partial one it finishes.
        Statement dropPartial(statements, db,
                              "DELETE FROM partials WHERE series_id = ?1 AND open_time <= ?2");
        dropPartial.bind(1, s.id);
        dropPartial.bind(2, *s.lastOpen);
        if ((rc = dropPartial.run()) != SQLITE_OK)
            return rollback(writeError(s), rc);
    }
    if ((rc = mergeCoverage(s.id, coverage)) != SQLITE_OK)
        return rollback(writeError(s), rc);
    return true;
}

bool SqliteCandleStore::writeSeries(const QList<SeriesWrite> &writes, qsizetype &committed)
{
    committed = 0;
    if (!d->readyToWrite())
        return false;
    if (writes.isEmpty())
        return true;
    const QString what = tr("Cannot write the candles of %n series", nullptr, writes.size());
    int rc = d->beginTransaction();
    if (rc != SQLITE_OK)
        return d->fail(what, rc);
    for (const SeriesWrite &w : writes) {
        Private::WriteState s(w.key);
        if (!d->startSeries(s) || !d->writeRows(s, w.candles) || !d->finishSeries(s, w.coverage))
            return false; // rolled back, the error names the series
    }
    if ((rc = d->exec("COMMIT")) != SQLITE_OK)
        return d->rollback(what, rc);
    committed = writes.size();
    return true;
}

bool SqliteCandleStore::writePartial(const SeriesKey &key, const Candle &candle)
{
    if (!d->readyToWrite())
        return false;
    const QString what = tr("Cannot write the forming candle of %1").arg(key.toString());
    if (!allFinite(candle))
        return d->fail(what + tr(": a value is not a number"));
    qint64 id = -1;
    int rc = d->seriesId(key, true, id);
    if (rc != SQLITE_OK)
        return d->fail(what, rc);
    if ((rc = d->putPartial(id, candle)) != SQLITE_OK)
        return d->fail(what, rc);
    return true;
}

TimeRanges SqliteCandleStore::coverage(const SeriesKey &key) const
{
    TimeRanges out;
    if (!d->ready())
        return out;
    qint64 id = -1;
    int rc = d->seriesId(key, false, id);
    if (rc == SQLITE_OK && id >= 0)
        rc = d->coverageOf(id, out);
    if (rc != SQLITE_OK) {
        d->fail(tr("Cannot read the coverage of %1").arg(key.toString()), rc);
        out.clear();
    }
    return out;
}

qint64 SqliteCandleStore::count(const SeriesKey &key, TimeRange range) const
{
    if (!d->ready())
        return 0;
    const QString what = tr("Cannot count the candles of %1").arg(key.toString());
    const Private::ReadScope scope(d->db);
    qint64 id = -1;
    int rc = d->seriesId(key, false, id);
    if (rc != SQLITE_OK)
        return d->fail(what, rc), 0;
    if (id < 0)
        return 0;
    Encoding e;
    if ((rc = d->encodingOf(id, e)) != SQLITE_OK)
        return d->fail(what, rc), 0;
    if (!e.isSet())
        return 0;
    const qint64 from = CandleCodec::slotAtOrAfter(e, range.from);
    const qint64 to = CandleCodec::slotAtOrAfter(e, range.to);
    if (d->chunked()) {
        qint64 n = 0;
        rc = d->scanChunks(id, from, to, false, [&](CandleChunk::Reader &entries) {
            qint64 slot;
            int size;
            const unsigned char *data;
            while (entries.next(slot, data, size))
                n += slot >= from && slot < to;
            return SQLITE_OK;
        });
        return rc == SQLITE_OK ? n : (d->fail(what, rc), 0);
    }
    const QByteArray sql = "SELECT count(*) FROM candles WHERE series_id = ?1 AND " + d->keyColumn()
        + " >= ?2 AND " + d->keyColumn() + " < ?3";
    Statement st(d->statements, d->db, sql.constData());
    st.bind(1, id);
    st.bind(2, from);
    st.bind(3, to);
    if ((rc = st.step()) != SQLITE_ROW)
        return d->fail(what, rc), 0;
    return st.int64(0);
}

TimeRange SqliteCandleStore::storedSpan(const SeriesKey &key, TimeRange range) const
{
    if (!d->ready())
        return {};
    const QString what = tr("Cannot read the candles of %1").arg(key.toString());
    const Private::ReadScope scope(d->db);
    qint64 id = -1;
    if (const int rc = d->seriesId(key, false, id); rc != SQLITE_OK)
        return d->fail(what, rc), TimeRange{};
    if (id < 0)
        return {};
    Encoding e;
    if (const int rc = d->encodingOf(id, e); rc != SQLITE_OK)
        return d->fail(what, rc), TimeRange{};
    if (!e.isSet())
        return {};
    const qint64 from = CandleCodec::slotAtOrAfter(e, range.from);
    const qint64 to = CandleCodec::slotAtOrAfter(e, range.to);
    if (d->chunked()) {
        // The first chunk from the start that holds a slot of the range, the first from the
        // end: usually one chunk each.
        std::optional<qint64> first, last;
        const auto inRange = [&](auto &entries, std::optional<qint64> &found, bool stopAtFirst) {
            qint64 slot;
            int size;
            const unsigned char *data;
            while (entries.next(slot, data, size)) {
                if (slot >= from && slot < to) {
                    found = slot;
                    if (stopAtFirst)
                        break;
                }
            }
            return found ? SQLITE_DONE : SQLITE_OK;
        };
        int rc = d->scanChunks(id, from, to, false,
                               [&](auto &entries) { return inRange(entries, first, true); });
        if (rc == SQLITE_OK)
            rc = d->scanChunks(id, from, to, true,
                               [&](auto &entries) { return inRange(entries, last, false); });
        if (rc != SQLITE_OK)
            return d->fail(what, rc), TimeRange{};
        if (!first || !last)
            return {};
        return {CandleCodec::openTimeOf(e, *first), CandleCodec::openTimeOf(e, *last) + 1};
    }
    // Two primary-key lookups; a single min()/max() query would scan the range.
    const QByteArray where = " FROM candles WHERE series_id = ?1 AND " + d->keyColumn()
        + " >= ?2 AND " + d->keyColumn() + " < ?3 ORDER BY " + d->keyColumn();
    const QByteArray select = "SELECT " + d->keyColumn() + where;
    Statement first(d->statements, d->db, (select + " LIMIT 1").constData());
    Statement last(d->statements, d->db, (select + " DESC LIMIT 1").constData());
    for (Statement *st : {&first, &last}) {
        st->bind(1, id);
        st->bind(2, from);
        st->bind(3, to);
    }
    const int rcFirst = first.step();
    const int rcLast = last.step();
    for (int rc : {rcFirst, rcLast}) {
        if (rc != SQLITE_ROW && rc != SQLITE_DONE)
            return d->fail(what, rc), TimeRange{};
    }
    if (rcFirst != SQLITE_ROW || rcLast != SQLITE_ROW)
        return {};
    return {CandleCodec::openTimeOf(e, first.int64(0)),
            CandleCodec::openTimeOf(e, last.int64(0)) + 1};
}

CandleBatch SqliteCandleStore::read(const SeriesKey &key, TimeRange range) const
{
    // Reserve for the interval slots of the stored span, not of the whole range asked for; trim
    // when gaps left much of it unused.
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

bool SqliteCandleStore::readChunk(const SeriesKey &key, TimeRange range, qint64 limit,
                                  CandleBatch &out, qint64 expected) const
{
    out.clear();
    if (!d->ready())
        return false;
    const QString what = tr("Cannot read the candles of %1").arg(key.toString());
    const Private::ReadScope scope(d->db);
    qint64 id = -1;
    int rc = d->seriesId(key, false, id);
    if (rc != SQLITE_OK)
        return d->fail(what, rc);
    if (id < 0 || range.isEmpty())
        return true;
    Encoding e;
    if ((rc = d->encodingOf(id, e)) != SQLITE_OK)
        return d->fail(what, rc);
    if (!e.isSet())
        return true;
    out.reserve(limit >= 0 ? qMin(limit, qMax<qint64>(expected, 1024)) : expected);
    const qint64 from = CandleCodec::slotAtOrAfter(e, range.from);
    const qint64 to = CandleCodec::slotAtOrAfter(e, range.to);
    if (d->chunked()) {
        // The chunks that overlap the range; their candles outside it are skipped.
        rc = d->scanChunks(id, from, to, false, [&](CandleChunk::Reader &entries) {
            qint64 slot;
            int size;
            const unsigned char *data;
            while (entries.next(slot, data, size)) {
                if (slot < from || slot >= to)
                    continue;
                if (d->decodeAt(e, slot, data, size, out.emplace_back()) != SQLITE_OK)
                    return SQLITE_CORRUPT;
                if (out.size() == limit)
                    return SQLITE_DONE;
            }
            return SQLITE_OK;
        });
        if (rc != SQLITE_OK) {
            out.clear();
            return d->fail(what, rc);
        }
        return true;
    }
    const QByteArray sql = "SELECT "
        + (d->legacy() ? QByteArray(LegacyCandleColumns) : QByteArray("slot, data"))
        + " FROM candles WHERE series_id = ?1 AND " + d->keyColumn() + " >= ?2 AND "
        + d->keyColumn() + " < ?3 ORDER BY " + d->keyColumn() + " LIMIT ?4";
    Statement st(d->statements, d->db, sql.constData());
    st.bind(1, id);
    st.bind(2, from);
    st.bind(3, to);
    st.bind(4, limit);
    Candle c;
    while ((rc = st.step()) == SQLITE_ROW) {
        if ((rc = d->readRow(st, e, c)) != SQLITE_OK)
            break;
        out.append(c);
    }
    if (rc != SQLITE_DONE) {
        out.clear();
        return d->fail(what, rc);
    }
    return true;
}

std::optional<qint64> SqliteCandleStore::lastOpenTime(const SeriesKey &key) const
{
    const TimeRange span
        = storedSpan(key, {std::numeric_limits<qint64>::min(), std::numeric_limits<qint64>::max()});
    if (span.isEmpty())
        return std::nullopt;
    return span.to - 1;
}

std::optional<Candle> SqliteCandleStore::partial(const SeriesKey &key) const
{
    if (!d->ready())
        return std::nullopt;
    const QString what = tr("Cannot read the forming candle of %1").arg(key.toString());
    qint64 id = -1;
    int rc = d->seriesId(key, false, id);
    if (rc != SQLITE_OK)
        return d->fail(what, rc), std::nullopt;
    if (id < 0)
        return std::nullopt;
    const QByteArray sql = "SELECT "
        + (d->legacy() ? QByteArray(LegacyCandleColumns) : QByteArray("open_time, data"))
        + " FROM partials WHERE series_id = ?1";
    Statement st(d->statements, d->db, sql.constData());
    st.bind(1, id);
    rc = st.step();
    if (rc == SQLITE_ROW && d->legacy())
        return readLegacyCandle(st, false);
    if (rc == SQLITE_ROW) {
        Candle c;
        c.openTime = st.int64(0);
        c.closed = false;
        if (CandleCodec::decode(PartialEncoding, st.blob(1), st.bytes(1), c))
            return c;
        rc = SQLITE_CORRUPT;
    }
    if (rc != SQLITE_DONE)
        d->fail(what, rc);
    return std::nullopt;
}

QList<SeriesInfo> SqliteCandleStore::seriesList() const
{
    QList<SeriesInfo> out;
    if (!d->ready())
        return out;
    // Schema version 2 keeps the statistics on write; a version 1 file opened read-only (so not
    // migrated) has them counted.
    Statement st(d->statements, d->db,
                 d->version >= 2
                     ? "SELECT id, exchange, symbol, interval, candle_count, first_open, last_open"
                       " FROM series ORDER BY exchange, symbol, interval"
                     : "SELECT s.id, s.exchange, s.symbol, s.interval,"
                       " (SELECT count(*) FROM candles c WHERE c.series_id = s.id),"
                       " (SELECT min(open_time) FROM candles c WHERE c.series_id = s.id),"
                       " (SELECT max(open_time) FROM candles c WHERE c.series_id = s.id)"
                       " FROM series s ORDER BY s.exchange, s.symbol, s.interval");
    int rc;
    while ((rc = st.step()) == SQLITE_ROW) {
        const auto interval = Intervals::parse(st.text(3));
        if (!interval)
            continue;
        SeriesInfo info;
        info.key = {st.text(1), st.text(2), *interval};
        info.candleCount = st.int64(4);
        info.firstOpen = st.int64(5);
        info.lastOpen = st.int64(6);
        if ((rc = d->coverageOf(st.int64(0), info.coverage)) != SQLITE_OK)
            break;
        for (qsizetype i = 1; i < info.coverage.size(); ++i)
            info.missingCandles += Intervals::countBetween(*interval, info.coverage[i - 1].to,
                                                           info.coverage[i].from);
        out.append(info);
    }
    if (rc != SQLITE_DONE) {
        d->fail(tr("Cannot list the stored series"), rc);
        out.clear();
    }
    return out;
}

bool SqliteCandleStore::saveSymbols(const QString &exchange, const SymbolList &symbols,
                                    qint64 fetchedAtMs)
{
    if (!d->readyToWrite())
        return false;
    const QString what = tr("Cannot save the symbol list of %1").arg(exchange);
    int rc = d->exec("BEGIN IMMEDIATE");
    if (rc != SQLITE_OK)
        return d->fail(what, rc);
    Statement del(d->statements, d->db, "DELETE FROM symbols WHERE exchange = ?1");
    del.bind(1, exchange);
    if ((rc = del.run()) != SQLITE_OK)
        return d->rollback(what, rc);
    Statement ins(d->statements, d->db,
                  "INSERT INTO symbols (exchange, symbol, base_asset, quote_asset, status,"
                  " tick_size) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    for (const SymbolInfo &s : symbols) {
        ins.bind(1, exchange);
        ins.bind(2, s.symbol);
        ins.bind(3, s.baseAsset);
        ins.bind(4, s.quoteAsset);
        ins.bind(5, s.status);
        ins.bind(6, s.tickSize);
        if ((rc = ins.run()) != SQLITE_OK)
            return d->rollback(what, rc);
        ins.reset();
    }
    Statement stamp(d->statements, d->db,
                    "INSERT OR REPLACE INTO symbol_lists (exchange, fetched_at) VALUES (?1, ?2)");
    stamp.bind(1, exchange);
    stamp.bind(2, fetchedAtMs);
    if ((rc = stamp.run()) != SQLITE_OK || (rc = d->exec("COMMIT")) != SQLITE_OK)
        return d->rollback(what, rc);
    return true;
}

SymbolList SqliteCandleStore::symbols(const QString &exchange) const
{
    SymbolList out;
    if (!d->ready())
        return out;
    Statement st(d->statements, d->db,
                 "SELECT symbol, base_asset, quote_asset, status, tick_size FROM symbols"
                 " WHERE exchange = ?1 ORDER BY symbol");
    st.bind(1, exchange);
    int rc;
    while ((rc = st.step()) == SQLITE_ROW)
        out.append({st.text(0), st.text(1), st.text(2), st.text(3), st.real(4)});
    if (rc != SQLITE_DONE) {
        d->fail(tr("Cannot read the symbol list of %1").arg(exchange), rc);
        out.clear();
    }
    return out;
}

qint64 SqliteCandleStore::symbolsFetchedAt(const QString &exchange) const
{
    if (!d->ready())
        return 0;
    Statement st(d->statements, d->db, "SELECT fetched_at FROM symbol_lists WHERE exchange = ?1");
    st.bind(1, exchange);
    const int rc = st.step();
    if (rc == SQLITE_ROW)
        return st.int64(0);
    if (rc != SQLITE_DONE)
        d->fail(tr("Cannot read the symbol list of %1").arg(exchange), rc);
    return 0;
}

} // namespace Candlewick
