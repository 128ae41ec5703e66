#pragma once

#include "connectionstate.h"

#include <candle.h>
#include <candledatabase.h>
#include <candlestore.h>
#include <serieskey.h>
#include <timerange.h>

#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QSet>

#include <memory>
#include <optional>

namespace Candlewick {

class Clock;
class LiveFeed;
class PostgresWriterLocks;

// Records a live feed into a CandleDatabase. Group commit: the closed candles the series get in one
// burst (the frames of one socket read, a backfilled page, the live candles held back behind a
// backfill) are collected in the candleClosed() slot and handed, with their coverage, to the
// database's writer thread at the next turn of the event loop: in one transaction for all of them
// (CandleDatabase::writeSeries; PostgreSQL commits each series on its own). One burst is in
// flight at a time; what arrives meanwhile is collected and goes next, so this thread never waits
// for a commit and a failed write is known before the next burst is made. candleStored() follows
// the commit, once per candle and in order, so a crash (even kill -9) loses none that was
// announced as stored. Candles received but not yet committed are not in the coverage: after a
// crash the next start backfills them. stop() writes and announces what is collected and in
// flight. Partial updates are optional and kept apart from closed candles
// (CandleStore::writePartial): the latest of each series rides with the next burst, after its
// closed candles. On start() each series resumes where the store's coverage ends: the feed
// (normally a GapFreeFeed, which backfills through the exchange's history) is told the resume
// point. The feed's gapAbandoned() keeps a gap it could not fill out of the coverage. Counters
// report what happened.
//
// On PostgreSQL several recorders (processes, machines) may record overlapping series into one
// database: each series is written by the one holding its advisory lock (PostgresWriterLocks);
// the others stay subscribed without writing (standby); every second (LockRetryMs, on the
// Clock) one query tries the locks of all of a recorder's standby series. The server frees a dead
// writer's locks, and the one taking a series over resumes it from its stored coverage, so the feed
// backfills what the dead writer had not committed. On SQLite every series is written.
class Recorder : public QObject
{
    Q_OBJECT
public:
    struct Counters
    {
        qint64 messages = 0; // frames received by the feed
        double messagesPerSecond = 0; // over the last sampling period
        qint64 closedStored = 0;
        qint64 commits = 0; // group commits of closed candles (one per burst, all its series)
        qint64 partialsStored = 0;
        qint64 gapsBackfilled = 0;
        qint64 candlesBackfilled = 0;
        qint64 reconnects = 0;
        qint64 rejectedFrames = 0;
        qint64 writeErrors = 0;
        qint64 lastOpenTime = -1; // open time of the newest closed candle stored
    };

    Recorder(std::shared_ptr<CandleDatabase> database, LiveFeed *live, Clock *clock = nullptr,
             QObject *parent = nullptr);
    ~Recorder() override;

    void setPartials(bool enabled) { m_partials = enabled; }
    bool partials() const { return m_partials; }
    void addSeries(const SeriesKey &key);
    QList<SeriesKey> series() const { return m_keys; }

    static constexpr qint64 LockRetryMs = 1000;

    void start();
    // Unsubscribes; everything announced so far is already stored.
    void stop();
    bool isRecording() const { return m_running; }
    // Whether candles received are still to be written and announced (collected or in flight).
    bool writesPending() const
    {
        return m_inFlight || !m_collected.isEmpty() || !m_collectedPartials.isEmpty();
    }
    // Whether several recorders share the database (PostgreSQL): series may stand by.
    bool coordinates() const { return m_locks != nullptr; }
    // Whether this recorder writes `key` now (always, on SQLite, while recording).
    bool isWriting(const SeriesKey &key) const { return m_writing.contains(key); }

    Counters counters() const;
    ConnectionState state() const { return m_state; }
    QString lastError() const { return m_lastError; }

    // Where recording of `key` resumes: the end of the store's last coverage range, or -1.
    qint64 resumePointFromStore(const SeriesKey &key) const;

signals:
    void stateChanged(Candlewick::ConnectionState state);
    void candleStored(const Candlewick::SeriesKey &key, const Candlewick::Candle &candle);
    void writeFailed(const QString &message);
    // `key` went from standby to writing or back (PostgreSQL).
    void roleChanged(const Candlewick::SeriesKey &key, bool writing);

private:
    void handleClosed(const SeriesKey &key, const Candle &candle);
    void handleUpdated(const SeriesKey &key, const Candle &candle);
    void handleState(ConnectionState state);
    void resume(const SeriesKey &key);
    // Takes up `key` if its lock is free (or there are no locks): writing from the store's
    // coverage on.
    void claim(const SeriesKey &key);
    // Writes `key` from now on (its lock is held, or there are no locks).
    void takeUp(const SeriesKey &key);
    void checkLocks();
    void queueFlush();
    // Hands the collected candles of every series to the writer as one burst
    // (CandleDatabase::writeSeries), unless one is in flight.
    void flush();
    // Announces the burst in flight once it is written.
    void finishBurst();
    // The candles of `key` from `from` on were not stored: the feed delivers them again (the
    // resume point), and those that come ahead of them are dropped (as on a takeover).
    void rewind(const SeriesKey &key, qint64 from);
    void sample();

    std::shared_ptr<CandleDatabase> m_database;
    QPointer<LiveFeed> m_live;
    Clock *m_clock;
    QList<SeriesKey> m_keys;
    QHash<SeriesKey, qint64> m_nextOpen; // end of contiguous coverage per written series
    // Closed candles not yet committed, series in arrival order (those that had candles since
    // the last commit).
    QList<CandleStore::SeriesWrite> m_collected;
    QHash<SeriesKey, Candle> m_collectedPartials; // the latest of each series
    // The burst the writer has: its closed candles, announced once committed.
    struct Burst
    {
        QList<CandleStore::SeriesWrite> closed;
        QFuture<CandleDatabase::SeriesWriteResult> result;
    };
    std::optional<Burst> m_inFlight;
    bool m_flushQueued = false;
    std::unique_ptr<PostgresWriterLocks> m_locks;
    QSet<SeriesKey> m_writing;
    // Taken over, or a write failed: the next candle must not skip ahead of the store.
    QSet<SeriesKey> m_resuming;
    bool m_partials = false;
    bool m_running = false;
    ConnectionState m_state = ConnectionState::Disconnected;
    Counters m_counters;
    qint64 m_lastSampleMessages = 0;
    qint64 m_lastSampleAt = 0;
    QString m_lastError;
    QObject *m_context = nullptr; // owns connections and clock calls while running
};

} // namespace Candlewick
