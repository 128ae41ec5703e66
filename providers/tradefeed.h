#pragma once

#include "connectionstate.h"

#include <trade.h>

#include <QObject>
#include <QStringList>

namespace Candlewick {

// What a trade feed has seen and done so far. Feeds fill in what applies to them.
struct TradeFeedStats
{
    qint64 frames = 0; // messages received
    qint64 trades = 0; // trades passed on in tradesReceived()
    qint64 rejectedFrames = 0; // malformed, invalid, unknown events, unexpected streams
    qint64 connectAttempts = 0;
    qint64 reconnects = 0; // connections lost and replaced
    qint64 rollovers = 0; // planned connection replacements
    qint64 controlErrors = 0; // refused subscribe/unsubscribe requests
    qint64 losses = 0; // tradesLost() emitted
};

// The role of an exchange's public trade stream (Binance `<symbol>@trade`, Coinbase
// `market_trades`): subscribe to native symbols, receive their trades. Exchange-neutral consumers
// (TradeLiveFeed, TradeRecorder) build candles and records from it.
//
// The contract a feed keeps:
// - tradesReceived() carries every trade the exchange sent for a subscribed symbol, in the order it
//   arrived; a feed need not deduplicate (a snapshot overlapping the first update is fine).
// - exchangeTime() reports the exchange's clock when a message without trades proves it moved on
//   (a heartbeat, an event time): candles close by this clock and by trade times, never the local
//   clock. A feed emits it at least once a second while connected when the exchange offers it.
// - tradesLost(symbol, fromUs) is emitted when trades of `symbol` after `fromUs` (µs, exchange
// time)
//   may be missing: a sequence-number gap, a connection lost or replaced. Emit it before the trades
//   that follow the loss; fromUs is the time of the last trade or heartbeat received before it (or
//   -1 when nothing was received yet). Consumers treat everything from fromUs up to the next trade
//   or heartbeat they receive as lost (TradeLiveFeed has those candles repaired from history).
//   The first connection after subscribe() needs no tradesLost(): nothing was seen before it.
// - connectionStateChanged() as the connection comes and goes (Live once subscribed and flowing).
class TradeFeed : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;

    // The exchange's native symbol ("BTCUSDT", "BTC-USD"). Subscribing twice is a no-op.
    virtual void subscribe(const QString &symbol) = 0;
    virtual void unsubscribe(const QString &symbol) = 0;
    virtual QStringList subscriptions() const = 0;
    ConnectionState state() const { return m_state; }
    virtual TradeFeedStats stats() const = 0;
    // Whether the exchange's own candles have a row for an interval without trades (flat at the
    // previous close, volume 0: Binance) or omit it (Coinbase): TradeLiveFeed builds its candles
    // the same way.
    virtual bool candlesForEmptyIntervals() const { return false; }

signals:
    void tradesReceived(const QString &symbol, const Candlewick::TradeBatch &trades);
    void exchangeTime(qint64 timeUs);
    void tradesLost(const QString &symbol, qint64 fromUs);
    void connectionStateChanged(Candlewick::ConnectionState state);
    // Something worth a line in the log (reconnects, rejected frames, losses).
    void logMessage(const QString &message);

protected:
    // Records the state and announces it when it changed.
    void setState(ConnectionState state)
    {
        if (state == m_state)
            return;
        m_state = state;
        emit connectionStateChanged(state);
    }

private:
    ConnectionState m_state = ConnectionState::Disconnected;
};

} // namespace Candlewick
