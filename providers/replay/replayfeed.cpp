#include "replayfeed.h"

#include "replayreader.h"

#include <interval.h>
#include <resampler.h>

#include <QElapsedTimer>
#include <QMetaMethod>
#include <QMetaObject>

#include <algorithm>
#include <cmath>
#include <limits>

namespace Candlewick {

namespace {
// Candles delivered per event-loop turn at max speed, and at most per catch-up when paced.
constexpr int MaxSlice = 65536;
// A max-speed slice also ends after this much wall time (checked every MaxSliceCheck candles),
// so the thread's other events (a GUI's timers and paints) wait at most about this long.
constexpr qint64 MaxSliceNs = 8'000'000;
constexpr int MaxSliceCheck = 1024;
constexpr int PacedSlice = 4096;
} // namespace

struct ReplayFeed::Series
{
    SeriesKey key; // what is emitted
    Interval readInterval; // what is read (finer when building key's candles)
    bool aggregate = false;
    bool memory = false;
    CandleBatch all; // memory source
    qint64 fixedLen = 0; // length of a read candle, 0 for calendar months

    QList<CandleBatch> chunks; // front is current; it always has pos < end
    qsizetype pos = 0;
    qsizetype end = 0;
    bool atEnd = false;
    bool requested = false;

    Candle forming;
    bool haveForming = false;
    bool flushed = false;

    qint64 eventTime(const Candle &c) const
    {
        return c.openTime + (fixedLen ? fixedLen : Intervals::lengthAt(readInterval, c.openTime));
    }
    bool hasCandle() const { return !chunks.isEmpty(); }
    const Candle &head() const { return chunks.front().at(pos); }
    qint64 formingClose() const { return Intervals::next(key.interval, forming.openTime); }
};

ReplayFeed::ReplayFeed(Clock *clock, QObject *parent)
    : LiveFeed(parent)
    , m_clock(clock ? clock : Clock::system())
{
    qRegisterMetaType<CandleBatch>();
    qRegisterMetaType<SeriesKey>();
    qRegisterMetaType<Candle>();
}

ReplayFeed::~ReplayFeed()
{
    cancelTimer();
    shutdownReader();
    qDeleteAll(m_series);
}

void ReplayFeed::subscribe(const SeriesKey &key)
{
    if (!subscriptions().contains(key))
        addSeries(key);
}

void ReplayFeed::unsubscribe(const SeriesKey &key)
{
    if (m_state != State::Idle)
        return;
    for (qsizetype i = 0; i < m_series.size(); ++i) {
        if (m_series[i]->key == key) {
            delete m_series.takeAt(i);
            return;
        }
    }
}

LiveFeedStats ReplayFeed::stats() const
{
    LiveFeedStats s;
    s.frames = m_delivered;
    return s;
}

bool ReplayFeed::addDirectConsumer(CandleConsumer *consumer)
{
    if (consumer
        && std::find(m_consumers.cbegin(), m_consumers.cend(), consumer) == m_consumers.cend())
        m_consumers.push_back(consumer);
    return true;
}

void ReplayFeed::addSeries(const SeriesKey &key, std::optional<Interval> buildFrom)
{
    if (m_state != State::Idle)
        return;
    auto *s = new Series;
    s->key = key;
    s->readInterval = key.interval;
    if (buildFrom && *buildFrom != key.interval
        && Intervals::nominalMs(*buildFrom) < Intervals::nominalMs(key.interval)) {
        s->readInterval = *buildFrom;
        s->aggregate = true;
    }
    s->fixedLen = s->readInterval == Interval::Mon1 ? 0 : Intervals::lengthAt(s->readInterval, 0);
    m_series.append(s);
}

void ReplayFeed::setCandles(const SeriesKey &key, const CandleBatch &candles,
                            std::optional<Interval> buildFrom)
{
    if (m_state != State::Idle)
        return;
    addSeries(key, buildFrom);
    m_series.last()->memory = true;
    m_series.last()->all = candles;
}

void ReplayFeed::setRange(qint64 fromMs, qint64 toMs)
{
    if (m_state != State::Idle)
        return;
    m_from = fromMs;
    m_to = toMs;
    m_position = fromMs;
}

QList<SeriesKey> ReplayFeed::series() const
{
    QList<SeriesKey> keys;
    for (const Series *s : m_series)
        keys.append(s->key);
    return keys;
}

void ReplayFeed::setPlayerState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    emit stateChanged(state);
    // Live while playing or paused.
    LiveFeed::setState(state == State::Playing || state == State::Paused
                           ? ConnectionState::Live
                           : ConnectionState::Disconnected);
}

