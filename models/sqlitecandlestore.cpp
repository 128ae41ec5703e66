#include "sqlitecandlestore.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFileInfo>
#include <QHash>
#include <QLoggingCategory>
#include <QSet>

#include <sqlite3.h>

#include <limits>

Q_LOGGING_CATEGORY(lcStore, "candlewick.models.store")

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
        Entry &e = m_entries[QByteArray(sql)];
        if (e.inUse) { // the same SQL twice at once: a private copy
            sqlite3_stmt *own = nullptr;
            if (sqlite3_prepare_v2(db, sql, -1, &own, nullptr) != SQLITE_OK) {
                sqlite3_finalize(own);
                return nullptr;
            }
            m_copies.insert(own);
            return own;
        }
        if (!e.stmt
            && sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &e.stmt, nullptr)
                != SQLITE_OK) {
            sqlite3_finalize(e.stmt);
            e.stmt = nullptr;
            return nullptr;
        }
        e.inUse = true;
        return e.stmt;
    }
    void release(sqlite3_stmt *stmt)
    {
        for (Entry &e : m_entries) {
            if (e.stmt == stmt) {
                sqlite3_reset(stmt);
                sqlite3_clear_bindings(stmt);
                e.inUse = false;
                return;
            }
        }
        // A statement of before clear() is already finalized: only private copies are freed here.
        if (m_copies.remove(stmt))
            sqlite3_finalize(stmt);
    }
    void clear()
    {
        for (Entry &e : m_entries)
            sqlite3_finalize(e.stmt);
        m_entries.clear();
        for (sqlite3_stmt *stmt : std::as_const(m_copies))
            sqlite3_finalize(stmt);
        m_copies.clear();
    }

private:
    struct Entry
    {
        sqlite3_stmt *stmt = nullptr;
        bool inUse = false;
    };
    QHash<QByteArray, Entry> m_entries;
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

using StoreSql::Statement;
using StoreSql::StatementCache;

namespace {

constexpr int SchemaVersion = SqliteCandleStore::SchemaVersion;
constexpr int BusyTimeoutMs = 3000;

const char *const SchemaSql[] = {
    "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)",
    // candle_count, first_open and last_open are kept by every write (schema version 2).
    "CREATE TABLE IF NOT EXISTS series ("
    " id INTEGER PRIMARY KEY,"
    " exchange TEXT NOT NULL, symbol TEXT NOT NULL, interval TEXT NOT NULL,"
    " candle_count INTEGER NOT NULL DEFAULT 0, first_open INTEGER, last_open INTEGER,"
    " UNIQUE (exchange, symbol, interval))",
    "CREATE TABLE IF NOT EXISTS candles ("
    " series_id INTEGER NOT NULL REFERENCES series(id),"
    " open_time INTEGER NOT NULL,"
    " open REAL NOT NULL, high REAL NOT NULL, low REAL NOT NULL, close REAL NOT NULL,"
    " volume REAL NOT NULL, quote_volume REAL NOT NULL, trades INTEGER NOT NULL,"
    " taker_buy_base REAL NOT NULL, taker_buy_quote REAL NOT NULL,"
    " PRIMARY KEY (series_id, open_time)) WITHOUT ROWID",
    "CREATE TABLE IF NOT EXISTS partials ("
    " series_id INTEGER PRIMARY KEY REFERENCES series(id),"
    " open_time INTEGER NOT NULL,"
    " open REAL NOT NULL, high REAL NOT NULL, low REAL NOT NULL, close REAL NOT NULL,"
    " volume REAL NOT NULL, quote_volume REAL NOT NULL, trades INTEGER NOT NULL,"
    " taker_buy_base REAL NOT NULL, taker_buy_quote REAL NOT NULL)",
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

constexpr const char *CandleColumns = "open_time, open, high, low, close, volume, quote_volume, "
                                      "trades, taker_buy_base, taker_buy_quote";

void bindCandle(Statement &st, int first, const Candle &c)
{
    st.bind(first, c.openTime);
    st.bind(first + 1, c.open);
    st.bind(first + 2, c.high);
    st.bind(first + 3, c.low);
    st.bind(first + 4, c.close);
    st.bind(first + 5, c.volume);
    st.bind(first + 6, c.quoteVolume);
    st.bind(first + 7, c.trades);
    st.bind(first + 8, c.takerBuyBase);
    st.bind(first + 9, c.takerBuyQuote);
}

Candle readCandle(const Statement &st, bool closed)
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
        exec("ROLLBACK");
        return false;
    }
    // Whether the file holds no table yet (isNew), or Candlewick's schema in a version this
    // code reads; anything else is an error and the file stays as it is.
    bool checkSchema(bool &isNew) const;
    bool createSchema();
    bool migrate();
    bool enableWal();
    // The id of a series in `id`: -1 when absent (and not created). The SQLite result code.
    int seriesId(const SeriesKey &key, bool create, qint64 &id) const;
    int mergeCoverage(qint64 id, const TimeRanges &add);
    int coverageOf(qint64 id, TimeRanges &out) const;
};

