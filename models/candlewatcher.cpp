#include "candlewatcher.h"

#include "candledatabase.h"
#include "candlestore.h"
#include "clock.h"
#include "postgrescandlestore.h"
#include "postgreslistener.h"

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
        m_error = m_store ? m_store->errorString()
                          : tr("cannot read %1").arg(m_database->displayPath());
        return false;
    }
    if (PostgresCandleStore::isUrl(m_database->path())) {
        // Listening before anything is read: a commit after the first read is heard.
        m_listener = new PostgresListener(this);
        connect(m_listener, &PostgresListener::notified, this, &CandleWatcher::notified);
        connect(m_listener, &PostgresListener::lost, this, &CandleWatcher::listenerLost);
        if (!m_listener->open(m_database->path(),
                              QString::fromLatin1(PostgresCandleStore::NotifyChannel))) {
            m_error = m_listener->errorString();
            delete m_listener;
            m_listener = nullptr;
            return false;
        }
        return true;
    }
    // A connection of its own that never writes: its data_version moves with every commit made
    // by anybody else.
    if (sqlite3_open_v2(QFile::encodeName(m_database->path()).constData(), &m_versionDb,
                        SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nullptr)
        != SQLITE_OK) {
        m_error
            = tr("cannot open %1: %2")
                  .arg(m_database->displayPath(), QString::fromUtf8(sqlite3_errmsg(m_versionDb)));
        sqlite3_close(m_versionDb);
        m_versionDb = nullptr;
        return false;
    }
    sqlite3_busy_timeout(m_versionDb, 3000);
    return true;
}

void CandleWatcher::addSeries(const SeriesKey &key, std::optional<qint64> fromMs)
{
    Series s;
    s.key = key;
    s.nextOpen = std::numeric_limits<qint64>::min();
    s.moreStored = true;
    if (fromMs) {
        s.nextOpen = *fromMs;
    } else if (const auto last = m_store->lastOpenTime(key)) {
        // As if the newest stored candle had been read.
        s.nextOpen = *last + 1;
        s.lastClose = Intervals::closeTime(key.interval, *last);
    }
    m_series.append(s);
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
    m_timer = m_clock->callAfter(delayMs, this, [this] { pollAndSchedule(); });
}

void CandleWatcher::pollAndSchedule()
{
    if (!m_running)
        return;
    if (!poll()) {
        m_running = false;
        return;
    }
    if (!m_running)
        return;
    if (m_readOn)
        schedule(0);
    else if (!m_listener || !m_pending.isEmpty())
        schedule(m_pollMs);
    else
        delete m_timer;
}

void CandleWatcher::notified(const QString &series)
{
    bool followed = false;
    for (Series &s : m_series) {
        if (s.key.toString() == series) {
            s.committed = true;
            followed = true;
        }
    }
    if (!followed)
        return;
    ++m_notifications;
    pollAndSchedule();
}

void CandleWatcher::listenerLost(const QString &message)
{
    // Commits made while it was away were not heard: every series is read again.
    if (!m_listener->reconnect()) {
        m_error = message;
        m_running = false;
        emit failed(m_error);
        return;
    }
    for (Series &s : m_series)
        s.committed = true;
    ++m_notifications;
    pollAndSchedule();
}

std::optional<qint64> CandleWatcher::dataVersion()
{
    if (m_listener)
        return m_notifications;
    sqlite3_stmt *stmt = nullptr;
    std::optional<qint64> version;
    if (sqlite3_prepare_v2(m_versionDb, "PRAGMA data_version", -1, &stmt, nullptr) == SQLITE_OK
        && sqlite3_step(stmt) == SQLITE_ROW)
        version = sqlite3_column_int64(stmt, 0);
    else
        m_error
            = tr("cannot read %1: %2")
                  .arg(m_database->displayPath(), QString::fromUtf8(sqlite3_errmsg(m_versionDb)));
    sqlite3_finalize(stmt);
    return version;
}

bool CandleWatcher::poll()
{
    if (!m_versionDb && !m_listener) {
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
    const bool moreStored = std::any_of(m_series.cbegin(), m_series.cend(),
                                        [](const Series &s) { return s.moreStored; });
    if (*version == m_lastVersion && !moreStored && m_pending.isEmpty())
        return true;
    if (*version != m_lastVersion && !m_listener) {
        for (Series &s : m_series)
            s.committed = true;
    }
    m_lastVersion = *version;

    bool progress = false;
    for (int i = 0; i < m_series.size(); ++i) {
        Series &s = m_series[i];
        // Read what is new; a series with a full slice waiting reads on once it is out.
        if ((!s.committed && !s.moreStored) || s.pending >= m_chunkSize)
            continue;
        s.committed = false;
        CandleCursor cursor
            = m_store->cursor(s.key, {s.nextOpen, std::numeric_limits<qint64>::max()}, m_chunkSize);
        const CandleBatch batch = cursor.next();
        if (!cursor.errorString().isEmpty()) {
            m_error = cursor.errorString();
            emit failed(m_error);
            return false;
        }
        s.moreStored = batch.size() >= m_chunkSize;
        if (batch.isEmpty())
            continue;
        progress = true;
        for (const Candle &c : batch)
            m_pending.append({Intervals::closeTime(s.key.interval, c.openTime), i, c});
        s.pending += batch.size();
        s.nextOpen = batch.last().openTime + 1;
        s.lastClose = m_pending.last().close;
    }
    std::stable_sort(m_pending.begin(), m_pending.end(), [](const Pending &a, const Pending &b) {
        return a.close != b.close ? a.close < b.close : a.series < b.series;
    });

    // How far every series is known: a series with more stored than it read limits the round
    // to its last read candle, and so does a series that is being written live (its last
    // candle closed recently), whose next candle may still be committed after another series'
    // later one. A series that has gone quiet (or holds only history) does not hold the others.
    const qint64 now = m_clock->nowMs();
    qint64 known = std::numeric_limits<qint64>::max();
    for (const Series &s : std::as_const(m_series)) {
        const qint64 quiet = 2 * Intervals::nominalMs(s.key.interval) + QuietMs;
        if (s.moreStored
            || (s.lastClose != std::numeric_limits<qint64>::min() && s.lastClose >= now - quiet))
            known = std::min(known, s.lastClose);
    }
    qsizetype released = 0;
    while (released < m_pending.size() && m_pending.at(released).close <= known)
        ++released;
    const QList<Pending> out = m_pending.first(released);
    m_pending.remove(0, released);
    for (const Pending &p : out) {
        Series &s = m_series[p.series];
        --s.pending;
        emit candleReady(s.key, p.candle);
    }
    m_readOn = (progress || released > 0)
        && std::any_of(m_series.cbegin(), m_series.cend(),
                       [](const Series &s) { return s.moreStored; });
    return true;
}

} // namespace Candlewick