bool ReplayFeed::ensureLoaded()
{
    if (m_loaded)
        return true;
    QString problem;
    if (m_series.isEmpty())
        problem = tr("Nothing to replay: no series was chosen.");
    else if (m_to <= m_from)
        problem = tr("Nothing to replay: the end of the range is not after its start.");
    const bool needsStore = std::any_of(m_series.cbegin(), m_series.cend(),
                                        [](const Series *s) { return !s->memory; });
    if (problem.isEmpty() && needsStore && !m_database)
        problem = tr("No candle database to replay from.");
    if (!problem.isEmpty()) {
        m_error = problem;
        setPlayerState(State::Error);
        emit errorOccurred(problem);
        return false;
    }
    if (needsStore && !m_thread) {
        m_thread = new QThread(this);
        m_thread->setObjectName(QStringLiteral("replay-reader"));
        m_reader = new ReplayReader;
        m_reader->moveToThread(m_thread);
        connect(m_thread, &QThread::finished, m_reader, &QObject::deleteLater);
        connect(m_reader, &ReplayReader::chunkReady, this, &ReplayFeed::handleChunk);
        connect(m_reader, &ReplayReader::failed, this, &ReplayFeed::handleReaderFailure);
        m_thread->start();
        QMetaObject::invokeMethod(
            m_reader, [reader = m_reader, db = m_database] { reader->openStore(db); },
            Qt::QueuedConnection);
    }
    m_loaded = true;
    m_delivered = 0;
    restartSources(m_from);
    m_position = m_from;
    return true;
}

void ReplayFeed::restartSources(qint64 fromMs)
{
    ++m_generation;
    m_pendingSteps = 0;
    m_lastPermille = -1;
    m_progressDue = std::numeric_limits<qint64>::min();
    for (int i = 0; i < m_series.size(); ++i) {
        Series &s = *m_series[i];
        s.chunks.clear();
        s.pos = s.end = 0;
        s.atEnd = false;
        s.requested = false;
        s.haveForming = false;
        s.flushed = false;
        if (s.memory) {
            const auto lessOpen = [](const Candle &c, qint64 t) { return c.openTime < t; };
            const auto first = std::lower_bound(s.all.cbegin(), s.all.cend(), fromMs, lessOpen);
            const auto last = std::lower_bound(first, s.all.cend(), m_to, lessOpen);
            if (first != last) {
                s.chunks.append(s.all); // shared, not copied
                s.pos = first - s.all.cbegin();
                s.end = last - s.all.cbegin();
            }
            s.atEnd = true;
        } else {
            s.requested = true;
            const SeriesKey readKey{s.key.exchange, s.key.symbol, s.readInterval};
            QMetaObject::invokeMethod(
                m_reader,
                [reader = m_reader, gen = m_generation, i, readKey, fromMs, to = m_to,
                 chunk = m_chunkSize] { reader->startSeries(gen, i, readKey, fromMs, to, chunk); },
                Qt::QueuedConnection);
        }
    }
}

void ReplayFeed::requestMore(int index)
{
    Series &s = *m_series[index];
    if (s.memory || s.atEnd || s.requested || s.chunks.size() >= 2)
        return;
    s.requested = true;
    QMetaObject::invokeMethod(
        m_reader, [reader = m_reader, gen = m_generation, index] { reader->fetch(gen, index); },
        Qt::QueuedConnection);
}

