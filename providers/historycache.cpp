#include "historycache.h"

#include "historyjob.h"
#include "historysource.h"

#include <candledatabase.h>
#include <candlestore.h>

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcCache, "candlewick.providers.cache")

namespace Candlewick {

HistoryCache::HistoryCache(HistorySource *source, std::shared_ptr<CandleDatabase> database,
                           Clock *clock, QObject *parent)
    : QObject(parent)
    , m_source(source)
    , m_database(std::move(database))
    , m_clock(clock)
{
}

HistoryCache::~HistoryCache() = default;

HistoryCacheJob *HistoryCache::ensure(const SeriesKey &key, TimeRange range)
{
    return new HistoryCacheJob(m_source, m_database, m_clock, key, range, this);
}

TimeRange HistoryCache::closedPart(Interval interval, TimeRange range, qint64 nowMs)
{
    // Never ask for (or cover) the candle that is still forming.
    return {Intervals::alignUp(interval, range.from),
            qMin(range.to, Intervals::alignDown(interval, nowMs))};
}

HistoryCacheJob::HistoryCacheJob(HistorySource *source, std::shared_ptr<CandleDatabase> database,
                                 Clock *clock, SeriesKey key, TimeRange range, QObject *parent)
    : Job(parent)
    , m_source(source)
    , m_database(std::move(database))
    , m_clock(clock)
    , m_key(std::move(key))
    , m_range(range)
{
}

void HistoryCacheJob::doStart()
{
    // Results always arrive from the event loop, never inside start().
    QMetaObject::invokeMethod(this, &HistoryCacheJob::begin, Qt::QueuedConnection);
}

void HistoryCacheJob::begin()
{
    const TimeRange wanted = HistoryCache::closedPart(m_key.interval, m_range, m_clock->nowMs());
    const CandleStore *store = m_database->reader();
    m_missing = wanted.isEmpty() ? TimeRanges{} : store->missing(m_key, wanted);
    if (store->hasError())
        return fail({ProviderError::Kind::Storage, 0, 0, store->errorString(), 0});
    for (const TimeRange &r : m_missing)
        m_totalSlots += Intervals::countBetween(m_key.interval, r.from, r.to);
    qCDebug(lcCache) << m_key.toString() << "missing ranges:" << m_missing.size();
    emit progress(0, m_totalSlots);
    fetchNext();
}

void HistoryCacheJob::doKill()
{
    if (m_job) {
        m_job->disconnect(this);
        countRequest(m_job->requestCount());
        m_job->kill();
    }
}

void HistoryCacheJob::fetchNext()
{
    if (isFinished())
        return;
    if (m_next >= m_missing.size()) {
        m_fetching = false;
        return finishIfDone();
    }
    m_current = m_missing[m_next++];
    m_coveredUpTo = m_current.from;
    m_fetching = true;
    HistoryJob *job = m_source->fetchHistory(m_key, m_current.from, m_current.to);
    m_job = job;
    connect(job, &HistoryJob::batch, this, &HistoryCacheJob::handleBatch);
    connect(job, &Job::retrying, this, &Job::retrying);
    connect(job, &Job::result, this, [this](Job *done) {
        m_job = nullptr;
        countRequest(done->requestCount());
        if (done->error().isError())
            fail(done->error());
        else
            handleFetched();
    });
    job->start();
}

void HistoryCacheJob::handleBatch(const SeriesKey &key, const CandleBatch &candles)
{
    if (isFinished() || candles.isEmpty() || !(key == m_key))
        return;
    // Everything up to the end of the last candle is now known: rows that are absent in between
    // are exchange downtime, covered but empty.
    const qint64 end = Intervals::next(m_key.interval, candles.last().openTime);
    write(candles, {m_coveredUpTo, end});
    m_coveredUpTo = end;
    emit progress(m_slotsBefore + Intervals::countBetween(m_key.interval, m_current.from, end),
                  m_totalSlots);
}

void HistoryCacheJob::handleFetched()
{
    if (isFinished())
        return;
    // The fetched range is complete. Near "now" cover only what arrived: the exchange may not
    // have closed the last candles yet by its own clock.
    const qint64 recent = Intervals::alignDown(m_key.interval, m_clock->nowMs())
        - 2 * Intervals::nominalMs(m_key.interval);
    const qint64 coverEnd = m_current.to >= recent ? m_coveredUpTo : m_current.to;
    if (coverEnd > m_coveredUpTo)
        write({}, {m_coveredUpTo, coverEnd});
    m_slotsBefore += Intervals::countBetween(m_key.interval, m_current.from, m_current.to);
    emit progress(m_slotsBefore, m_totalSlots);
    fetchNext();
}

void HistoryCacheJob::write(const CandleBatch &candles, TimeRange coverage)
{
    ++m_writesQueued;
    m_database->write(m_key, candles, {coverage}, this,
                      [this](const CandleDatabase::WriteResult &result) {
                          --m_writesQueued;
                          if (isFinished())
                              return;
                          if (!result.ok)
                              return fail({ProviderError::Kind::Storage, 0, 0, result.error, 0});
                          m_stored += result.candles;
                          finishIfDone();
                      });
}

void HistoryCacheJob::finishIfDone()
{
    if (isFinished() || m_fetching || m_writesQueued > 0 || m_next < m_missing.size())
        return;
    emitResult();
}

void HistoryCacheJob::fail(ProviderError error)
{
    if (isFinished())
        return;
    doKill();
    qCWarning(lcCache).noquote() << m_key.toString() << error.message;
    emitResult(std::move(error));
}

} // namespace Candlewick
