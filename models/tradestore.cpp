#include "tradestore.h"

#include "candledatabase.h"
#include "postgrescandlestore.h"
#include "sqlitecandlestore.h"

#include <QFile>

#include <sqlite3.h>

#include <algorithm>

namespace Candlewick {

namespace {

constexpr int TradeBusyTimeoutMs = 10000;

const char *const TradeSchemaSql[] = {
    "CREATE TABLE IF NOT EXISTS trade_series (id INTEGER PRIMARY KEY, exchange TEXT NOT NULL, "
    "symbol TEXT NOT NULL, UNIQUE (exchange, symbol))",
    "CREATE TABLE IF NOT EXISTS trades (series INTEGER NOT NULL, time_us INTEGER NOT NULL, "
    "trade_id INTEGER NOT NULL, price_units INTEGER NOT NULL, price_scale INTEGER NOT NULL, "
    "size_units INTEGER NOT NULL, size_scale INTEGER NOT NULL, side INTEGER NOT NULL, "
    "PRIMARY KEY (series, time_us, trade_id)) WITHOUT ROWID",
    "CREATE TABLE IF NOT EXISTS trade_coverage (series INTEGER NOT NULL, from_us INTEGER NOT NULL, "
    "to_us INTEGER NOT NULL, PRIMARY KEY (series, from_us)) WITHOUT ROWID",
};

// One prepared statement for the duration of a call.
class TradeStatement
{
public:
    TradeStatement(sqlite3 *db, const char *sql)
    {
        m_rc = sqlite3_prepare_v2(db, sql, -1, &m_stmt, nullptr);
    }
    ~TradeStatement() { sqlite3_finalize(m_stmt); }
    TradeStatement(const TradeStatement &) = delete;
    TradeStatement &operator=(const TradeStatement &) = delete;

    int prepareError() const { return m_rc; }
    void bind(int i, qint64 v) { sqlite3_bind_int64(m_stmt, i, v); }
    void bind(int i, const QString &text)
    {
        const QByteArray utf8 = text.toUtf8();
        sqlite3_bind_text(m_stmt, i, utf8.constData(), int(utf8.size()), SQLITE_TRANSIENT);
    }
    int step() { return m_rc != SQLITE_OK ? m_rc : sqlite3_step(m_stmt); }
    int run()
    {
        const int rc = step();
        sqlite3_reset(m_stmt);
        return rc == SQLITE_DONE || rc == SQLITE_ROW ? SQLITE_OK : rc;
    }
    void reset() { sqlite3_reset(m_stmt); }
    qint64 int64(int column) const { return sqlite3_column_int64(m_stmt, column); }

private:
    sqlite3_stmt *m_stmt = nullptr;
    int m_rc = SQLITE_OK;
};

qint8 storedScale(qint64 scale)
{
    return qint8(std::clamp<qint64>(scale, 0, ExactDecimal::MaxScale));
}

} // namespace

struct TradeStore::Private
{
    QString path;
    mutable QString error;
    sqlite3 *db = nullptr;
    bool readOnly = false;
    bool hasTables = false;

