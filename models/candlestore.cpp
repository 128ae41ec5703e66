#include "candlestore.h"

#include <QAtomicInteger>
#include <QDir>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QSqlDatabase>
#include <QSqlDriver>
#include <QSqlError>
#include <QStandardPaths>

#include <sqlite3.h>

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
            sqlite3_prepare_v2(db, sql, -1, &own, nullptr);
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
        sqlite3_finalize(stmt);
    }
    void clear()
    {
        for (Entry &e : m_entries)
            sqlite3_finalize(e.stmt);
        m_entries.clear();
    }

private:
    struct Entry
    {
        sqlite3_stmt *stmt = nullptr;
        bool inUse = false;
    };
    QHash<QByteArray, Entry> m_entries;
};

// One use of a cached prepared statement; reset and handed back when it goes out of scope.
class Statement
{
public:
    Statement(StatementCache &cache, sqlite3 *db, const char *sql)
        : m_cache(cache)
        , m_stmt(db ? cache.acquire(db, sql) : nullptr)
    {
    }
    ~Statement()
    {
        if (m_stmt)
            m_cache.release(m_stmt);
    }
    Statement(const Statement &) = delete;
    Statement &operator=(const Statement &) = delete;

    bool ok() const { return m_stmt != nullptr; }
    sqlite3_stmt *get() const { return m_stmt; }
    void bind(int i, qint64 v) { sqlite3_bind_int64(m_stmt, i, v); }
    void bind(int i, double v) { sqlite3_bind_double(m_stmt, i, v); }
    void bind(int i, const QString &v)
    {
        const QByteArray utf8 = v.toUtf8();
        sqlite3_bind_text(m_stmt, i, utf8.constData(), int(utf8.size()), SQLITE_TRANSIENT);
    }
    int step() { return m_stmt ? sqlite3_step(m_stmt) : SQLITE_MISUSE; }
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
};

} // namespace StoreSql

using StoreSql::Statement;
using StoreSql::StatementCache;

namespace {

constexpr int SchemaVersion = 1;

const char *const SchemaSql[] = {
    "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)",
    "CREATE TABLE IF NOT EXISTS series ("
    " id INTEGER PRIMARY KEY,"
    " exchange TEXT NOT NULL, symbol TEXT NOT NULL, interval TEXT NOT NULL,"
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

QString nextConnectionName()
{
    static QAtomicInteger<quint64> counter;
    return QStringLiteral("candlewick-store-%1").arg(counter.fetchAndAddRelaxed(1));
}

} // namespace

struct CandleStore::Private
{
    QString connectionName;
    QString path;
    QString error;
    sqlite3 *db = nullptr;
    mutable StatementCache statements;
    mutable QHash<SeriesKey, qint64> seriesIds;

