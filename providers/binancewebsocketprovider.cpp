#include "binancewebsocketprovider.h"

#include "klineeventparser.h"
#include "retrypolicy.h"
#include "streamlogging.h"

#include <clock.h>

#include <QTimer>

#include <algorithm>
#include <random>

namespace Candlewick {

namespace {

constexpr qint64 ConnectWindowMs = 5 * 60 * 1000;

// The job a provider without a history source hands out: it fails as soon as it starts.
class UnavailableHistoryJob : public HistoryJob
{
public:
    using HistoryJob::HistoryJob;
    void start() override
    {
        finishError({ProviderError::Kind::InvalidRequest, 0, 0,
                     QStringLiteral("The live provider has no history source; configure the REST "
                                    "provider to fetch history."),
                     0});
    }
    void cancel() override
    {
        finishError({ProviderError::Kind::Cancelled, 0, 0, QStringLiteral("cancelled"), 0});
    }
};

class UnavailableSymbolsJob : public SymbolsJob
{
public:
    using SymbolsJob::SymbolsJob;
    void start() override
    {
        finishError({ProviderError::Kind::InvalidRequest, 0, 0,
                     QStringLiteral("The live provider has no REST source for symbols."), 0});
    }
};

quint32 seedOrRandom(quint32 seed)
{
    return seed != 0 ? seed : std::random_device{}();
}

} // namespace

struct BinanceWebSocketProvider::Slot
{
    QStringList streams;
    StreamConnection *active = nullptr;
    StreamConnection *replacement = nullptr;
    QList<StreamConnection *> retiring;
    int attempt = 0;
    QObject *timers = nullptr; // owns this slot's clock calls
    QObject *reconnectHandle = nullptr;
    QObject *rolloverHandle = nullptr;
    bool connectQueued = false;
};

struct BinanceWebSocketProvider::Series
{
    SeriesKey key;
    QString stream;
    Slot *slot = nullptr;
    qint64 expectedNext = -1; // open time of the next closed candle to deliver; -1: unknown
    bool backfilling = false;
    bool backfillSettles = false; // a range ending at a live candle: REST's silence is a real gap
    qint64 backfillTo = 0;
    int backfillAttempt = 0;
    QPointer<HistoryJob> job;
    CandleBatch pending; // live closed candles held back while backfilling
    QObject *context = nullptr; // owns this series' connections and clock calls
};

BinanceWebSocketProvider::BinanceWebSocketProvider(const QUrl &wsUrl, Clock *clock, QObject *parent)
    : BinanceWebSocketProvider(wsUrl, Options(), clock, parent)
{
}

BinanceWebSocketProvider::BinanceWebSocketProvider(const QUrl &wsUrl, Options options, Clock *clock,
                                                   QObject *parent)
    : MarketDataProvider(parent)
    , m_url(wsUrl)
    , m_options(options)
    , m_clock(clock ? clock : Clock::system())
    , m_parser(std::make_unique<KlineEventParser>())
    , m_reconnectPolicy(
          std::make_unique<RetryPolicy>(std::numeric_limits<int>::max(), options.reconnectBaseMs,
                                        options.reconnectMaxMs, seedOrRandom(options.seed)))
    , m_backfillPolicy(std::make_unique<RetryPolicy>(std::max(1, options.backfillMaxAttempts),
                                                     options.backfillRetryBaseMs, 60000,
                                                     seedOrRandom(options.seed) + 1))
{
    m_options.maxStreamsPerConnection = std::clamp(m_options.maxStreamsPerConnection, 1, 1024);
    m_options.maxConnectsPer5Min = std::max(1, m_options.maxConnectsPer5Min);
}

BinanceWebSocketProvider::~BinanceWebSocketProvider()
{
    for (Series *s : std::as_const(m_series)) {
        if (s->job)
            s->job->disconnect(s->context);
        delete s->context;
        delete s;
    }
    m_series.clear();
    const QList<Slot *> allSlots = m_slots;
    for (Slot *slot : allSlots)
        removeSlot(slot);
}

QString BinanceWebSocketProvider::streamName(const SeriesKey &key)
{
    return KlineEventParser::streamName(key);
}

HistoryJob *BinanceWebSocketProvider::fetchHistory(const SeriesKey &key, qint64 fromMs, qint64 toMs)
{
    if (m_history)
        return m_history->fetchHistory(key, fromMs, toMs);
    return new UnavailableHistoryJob(key, fromMs, toMs);
}

SymbolsJob *BinanceWebSocketProvider::fetchSymbols()
{
    if (m_history)
        return m_history->fetchSymbols();
    return new UnavailableSymbolsJob;
}

void BinanceWebSocketProvider::setHistorySource(MarketDataProvider *source)
{
    m_history = source;
}

QList<SeriesKey> BinanceWebSocketProvider::subscriptions() const
{
    QList<SeriesKey> keys;
    for (const Series *s : m_series)
        keys.append(s->key);
    return keys;
}

int BinanceWebSocketProvider::connectionCount() const
{
    int n = 0;
    for (const Slot *slot : m_slots) {
        n += slot->active && slot->active->isOpen();
        n += slot->replacement && slot->replacement->isOpen();
        for (const StreamConnection *c : slot->retiring)
            n += c->isOpen();
    }
    return n;
}

void BinanceWebSocketProvider::log(const QString &message)
{
    qCInfo(lcLive).noquote() << message;
    emit logMessage(message);
}

void BinanceWebSocketProvider::setResumePoint(const SeriesKey &key, qint64 nextOpenTime)
{
    if (nextOpenTime < 0) {
        m_resume.remove(key);
        return;
    }
    m_resume.insert(key, nextOpenTime);
    Series *s = m_series.value(streamName(key));
    if (!s || s->backfilling)
        return;
    s->expectedNext = nextOpenTime;
    if (s->slot->active && s->slot->active->isOpen()) {
        const qint64 to = Intervals::alignDown(s->key.interval, m_clock->nowMs());
        if (nextOpenTime < to && m_history)
            startBackfill(*s, nextOpenTime, to);
    }
}

qint64 BinanceWebSocketProvider::resumePoint(const SeriesKey &key) const
{
    const Series *s = m_series.value(streamName(key));
    return s ? s->expectedNext : m_resume.value(key, -1);
}

BinanceWebSocketProvider::Slot *BinanceWebSocketProvider::slotWithRoom()
{
    for (Slot *slot : std::as_const(m_slots)) {
        if (slot->streams.size() < m_options.maxStreamsPerConnection)
            return slot;
    }
    auto *slot = new Slot;
    slot->timers = new QObject(this);
    m_slots.append(slot);
    return slot;
}

void BinanceWebSocketProvider::subscribe(const SeriesKey &key)
{
    const QString stream = streamName(key);
    if (m_series.contains(stream))
        return;
    auto *s = new Series;
    s->key = key;
    s->stream = stream;
    s->context = new QObject(this);
    s->expectedNext = m_resume.value(key, -1);
    m_series.insert(stream, s);

    Slot *slot = slotWithRoom();
    s->slot = slot;
    slot->streams.append(stream);
    if (slot->active)
        slot->active->subscribe({stream});
    if (slot->replacement)
        slot->replacement->subscribe({stream});
    if (!slot->active && !slot->reconnectHandle && !slot->connectQueued) {
        // Connect from the event loop, so that streams subscribed together share the URL.
        slot->connectQueued = true;
        QTimer::singleShot(0, slot->timers, [this, slot] {
            slot->connectQueued = false;
            if (!slot->active && !slot->reconnectHandle)
                startConnection(slot, false);
        });
    }
    if (slot->active && slot->active->isOpen() && s->expectedNext >= 0 && m_history) {
        const qint64 to = Intervals::alignDown(key.interval, m_clock->nowMs());
        if (s->expectedNext < to)
            startBackfill(*s, s->expectedNext, to);
    }
    updateState();
}

void BinanceWebSocketProvider::unsubscribe(const SeriesKey &key)
{
    const QString stream = streamName(key);
    Series *s = m_series.take(stream);
    if (!s)
        return;
    Slot *slot = s->slot;
    slot->streams.removeOne(stream);
    if (slot->active)
        slot->active->unsubscribe({stream});
    if (slot->replacement)
        slot->replacement->unsubscribe({stream});
    if (s->job) {
        s->job->disconnect(s->context);
        s->job->cancel();
    }
    delete s->context;
    delete s;
    if (slot->streams.isEmpty())
        removeSlot(slot);
    updateState();
}

void BinanceWebSocketProvider::removeSlot(Slot *slot)
{
    QList<StreamConnection *> connections = slot->retiring;
    connections << slot->active << slot->replacement;
    for (StreamConnection *c : std::as_const(connections)) {
        if (!c)
            continue;
        c->disconnect(this);
        c->close();
        c->deleteLater();
    }
    delete slot->timers;
    m_slots.removeOne(slot);
    delete slot;
}

bool BinanceWebSocketProvider::allowAttempt(qint64 *retryAtMs)
{
    const qint64 now = m_clock->nowMs();
    m_attemptTimes.removeIf([now](qint64 t) { return t <= now - ConnectWindowMs; });
    if (m_attemptTimes.size() >= m_options.maxConnectsPer5Min) {
        *retryAtMs = m_attemptTimes.first() + ConnectWindowMs;
        return false;
    }
    m_attemptTimes.append(now);
    ++m_stats.connectAttempts;
    return true;
}

void BinanceWebSocketProvider::startConnection(Slot *slot, bool replacement)
{
    qint64 retryAt = 0;
    if (!allowAttempt(&retryAt)) {
        log(QStringLiteral("connection budget (%1 per 5 min) used up; next attempt in %2 ms")
                .arg(m_options.maxConnectsPer5Min)
                .arg(retryAt - m_clock->nowMs()));
        QObject *handle = m_clock->callAt(retryAt, slot->timers, [this, slot, replacement] {
            slot->reconnectHandle = nullptr;
            if (replacement)
                startRollover(slot);
            else if (!slot->active)
                startConnection(slot, false);
        });
        if (!replacement)
            slot->reconnectHandle = handle;
        updateState();
        return;
    }

    auto *c = new StreamConnection(m_url, m_clock, m_parser.get(), m_options.connection, this);
    connect(c, &StreamConnection::opened, this, [this, slot, c] { handleOpened(slot, c); });
    connect(c, &StreamConnection::klineReceived, this,
            [this, c](const KlineEvent &event) { handleKline(c, event); });
    connect(c, &StreamConnection::frameRejected, this, &BinanceWebSocketProvider::handleRejected);
    connect(c, &StreamConnection::controlAnswered, this,
            &BinanceWebSocketProvider::handleControlAnswer);
    connect(c, &StreamConnection::serverShutdownAnnounced, this, [this, slot, c] {
        ++m_stats.frames;
        log(QStringLiteral("server announced a shutdown; switching connections"));
        if (c == slot->active)
            startRollover(slot);
    });
    connect(c, &StreamConnection::failed, this,
            [this, slot, c](const QString &reason) { handleFailed(slot, c, reason); });
    if (replacement)
        slot->replacement = c;
    else
        slot->active = c;
    c->open(slot->streams);
    updateState();
}

void BinanceWebSocketProvider::scheduleReconnect(Slot *slot)
{
    ++slot->attempt;
    const qint64 delay = m_reconnectPolicy->delayMs(slot->attempt);
    log(QStringLiteral("reconnecting in %1 ms (attempt %2)").arg(delay).arg(slot->attempt));
    delete slot->reconnectHandle;
    slot->reconnectHandle = m_clock->callAfter(delay, slot->timers, [this, slot] {
        slot->reconnectHandle = nullptr;
        if (!slot->active)
            startConnection(slot, false);
    });
}

void BinanceWebSocketProvider::scheduleRollover(Slot *slot, qint64 atMs)
{
    delete slot->rolloverHandle;
    slot->rolloverHandle = m_clock->callAt(atMs, slot->timers, [this, slot] {
        slot->rolloverHandle = nullptr;
        startRollover(slot);
    });
}

void BinanceWebSocketProvider::startRollover(Slot *slot)
{
    if (!slot->active || !slot->active->isOpen() || slot->replacement)
        return;
    log(QStringLiteral("planned reconnect: opening a replacement connection"));
    startConnection(slot, true);
}

void BinanceWebSocketProvider::handleOpened(Slot *slot, StreamConnection *connection)
{
    if (connection == slot->replacement) {
        StreamConnection *old = slot->active;
        slot->active = connection;
        slot->replacement = nullptr;
        ++m_stats.rollovers;
        if (old)
            retire(slot, old);
        log(QStringLiteral("replacement connection live"));
    } else if (connection == slot->active) {
        log(QStringLiteral("connected to %1 (%2 streams)")
                .arg(m_url.toDisplayString())
                .arg(slot->streams.size()));
    } else {
        return;
    }
    slot->attempt = 0;
    m_everLive = true;
    scheduleRollover(slot, connection->openedAtMs() + m_options.rolloverAfterMs);
    checkGapsAfterConnect(slot);
    updateState();
}

void BinanceWebSocketProvider::retire(Slot *slot, StreamConnection *connection)
{
    slot->retiring.append(connection);
    m_clock->callAfter(m_options.rolloverOverlapMs, connection, [this, slot, connection] {
        slot->retiring.removeOne(connection);
        connection->disconnect(this);
        connection->close();
        connection->deleteLater();
    });
}

void BinanceWebSocketProvider::handleFailed(Slot *slot, StreamConnection *connection,
                                            const QString &reason)
{
    connection->disconnect(this);
    connection->deleteLater();
    if (connection == slot->replacement) {
        slot->replacement = nullptr;
        log(QStringLiteral("replacement connection failed: %1").arg(reason));
        if (slot->active) {
            ++slot->attempt;
            scheduleRollover(slot, m_clock->nowMs() + m_reconnectPolicy->delayMs(slot->attempt));
        } else {
            scheduleReconnect(slot);
        }
    } else if (connection == slot->active) {
        slot->active = nullptr;
        if (connection->wasOpened())
            ++m_stats.reconnects;
        log(QStringLiteral("connection lost: %1").arg(reason));
        if (!slot->replacement)
            scheduleReconnect(slot);
    } else {
        slot->retiring.removeOne(connection);
    }
    updateState();
}

void BinanceWebSocketProvider::handleKline(StreamConnection *connection, const KlineEvent &event)
{
    ++m_stats.frames;
    ++m_stats.klineEvents;
    Series *s = m_series.value(event.stream);
    if (!s) {
        // Raw-stream frames carry no stream name; anything else is a stream we no longer follow.
        if (!event.stream.isEmpty())
            return;
        s = m_series.value(KlineEventParser::streamName(event.symbol, event.interval));
        if (!s)
            return;
    }
    m_frameNs = connection->frameReceivedNs();
    if (event.candle.closed) {
        acceptClosed(*s, event.candle);
        return;
    }
    // During a rollover only the newest connection reports forming candles.
    if (connection != s->slot->active || s->backfilling)
        return;
    if (s->expectedNext >= 0 && event.candle.openTime < s->expectedNext)
        return;
    ++m_stats.updatesEmitted;
    emit candleUpdated(s->key, event.candle);
}

void BinanceWebSocketProvider::handleRejected(const QString &reason, bool unknownEvent)
{
    ++m_stats.frames;
    ++m_stats.rejectedFrames;
    ++m_logged;
    if (m_logged <= 20 || m_logged % 1000 == 0) {
        log(QStringLiteral("%1 frame skipped: %2 (%3 so far)")
                .arg(unknownEvent ? QStringLiteral("unknown") : QStringLiteral("bad"), reason)
                .arg(m_stats.rejectedFrames));
    }
}

void BinanceWebSocketProvider::handleControlAnswer(const QString &method,
                                                   const QStringList &streams, bool ok,
                                                   const QString &error)
{
    ++m_stats.frames;
    if (ok)
        return;
    ++m_stats.controlErrors;
    log(QStringLiteral("%1 %2 refused: %3").arg(method, streams.join(u','), error));
}

void BinanceWebSocketProvider::acceptClosed(Series &series, const Candle &candle)
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

void BinanceWebSocketProvider::deliverClosed(Series &series, const Candle &candle)
{
    series.expectedNext = Intervals::next(series.key.interval, candle.openTime);
    ++m_stats.closedEmitted;
    emit candleClosed(series.key, candle);
}

void BinanceWebSocketProvider::checkGapsAfterConnect(Slot *slot)
{
    if (!m_history)
        return;
    const qint64 now = m_clock->nowMs();
    const QStringList streams = slot->streams;
    for (const QString &stream : streams) {
        Series *s = m_series.value(stream);
        if (!s || s->backfilling || s->expectedNext < 0)
            continue;
        const qint64 to = Intervals::alignDown(s->key.interval, now);
        if (s->expectedNext < to) {
            s->backfillSettles = false;
            startBackfill(*s, s->expectedNext, to);
        }
    }
}

void BinanceWebSocketProvider::startBackfill(Series &series, qint64 fromMs, qint64 toMs)
{
    if (fromMs >= toMs || !m_history)
        return;
    series.backfilling = true;
    series.backfillTo = toMs;
    ++series.backfillAttempt;
    log(QStringLiteral("backfilling %1 from %2 to %3")
            .arg(series.key.toString())
            .arg(fromMs)
            .arg(toMs));
    HistoryJob *job = m_history->fetchHistory(series.key, fromMs, toMs);
    series.job = job;
    const QString stream = series.stream;
    connect(job, &HistoryJob::batch, series.context,
            [this, stream](const SeriesKey &, const CandleBatch &candles) {
                for (const Candle &c : candles) {
                    Series *s = m_series.value(stream);
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
    connect(job, &HistoryJob::finished, series.context,
            [this, stream] { finishBackfill(stream, true); });
    connect(job, &HistoryJob::failed, series.context, [this, stream](const ProviderError &error) {
        log(QStringLiteral("backfill of %1 failed: %2").arg(stream, error.message));
        finishBackfill(stream, error.isTransient());
    });
    updateState();
    job->start();
}

void BinanceWebSocketProvider::finishBackfill(const QString &stream, bool ok)
{
    Series *s = m_series.value(stream);
    if (!s)
        return;
    const bool failed = !s->job.isNull() && s->job->error().isError();
    s->job = nullptr;
    if (failed) {
        ++m_stats.backfillFailures;
        if (ok && s->backfillAttempt < m_options.backfillMaxAttempts) {
            // Transient: try again later; live candles keep waiting behind the gap.
            const qint64 delay = m_backfillPolicy->delayMs(s->backfillAttempt);
            m_clock->callAfter(delay, s->context, [this, stream] {
                Series *s = m_series.value(stream);
                if (!s)
                    return;
                const qint64 from = s->expectedNext;
                const qint64 to = s->backfillTo;
                if (from >= to) {
                    finishBackfill(stream, true);
                    return;
                }
                startBackfill(*s, from, to);
            });
            return;
        }
        log(QStringLiteral("giving up on the gap in %1 before %2").arg(stream).arg(s->backfillTo));
        s->expectedNext = -1;
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
        Series *cur = m_series.value(stream);
        if (cur != s)
            return;
        acceptClosed(*s, c);
    }
    updateState();
}

void BinanceWebSocketProvider::updateState()
{
    ConnectionState next = ConnectionState::Live;
    if (m_slots.isEmpty()) {
        next = ConnectionState::Disconnected;
    } else {
        for (const Slot *slot : std::as_const(m_slots)) {
            if (!slot->active || !slot->active->isOpen()) {
                next = m_everLive ? ConnectionState::Reconnecting : ConnectionState::Connecting;
                break;
            }
        }
        if (next == ConnectionState::Live) {
            for (const Series *s : std::as_const(m_series)) {
                if (s->backfilling) {
                    next = ConnectionState::Backfilling;
                    break;
                }
            }
        }
    }
    if (next == m_state)
        return;
    m_state = next;
    emit connectionStateChanged(next);
}

} // namespace Candlewick