QString SqliteCandleStore::Private::reason(int rc) const
{
    const QString sqliteMessage
        = db ? QString::fromUtf8(sqlite3_errmsg(db)) : QString::fromUtf8(sqlite3_errstr(rc));
    switch (rc & 0xff) {
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
        return QStringLiteral("the file is corrupt or not an SQLite database; check it with "
                              "`sqlite3 FILE 'PRAGMA integrity_check'`");
    case SQLITE_IOERR:
        return QStringLiteral("disk I/O error (%1); check the disk, then the file with "
                              "`sqlite3 FILE 'PRAGMA integrity_check'`")
            .arg(sqliteMessage);
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return QStringLiteral("the database is locked by another process");
    case SQLITE_READONLY:
        return QStringLiteral("the file is read-only");
    case SQLITE_FULL:
        return QStringLiteral("the disk is full");
    case SQLITE_CANTOPEN:
        return QStringLiteral("cannot open the file");
    case SQLITE_PERM:
    case SQLITE_AUTH:
        return QStringLiteral("permission denied");
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
    return db || !error.isEmpty() || fail(QStringLiteral("Database is not open"));
}

bool SqliteCandleStore::Private::readyToWrite()
{
    if (!ready())
        return false;
    if (!damaged && !checkBeforeFirstWrite() && !damaged)
        return false; // the check could not run (locked?): its error is set
    if (damaged)
        return fail(QStringLiteral("Database file is damaged, nothing is written to it; check "
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
        return fail(QStringLiteral("Cannot check the database before writing"), rc);
    checked = ok;
    return ok;
}

bool SqliteCandleStore::Private::checkSchema(bool &isNew) const
{
    const QString unusable = QStringLiteral("Not a usable Candlewick database");
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
        return fail(QStringLiteral("Not a Candlewick database (it holds other tables; it is left "
                                   "unchanged)"));
    Statement version(statements, db, "SELECT version FROM schema_version");
    const int rc = version.step();
    if (rc == SQLITE_DONE)
        return fail(QStringLiteral("Not a Candlewick database (it has no schema version)"));
    if (rc != SQLITE_ROW)
        return fail(unusable, rc);
    const qint64 found = version.int64(0);
    this->version = int(qBound<qint64>(0, found, qint64(SchemaVersion) + 1));
    if (found > SchemaVersion)
        return fail(QStringLiteral("Database was made by a newer Candlewick (schema version %1, "
                                   "this one reads up to %2); update Candlewick to use it")
                        .arg(found)
                        .arg(SchemaVersion));
    if (found < 1)
        return fail(QStringLiteral("Not a Candlewick database (schema version %1)").arg(found));
    for (const char *table : SchemaTables) {
        if (!tables.contains(QString::fromLatin1(table)))
            return fail(QStringLiteral("Not a Candlewick database (table %1 is missing)")
                            .arg(QString::fromLatin1(table)));
    }
    return true;
}

bool SqliteCandleStore::Private::createSchema()
{
    const QString what = QStringLiteral("Cannot create the database schema");
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
    const QString what
        = QStringLiteral("Cannot update the database from schema version %1").arg(version);
    int rc = exec("BEGIN IMMEDIATE");
    if (rc != SQLITE_OK)
        return fail(what, rc);
    bool isNew = false;
    if (!checkSchema(isNew)) { // another process may have migrated it meanwhile
        exec("ROLLBACK");
        return false;
    }
    for (const char *sql : MigrateTo2Sql) {
        if (version >= SchemaVersion)
            break;
        if ((rc = exec(sql)) != SQLITE_OK)
            return rollback(what, rc);
    }
    if ((rc = exec("COMMIT")) != SQLITE_OK)
        return rollback(what, rc);
    version = SchemaVersion;
    return true;
}

bool SqliteCandleStore::Private::enableWal()
{
    const QString what = QStringLiteral("Cannot switch the database to WAL mode");
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
        return d->fail(QStringLiteral("No database path given"));
    if (info.isDir())
        return d->fail(QStringLiteral("Database path is a directory"));
    if (info.exists() && !info.isFile())
        return d->fail(QStringLiteral("Database path is not a regular file"));
    if (mode == OpenMode::ReadOnly && !info.exists())
        return d->fail(QStringLiteral("Database file does not exist"));
    if (mode == OpenMode::ReadWrite && !QDir().mkpath(info.absolutePath()))
        return d->fail(
            QStringLiteral("Cannot create the database directory %1").arg(info.absolutePath()));

    const int flags = SQLITE_OPEN_NOMUTEX
        | (mode == OpenMode::ReadOnly ? SQLITE_OPEN_READONLY
                                      : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    const int rc = sqlite3_open_v2(QFile::encodeName(path).constData(), &d->db, flags, nullptr);
    if (rc != SQLITE_OK)
        return d->fail(QStringLiteral("Cannot open the database"), rc);
    sqlite3_extended_result_codes(d->db, 1);
    sqlite3_busy_timeout(d->db, BusyTimeoutMs);
    // Per-connection read speed-ups: a 64 MiB page cache and memory-mapped reads.
    d->exec("PRAGMA cache_size=-65536");
    d->exec("PRAGMA mmap_size=1073741824");
    d->exec("PRAGMA wal_autocheckpoint=8192"); // checkpoint (and sync) every 32 MiB of WAL

    // Nothing is written before the file is known to be new or Candlewick's own.
    bool isNew = false;
    bool ok = d->checkSchema(isNew);
    if (ok && mode == OpenMode::ReadOnly && isNew)
        ok = d->fail(QStringLiteral("Not a Candlewick database (it is empty)"));
    if (ok && mode == OpenMode::ReadWrite) {
        if (sqlite3_db_readonly(d->db, "main") == 1)
            ok = d->fail(QStringLiteral("Database file is read-only; Candlewick cannot store "
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
    // The message is made only when something fails: this is the recorder's per-candle path.
    const auto what
        = [&key] { return QStringLiteral("Cannot write candles for %1").arg(key.toString()); };
    int rc = d->exec("BEGIN IMMEDIATE");
    if (rc != SQLITE_OK)
        return d->fail(what(), rc);
    qint64 id = -1;
    if ((rc = d->seriesId(key, true, id)) != SQLITE_OK)
        return d->rollback(what(), rc);
    if (!candles.isEmpty()) {
        // New candles are inserted and counted; a candle already stored is updated in place.
        Statement insert(d->statements, d->db,
                         "INSERT INTO candles (series_id, open_time, open, high, low, close,"
                         " volume, quote_volume, trades, taker_buy_base, taker_buy_quote)"
                         " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"
                         " ON CONFLICT (series_id, open_time) DO NOTHING");
        Statement update(d->statements, d->db,
                         "UPDATE candles SET open = ?3, high = ?4, low = ?5, close = ?6,"
                         " volume = ?7, quote_volume = ?8, trades = ?9, taker_buy_base = ?10,"
                         " taker_buy_quote = ?11 WHERE series_id = ?1 AND open_time = ?2");
        qint64 inserted = 0;
        qint64 firstInserted = std::numeric_limits<qint64>::max();
        qint64 lastInserted = std::numeric_limits<qint64>::min();
        for (const Candle &c : candles) {
            insert.bind(1, id);
            bindCandle(insert, 2, c);
            if ((rc = insert.run()) != SQLITE_OK)
                return d->rollback(what(), rc);
            insert.reset();
            if (sqlite3_changes(d->db) > 0) {
                ++inserted;
                firstInserted = qMin(firstInserted, c.openTime);
                lastInserted = qMax(lastInserted, c.openTime);
                continue;
            }
            update.bind(1, id);
            bindCandle(update, 2, c);
            if ((rc = update.run()) != SQLITE_OK)
                return d->rollback(what(), rc);
            update.reset();
        }
        if (inserted > 0) {
            Statement stats(d->statements, d->db,
                            "UPDATE series SET candle_count = candle_count + ?2,"
                            " first_open = coalesce(min(first_open, ?3), ?3),"
                            " last_open = coalesce(max(last_open, ?4), ?4) WHERE id = ?1");
            stats.bind(1, id);
            stats.bind(2, inserted);
            stats.bind(3, firstInserted);
            stats.bind(4, lastInserted);
            if ((rc = stats.run()) != SQLITE_OK)
                return d->rollback(what(), rc);
        }
        // A closed candle replaces the partial one it finishes.
        Statement dropPartial(d->statements, d->db,
                              "DELETE FROM partials WHERE series_id = ?1 AND open_time <= ?2");
        dropPartial.bind(1, id);
        dropPartial.bind(2, candles.last().openTime);
        if ((rc = dropPartial.run()) != SQLITE_OK)
            return d->rollback(what(), rc);
    }
    if ((rc = d->mergeCoverage(id, coverage)) != SQLITE_OK || (rc = d->exec("COMMIT")) != SQLITE_OK)
        return d->rollback(what(), rc);
    return true;
}

bool SqliteCandleStore::writePartial(const SeriesKey &key, const Candle &candle)
{
    if (!d->readyToWrite())
        return false;
    const QString what
        = QStringLiteral("Cannot write the forming candle of %1").arg(key.toString());
    qint64 id = -1;
    int rc = d->seriesId(key, true, id);
    if (rc != SQLITE_OK)
        return d->fail(what, rc);
    Statement st(d->statements, d->db,
                 "INSERT OR REPLACE INTO partials (series_id, open_time, open, high, low,"
                 " close, volume, quote_volume, trades, taker_buy_base, taker_buy_quote)"
                 " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)");
    st.bind(1, id);
    bindCandle(st, 2, candle);
    if ((rc = st.run()) != SQLITE_OK)
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
        d->fail(QStringLiteral("Cannot read the coverage of %1").arg(key.toString()), rc);
        out.clear();
    }
    return out;
}

qint64 SqliteCandleStore::count(const SeriesKey &key, TimeRange range) const
{
    if (!d->ready())
        return 0;
    const QString what = QStringLiteral("Cannot count the candles of %1").arg(key.toString());
    qint64 id = -1;
    int rc = d->seriesId(key, false, id);
    if (rc != SQLITE_OK)
        return d->fail(what, rc), 0;
    if (id < 0)
        return 0;
    Statement st(
        d->statements, d->db,
        "SELECT count(*) FROM candles WHERE series_id = ?1 AND open_time >= ?2 AND open_time < ?3");
    st.bind(1, id);
    st.bind(2, range.from);
    st.bind(3, range.to);
    if ((rc = st.step()) != SQLITE_ROW)
        return d->fail(what, rc), 0;
    return st.int64(0);
}

TimeRange SqliteCandleStore::storedSpan(const SeriesKey &key, TimeRange range) const
{
    if (!d->ready())
        return {};
    const QString what = QStringLiteral("Cannot read the candles of %1").arg(key.toString());
    qint64 id = -1;
    if (const int rc = d->seriesId(key, false, id); rc != SQLITE_OK)
        return d->fail(what, rc), TimeRange{};
    if (id < 0)
        return {};
    // Two primary-key lookups; a single min()/max() query would scan the range.
    Statement first(d->statements, d->db,
                    "SELECT open_time FROM candles WHERE series_id = ?1 AND open_time >= ?2"
                    " AND open_time < ?3 ORDER BY open_time LIMIT 1");
    Statement last(d->statements, d->db,
                   "SELECT open_time FROM candles WHERE series_id = ?1 AND open_time >= ?2"
                   " AND open_time < ?3 ORDER BY open_time DESC LIMIT 1");
    for (Statement *st : {&first, &last}) {
        st->bind(1, id);
        st->bind(2, range.from);
        st->bind(3, range.to);
    }
    const int rcFirst = first.step();
    const int rcLast = last.step();
    for (int rc : {rcFirst, rcLast}) {
        if (rc != SQLITE_ROW && rc != SQLITE_DONE)
            return d->fail(what, rc), TimeRange{};
    }
    if (rcFirst != SQLITE_ROW || rcLast != SQLITE_ROW)
        return {};
    return {first.int64(0), last.int64(0) + 1};
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
    const QString what = QStringLiteral("Cannot read the candles of %1").arg(key.toString());
    qint64 id = -1;
    int rc = d->seriesId(key, false, id);
    if (rc != SQLITE_OK)
        return d->fail(what, rc);
    if (id < 0 || range.isEmpty())
        return true;
    out.reserve(limit >= 0 ? qMin(limit, qMax<qint64>(expected, 1024)) : expected);
    const QByteArray sql = QByteArray("SELECT ") + CandleColumns
        + " FROM candles WHERE series_id = ?1 AND open_time >= ?2 AND open_time < ?3"
          " ORDER BY open_time LIMIT ?4";
    Statement st(d->statements, d->db, sql.constData());
    st.bind(1, id);
    st.bind(2, range.from);
    st.bind(3, range.to);
    st.bind(4, limit);
    while ((rc = st.step()) == SQLITE_ROW)
        out.append(readCandle(st, true));
    if (rc != SQLITE_DONE) {
        out.clear();
        return d->fail(what, rc);
    }
    return true;
}

std::optional<qint64> SqliteCandleStore::lastOpenTime(const SeriesKey &key) const
{
    if (!d->ready())
        return std::nullopt;
    const QString what = QStringLiteral("Cannot read the candles of %1").arg(key.toString());
    qint64 id = -1;
    int rc = d->seriesId(key, false, id);
    if (rc != SQLITE_OK)
        return d->fail(what, rc), std::nullopt;
    if (id < 0)
        return std::nullopt;
    Statement st(d->statements, d->db, "SELECT max(open_time) FROM candles WHERE series_id = ?1");
    st.bind(1, id);
    if ((rc = st.step()) != SQLITE_ROW)
        return d->fail(what, rc), std::nullopt;
    if (sqlite3_column_type(st.get(), 0) == SQLITE_NULL)
        return std::nullopt;
    return st.int64(0);
}

std::optional<Candle> SqliteCandleStore::partial(const SeriesKey &key) const
{
    if (!d->ready())
        return std::nullopt;
    const QString what = QStringLiteral("Cannot read the forming candle of %1").arg(key.toString());
    qint64 id = -1;
    int rc = d->seriesId(key, false, id);
    if (rc != SQLITE_OK)
        return d->fail(what, rc), std::nullopt;
    if (id < 0)
        return std::nullopt;
    const QByteArray sql
        = QByteArray("SELECT ") + CandleColumns + " FROM partials WHERE series_id = ?1";
    Statement st(d->statements, d->db, sql.constData());
    st.bind(1, id);
    rc = st.step();
    if (rc == SQLITE_ROW)
        return readCandle(st, false);
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
        d->fail(QStringLiteral("Cannot list the stored series"), rc);
        out.clear();
    }
    return out;
}

bool SqliteCandleStore::saveSymbols(const QString &exchange, const SymbolList &symbols,
                                    qint64 fetchedAtMs)
{
    if (!d->readyToWrite())
        return false;
    const QString what = QStringLiteral("Cannot save the symbol list of %1").arg(exchange);
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
        d->fail(QStringLiteral("Cannot read the symbol list of %1").arg(exchange), rc);
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
        d->fail(QStringLiteral("Cannot read the symbol list of %1").arg(exchange), rc);
    return 0;
}

} // namespace Candlewick