void ReplayFeed::handleChunk(int generation, int index, const CandleBatch &candles, bool atEnd)
{
    if (generation != m_generation || index < 0 || index >= m_series.size())
        return;
    Series &s = *m_series[index];
    s.requested = false;
    s.atEnd = atEnd;
    if (!candles.isEmpty()) {
        if (s.chunks.isEmpty()) {
            s.pos = 0;
            s.end = candles.size();
        }
        s.chunks.append(candles);
    }
    requestMore(index);
    while (m_pendingSteps > 0 && m_state == State::Paused) {
        bool waiting = false;
        const Event ev = nextEvent(&waiting);
        if (waiting)
            return;
        --m_pendingSteps;
        if (ev.series < 0) {
            finish();
            return;
        }
        deliver(ev);
    }
    if (m_state == State::Playing && !m_timer)
        pump();
}

void ReplayFeed::handleReaderFailure(const QString &message)
{
    cancelTimer();
    m_error = message;
    setPlayerState(State::Error);
    emit errorOccurred(message);
}

ReplayFeed::Event ReplayFeed::nextEvent(bool *waiting, Event *runnerUp) const
{
    *waiting = false;
    Event best;
    Event second;
    for (int i = 0; i < m_series.size(); ++i) {
        const Series &s = *m_series[i];
        qint64 t = 0;
        if (s.hasCandle()) {
            t = s.eventTime(s.head());
            // A forming candle whose bucket ended before the next finer candle closes now.
            if (s.aggregate && s.haveForming
                && Intervals::alignDown(s.key.interval, s.head().openTime) != s.forming.openTime)
                t = std::min(t, s.formingClose());
        } else if (!s.atEnd) {
            *waiting = true;
            return {};
        } else if (s.aggregate && s.haveForming && s.formingClose() <= m_to) {
            t = s.formingClose(); // the last bucket, complete within the range
        } else {
            continue;
        }
        // Ties go to the series added first (the lower index).
        if (best.series < 0 || t < best.time) {
            second = best;
            best.series = i;
            best.time = t;
        } else if (second.series < 0 || t < second.time) {
            second.series = i;
            second.time = t;
        }
    }
    if (runnerUp)
        *runnerUp = second;
    return best;
}

// Inlined into deliver() and deliverRun(): the per-candle path at max speed.
Q_ALWAYS_INLINE void ReplayFeed::callConsumers(const SeriesKey &key, const Candle &candle,
                                               bool closedSignal)
{
    // Indexes stay valid: removal only nulls entries while dispatching. Consumers added during
    // the dispatch get the next candle, like a connection made during an emission.
    ++m_dispatchDepth;
    const size_t count = m_consumers.size();
    for (size_t i = 0; i < count; ++i) {
        if (CandleConsumer *consumer = m_consumers[i])
            consumer->consumeCandle(key, candle, closedSignal);
    }
    if (--m_dispatchDepth == 0 && m_consumersRemoved) {
        m_consumersRemoved = false;
        m_consumers.erase(std::remove(m_consumers.begin(), m_consumers.end(), nullptr),
                          m_consumers.end());
    }
}

Q_ALWAYS_INLINE void ReplayFeed::emitCandle(const SeriesKey &key, const Candle &candle,
                                            bool closedSignal)
{
    if (!m_consumers.empty())
        callConsumers(key, candle, closedSignal);
    if (m_noCandleReceivers.load(std::memory_order_relaxed))
        return;
    if (closedSignal)
        emit candleClosed(key, candle);
    else
        emit candleUpdated(key, candle);
}

