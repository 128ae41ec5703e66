#include "gapfreefeed.h"

#include "historysource.h"
#include "retrypolicy.h"
#include "streamlogging.h"

#include <clock.h>
#include <interval.h>
#include <utctime.h>

#include <algorithm>
#include <random>

namespace Candlewick {

struct GapFreeFeed::Series
{
    SeriesKey key;
    qint64 expectedNext = -1; // open time of the next closed candle to deliver; -1: unknown
    bool backfilling = false;
    bool backfillSettles = false; // a range ending at a live candle: silence there is a real gap
    qint64 backfillTo = 0;
    int backfillAttempt = 0;
    QPointer<HistoryJob> job;
    CandleBatch pending; // live closed candles held back while backfilling
    QObject *context = nullptr; // owns this series' connections and clock calls
};

GapFreeFeed::GapFreeFeed(LiveFeed *inner, HistorySource *history, Clock *clock, QObject *parent)
    : GapFreeFeed(inner, history, Options(), clock, parent)
{
}

GapFreeFeed::GapFreeFeed(LiveFeed *inner, HistorySource *history, Options options, Clock *clock,
                         QObject *parent)
    : LiveFeed(parent)
    , m_inner(inner)
    , m_history(history)
    , m_options(options)
    , m_clock(clock ? clock : Clock::system())
    , m_retry(std::make_unique<RetryPolicy>(
          std::max(1, options.backfillMaxAttempts), options.backfillRetryBaseMs, 60000,
          options.seed != 0 ? options.seed : std::random_device{}()))
{
    m_inner->setParent(this);
    connect(m_inner, &LiveFeed::candleClosed, this, &GapFreeFeed::handleClosed);
    connect(m_inner, &LiveFeed::candleUpdated, this, &GapFreeFeed::handleUpdated);
    connect(m_inner, &LiveFeed::seriesConnected, this, &GapFreeFeed::handleConnected);
    connect(m_inner, &LiveFeed::connectionStateChanged, this, &GapFreeFeed::updateState);
    connect(m_inner, &LiveFeed::logMessage, this, &LiveFeed::logMessage);
}

GapFreeFeed::~GapFreeFeed()
{
    for (Series *s : std::as_const(m_series)) {
        if (s->job)
            s->job->disconnect(s->context);
        delete s->context;
        delete s;
    }
    m_series.clear();
}

void GapFreeFeed::log(const QString &message)
{
    qCInfo(lcLive).noquote() << message;
    emit logMessage(message);
}

QList<SeriesKey> GapFreeFeed::subscriptions() const
{
    return m_series.keys();
}

LiveFeedStats GapFreeFeed::stats() const
{
    LiveFeedStats s = m_inner->stats();
    s.updatesEmitted = m_stats.updatesEmitted;
    s.closedEmitted = m_stats.closedEmitted;
    s.duplicatesDropped += m_stats.duplicatesDropped;
    s.gapsBackfilled = m_stats.gapsBackfilled;
    s.candlesBackfilled = m_stats.candlesBackfilled;
    s.backfillFailures = m_stats.backfillFailures;
    s.gapsAbandoned = m_stats.gapsAbandoned;
    return s;
}

void GapFreeFeed::subscribe(const SeriesKey &key)
{
    if (m_series.contains(key))
        return;
    auto *s = new Series;
    s->key = key;
    s->context = new QObject(this);
    s->expectedNext = m_resume.value(key, -1);
    m_series.insert(key, s);
    m_inner->subscribe(key);
    if (m_inner->state() == ConnectionState::Live)
        catchUp(*s);
    updateState();
}

void GapFreeFeed::unsubscribe(const SeriesKey &key)
{
    Series *s = m_series.take(key);
    if (!s)
        return;
    m_inner->unsubscribe(key);
    if (s->job) {
        s->job->disconnect(s->context);
        s->job->kill();
    }
    delete s->context;
    delete s;
    updateState();
}

void GapFreeFeed::setResumePoint(const SeriesKey &key, qint64 nextOpenTime)
{
    if (nextOpenTime < 0) {
        m_resume.remove(key);
        return;
    }
    m_resume.insert(key, nextOpenTime);
    Series *s = m_series.value(key);
    if (!s || s->backfilling)
        return;
    s->expectedNext = nextOpenTime;
    if (m_inner->state() == ConnectionState::Live)
        catchUp(*s);
}

qint64 GapFreeFeed::resumePoint(const SeriesKey &key) const
{
    const Series *s = m_series.value(key);
    return s ? s->expectedNext : m_resume.value(key, -1);
}

void GapFreeFeed::handleConnected(const QList<SeriesKey> &keys)
{
    for (const SeriesKey &key : keys) {
        if (Series *s = m_series.value(key))
            catchUp(*s);
    }
    emit seriesConnected(keys);
}

void GapFreeFeed::handleUpdated(const SeriesKey &key, const Candle &candle)
{
    Series *s = m_series.value(key);
    if (!s || s->backfilling)
        return;
    if (s->expectedNext >= 0 && candle.openTime < s->expectedNext)
        return;
    ++m_stats.updatesEmitted;
    emit candleUpdated(key, candle);
}

void GapFreeFeed::handleClosed(const SeriesKey &key, const Candle &candle)
{
    if (Series *s = m_series.value(key))
        acceptClosed(*s, candle);
}

void GapFreeFeed::acceptClosed(Series &series, const Candle &candle)
{
    if (series.backfilling) {
        series.pending.append(candle);
        return;
    }
    if (series.expectedNext >= 0) {
        if (candle.openTime < series.expectedNext) {
            ++m_stats.duplicatesDropped;
            return;
        }
        if (candle.openTime > series.expectedNext && m_history) {
            series.pending.append(candle);
            series.backfillSettles = true;
            startBackfill(series, series.expectedNext, candle.openTime);
            return;
        }
    }
    deliverClosed(series, candle);
}

void GapFreeFeed::deliverClosed(Series &series, const Candle &candle)
{
    series.expectedNext = Intervals::next(series.key.interval, candle.openTime);
    ++m_stats.closedEmitted;
    emit candleClosed(series.key, candle);
}

void GapFreeFeed::catchUp(Series &series)
{
    if (!m_history || series.backfilling || series.expectedNext < 0)
        return;
    const qint64 to = Intervals::alignDown(series.key.interval, m_clock->nowMs());
    if (series.expectedNext < to) {
        series.backfillSettles = false;
        startBackfill(series, series.expectedNext, to);
    }
}

void GapFreeFeed::startBackfill(Series &series, qint64 fromMs, qint64 toMs)
{
    if (fromMs >= toMs || !m_history)
        return;
    series.backfilling = true;
    series.backfillTo = toMs;
    ++series.backfillAttempt;
    log(tr("backfilling %1 from %2 to %3")
            .arg(series.key.toString(), UtcTime::format(fromMs), UtcTime::format(toMs)));
    HistoryJob *job = m_history->fetchHistory(series.key, fromMs, toMs);
    series.job = job;
    const SeriesKey key = series.key;
    connect(job, &HistoryJob::batch, series.context,
            [this, key](const SeriesKey &, const CandleBatch &candles) {
                for (const Candle &c : candles) {
                    Series *s = m_series.value(key);
                    if (!s)
                        return;
                    if (!c.closed || c.openTime >= s->backfillTo)
                        continue;
                    if (s->expectedNext >= 0 && c.openTime < s->expectedNext) {
                        ++m_stats.duplicatesDropped;
                        continue;
                    }
                    ++m_stats.candlesBackfilled;
                    deliverClosed(*s, c);
                }
            });
    connect(job, &Job::result, series.context,
            [this, key](Job *done) { finishBackfill(key, done->error()); });
    updateState();
    job->start();
}

void GapFreeFeed::finishBackfill(const SeriesKey &key, const ProviderError &error)
{
    Series *s = m_series.value(key);
    if (!s)
        return;
    s->job = nullptr;
    if (error.isError()) {
        ++m_stats.backfillFailures;
        log(tr("backfill of %1 failed: %2").arg(key.toString(), error.message));
        if (error.isTransient() && s->backfillAttempt < m_options.backfillMaxAttempts) {
            // Try again later; live candles keep waiting behind the gap.
            const qint64 delay = m_retry->delayMs(s->backfillAttempt);
            m_clock->callAfter(delay, s->context, [this, key] {
                Series *s = m_series.value(key);
                if (!s)
                    return;
                if (s->expectedNext >= s->backfillTo)
                    finishBackfill(key, {});
                else
                    startBackfill(*s, s->expectedNext, s->backfillTo);
            });
            return;
        }
        log(tr("giving up on the gap in %1 before %2")
                .arg(key.toString(), UtcTime::format(s->backfillTo)));
        ++m_stats.gapsAbandoned;
        const qint64 from = s->expectedNext;
        s->expectedNext = -1;
        emit gapAbandoned(key, from, s->backfillTo);
    } else {
        ++m_stats.gapsBackfilled;
        if (s->backfillSettles && s->expectedNext < s->backfillTo)
            s->expectedNext = s->backfillTo; // nothing there: an exchange outage, not our gap
    }
    s->backfilling = false;
    s->backfillSettles = false;
    s->backfillAttempt = 0;

    CandleBatch pending = std::exchange(s->pending, {});
    std::stable_sort(pending.begin(), pending.end(),
                     [](const Candle &a, const Candle &b) { return a.openTime < b.openTime; });
    for (const Candle &c : std::as_const(pending)) {
        if (m_series.value(key) != s)
            return;
        acceptClosed(*s, c);
    }
    updateState();
}

void GapFreeFeed::updateState()
{
    ConnectionState next = m_series.isEmpty() ? ConnectionState::Disconnected : m_inner->state();
    if (next == ConnectionState::Live) {
        for (const Series *s : std::as_const(m_series)) {
            if (s->backfilling) {
                next = ConnectionState::Backfilling;
                break;
            }
        }
    }
    setState(next);
}

} // namespace Candlewick
