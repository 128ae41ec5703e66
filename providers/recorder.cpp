#include "recorder.h"

#include "livefeed.h"
#include "streamlogging.h"

#include <candledatabase.h>
#include <candlestore.h>
#include <clock.h>
#include <postgrescandlestore.h>
#include <postgreswriterlocks.h>

#include <QFutureWatcher>

#include <algorithm>

namespace Candlewick {

Recorder::Recorder(std::shared_ptr<CandleDatabase> database, LiveFeed *live, Clock *clock,
                   QObject *parent)
    : QObject(parent)
    , m_database(std::move(database))
    , m_live(live)
    , m_clock(clock ? clock : Clock::system())
{
}

Recorder::~Recorder()
{
    stop();
}

void Recorder::addSeries(const SeriesKey &key)
{
    if (m_keys.contains(key))
        return;
    m_keys.append(key);
    if (m_running && m_live) {
        claim(key);
        m_live->subscribe(key);
    }
}

void Recorder::claim(const SeriesKey &key)
{
    if (!m_locks || m_locks->tryLock(key))
        takeUp(key);
}

void Recorder::takeUp(const SeriesKey &key)
{
    m_writing.insert(key);
    resume(key);
    if (m_locks) {
        m_resuming.insert(key);
        emit roleChanged(key, true);
    }
}

void Recorder::checkLocks()
{
    // One round trip tries the locks of every standby series and shows that the session lives.
    QList<SeriesKey> standby;
    for (const SeriesKey &key : std::as_const(m_keys)) {
        if (!m_writing.contains(key))
            standby.append(key);
    }
    QList<SeriesKey> taken;
    if (!m_locks->tryLocks(standby, taken)) {
        // The session ended, and the server freed its locks: another recorder may write now.
        for (const SeriesKey &key : std::as_const(m_keys)) {
            if (m_writing.remove(key)) {
                m_nextOpen.remove(key);
                m_resuming.remove(key);
                emit roleChanged(key, false);
            }
        }
        // What was collected for them is not committed: whoever writes next backfills it.
        m_collected.clear();
        m_collectedPartials.clear();
        m_locks->tryLocks(m_keys, taken); // the new session
    }
    for (const SeriesKey &key : std::as_const(taken))
        takeUp(key);
    m_clock->callAfter(LockRetryMs, m_context, [this] { checkLocks(); });
}

void Recorder::resume(const SeriesKey &key)
{
    const qint64 next = resumePointFromStore(key);
    m_nextOpen.insert(key, next);
    m_live->setResumePoint(key, next);
}

qint64 Recorder::resumePointFromStore(const SeriesKey &key) const
{
    const TimeRanges covered = m_database->reader()->coverage(key);
    if (covered.isEmpty())
        return -1;
    return Intervals::alignUp(key.interval, covered.last().to);
}

void Recorder::start()
{
    if (m_running || !m_live)
        return;
    if (PostgresCandleStore::isUrl(m_database->path())) {
        m_locks = std::make_unique<PostgresWriterLocks>();
        if (!m_locks->open(m_database->path())) {
            m_lastError = m_locks->errorString();
            m_locks.reset();
            emit writeFailed(m_lastError);
            return;
        }
    }
    m_running = true;
    m_context = new QObject(this);
    connect(m_live, &LiveFeed::candleClosed, m_context,
            [this](const SeriesKey &key, const Candle &c) { handleClosed(key, c); });
    connect(m_live, &LiveFeed::candleUpdated, m_context,
            [this](const SeriesKey &key, const Candle &c) { handleUpdated(key, c); });
    connect(m_live, &LiveFeed::connectionStateChanged, m_context,
            [this](ConnectionState s) { handleState(s); });
    // The next candle after an abandoned gap does not follow the stored ones.
    connect(m_live, &LiveFeed::gapAbandoned, m_context, [this](const SeriesKey &key) {
        if (m_nextOpen.contains(key))
            m_nextOpen.insert(key, -1);
    });
    for (const SeriesKey &key : std::as_const(m_keys)) {
        claim(key);
        if (m_locks && !m_writing.contains(key))
            emit roleChanged(key, false);
    }
    for (const SeriesKey &key : std::as_const(m_keys))
        m_live->subscribe(key);
    m_lastSampleAt = m_clock->nowMs();
    m_clock->callAfter(1000, m_context, [this] { sample(); });
    if (m_locks)
        m_clock->callAfter(LockRetryMs, m_context, [this] { checkLocks(); });
}

void Recorder::stop()
{
    if (!m_running)
        return;
    // What is collected and in flight is written and announced before it returns.
    flush();
    while (m_inFlight) {
        m_inFlight->result.waitForFinished();
        finishBurst();
        flush();
    }
    m_running = false;
    if (m_live) {
        for (const SeriesKey &key : std::as_const(m_keys))
            m_live->unsubscribe(key);
    }
    delete m_context;
    m_context = nullptr;
    // Another recorder takes over at once.
    m_locks.reset();
    m_writing.clear();
    m_resuming.clear();
    m_nextOpen.clear();
}

void Recorder::handleClosed(const SeriesKey &key, const Candle &candle)
{
    // m_nextOpen holds every recorded series while running: a hash lookup, not a scan of m_keys.
    if (!m_nextOpen.contains(key))
        return;
    const qint64 next = Intervals::next(key.interval, candle.openTime);
    // The feed delivers gap-free: the time since the previous candle is complete too (an exchange
    // outage has no candles), unless the feed abandoned a gap in between (then previous is -1).
    qint64 coverFrom = candle.openTime;
    const qint64 previous = m_nextOpen.value(key, -1);
    if (m_resuming.contains(key) && previous >= 0 && previous < candle.openTime) {
        // Taken over while the feed was already past the store (it was backfilling something
        // else): ask again for what the previous writer did not commit.
        m_live->setResumePoint(key, previous);
        return;
    }
    m_resuming.remove(key);
    if (previous >= 0 && previous < candle.openTime)
        coverFrom = previous;
    m_nextOpen.insert(key, std::max(previous, next));

    auto it = std::find_if(m_collected.begin(), m_collected.end(),
                           [&key](const CandleStore::SeriesWrite &c) { return c.key == key; });
    if (it == m_collected.end())
        it = m_collected.insert(m_collected.end(), {key, {}, {}});
    CandleStore::SeriesWrite &collected = *it;
    collected.candles.append(candle);
    if (!collected.coverage.isEmpty() && collected.coverage.last().to >= coverFrom)
        collected.coverage.last().to = std::max(collected.coverage.last().to, next);
    else
        collected.coverage.append({coverFrom, next});
    // The store drops the partial that a closed candle finishes: one collected needs no write.
    if (const auto partial = m_collectedPartials.constFind(key);
        partial != m_collectedPartials.cend() && partial->openTime <= candle.openTime)
        m_collectedPartials.erase(partial);
    queueFlush();
}

void Recorder::queueFlush()
{
    if (m_flushQueued || m_inFlight)
        return;
    m_flushQueued = true;
    QMetaObject::invokeMethod(
        m_context, [this] { flush(); }, Qt::QueuedConnection);
}

void Recorder::flush()
{
    m_flushQueued = false;
    if (m_inFlight || (m_collected.isEmpty() && m_collectedPartials.isEmpty()))
        return;
    m_inFlight = Burst{std::exchange(m_collected, {}), {}};
    m_inFlight->result
        = m_database->writeSeries(m_inFlight->closed, std::exchange(m_collectedPartials, {}));
    auto *watcher = new QFutureWatcher<CandleDatabase::SeriesWriteResult>(m_context);
    connect(watcher, &QFutureWatcherBase::finished, m_context, [this, watcher] {
        watcher->deleteLater();
        finishBurst();
        flush(); // what came meanwhile
    });
    watcher->setFuture(m_inFlight->result);
}

void Recorder::finishBurst()
{
    if (!m_inFlight || !m_inFlight->result.isFinished())
        return;
    const Burst burst = std::move(*m_inFlight);
    m_inFlight.reset();
    const CandleDatabase::SeriesWriteResult result = burst.result.result();
    if (result.committed > 0)
        ++m_counters.commits;
    for (qsizetype i = 0; i < burst.closed.size(); ++i) {
        const CandleStore::SeriesWrite &c = burst.closed[i];
        if (i >= result.committed) {
            // From its first candle: the time its coverage claims before that has none, and
            // a resume point there would bring a later candle first, which rewind() drops.
            rewind(c.key, c.candles.first().openTime);
            continue;
        }
        m_counters.closedStored += c.candles.size();
        m_counters.lastOpenTime = std::max(m_counters.lastOpenTime, c.candles.last().openTime);
        for (const Candle &candle : c.candles)
            emit candleStored(c.key, candle);
    }
    m_counters.partialsStored += result.partialsStored;
    m_counters.writeErrors += result.partialsFailed;
    if (!result.closed.ok) {
        ++m_counters.writeErrors;
        m_lastError = result.closed.error;
        qCWarning(lcLive).noquote() << "cannot store" << m_lastError;
        emit writeFailed(m_lastError);
    }
}

void Recorder::rewind(const SeriesKey &key, qint64 from)
{
    if (!m_nextOpen.contains(key))
        return;
    // What was collected since follows the lost candles: it comes again after them.
    m_collected.removeIf([&key](const CandleStore::SeriesWrite &c) { return c.key == key; });
    m_nextOpen.insert(key, from);
    m_resuming.insert(key);
    if (m_live)
        m_live->setResumePoint(key, from);
}

void Recorder::handleUpdated(const SeriesKey &key, const Candle &candle)
{
    if (!m_partials || !m_nextOpen.contains(key))
        return;
    // Written after the closed candles collected before it (the burst writes those first), the
    // latest one of a series only.
    m_collectedPartials.insert(key, candle);
    queueFlush();
}

void Recorder::handleState(ConnectionState state)
{
    if (state == m_state)
        return;
    m_state = state;
    emit stateChanged(state);
}

void Recorder::sample()
{
    const qint64 now = m_clock->nowMs();
    const qint64 messages = counters().messages;
    if (now > m_lastSampleAt)
        m_counters.messagesPerSecond
            = double(messages - m_lastSampleMessages) * 1000.0 / double(now - m_lastSampleAt);
    m_lastSampleMessages = messages;
    m_lastSampleAt = now;
    m_clock->callAfter(1000, m_context, [this] { sample(); });
}

Recorder::Counters Recorder::counters() const
{
    Counters c = m_counters;
    if (m_live) {
        const LiveFeedStats s = m_live->stats();
        c.messages = s.frames;
        c.gapsBackfilled = s.gapsBackfilled;
        c.candlesBackfilled = s.candlesBackfilled;
        c.reconnects = s.reconnects;
        c.rejectedFrames = s.rejectedFrames;
    }
    return c;
}

} // namespace Candlewick
