#include "streampool.h"

#include "klineeventparser.h"

#include <clock.h>
#include <retrypolicy.h>
#include <streamlogging.h>
#include <utctime.h>

#include <QTimer>

#include <algorithm>
#include <limits>
#include <random>

namespace Candlewick {

namespace {

constexpr qint64 ConnectWindowMs = 5 * Durations::MinuteMs;

quint32 streamPoolSeed(quint32 seed)
{
    return seed != 0 ? seed : std::random_device{}();
}

} // namespace

struct StreamPool::Slot
{
    QStringList streams;
    StreamConnection *active = nullptr;
    StreamConnection *replacement = nullptr;
    QList<StreamConnection *> retiring;
    int attempt = 0;
    bool wasLive = false; // a connection of this slot has been open before
    QObject *timers = nullptr; // owns this slot's clock calls
    QObject *reconnectHandle = nullptr;
    QObject *rolloverHandle = nullptr;
    bool connectQueued = false;
};

StreamPool::StreamPool(const QUrl &wsUrl, Options options, Clock *clock, QObject *parent)
    : QObject(parent)
    , m_url(wsUrl)
    , m_options(options)
    , m_clock(clock)
    , m_parser(std::make_unique<KlineEventParser>())
    , m_reconnectPolicy(
          std::make_unique<RetryPolicy>(std::numeric_limits<int>::max(), options.reconnectBaseMs,
                                        options.reconnectMaxMs, streamPoolSeed(options.seed)))
{
    m_options.maxStreamsPerConnection = std::clamp(m_options.maxStreamsPerConnection, 1, 1024);
    m_options.maxConnectsPer5Min = std::max(1, m_options.maxConnectsPer5Min);
}

StreamPool::~StreamPool()
{
    m_streams.clear();
    const QList<Slot *> allSlots = m_slots;
    for (Slot *slot : allSlots)
        removeSlot(slot);
}

int StreamPool::connectionCount() const
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

void StreamPool::log(const QString &message)
{
    qCInfo(lcLive).noquote() << message;
    emit logMessage(message);
}

StreamPool::Slot *StreamPool::slotWithRoom()
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

void StreamPool::addStream(const QString &stream)
{
    if (m_streams.contains(stream))
        return;
    Slot *slot = slotWithRoom();
    m_streams.insert(stream, slot);
    slot->streams.append(stream);
    if (slot->active)
        slot->active->subscribe({stream});
    if (slot->replacement)
        slot->replacement->subscribe({stream});
    if (!slot->active && !slot->reconnectHandle && !slot->connectQueued) {
        // Connect from the event loop, so that streams added together share the URL.
        slot->connectQueued = true;
        QTimer::singleShot(0, slot->timers, [this, slot] {
            slot->connectQueued = false;
            if (!slot->active && !slot->reconnectHandle)
                startConnection(slot, false);
        });
    }
    updateState();
}

void StreamPool::removeStream(const QString &stream)
{
    Slot *slot = m_streams.take(stream);
    if (!slot)
        return;
    slot->streams.removeOne(stream);
    if (slot->active)
        slot->active->unsubscribe({stream});
    if (slot->replacement)
        slot->replacement->unsubscribe({stream});
    if (slot->streams.isEmpty())
        removeSlot(slot);
    updateState();
}

void StreamPool::removeSlot(Slot *slot)
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

bool StreamPool::allowAttempt(qint64 *retryAtMs)
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

void StreamPool::startConnection(Slot *slot, bool replacement)
{
    qint64 retryAt = 0;
    if (!allowAttempt(&retryAt)) {
        log(tr("connection budget (%1 per 5 min) used up; next attempt at %2")
                .arg(m_options.maxConnectsPer5Min)
                .arg(UtcTime::format(retryAt)));
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
            [this, slot, c](const KlineEvent &event) { handleEvent(slot, c, event); });
    connect(c, &StreamConnection::tradeReceived, this,
            [this, slot, c](const KlineEvent &event) { handleEvent(slot, c, event); });
    connect(c, &StreamConnection::frameRejected, this, &StreamPool::handleRejected);
    connect(c, &StreamConnection::controlAnswered, this, &StreamPool::handleControlAnswer);
    connect(c, &StreamConnection::serverShutdownAnnounced, this, [this, slot, c] {
        ++m_stats.frames;
        log(tr("server announced a shutdown; switching connections"));
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

void StreamPool::scheduleReconnect(Slot *slot)
{
    ++slot->attempt;
    const qint64 delay = m_reconnectPolicy->delayMs(slot->attempt);
    log(tr("reconnecting in %1 s (attempt %2)")
            .arg(QString::number(delay / 1000.0, 'f', 1))
            .arg(slot->attempt));
    delete slot->reconnectHandle;
    slot->reconnectHandle = m_clock->callAfter(delay, slot->timers, [this, slot] {
        slot->reconnectHandle = nullptr;
        if (!slot->active)
            startConnection(slot, false);
    });
}

void StreamPool::scheduleRollover(Slot *slot, qint64 atMs)
{
    delete slot->rolloverHandle;
    slot->rolloverHandle = m_clock->callAt(atMs, slot->timers, [this, slot] {
        slot->rolloverHandle = nullptr;
        startRollover(slot);
    });
}

void StreamPool::startRollover(Slot *slot)
{
    if (!slot->active || !slot->active->isOpen() || slot->replacement)
        return;
    log(tr("planned reconnect: opening a replacement connection"));
    startConnection(slot, true);
}

void StreamPool::handleOpened(Slot *slot, StreamConnection *connection)
{
    bool lost = false;
    if (connection == slot->replacement) {
        StreamConnection *old = slot->active;
        slot->active = connection;
        slot->replacement = nullptr;
        ++m_stats.rollovers;
        if (old)
            retire(slot, old);
        else
            lost = slot->wasLive; // the old one died while the replacement connected
        log(tr("replacement connection live"));
    } else if (connection == slot->active) {
        lost = slot->wasLive;
        log(tr("connected to %1 (%2 streams)")
                .arg(m_url.toDisplayString())
                .arg(slot->streams.size()));
    } else {
        return;
    }
    slot->attempt = 0;
    slot->wasLive = true;
    m_everLive = true;
    scheduleRollover(slot, connection->openedAtMs() + m_options.rolloverAfterMs);
    updateState();
    emit streamsConnected(slot->streams, lost);
}

void StreamPool::retire(Slot *slot, StreamConnection *connection)
{
    slot->retiring.append(connection);
    m_clock->callAfter(m_options.rolloverOverlapMs, connection, [this, slot, connection] {
        slot->retiring.removeOne(connection);
        connection->disconnect(this);
        connection->close();
        connection->deleteLater();
    });
}

void StreamPool::handleFailed(Slot *slot, StreamConnection *connection, const QString &reason)
{
    connection->disconnect(this);
    connection->deleteLater();
    if (connection == slot->replacement) {
        slot->replacement = nullptr;
        log(tr("replacement connection failed: %1").arg(reason));
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
        log(tr("connection lost: %1").arg(reason));
        if (!slot->replacement)
            scheduleReconnect(slot);
    } else {
        slot->retiring.removeOne(connection);
    }
    updateState();
}

void StreamPool::handleEvent(Slot *slot, StreamConnection *connection, const KlineEvent &event)
{
    ++m_stats.frames;
    m_frameNs = connection->frameReceivedNs();
    const bool newest = connection == slot->active;
    if (event.kind == KlineEvent::Kind::Trade)
        emit tradeReceived(event, newest);
    else
        emit klineReceived(event, newest);
}

void StreamPool::handleRejected(const QString &reason, bool unknownEvent)
{
    ++m_stats.frames;
    ++m_stats.rejectedFrames;
    ++m_logged;
    if (m_logged <= 20 || m_logged % 1000 == 0) {
        log((unknownEvent ? tr("unknown frame skipped: %1 (%2 so far)")
                          : tr("bad frame skipped: %1 (%2 so far)"))
                .arg(reason)
                .arg(m_stats.rejectedFrames));
    }
}

void StreamPool::handleControlAnswer(const QString &method, const QStringList &streams, bool ok,
                                     const QString &error)
{
    ++m_stats.frames;
    if (ok)
        return;
    ++m_stats.controlErrors;
    log(tr("%1 %2 refused: %3").arg(method, streams.join(u','), error));
}

void StreamPool::updateState()
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
    }
    if (next == m_state)
        return;
    m_state = next;
    emit stateChanged(next);
}

} // namespace Candlewick
