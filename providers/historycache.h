#pragma once

#include "providererror.h"

#include <candle.h>
#include <clock.h>
#include <serieskey.h>
#include <timerange.h>

#include <QObject>
#include <QPointer>

#include <memory>

namespace Candlewick {

class CandleDatabase;
class HistoryJob;
class MarketDataProvider;

// One cache fill: fetches the parts of a range the store does not cover, writes them with their
// coverage, and finishes once everything is on disk. Deletes itself after finished()/failed().
class HistoryCacheJob : public QObject
{
    Q_OBJECT
public:
    const SeriesKey &key() const { return m_key; }
    TimeRange range() const { return m_range; }
    const ProviderError &error() const { return m_error; }
    // The ranges that were missing when the job started (empty: everything was cached).
    const TimeRanges &missingRanges() const { return m_missing; }
    qint64 candlesStored() const { return m_stored; }
    int requestCount() const { return m_requests; }

    void start();
    void cancel();

signals:
    // In candle slots of the key's interval: done grows to total.
    void progress(qint64 done, qint64 total);
    void finished();
    void failed(const Candlewick::ProviderError &error);

private:
    friend class HistoryCache;
    HistoryCacheJob(MarketDataProvider *provider, std::shared_ptr<CandleDatabase> database,
                    Clock *clock, SeriesKey key, TimeRange range, QObject *parent);

    void begin();
    void fetchNext();
    void handleBatch(const SeriesKey &key, const CandleBatch &candles);
    void handleFetched();
    // Writes on the database's writer; the answer counts for this job only.
    void write(const CandleBatch &candles, TimeRange coverage);
    void fail(ProviderError error);
    void finishIfDone();

    MarketDataProvider *m_provider;
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
    int m_requests = 0;
    int m_writesQueued = 0;
    bool m_fetching = false;
    bool m_done = false;
    ProviderError m_error;
    QPointer<HistoryJob> m_job;
};

// The exact local cache in front of a provider (design §5): asks the store what is covered,
// fetches only the missing sub-ranges, and writes candles and coverage together on the
// database's writer thread. A second identical request makes no network request at all.
class HistoryCache : public QObject
{
    Q_OBJECT
public:
    HistoryCache(MarketDataProvider *provider, std::shared_ptr<CandleDatabase> database,
                 Clock *clock = Clock::system(), QObject *parent = nullptr);
    ~HistoryCache() override;

    MarketDataProvider *provider() const { return m_provider; }
    const std::shared_ptr<CandleDatabase> &database() const { return m_database; }

    // The job for [range.from, range.to); the caller connects, then calls start().
    // A range reaching "now" is cut at the still-forming candle: only closed candles are stored
    // and covered.
    HistoryCacheJob *ensure(const SeriesKey &key, TimeRange range);

private:
    MarketDataProvider *m_provider;
    std::shared_ptr<CandleDatabase> m_database;
    Clock *m_clock;
};

} // namespace Candlewick
