#include "recorder.h"

#include "binancewebsocketprovider.h"
#include "marketdataprovider.h"
#include "streamlogging.h"

#include <candledatabase.h>
#include <candlestore.h>
#include <clock.h>

namespace Candlewick {

Recorder::Recorder(std::shared_ptr<CandleDatabase> database, MarketDataProvider *live, Clock *clock,
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
        const qint64 resume = resumePointFromStore(key);
        m_nextOpen.insert(key, resume);
        if (auto *ws = qobject_cast<BinanceWebSocketProvider *>(m_live.data()))
            ws->setResumePoint(key, resume);
        m_live->subscribe(key);
        if (resume >= 0 && !qobject_cast<BinanceWebSocketProvider *>(m_live.data()))
            backfillDirectly(key, resume);
    }
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
    m_running = true;
    m_context = new QObject(this);
    connect(m_live, &MarketDataProvider::candleClosed, m_context,
            [this](const SeriesKey &key, const Candle &c) { handleClosed(key, c); });
    connect(m_live, &MarketDataProvider::candleUpdated, m_context,
            [this](const SeriesKey &key, const Candle &c) { handleUpdated(key, c); });
    connect(m_live, &MarketDataProvider::connectionStateChanged, m_context,
            [this](ConnectionState s) { handleState(s); });
    auto *ws = qobject_cast<BinanceWebSocketProvider *>(m_live.data());
    if (ws)
        m_backfillFailuresSeen = ws->stats().backfillFailures;
    for (const SeriesKey &key : std::as_const(m_keys)) {
        const qint64 resume = resumePointFromStore(key);
        m_nextOpen.insert(key, resume);
        if (ws)
            ws->setResumePoint(key, resume);
    }
    for (const SeriesKey &key : std::as_const(m_keys))
        m_live->subscribe(key);
    if (!ws) {
        for (const SeriesKey &key : std::as_const(m_keys)) {
            if (m_nextOpen.value(key, -1) >= 0)
                backfillDirectly(key, m_nextOpen.value(key));
        }
    }
    m_lastSampleAt = m_clock->nowMs();
    m_clock->callAfter(1000, m_context, [this] { sample(); });
}

void Recorder::stop()
{
    if (!m_running)
        return;
    m_running = false;
    if (m_live) {
        for (const SeriesKey &key : std::as_const(m_keys))
            m_live->unsubscribe(key);
    }
    delete m_context;
    m_context = nullptr;
}

void Recorder::backfillDirectly(const SeriesKey &key, qint64 fromMs)
{
    const qint64 to = Intervals::alignDown(key.interval, m_clock->nowMs());
    if (fromMs >= to)
        return;
    HistoryJob *job = m_live->fetchHistory(key, fromMs, to);
    connect(job, &HistoryJob::batch, m_context, [this](const SeriesKey &k, const CandleBatch &b) {
        if (b.isEmpty())
            return;
        if (store(k, b, b.first().openTime, Intervals::next(k.interval, b.last().openTime)))
            m_counters.candlesBackfilled += b.size();
    });
    connect(job, &HistoryJob::finished, m_context, [this, key, fromMs, to] {
        ++m_counters.gapsBackfilled;
        m_database->writeNow(key, {}, {{fromMs, to}});
    });
    connect(job, &HistoryJob::failed, m_context, [this, key](const ProviderError &e) {
        m_lastError = QStringLiteral("backfill of %1 failed: %2").arg(key.toString(), e.message);
        qCWarning(lcLive).noquote() << m_lastError;
    });
    job->start();
}

bool Recorder::store(const SeriesKey &key, const CandleBatch &candles, qint64 coverFrom,
                     qint64 coverTo)
{
    const auto result = m_database->writeNow(key, candles, {TimeRange{coverFrom, coverTo}});
    if (!result.ok) {
        ++m_counters.writeErrors;
        m_lastError = result.error;
        qCWarning(lcLive).noquote() << "cannot store" << key.toString() << m_lastError;
        emit writeFailed(m_lastError);
        return false;
    }
    return true;
}

void Recorder::handleClosed(const SeriesKey &key, const Candle &candle)
{
    // m_nextOpen holds every recorded series while running: a hash lookup, not a scan of m_keys.
    if (!m_nextOpen.contains(key))
        return;
    const qint64 next = Intervals::next(key.interval, candle.openTime);
    // The provider delivers gap-free: the time since the previous candle is complete too (an
    // exchange outage has no candles), unless a backfill gave up in between.
    qint64 coverFrom = candle.openTime;
    const qint64 previous = m_nextOpen.value(key, -1);
    bool trusted = false;
    if (auto *ws = qobject_cast<BinanceWebSocketProvider *>(m_live.data())) {
        trusted = ws->stats().backfillFailures == m_backfillFailuresSeen;
        m_backfillFailuresSeen = ws->stats().backfillFailures;
    }
    if (trusted && previous >= 0 && previous < candle.openTime)
        coverFrom = previous;
    if (!store(key, {candle}, coverFrom, next))
        return;
    m_nextOpen.insert(key, std::max(previous, next));
    ++m_counters.closedStored;
    m_counters.lastOpenTime = std::max(m_counters.lastOpenTime, candle.openTime);
    emit candleStored(key, candle);
}

void Recorder::handleUpdated(const SeriesKey &key, const Candle &candle)
{
    if (!m_partials || !m_nextOpen.contains(key))
        return;
    if (m_database->writePartialNow(key, candle).ok)
        ++m_counters.partialsStored;
    else
        ++m_counters.writeErrors;
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
    if (auto *ws = qobject_cast<BinanceWebSocketProvider *>(m_live.data())) {
        const BinanceWebSocketProvider::Stats &s = ws->stats();
        c.messages = s.frames;
        c.gapsBackfilled += s.gapsBackfilled;
        c.candlesBackfilled += s.candlesBackfilled;
        c.reconnects = s.reconnects;
        c.rejectedFrames = s.rejectedFrames;
    }
    return c;
}

} // namespace Candlewick