    bool fail(const QString &what) const
    {
        const_cast<Private *>(this)->error = db
            ? QStringLiteral("%1: %2 (%3)").arg(what, QString::fromUtf8(sqlite3_errmsg(db)), path)
            : QStringLiteral("%1 (%2)").arg(what, path);
        qCWarning(lcStore).noquote() << error;
        return false;
    }
    bool exec(const char *sql)
    {
        char *msg = nullptr;
        if (sqlite3_exec(db, sql, nullptr, nullptr, &msg) != SQLITE_OK) {
            sqlite3_free(msg);
            return false;
        }
        return true;
    }
    // The id of a series; creates the row when `create` is set. -1 when absent or on error.
    qint64 seriesId(const SeriesKey &key, bool create);
    bool mergeCoverage(qint64 id, const TimeRanges &add);
    TimeRanges coverageOf(qint64 id) const;
};

qint64 CandleStore::Private::seriesId(const SeriesKey &key, bool create)
{
    if (auto it = seriesIds.constFind(key); it != seriesIds.constEnd())
        return *it;
    Statement find(statements, db,
                   "SELECT id FROM series WHERE exchange = ?1 AND symbol = ?2 AND interval = ?3");
    find.bind(1, key.exchange);
    find.bind(2, key.symbol);
    find.bind(3, Intervals::name(key.interval));
    if (find.step() == SQLITE_ROW) {
        const qint64 id = find.int64(0);
        seriesIds.insert(key, id);
        return id;
    }
    if (!create)
        return -1;
    Statement insert(statements, db,
                     "INSERT INTO series (exchange, symbol, interval) VALUES (?1, ?2, ?3)");
    insert.bind(1, key.exchange);
    insert.bind(2, key.symbol);
    insert.bind(3, Intervals::name(key.interval));
    if (insert.step() != SQLITE_DONE)
        return -1;
    const qint64 id = sqlite3_last_insert_rowid(db);
    seriesIds.insert(key, id);
    return id;
}

TimeRanges CandleStore::Private::coverageOf(qint64 id) const
{
    TimeRanges out;
    Statement st(statements, db,
                 "SELECT from_ms, to_ms FROM coverage WHERE series_id = ?1 ORDER BY from_ms");
    st.bind(1, id);
    while (st.step() == SQLITE_ROW)
        out.append({st.int64(0), st.int64(1)});
    return out;
}

bool CandleStore::Private::mergeCoverage(qint64 id, const TimeRanges &add)
{
    if (add.isEmpty())
        return true;
    const TimeRanges merged = TimeRangeSet::merged(coverageOf(id) + add);
    Statement del(statements, db, "DELETE FROM coverage WHERE series_id = ?1");
    del.bind(1, id);
    if (del.step() != SQLITE_DONE)
        return false;
    Statement ins(statements, db,
                  "INSERT INTO coverage (series_id, from_ms, to_ms) VALUES (?1, ?2, ?3)");
    for (const TimeRange &r : merged) {
        ins.bind(1, id);
        ins.bind(2, r.from);
        ins.bind(3, r.to);
        if (ins.step() != SQLITE_DONE)
            return false;
        ins.reset();
    }
    return true;
}

CandleStore::CandleStore()
    : d(std::make_unique<Private>())
{
}

CandleStore::~CandleStore()
{
    close();
}

QString CandleStore::defaultPath()
{
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    return QDir(dir.isEmpty() ? QDir::homePath() + QStringLiteral("/.local/share/candlewick") : dir)
        .filePath(QStringLiteral("candles.sqlite"));
}

bool CandleStore::open(const QString &path, OpenMode mode)
{
    close();
    d->path = path;
    d->error.clear();
    const QFileInfo info(path);
    if (path.isEmpty())
        return d->fail(QStringLiteral("No database path given"));
    if (info.isDir())
        return d->fail(QStringLiteral("Database path is a directory"));
    if (mode == OpenMode::ReadOnly && !info.exists())
        return d->fail(QStringLiteral("Database file does not exist"));
    if (mode == OpenMode::ReadWrite && !QDir().mkpath(info.absolutePath()))
        return d->fail(
            QStringLiteral("Cannot create the database directory %1").arg(info.absolutePath()));

    d->connectionName = nextConnectionName();
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), d->connectionName);
        db.setDatabaseName(path);
        QString options = QStringLiteral("QSQLITE_BUSY_TIMEOUT=3000");
        if (mode == OpenMode::ReadOnly)
            options += QStringLiteral(";QSQLITE_OPEN_READONLY");
        db.setConnectOptions(options);
        if (!db.open()) {
            d->error
                = QStringLiteral("Cannot open database: %1 (%2)").arg(db.lastError().text(), path);
            close();
            return false;
        }
        const QVariant handle = db.driver()->handle();
        if (!handle.isValid() || qstrcmp(handle.typeName(), "sqlite3*") != 0) {
            d->error = QStringLiteral("Unexpected SQLite driver handle (%1)").arg(path);
            close();
            return false;
        }
        d->db = *static_cast<sqlite3 *const *>(handle.data());
    }

    // A file that is not a database (or is damaged) fails here, before anything is written.
    {
        Statement probe(d->statements, d->db, "SELECT count(*) FROM sqlite_master");
        if (!probe.ok() || probe.step() != SQLITE_ROW) {
            d->fail(
                QStringLiteral("Not a usable Candlewick database (corrupt, locked or not SQLite)"));
            close();
            return false;
        }
    }
    // Per-connection read speed-ups: a 64 MiB page cache and memory-mapped reads.
    d->exec("PRAGMA cache_size=-65536");
    d->exec("PRAGMA mmap_size=1073741824");
    d->exec("PRAGMA wal_autocheckpoint=8192"); // checkpoint (and sync) every 32 MiB of WAL
    if (mode == OpenMode::ReadWrite) {
        if (sqlite3_db_readonly(d->db, "main") == 1) {
            d->fail(QStringLiteral("Database file is read-only"));
            close();
            return false;
        }
        if (!d->exec("PRAGMA journal_mode=WAL") || !d->exec("PRAGMA synchronous=NORMAL")) {
            d->fail(QStringLiteral("Cannot configure the database (locked or read-only?)"));
            close();
            return false;
        }
        bool ok = d->exec("BEGIN IMMEDIATE");
        for (const char *sql : SchemaSql)
            ok = ok && d->exec(sql);
        if (ok) {
            Statement version(d->statements, d->db, "SELECT version FROM schema_version");
            if (version.step() == SQLITE_ROW) {
                if (version.int64(0) > SchemaVersion) {
                    d->exec("ROLLBACK");
                    d->fail(QStringLiteral("Database was written by a newer Candlewick (schema %1)")
                                .arg(version.int64(0)));
                    close();
                    return false;
                }
            } else {
                ok = d->exec("INSERT INTO schema_version (version) VALUES (1)");
            }
        }
        if (!ok || !d->exec("COMMIT")) {
            d->fail(QStringLiteral("Cannot create the database schema"));
            d->exec("ROLLBACK");
            close();
            return false;
        }
    } else {
        Statement version(d->statements, d->db, "SELECT version FROM schema_version");
        if (!version.ok() || version.step() != SQLITE_ROW) {
            d->fail(QStringLiteral("Not a Candlewick database"));
            close();
            return false;
        }
    }
    return true;
}