void ReplayFeed::deliver(const Event &event)
{
    Series &s = *m_series[event.series];
    m_position = std::max(m_position, event.time);
    ++m_delivered;
    if (s.aggregate && s.haveForming
        && (!s.hasCandle()
            || Intervals::alignDown(s.key.interval, s.head().openTime) != s.forming.openTime)) {
        Candle closed = s.forming;
        closed.closed = true;
        s.haveForming = false;
        reportProgress(false);
        emitCandle(s.key, closed, true);
        return;
    }

    const Candle c = s.head();
    if (++s.pos >= s.end) {
        s.chunks.removeFirst();
        s.pos = 0;
        s.end = s.chunks.isEmpty() ? 0 : s.chunks.front().size();
        if (!s.memory)
            requestMore(event.series);
    }
    reportProgress(false);
    if (!s.aggregate) {
        emitCandle(s.key, c, true);
        return;
    }
    const qint64 bucket = Intervals::alignDown(s.key.interval, c.openTime);
    if (!s.haveForming) {
        s.forming = c;
        s.forming.openTime = bucket;
        s.haveForming = true;
    } else {
        Resampler::accumulate(s.forming, c);
    }
    if (event.time >= s.formingClose()) {
        Candle closed = s.forming;
        closed.closed = true;
        s.haveForming = false;
        emitCandle(s.key, closed, true);
    } else {
        Candle forming = s.forming;
        forming.closed = false;
        emitCandle(s.key, forming, false);
    }
}

int ReplayFeed::deliverRun(const Event &event, const Event &limit, int budget)
{
    Series &s = *m_series[event.series];
    const int generation = m_generation;
    if (s.aggregate) {
        deliver(event);
        return m_state == State::Playing && generation == m_generation && isMaxSpeed() ? 1 : -1;
    }
    // Holding the chunk keeps its candles alive even if a consumer seeks or stops meanwhile.
    const CandleBatch chunk = s.chunks.front();
    const Candle *data = chunk.constData();
    const qsizetype end = s.end;
    qsizetype pos = s.pos;
    const int index = event.series;
    const bool bounded = limit.series >= 0;
    int n = 0;
    while (n < budget) {
        const Candle &c = data[pos];
        const qint64 t = s.eventTime(c);
        if (n > 0 && bounded && (t > limit.time || (t == limit.time && index > limit.series)))
            break;
        m_position = std::max(m_position, t);
        ++m_delivered;
        ++n;
        const bool chunkDone = ++pos >= end;
        s.pos = pos;
        if (chunkDone) {
            s.chunks.removeFirst();
            s.pos = 0;
            s.end = s.chunks.isEmpty() ? 0 : s.chunks.front().size();
            if (!s.memory)
                requestMore(index);
        }
        if (m_position >= m_progressDue)
            reportProgress(false);
        emitCandle(s.key, c, true);
        if (m_state != State::Playing || generation != m_generation || !isMaxSpeed())
            return -1; // a consumer paused, seeked, stopped or changed the speed
        if (chunkDone)
            break;
    }
    return n;
}

void ReplayFeed::connectNotify(const QMetaMethod &signal)
{
    if (signal == QMetaMethod::fromSignal(&LiveFeed::candleClosed)
        || signal == QMetaMethod::fromSignal(&LiveFeed::candleUpdated))
        m_noCandleReceivers.store(false, std::memory_order_relaxed);
    LiveFeed::connectNotify(signal);
}

void ReplayFeed::removeDirectConsumer(CandleConsumer *consumer)
{
    const auto it = std::find(m_consumers.begin(), m_consumers.end(), consumer);
    if (it == m_consumers.end())
        return;
    if (m_dispatchDepth > 0) {
        *it = nullptr;
        m_consumersRemoved = true;
    } else {
        m_consumers.erase(it);
    }
}

