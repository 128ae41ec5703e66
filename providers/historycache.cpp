#include "historycache.h"

#include "historyjob.h"
#include "marketdataprovider.h"

#include <candledatabase.h>
#include <candlestore.h>

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcCache, "candlewick.providers.cache")

namespace Candlewick {

HistoryCache::HistoryCache(MarketDataProvider *provider, std::shared_ptr<CandleDatabase> database,
                           Clock *clock, QObject *parent)
    : QObject(parent)
    , m_provider(provider)
    , m_database(std::move(database))
    , m_clock(clock)
{
}

HistoryCache::~HistoryCache() = default;

HistoryCacheJob *HistoryCache::ensure(const SeriesKey &key, TimeRange range)
{
    return new HistoryCacheJob(m_provider, m_database, m_clock, key, range, this);
}

HistoryCacheJob::HistoryCacheJob(MarketDataProvider *provider,
                                 std::shared_ptr<CandleDatabase> database, Clock *clock,
                                 SeriesKey key, TimeRange range, QObject *parent)
    : QObject(parent)
    , m_provider(provider)
    , m_database(std::move(database))
    , m_clock(clock)
    , m_key(std::move(key))
    , m_range(range)
{
}

void HistoryCacheJob::start()
{
    // Results always arrive from the event loop, never inside start().
    QMetaObject::invokeMethod(this, &HistoryCacheJob::begin, Qt::QueuedConnection);
}

void HistoryCacheJob::begin()
{
    // Never ask for (or cover) the candle that is still forming.
    const qint64 formingOpen = Intervals::alignDown(m_key.interval, m_clock->nowMs());
    const TimeRange wanted{Intervals::alignUp(m_key.interval, m_range.from),
                           qMin(m_range.to, formingOpen)};
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

void HistoryCacheJob::cancel()
{
    if (m_job)
        m_job->cancel();
    fail({ProviderError::Kind::Cancelled, 0, 0, QStringLiteral("Cancelled"), 0});
}

void HistoryCacheJob::fetchNext()
{
    if (m_done)
        return;
    if (m_next >= m_missing.size()) {
        m_fetching = false;
        return finishIfDone();
    }
    m_current = m_missing[m_next++];
    m_coveredUpTo = m_current.from;
    m_fetching = true;
    HistoryJob *job = m_provider->fetchHistory(m_key, m_current.from, m_current.to);
    m_job = job;
    connect(job, &HistoryJob::batch, this, &HistoryCacheJob::handleBatch);
    connect(job, &HistoryJob::finished, this, [this, job] {
        m_requests += job->requestCount();
        handleFetched();
    });
    connect(job, &HistoryJob::failed, this, [this, job](const ProviderError &error) {
        m_requests += job->requestCount();
        fail(error);
    });
    job->start();
}

void HistoryCacheJob::handleBatch(const SeriesKey &key, const CandleBatch &candles)
{
    if (m_done || candles.isEmpty() || !(key == m_key))
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
    if (m_done)
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
                          if (!result.ok)
                              return fail({ProviderError::Kind::Storage, 0, 0, result.error, 0});
                          m_stored += result.candles;
                          finishIfDone();
                      });
}

void HistoryCacheJob::finishIfDone()
{
    if (m_done || m_fetching || m_writesQueued > 0 || m_next < m_missing.size())
        return;
    m_done = true;
    emit finished();
    deleteLater();
}

void HistoryCacheJob::fail(ProviderError error)
{
    if (m_done)
        return;
    m_done = true;
    if (m_job && error.kind != ProviderError::Kind::Cancelled)
        m_job->cancel();
    m_error = std::move(error);
    qCWarning(lcCache).noquote() << m_key.toString() << m_error.message;
    emit failed(m_error);
    deleteLater();
}

} // namespace Candlewick
