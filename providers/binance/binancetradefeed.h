#pragma once

#include "klineevent.h"
#include "streampool.h"

#include <tradefeed.h>

#include <QHash>
#include <QUrl>

namespace Candlewick {

class Clock;

// Binance's public trades, one `<symbol>@trade` stream per symbol over a StreamPool (the same
// connections, reconnects and rollovers as the kline feed). Each trade event is passed on as it
// comes (Binance sends one trade per event, times in ms). Binance numbers no messages: a trade is
// known to be lost only when a connection is: on a reconnect each of its symbols gets
// tradesLost() from the last trade seen. During a rollover both connections may send the same
// trade (consumers drop it by id). There is no heartbeat: a symbol's clock moves with its own
// trades (no exchangeTime()), so a quiet symbol's candle closes with its next trade.
class BinanceTradeFeed : public TradeFeed
{
    Q_OBJECT
public:
    using Options = StreamPool::Options;

    BinanceTradeFeed(const QUrl &wsUrl, Options options, Clock *clock = nullptr,
                     QObject *parent = nullptr);
    ~BinanceTradeFeed() override;

    void subscribe(const QString &symbol) override;
    void unsubscribe(const QString &symbol) override;
    QStringList subscriptions() const override;
    TradeFeedStats stats() const override;
    bool candlesForEmptyIntervals() const override { return true; }

    int connectionCount() const { return m_pool->connectionCount(); }

private:
    void handleTrade(const KlineEvent &event);
    void handleConnected(const QStringList &streams, bool lost);

    StreamPool *m_pool;
    QHash<QString, QString> m_symbols; // stream name -> symbol as subscribed
    QHash<QString, qint64> m_lastTimeUs; // by symbol: the newest trade seen
    qint64 m_trades = 0;
    qint64 m_losses = 0;
};

} // namespace Candlewick