void ReplayFeed::reportProgress(bool force)
{
    const qint64 span = m_to - m_from;
    const qint64 done = std::clamp<qint64>(m_position - m_from, 0, std::max<qint64>(span, 0));
    if (!isMaxSpeed() || force) {
        emit progressChanged(m_position, span > 0 ? 100.0 * done / span : 100.0);
        return;
    }
    const int permille = span > 0 ? static_cast<int>(done * 1000 / span) : 1000;
    // The replay time at which the permille changes next: deliverRun() calls back only then.
    m_progressDue = permille < 1000 ? m_from + ((permille + 1) * span + 999) / 1000
                                    : std::numeric_limits<qint64>::max();
    if (permille != m_lastPermille) {
        m_lastPermille = permille;
        emit progressChanged(m_position, permille / 10.0);
    }
}

qint64 ReplayFeed::pacedReplayTime() const
{
    const double elapsed = static_cast<double>(m_clock->nowMs() - m_anchorWall) * m_speed;
    return m_anchorReplay + static_cast<qint64>(std::floor(elapsed));
}

qint64 ReplayFeed::targetWall(qint64 replayMs) const
{
    const double wall = static_cast<double>(replayMs - m_anchorReplay) / m_speed;
    return m_anchorWall + static_cast<qint64>(std::ceil(wall));
}

void ReplayFeed::reanchor(qint64 replayMs)
{
    m_anchorReplay = replayMs;
    m_anchorWall = m_clock->nowMs();
}

qint64 ReplayFeed::replayTime() const
{
    if (m_state != State::Playing || isMaxSpeed())
        return m_position;
    bool waiting = false;
    const Event next = nextEvent(&waiting);
    qint64 t = std::max(m_position, pacedReplayTime());
    if (next.series >= 0)
        t = std::min(t, next.time);
    return std::min(t, m_to);
}

double ReplayFeed::progressPercent() const
{
    const qint64 span = m_to - m_from;
    if (span <= 0)
        return 100.0;
    return 100.0 * std::clamp<qint64>(replayTime() - m_from, 0, span) / span;
}

void ReplayFeed::cancelTimer()
{
    delete m_timer.data();
    m_timer.clear();
}

void ReplayFeed::schedule(qint64 wallMs)
{
    cancelTimer();
    m_timer = m_clock->callAt(wallMs, this, [this] {
        m_timer.clear();
        pump();
    });
}

void ReplayFeed::pump()
{
    m_pumpQueued = false;
    if (m_state != State::Playing)
        return;
    const int generation = m_generation;
    const bool max = isMaxSpeed();
    if (max) {
        // An emission nobody receives still costs more than a cheap consumer: skip it for this
        // slice if nothing is connected. QObject::connect() during the slice re-enables it at
        // once (connectNotify); a connection made without it (QMetaObject::connect by index,
        // as QSignalSpy does) takes effect from the next slice.
        m_noCandleReceivers.store(
            !isSignalConnected(QMetaMethod::fromSignal(&LiveFeed::candleClosed))
                && !isSignalConnected(QMetaMethod::fromSignal(&LiveFeed::candleUpdated)),
            std::memory_order_relaxed);
        const struct EmitAgain
        {
            std::atomic<bool> &flag;
            ~EmitAgain() { flag.store(false, std::memory_order_relaxed); }
        } emitAgain{m_noCandleReceivers};
        // Runs of one series at a time, each bounded by the next event of the other series.
        int n = 0;
        int unchecked = 0;
        QElapsedTimer sliceTimer;
        sliceTimer.start();
        while (n < MaxSlice) {
            if (unchecked >= MaxSliceCheck) {
                unchecked = 0;
                if (sliceTimer.nsecsElapsed() >= MaxSliceNs)
                    break;
            }
            bool waiting = false;
            Event runnerUp;
            const Event ev = nextEvent(&waiting, &runnerUp);
            if (waiting)
                return; // handleChunk() pumps again
            if (ev.series < 0) {
                finish();
                return;
            }
            const int done
                = deliverRun(ev, runnerUp, std::min(MaxSlice - n, MaxSliceCheck - unchecked));
            if (done < 0)
                return;
            n += done;
            unchecked += done;
        }
        if (!m_pumpQueued) {
            m_pumpQueued = true;
            QMetaObject::invokeMethod(this, &ReplayFeed::pump, Qt::QueuedConnection);
        }
        return;
    }
    const qint64 now = m_clock->nowMs();
    for (int n = 0; n < PacedSlice; ++n) {
        bool waiting = false;
        const Event ev = nextEvent(&waiting);
        if (waiting)
            return; // handleChunk() pumps again
        if (ev.series < 0) {
            finish();
            return;
        }
        const qint64 due = targetWall(ev.time);
        if (due > now) {
            schedule(due);
            return;
        }
        deliver(ev);
        if (m_state != State::Playing || generation != m_generation || max != isMaxSpeed())
            return; // a consumer paused, seeked or changed the speed (which pumps by itself)
    }
    if (!m_pumpQueued) {
        m_pumpQueued = true;
        QMetaObject::invokeMethod(this, &ReplayFeed::pump, Qt::QueuedConnection);
    }
}