    bool fail(const QString &what, int rc = SQLITE_OK) const
    {
        const QString reason = rc == SQLITE_OK ? QString()
            : db                               ? QString::fromUtf8(sqlite3_errmsg(db))
                                               : QString::fromUtf8(sqlite3_errstr(rc));
        error = reason.isEmpty() ? QStringLiteral("%1 (%2)").arg(what, path)
                                 : QStringLiteral("%1: %2 (%3)").arg(what, reason, path);
        return false;
    }
    bool ready() const
    {
        error.clear();
        return db || fail(tr("Trade database is not open"));
    }
    int exec(const char *sql) const { return sqlite3_exec(db, sql, nullptr, nullptr, nullptr); }
    bool tablesExist() const
    {
        TradeStatement st(db,
                          "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = "
                          "'trade_coverage'");
        return st.step() == SQLITE_ROW;
    }
    // The id of the series; -1 when absent and not created (or on an error, with `rc` set).
    qint64 seriesId(const QString &exchange, const QString &symbol, bool create, int &rc) const
    {
        rc = SQLITE_OK;
        if (!hasTables)
            return -1;
        {
            TradeStatement find(db,
                                "SELECT id FROM trade_series WHERE exchange = ?1 AND "
                                "symbol = ?2");
            find.bind(1, exchange);
            find.bind(2, symbol);
            const int step = find.step();
            if (step == SQLITE_ROW)
                return find.int64(0);
            if (step != SQLITE_DONE) {
                rc = step;
                return -1;
            }
        }
        if (!create)
            return -1;
        TradeStatement insert(db, "INSERT INTO trade_series (exchange, symbol) VALUES (?1, ?2)");
        insert.bind(1, exchange);
        insert.bind(2, symbol);
        if ((rc = insert.run()) != SQLITE_OK)
            return -1;
        return sqlite3_last_insert_rowid(db);
    }
    int coverageOf(qint64 id, TimeRanges &out) const
    {
        TradeStatement st(db,
                          "SELECT from_us, to_us FROM trade_coverage WHERE series = ?1 "
                          "ORDER BY from_us");
        st.bind(1, id);
        int rc;
        while ((rc = st.step()) == SQLITE_ROW)
            out.append({st.int64(0), st.int64(1)});
        return rc == SQLITE_DONE ? SQLITE_OK : rc;
    }
};

TradeStore::TradeStore()
    : d(std::make_unique<Private>())
{
}

TradeStore::~TradeStore()
{
    close();
}

bool TradeStore::open(const QString &path, OpenMode mode)
{
    close();
    d->path = path;
    d->error.clear();
    if (const QString why = CandleDatabase::locationError(path); !why.isEmpty())
        return d->fail(why);
    if (PostgresCandleStore::isUrl(path))
        return d->fail(tr("Trades are stored in SQLite databases only, not in "
                          "PostgreSQL"));
    {
        // The candle store checks the file is Candlewick's (or makes it so) before anything.
        SqliteCandleStore candles;
        if (!candles.open(path,
                          mode == OpenMode::ReadOnly ? SqliteCandleStore::OpenMode::ReadOnly
                                                     : SqliteCandleStore::OpenMode::ReadWrite))
            return d->fail(candles.errorString());
    }
    d->readOnly = mode == OpenMode::ReadOnly;
    const int flags
        = SQLITE_OPEN_NOMUTEX | (d->readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE);
    int rc = sqlite3_open_v2(QFile::encodeName(path).constData(), &d->db, flags, nullptr);
    if (rc != SQLITE_OK) {
        d->fail(tr("Cannot open the database"), rc);
        close();
        return false;
    }
    sqlite3_extended_result_codes(d->db, 1);
    sqlite3_busy_timeout(d->db, TradeBusyTimeoutMs);
    if (!d->readOnly) {
        for (const char *sql : TradeSchemaSql) {
            if ((rc = d->exec(sql)) != SQLITE_OK) {
                d->fail(tr("Cannot create the trade tables"), rc);
                close();
                return false;
            }
        }
    }
    d->hasTables = d->tablesExist();
    return true;
}

void TradeStore::close()
{
    if (d->db)
        sqlite3_close_v2(d->db);
    d->db = nullptr;
    d->hasTables = false;
}

bool TradeStore::isOpen() const
{
    return d->db != nullptr;
}

QString TradeStore::errorString() const
{
    return d->error;
}

bool TradeStore::write(const QString &exchange, const QString &symbol, const TradeBatch &trades,
                       const TimeRanges &coverage)
{
    if (!d->ready())
        return false;
    if (d->readOnly)
        return d->fail(tr("Trade database is open read-only"));
    const QString what = tr("Cannot store trades of %1 %2").arg(exchange, symbol);
    int rc = d->exec("BEGIN IMMEDIATE");
    if (rc != SQLITE_OK)
        return d->fail(what, rc);
    const auto rollback = [&](int code) {
        d->fail(what, code);
        d->exec("ROLLBACK");
        return false;
    };
    const qint64 id = d->seriesId(exchange, symbol, true, rc);
    if (id < 0)
        return rollback(rc);
    {
        TradeStatement insert(
            d->db,
            "INSERT OR IGNORE INTO trades (series, time_us, trade_id, price_units, "
            "price_scale, size_units, size_scale, side) VALUES (?1, ?2, ?3, ?4, "
            "?5, ?6, ?7, ?8)");
        for (const Trade &t : trades) {
            insert.bind(1, id);
            insert.bind(2, t.timeUs);
            insert.bind(3, t.id);
            insert.bind(4, t.price.units);
            insert.bind(5, qint64(t.price.scale));
            insert.bind(6, t.size.units);
            insert.bind(7, qint64(t.size.scale));
            insert.bind(8, qint64(t.side));
            if ((rc = insert.run()) != SQLITE_OK)
                return rollback(rc);
        }
    }
    if (!coverage.isEmpty()) {
        TimeRanges ranges;
        if ((rc = d->coverageOf(id, ranges)) != SQLITE_OK)
            return rollback(rc);
        ranges.append(coverage);
        ranges = TimeRangeSet::merged(ranges);
        TradeStatement clear(d->db, "DELETE FROM trade_coverage WHERE series = ?1");
        clear.bind(1, id);
        if ((rc = clear.run()) != SQLITE_OK)
            return rollback(rc);
        TradeStatement insert(d->db,
                              "INSERT INTO trade_coverage (series, from_us, to_us) "
                              "VALUES (?1, ?2, ?3)");
        for (const TimeRange &r : std::as_const(ranges)) {
            insert.bind(1, id);
            insert.bind(2, r.from);
            insert.bind(3, r.to);
            if ((rc = insert.run()) != SQLITE_OK)
                return rollback(rc);
        }
    }
    if ((rc = d->exec("COMMIT")) != SQLITE_OK)
        return rollback(rc);
    return true;
}

TimeRanges TradeStore::coverage(const QString &exchange, const QString &symbol) const
{
    TimeRanges ranges;
    if (!d->ready())
        return ranges;
    int rc = SQLITE_OK;
    const qint64 id = d->seriesId(exchange, symbol, false, rc);
    if (rc == SQLITE_OK && id >= 0)
        rc = d->coverageOf(id, ranges);
    if (rc != SQLITE_OK) {
        d->fail(tr("Cannot read the trade coverage"), rc);
        return {};
    }
    return ranges;
}

TradeBatch TradeStore::read(const QString &exchange, const QString &symbol, TimeRange range) const
{
    TradeBatch trades;
    if (!d->ready())
        return trades;
    int rc = SQLITE_OK;
    const qint64 id = d->seriesId(exchange, symbol, false, rc);
    if (rc == SQLITE_OK && id >= 0) {
        TradeStatement st(d->db,
                          "SELECT time_us, trade_id, price_units, price_scale, size_units, "
                          "size_scale, side FROM trades WHERE series = ?1 AND time_us >= ?2 AND "
                          "time_us < ?3 ORDER BY time_us, trade_id");
        st.bind(1, id);
        st.bind(2, range.from);
        st.bind(3, range.to);
        while ((rc = st.step()) == SQLITE_ROW) {
            Trade t;
            t.timeUs = st.int64(0);
            t.id = st.int64(1);
            t.price = {st.int64(2), storedScale(st.int64(3))};
            t.size = {st.int64(4), storedScale(st.int64(5))};
            const qint64 side = st.int64(6);
            t.side = side == qint64(TradeSide::Buy) ? TradeSide::Buy
                : side == qint64(TradeSide::Sell)   ? TradeSide::Sell
                                                    : TradeSide::Unknown;
            trades.append(t);
        }
        rc = rc == SQLITE_DONE ? SQLITE_OK : rc;
    }
    if (rc != SQLITE_OK) {
        d->fail(tr("Cannot read trades"), rc);
        return {};
    }
    return trades;
}

qint64 TradeStore::count(const QString &exchange, const QString &symbol, TimeRange range) const
{
    if (!d->ready())
        return 0;
    int rc = SQLITE_OK;
    const qint64 id = d->seriesId(exchange, symbol, false, rc);
    qint64 n = 0;
    if (rc == SQLITE_OK && id >= 0) {
        TradeStatement st(d->db,
                          "SELECT count(*) FROM trades WHERE series = ?1 AND time_us >= ?2 "
                          "AND time_us < ?3");
        st.bind(1, id);
        st.bind(2, range.from);
        st.bind(3, range.to);
        rc = st.step();
        if (rc == SQLITE_ROW) {
            n = st.int64(0);
            rc = SQLITE_OK;
        }
    }
    if (rc != SQLITE_OK) {
        d->fail(tr("Cannot count trades"), rc);
        return 0;
    }
    return n;
}

} // namespace Candlewick