void CandleStore::close()
{
    d->statements.clear();
    d->db = nullptr;
    d->seriesIds.clear();
    if (!d->connectionName.isEmpty()) {
        {
            QSqlDatabase db = QSqlDatabase::database(d->connectionName, false);
            db.close();
        }
        QSqlDatabase::removeDatabase(d->connectionName);
        d->connectionName.clear();
    }
}

bool CandleStore::isOpen() const
{
    return d->db != nullptr;
}

QString CandleStore::path() const
{
    return d->path;
}

QString CandleStore::errorString() const
{
    return d->error;
}

bool CandleStore::write(const SeriesKey &key, const CandleBatch &candles,
                        const TimeRanges &coverage)
{
    if (!d->db)
        return d->fail(QStringLiteral("Database is not open"));
    if (!d->exec("BEGIN IMMEDIATE"))
        return d->fail(QStringLiteral("Cannot start a write transaction"));
    const qint64 id = d->seriesId(key, true);
    bool ok = id >= 0;
    if (ok && !candles.isEmpty()) {
        Statement up(d->statements, d->db,
                     "INSERT INTO candles (series_id, open_time, open, high, low, close, volume,"
                     " quote_volume, trades, taker_buy_base, taker_buy_quote)"
                     " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"
                     " ON CONFLICT (series_id, open_time) DO UPDATE SET"
                     " open = excluded.open, high = excluded.high, low = excluded.low,"
                     " close = excluded.close, volume = excluded.volume,"
                     " quote_volume = excluded.quote_volume, trades = excluded.trades,"
                     " taker_buy_base = excluded.taker_buy_base,"
                     " taker_buy_quote = excluded.taker_buy_quote");
        ok = up.ok();
        for (qsizetype i = 0; ok && i < candles.size(); ++i) {
            up.bind(1, id);
            bindCandle(up, 2, candles[i]);
            ok = up.step() == SQLITE_DONE;
            up.reset();
        }
        if (ok) {
            // A closed candle replaces the partial one it finishes.
            Statement dropPartial(d->statements, d->db,
                                  "DELETE FROM partials WHERE series_id = ?1 AND open_time <= ?2");
            dropPartial.bind(1, id);
            dropPartial.bind(2, candles.last().openTime);
            ok = dropPartial.step() == SQLITE_DONE;
        }
    }
    ok = ok && d->mergeCoverage(id, coverage);
    if (!ok || !d->exec("COMMIT")) {
        d->fail(QStringLiteral("Cannot write candles for %1").arg(key.toString()));
        d->exec("ROLLBACK");
        return false;
    }
    return true;
}