void ReplayFeed::finish()
{
    cancelTimer();
    m_position = m_to;
    setPlayerState(State::Finished);
    reportProgress(true);
    emit finished();
}

void ReplayFeed::play()
{
    if (m_state == State::Playing)
        return;
    if (m_state == State::Finished || m_state == State::Error) {
        stop();
    }
    if (!ensureLoaded())
        return;
    reanchor(m_position);
    setPlayerState(State::Playing);
    pump();
}

void ReplayFeed::pause()
{
    if (m_state != State::Playing)
        return;
    if (!isMaxSpeed())
        m_position = replayTime();
    cancelTimer();
    setPlayerState(State::Paused);
    reportProgress(true);
}

void ReplayFeed::step()
{
    if (m_state == State::Idle) {
        if (!ensureLoaded())
            return;
        setPlayerState(State::Paused);
    } else if (m_state == State::Playing) {
        pause();
    }
    if (m_state != State::Paused)
        return;
    bool waiting = false;
    const Event ev = nextEvent(&waiting);
    if (waiting) {
        ++m_pendingSteps;
        return;
    }
    if (ev.series < 0) {
        finish();
        return;
    }
    deliver(ev);
    reportProgress(true);
}

void ReplayFeed::seek(qint64 t)
{
    if (m_state == State::Error)
        return;
    if (!ensureLoaded())
        return;
    t = std::clamp(t, m_from, m_to);
    cancelTimer();
    restartSources(t);
    m_position = t;
    if (m_state == State::Finished || m_state == State::Idle)
        setPlayerState(State::Paused);
    reportProgress(true);
    if (m_state == State::Playing) {
        reanchor(t);
        pump();
    }
}

void ReplayFeed::setSpeed(double speed)
{
    if (!std::isfinite(speed) || speed <= 0)
        speed = MaxSpeed;
    else
        speed = std::clamp(speed, SlowestSpeed, FastestPacedSpeed);
    if (m_state != State::Playing) {
        m_speed = speed;
        return;
    }
    const qint64 now = isMaxSpeed() ? m_position : replayTime();
    m_speed = speed;
    cancelTimer();
    m_position = std::max(m_position, now);
    reanchor(m_position);
    pump();
}

void ReplayFeed::stop()
{
    cancelTimer();
    ++m_generation;
    for (Series *s : std::as_const(m_series)) {
        s->chunks.clear();
        s->haveForming = false;
    }
    m_loaded = false;
    m_position = m_from;
    m_pendingSteps = 0;
    setPlayerState(State::Idle);
}

void ReplayFeed::shutdownReader()
{
    if (!m_thread)
        return;
    m_thread->requestInterruption();
    m_thread->quit();
    m_thread->wait();
    delete m_thread; // its finished() deleted the reader on the reader thread
    m_thread = nullptr;
    m_reader = nullptr;
}

} // namespace Candlewick
