#pragma once

#include "job.h"

#include <candle.h>
#include <clock.h>
#include <serieskey.h>
#include <timerange.h>

#include <QPointer>

#include <memory>

namespace Candlewick {

class CandleDatabase;
class HistoryJob;
class HistorySource;

// One cache fill: fetches the parts of a range the store does not cover, writes them with their
// coverage, and finishes once everything is on disk. Ends like every Job.
class HistoryCacheJob : public Job
{
    Q_OBJECT
public:
    const SeriesKey &key() const { return m_key; }
    TimeRange range() const { return m_range; }
    // The ranges that were missing when the job started (empty: everything was cached).
    const TimeRanges &missingRanges() const { return m_missing; }
    qint64 candlesStored() const { return m_stored; }

    // progress() counts candle slots of the key's interval: done grows to total.

protected:
    void doStart() override;
    void doKill() override;

private:
    friend class HistoryCache;
    HistoryCacheJob(HistorySource *source, std::shared_ptr<CandleDatabase> database, Clock *clock,
                    SeriesKey key, TimeRange range, QObject *parent);

    void begin();
    void fetchNext();
    void handleBatch(const SeriesKey &key, const CandleBatch &candles);
    void handleFetched();
    // Writes on the database's writer; the answer counts for this job only.
    void write(const CandleBatch &candles, TimeRange coverage);
    void fail(ProviderError error);
    void finishIfDone();

    HistorySource *m_source;
    std::shared_ptr<CandleDatabase> m_database;
    Clock *m_clock;
    SeriesKey m_key;
    TimeRange m_range;
    TimeRanges m_missing;
    qsizetype m_next = 0; // index of the next missing range to fetch
    TimeRange m_current; // range being fetched
    qint64 m_coveredUpTo = 0; // coverage written (or queued) up to here within m_current
    qint64 m_slotsBefore = 0; // candle slots of the finished missing ranges
    qint64 m_totalSlots = 0;
    qint64 m_stored = 0;
    int m_writesQueued = 0;
    bool m_fetching = false;
    QPointer<HistoryJob> m_job;
};

// The exact local cache in front of a history source: asks the store what is covered,
// fetches only the missing sub-ranges, and writes candles and coverage together on the store's
// writer thread. A second identical request makes no network request at all.
class HistoryCache : public QObject
{
    Q_OBJECT
public:
    HistoryCache(HistorySource *source, std::shared_ptr<CandleDatabase> database,
                 Clock *clock = Clock::system(), QObject *parent = nullptr);
    ~HistoryCache() override;

    HistorySource *source() const { return m_source; }
    const std::shared_ptr<CandleDatabase> &database() const { return m_database; }

    // The job for [range.from, range.to); the caller connects, then calls start().
    // A range reaching "now" is cut at the still-forming candle: only closed candles are stored
    // and covered.
    HistoryCacheJob *ensure(const SeriesKey &key, TimeRange range);
    // The part of `range` that ensure() fetches: aligned up, cut at the candle forming at nowMs
    // (empty when no candle of it has closed yet).
    static TimeRange closedPart(Interval interval, TimeRange range, qint64 nowMs);

private:
    HistorySource *m_source;
    std::shared_ptr<CandleDatabase> m_database;
    Clock *m_clock;
};

} // namespace Candlewick