bool CandleStore::writePartial(const SeriesKey &key, const Candle &candle)
{
    if (!d->db)
        return d->fail(QStringLiteral("Database is not open"));
    const qint64 id = d->seriesId(key, true);
    Statement st(d->statements, d->db,
                 "INSERT OR REPLACE INTO partials (series_id, open_time, open, high, low,"
                 " close, volume, quote_volume, trades, taker_buy_base, taker_buy_quote)"
                 " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)");
    st.bind(1, id);
    bindCandle(st, 2, candle);
    if (id < 0 || st.step() != SQLITE_DONE)
        return d->fail(QStringLiteral("Cannot write the forming candle of %1").arg(key.toString()));
    return true;
}

bool CandleStore::addCoverage(const SeriesKey &key, TimeRange range)
{
    return write(key, {}, {range});
}

TimeRanges CandleStore::coverage(const SeriesKey &key) const
{
    if (!d->db)
        return {};
    const qint64 id = d->seriesId(key, false);
    return id < 0 ? TimeRanges{} : d->coverageOf(id);
}

TimeRanges CandleStore::missing(const SeriesKey &key, TimeRange wanted) const
{
    return TimeRangeSet::missing(coverage(key), wanted);
}

qint64 CandleStore::count(const SeriesKey &key, TimeRange range) const
{
    if (!d->db)
        return 0;
    const qint64 id = d->seriesId(key, false);
    if (id < 0)
        return 0;
    Statement st(
        d->statements, d->db,
        "SELECT count(*) FROM candles WHERE series_id = ?1 AND open_time >= ?2 AND open_time < ?3");
    st.bind(1, id);
    st.bind(2, range.from);
    st.bind(3, range.to);
    return st.step() == SQLITE_ROW ? st.int64(0) : 0;
}

TimeRange CandleStore::storedSpan(const SeriesKey &key, TimeRange range) const
{
    const qint64 id = d->db ? d->seriesId(key, false) : -1;
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
    if (first.step() != SQLITE_ROW || last.step() != SQLITE_ROW)
        return {};
    return {first.int64(0), last.int64(0) + 1};
}

CandleBatch CandleStore::read(const SeriesKey &key, TimeRange range) const
{
    // Reserve for the interval slots of the stored span, not of the whole range asked for; trim
    // when gaps left much of it unused.
    const TimeRange span = storedSpan(key, range);
    CandleBatch out
        = readChunk(key, span, -1, Intervals::countBetween(key.interval, span.from, span.to));
    if (out.capacity() > out.size() + out.size() / 8 + 64)
        out.squeeze();
    return out;
}

CandleBatch CandleStore::readChunk(const SeriesKey &key, TimeRange range, qint64 limit,
                                   qint64 expected) const
{
    CandleBatch out;
    if (!d->db)
        return out;
    const qint64 id = d->seriesId(key, false);
    if (id < 0 || range.isEmpty())
        return out;
    out.reserve(limit >= 0 ? qMin(limit, qMax<qint64>(expected, 1024)) : expected);
    const QByteArray sql = QByteArray("SELECT ") + CandleColumns
        + " FROM candles WHERE series_id = ?1 AND open_time >= ?2 AND open_time < ?3"
          " ORDER BY open_time LIMIT ?4";
    Statement st(d->statements, d->db, sql.constData());
    st.bind(1, id);
    st.bind(2, range.from);
    st.bind(3, range.to);
    st.bind(4, limit);
    while (st.step() == SQLITE_ROW)
        out.append(readCandle(st, true));
    return out;
}

CandleCursor CandleStore::cursor(const SeriesKey &key, TimeRange range, int chunkSize) const
{
    return CandleCursor(this, key, range, chunkSize);
}

std::optional<qint64> CandleStore::lastOpenTime(const SeriesKey &key) const
{
    if (!d->db)
        return std::nullopt;
    const qint64 id = d->seriesId(key, false);
    if (id < 0)
        return std::nullopt;
    Statement st(d->statements, d->db, "SELECT max(open_time) FROM candles WHERE series_id = ?1");
    st.bind(1, id);
    if (st.step() != SQLITE_ROW || sqlite3_column_type(st.get(), 0) == SQLITE_NULL)
        return std::nullopt;
    return st.int64(0);
}

