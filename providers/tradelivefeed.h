#pragma once

#include "livefeed.h"
#include "tradeaggregator.h"

#include <utility>
#include <vector>

namespace Candlewick {

class TradeFeed;

// A LiveFeed built from an exchange's trades, for any exchange with a TradeFeed: a TradeAggregator
// per subscribed series (any interval from 1s up; series of one symbol share the symbol's trade
// subscription) turns trades into forming (candleUpdated, at most once per trade batch) and closed
// candles, closed by the exchange's clock. Candles the trades cannot give complete are never
// closed: the interval it started in, and everything a loss touched (TradeFeed::tradesLost). Each
// loss, and each time the trade feed comes Live, is announced with seriesConnected() for the series
// affected, so a GapFreeFeed over this feed takes those candles from the exchange's history: an
// exchange's session returns `new TradeLiveFeed(createTradeFeed(), ...)` from createLiveFeed() and
// gets gap-free trade-built candles from createGapFreeFeed().
//
// The feed takes ownership of `trades`. Without options, it keeps the default grace and builds
// empty intervals as the trade feed's exchange does (TradeFeed::candlesForEmptyIntervals()).
// SeriesKey::symbol is the native symbol the trade feed takes.
class TradeLiveFeed : public LiveFeed
{
    Q_OBJECT
public:
    explicit TradeLiveFeed(TradeFeed *trades, QObject *parent = nullptr);
    TradeLiveFeed(TradeFeed *trades, TradeAggregator::Options options, QObject *parent = nullptr);
    ~TradeLiveFeed() override;

    void subscribe(const SeriesKey &key) override;
    void unsubscribe(const SeriesKey &key) override;
    QList<SeriesKey> subscriptions() const override;
    LiveFeedStats stats() const override;

    TradeFeed *tradeFeed() const { return m_trades; }

private:
    using Series = std::pair<SeriesKey, TradeAggregator>;

    // The series of `key`; nullptr when it is not subscribed.
    Series *findSeries(const SeriesKey &key);
    void handleTrades(const QString &symbol, const TradeBatch &trades);
    void handleExchangeTime(qint64 timeUs);
    void handleLost(const QString &symbol, qint64 fromUs);
    void handleState(ConnectionState state);
    void emitClosed(const SeriesKey &key, const CandleBatch &closed);

    TradeFeed *m_trades;
    TradeAggregator::Options m_options;
    std::vector<Series> m_series; // in subscription order
    LiveFeedStats m_stats; // what this layer emitted
};

} // namespace Candlewick
