#include "candlewatcher.h"

#include "candledatabase.h"
#include "candlestore.h"
#include "clock.h"

#include <QFile>

#include <sqlite3.h>

#include <algorithm>
#include <limits>

namespace Candlewick {

CandleWatcher::CandleWatcher(Clock *clock, QObject *parent)
    : QObject(parent)
    , m_clock(clock ? clock : Clock::system())
{
}

CandleWatcher::~CandleWatcher()
{
    sqlite3_close(m_versionDb);
}

bool CandleWatcher::open(std::shared_ptr<CandleDatabase> database)
{
    m_database = std::move(database);
    m_store = m_database->reader();
    if (!m_store || !m_store->isOpen()) {
        m_error = m_store ? m_store->errorString() : tr("cannot read %1").arg(m_database->path());
        return false;
    }
    // A connection of its own that never writes: its data_version moves with every commit made
    // by anybody else.
    if (sqlite3_open_v2(QFile::encodeName(m_database->path()).constData(), &m_versionDb,
                        SQLITE_OPEN_READONLY, nullptr)
        != SQLITE_OK) {
        m_error = tr("cannot open %1: %2")
                      .arg(m_database->path(), QString::fromUtf8(sqlite3_errmsg(m_versionDb)));
        sqlite3_close(m_versionDb);
        m_versionDb = nullptr;
        return false;
    }
    sqlite3_busy_timeout(m_versionDb, 3000);
    return true;
}

void CandleWatcher::addSeries(const SeriesKey &key, std::optional<qint64> fromMs)
{
    qint64 next = std::numeric_limits<qint64>::min();
    if (fromMs)
        next = *fromMs;
    else if (const auto last = m_store->lastOpenTime(key))
        next = *last + 1;
    m_series.append({key, next});
    m_moreStored = true;
}

void CandleWatcher::start()
{
    m_running = true;
    schedule(0);
}

void CandleWatcher::stop()
{
    m_running = false;
    delete m_timer;
}

void CandleWatcher::schedule(qint64 delayMs)
{
    delete m_timer;
    m_timer = m_clock->callAfter(delayMs, this, [this] {
        if (!m_running)
            return;
        if (!poll()) {
            m_running = false;
            return;
        }
        if (m_running)
            schedule(m_moreStored ? 0 : m_pollMs);
    });
}

std::optional<qint64> CandleWatcher::dataVersion()
{
    sqlite3_stmt *stmt = nullptr;
    std::optional<qint64> version;
    if (sqlite3_prepare_v2(m_versionDb, "PRAGMA data_version", -1, &stmt, nullptr) == SQLITE_OK
        && sqlite3_step(stmt) == SQLITE_ROW)
        version = sqlite3_column_int64(stmt, 0);
    else
        m_error = tr("cannot read %1: %2")
                      .arg(m_database->path(), QString::fromUtf8(sqlite3_errmsg(m_versionDb)));
    sqlite3_finalize(stmt);
    return version;
}

bool CandleWatcher::poll()
{
    if (!m_versionDb) {
        m_error = tr("the database is not open");
        emit failed(m_error);
        return false;
    }
    // The version first: a commit after it is seen by the next poll.
    const std::optional<qint64> version = dataVersion();
    if (!version) {
        emit failed(m_error);
        return false;
    }
    if (!m_moreStored && *version == m_lastVersion)
        return true;
    m_lastVersion = *version;

    struct Item
    {
        qint64 close;
        int series;
        Candle candle;
    };
    QList<Item> items;
    // A series whose slice was full may have more before its last close time: nothing after
    // the earliest such close time goes out in this round.
    qint64 limit = std::numeric_limits<qint64>::max();
    m_moreStored = false;
    for (int i = 0; i < m_series.size(); ++i) {
        const Series &s = m_series.at(i);
        CandleCursor cursor
            = m_store->cursor(s.key, {s.nextOpen, std::numeric_limits<qint64>::max()}, m_chunkSize);
        const CandleBatch batch = cursor.next();
        if (!cursor.errorString().isEmpty()) {
            m_error = cursor.errorString();
            emit failed(m_error);
            return false;
        }
        for (const Candle &c : batch)
            items.append({Intervals::closeTime(s.key.interval, c.openTime), i, c});
        if (batch.size() >= m_chunkSize) {
            m_moreStored = true;
            limit = std::min(limit, Intervals::closeTime(s.key.interval, batch.last().openTime));
        }
    }
    std::stable_sort(items.begin(), items.end(), [](const Item &a, const Item &b) {
        return a.close != b.close ? a.close < b.close : a.series < b.series;
    });
    for (const Item &item : std::as_const(items)) {
        if (item.close > limit)
            break;
        Series &s = m_series[item.series];
        s.nextOpen = item.candle.openTime + 1;
        emit candleReady(s.key, item.candle);
    }
    return true;
}

} // namespace Candlewick