std::optional<Candle> CandleStore::partial(const SeriesKey &key) const
{
    if (!d->db)
        return std::nullopt;
    const qint64 id = d->seriesId(key, false);
    if (id < 0)
        return std::nullopt;
    const QByteArray sql
        = QByteArray("SELECT ") + CandleColumns + " FROM partials WHERE series_id = ?1";
    Statement st(d->statements, d->db, sql.constData());
    st.bind(1, id);
    if (st.step() != SQLITE_ROW)
        return std::nullopt;
    return readCandle(st, false);
}

QList<SeriesInfo> CandleStore::seriesList() const
{
    QList<SeriesInfo> out;
    if (!d->db)
        return out;
    Statement st(d->statements, d->db,
                 "SELECT s.id, s.exchange, s.symbol, s.interval,"
                 " (SELECT count(*) FROM candles c WHERE c.series_id = s.id),"
                 " (SELECT min(open_time) FROM candles c WHERE c.series_id = s.id),"
                 " (SELECT max(open_time) FROM candles c WHERE c.series_id = s.id)"
                 " FROM series s ORDER BY s.exchange, s.symbol, s.interval");
    while (st.step() == SQLITE_ROW) {
        const auto interval = Intervals::parse(st.text(3));
        if (!interval)
            continue;
        SeriesInfo info;
        info.key = {st.text(1), st.text(2), *interval};
        info.candleCount = st.int64(4);
        info.firstOpen = st.int64(5);
        info.lastOpen = st.int64(6);
        info.coverage = d->coverageOf(st.int64(0));
        for (qsizetype i = 1; i < info.coverage.size(); ++i)
            info.missingCandles += Intervals::countBetween(*interval, info.coverage[i - 1].to,
                                                           info.coverage[i].from);
        out.append(info);
    }
    return out;
}

bool CandleStore::saveSymbols(const QString &exchange, const SymbolList &symbols,
                              qint64 fetchedAtMs)
{
    if (!d->db)
        return d->fail(QStringLiteral("Database is not open"));
    if (!d->exec("BEGIN IMMEDIATE"))
        return d->fail(QStringLiteral("Cannot start a write transaction"));
    Statement del(d->statements, d->db, "DELETE FROM symbols WHERE exchange = ?1");
    del.bind(1, exchange);
    bool ok = del.step() == SQLITE_DONE;
    Statement ins(d->statements, d->db,
                  "INSERT INTO symbols (exchange, symbol, base_asset, quote_asset, status,"
                  " tick_size) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    for (qsizetype i = 0; ok && i < symbols.size(); ++i) {
        const SymbolInfo &s = symbols[i];
        ins.bind(1, exchange);
        ins.bind(2, s.symbol);
        ins.bind(3, s.baseAsset);
        ins.bind(4, s.quoteAsset);
        ins.bind(5, s.status);
        ins.bind(6, s.tickSize);
        ok = ins.step() == SQLITE_DONE;
        ins.reset();
    }
    Statement stamp(d->statements, d->db,
                    "INSERT OR REPLACE INTO symbol_lists (exchange, fetched_at) VALUES (?1, ?2)");
    stamp.bind(1, exchange);
    stamp.bind(2, fetchedAtMs);
    ok = ok && stamp.step() == SQLITE_DONE;
    if (!ok || !d->exec("COMMIT")) {
        d->fail(QStringLiteral("Cannot save the symbol list of %1").arg(exchange));
        d->exec("ROLLBACK");
        return false;
    }
    return true;
}

SymbolList CandleStore::symbols(const QString &exchange) const
{
    SymbolList out;
    if (!d->db)
        return out;
    Statement st(d->statements, d->db,
                 "SELECT symbol, base_asset, quote_asset, status, tick_size FROM symbols"
                 " WHERE exchange = ?1 ORDER BY symbol");
    st.bind(1, exchange);
    while (st.step() == SQLITE_ROW)
        out.append({st.text(0), st.text(1), st.text(2), st.text(3), st.real(4)});
    return out;
}

qint64 CandleStore::symbolsFetchedAt(const QString &exchange) const
{
    if (!d->db)
        return 0;
    Statement st(d->statements, d->db, "SELECT fetched_at FROM symbol_lists WHERE exchange = ?1");
    st.bind(1, exchange);
    return st.step() == SQLITE_ROW ? st.int64(0) : 0;
}

} // namespace Candlewick
