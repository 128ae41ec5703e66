#pragma once

#include "connectionstate.h"

#include <candle.h>
#include <serieskey.h>

#include <QList>
#include <QObject>

namespace Candlewick {

class CandleConsumer;

// What a live feed has seen and done so far. Feeds fill in what applies to them.
struct LiveFeedStats
{
    qint64 frames = 0; // messages received (text frames, or replayed candles)
    qint64 updatesEmitted = 0; // candleUpdated()
    qint64 closedEmitted = 0; // candleClosed(), live and backfilled
    qint64 rejectedFrames = 0; // malformed, invalid, unknown events, unexpected streams
    qint64 duplicatesDropped = 0;
    qint64 connectAttempts = 0;
    qint64 reconnects = 0; // connections lost and replaced
    qint64 rollovers = 0; // planned connection replacements
    qint64 controlErrors = 0; // refused subscribe/unsubscribe requests
    qint64 gapsBackfilled = 0;
    qint64 candlesBackfilled = 0;
    qint64 backfillFailures = 0;
    qint64 gapsAbandoned = 0; // gaps that stayed gaps after every backfill attempt
};

// The role of a source of live candles (an exchange's WebSocket, the demo generator, a replay):
// subscribe to series; candleUpdated() for each state of a forming candle, candleClosed() once it
// is final; connectionStateChanged() as the connection comes and goes. A plain feed may skip
// candles across a reconnect; GapFreeFeed turns any feed into one ordered, duplicate-free sequence.
class LiveFeed : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;

    virtual void subscribe(const SeriesKey &key) = 0;
    virtual void unsubscribe(const SeriesKey &key) = 0;
    virtual QList<SeriesKey> subscriptions() const = 0;
    ConnectionState state() const { return m_state; }
    virtual LiveFeedStats stats() const = 0;

    // The open time of the next closed candle the consumer expects for `key` (e.g. from the store's
    // coverage on a restart), or -1 to forget it. A feed that can go back in time (GapFreeFeed)
    // delivers everything from there on; others ignore it.
    virtual void setResumePoint(const SeriesKey &key, qint64 nextOpenTime);
    virtual qint64 resumePoint(const SeriesKey &key) const;

    // The fast path a feed may offer to consumers in its own thread (see CandleConsumer): returns
    // false when the feed does not offer it, and the consumer connects to the signals instead.
    virtual bool addDirectConsumer(CandleConsumer *consumer);
    virtual void removeDirectConsumer(CandleConsumer *consumer);

signals:
    void candleUpdated(const Candlewick::SeriesKey &key, const Candlewick::Candle &candle);
    void candleClosed(const Candlewick::SeriesKey &key, const Candlewick::Candle &candle);
    void connectionStateChanged(Candlewick::ConnectionState state);
    // The connection carrying these series has (re)opened: candles may have been missed before.
    void seriesConnected(const QList<Candlewick::SeriesKey> &keys);
    // The candles of `key` in [fromMs, toMs) could not be delivered and never will be: the next
    // closed candle does not follow the previous one.
    void gapAbandoned(const Candlewick::SeriesKey &key, qint64 fromMs, qint64 toMs);
    // Something worth a line in the log (reconnects, rejected frames, backfills).
    void logMessage(const QString &message);

protected:
    // Records the state and announces it when it changed.
    void setState(ConnectionState state);

private:
    ConnectionState m_state = ConnectionState::Disconnected;
};

} // namespace Candlewick
