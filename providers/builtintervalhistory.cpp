#include "builtintervalhistory.h"

#include "exchange.h"

#include <resampler.h>

#include <QPointer>

namespace Candlewick {

namespace {

// A job that fails as soon as it starts, for an interval the exchange cannot give.
class RefusedHistoryJob : public HistoryJob
{
public:
    RefusedHistoryJob(const SeriesKey &key, qint64 fromMs, qint64 toMs, QString reason)
        : HistoryJob(key, fromMs, toMs)
        , m_reason(std::move(reason))
    {
    }

protected:
    void doStart() override
    {
        QMetaObject::invokeMethod(
            this,
            [this] { emitResult({ProviderError::Kind::InvalidInterval, 0, 0, m_reason, 0}); },
            Qt::QueuedConnection);
    }

private:
    QString m_reason;
};

// Fetches the finer source interval and hands out the coarse buckets as they complete.
class BuiltHistoryJob : public HistoryJob
{
public:
    BuiltHistoryJob(HistorySource *native, Interval source, const SeriesKey &key, qint64 fromMs,
                    qint64 toMs)
        : HistoryJob(key, fromMs, toMs)
        , m_native(native)
        , m_source(source)
    {
    }

protected:
    void doStart() override
    {
        const Interval coarse = key().interval;
        m_first = Intervals::alignUp(coarse, from());
        const qint64 end = Intervals::alignUp(coarse, to());
        SeriesKey fine = key();
        fine.interval = m_source;
        HistoryJob *job = m_native->fetchHistory(fine, m_first, end);
        m_job = job;
        connect(job, &HistoryJob::batch, this,
                [this](const SeriesKey &, const CandleBatch &candles) { take(candles); });
        connect(job, &HistoryJob::progress, this, &Job::progress);
        connect(job, &Job::retrying, this, &Job::retrying);
        connect(job, &Job::result, this, [this](Job *done) {
            countRequest(done->requestCount());
            if (!done->error().isError())
                flush();
            emitResult(done->error());
        });
        job->start();
    }

    void doKill() override
    {
        if (m_job) {
            m_job->disconnect(this);
            m_job->kill();
        }
    }

private:
    void take(const CandleBatch &candles)
    {
        const Interval coarse = key().interval;
        CandleBatch out;
        for (const Candle &c : candles) {
            const qint64 bucket = Intervals::alignDown(coarse, c.openTime);
            if (bucket < m_first || bucket >= to())
                continue;
            if (m_haveBucket && bucket != m_bucket.openTime) {
                out.append(m_bucket);
                m_haveBucket = false;
            }
            if (!m_haveBucket) {
                m_bucket = c;
                m_bucket.openTime = bucket;
                m_haveBucket = true;
            } else {
                Resampler::accumulate(m_bucket, c);
            }
        }
        if (!out.isEmpty())
            emit batch(key(), out);
    }

    void flush()
    {
        if (!m_haveBucket)
            return;
        m_haveBucket = false;
        emit batch(key(), {m_bucket});
    }

    HistorySource *m_native;
    Interval m_source;
    qint64 m_first = 0;
    Candle m_bucket;
    bool m_haveBucket = false;
    QPointer<HistoryJob> m_job;
};

} // namespace

BuiltIntervalHistory::BuiltIntervalHistory(const Exchange &exchange, HistorySource *native)
    : m_exchange(exchange)
    , m_native(native)
{
}

HistoryJob *BuiltIntervalHistory::fetchHistory(const SeriesKey &key, qint64 fromMs, qint64 toMs)
{
    const std::optional<Interval> source = m_exchange.sourceInterval(key.interval);
    if (!source)
        return new RefusedHistoryJob(key, fromMs, toMs, m_exchange.intervalError(key.interval));
    if (*source == key.interval)
        return m_native->fetchHistory(key, fromMs, toMs);
    return new BuiltHistoryJob(m_native, *source, key, fromMs, toMs);
}

} // namespace Candlewick

namespace Candlewick {

HistorySource::Cost BuiltIntervalHistory::cost(Interval interval, qint64 candles) const
{
    const std::optional<Interval> source = m_exchange.sourceInterval(interval);
    if (!source)
        return {};
    const qint64 factor
        = std::max<qint64>(1, Intervals::nominalMs(interval) / Intervals::nominalMs(*source));
    return m_native->cost(*source, candles * factor);
}

} // namespace Candlewick
