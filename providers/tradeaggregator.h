#pragma once

#include <candle.h>
#include <interval.h>
#include <trade.h>

#include <memory>
#include <optional>

namespace Candlewick {

// Builds the candles of one interval (1s or longer) of one symbol from its trades,
// exchange-neutral: open = first trade, close = last (by time, equal times by trade id), high, low,
// trade count, and volume, quote volume (Σ price × size), taker-buy base and quote as exact decimal
// sums, so a candle built from every trade of an interval equals the exchange's own candle for it.
//
// Time is the exchange's: an interval closes once a trade or advanceTo() is past its end plus the
// grace (trades arrive batched and slightly out of order; late ones within the grace are folded
// in). Duplicates (the same trade id twice) are dropped. Candles are complete only from the first
// interval that starts after the aggregator began to watch (or the start given to
// setCompleteFrom()), and not across a loss (markLost()): incomplete intervals are never closed, so
// a consumer sees a gap there and repairs it from history. A trade for an interval already closed
// is counted as late and otherwise ignored.
class TradeAggregator
{
public:
    // What to close for an interval without trades: nothing (Coinbase omits those candles) or a
    // flat candle at the previous close with zero volume (Binance serves those).
    enum class EmptyIntervals { Omit, CarryClose };

    struct Options
    {
        qint64 graceUs = 2'000'000;
        EmptyIntervals emptyIntervals = EmptyIntervals::Omit;
    };

    struct Stats
    {
        qint64 trades = 0; // folded into a candle
        qint64 duplicates = 0; // dropped: id already seen
        qint64 late = 0; // for an interval already closed or given up
        qint64 closed = 0; // candles closed, empty ones included
        qint64 incomplete = 0; // intervals with trades dropped as incomplete
    };

    explicit TradeAggregator(Interval interval);
    TradeAggregator(Interval interval, Options options);
    ~TradeAggregator();
    TradeAggregator(TradeAggregator &&) noexcept;
    TradeAggregator &operator=(TradeAggregator &&) noexcept;

    Interval interval() const;

    // Folds trades in (any order). Candles closed because the exchange clock moved past them are
    // appended to `closed` in ascending open time.
    void addTrades(const Trade *trades, qsizetype count, CandleBatch &closed);
    void addTrades(const TradeBatch &trades, CandleBatch &closed)
    {
        addTrades(trades.constData(), trades.size(), closed);
    }
    // The exchange clock reached timeUs without trades (a heartbeat): closes what it ends.
    void advanceTo(qint64 timeUs, CandleBatch &closed);
    // Trades after fromUs may be missing (TradeFeed::tradesLost): every interval from the one
    // holding fromUs up to the one holding the next trade or advanceTo() time plus the grace is
    // incomplete. fromUs < 0: everything before that next time.
    void markLost(qint64 fromUs);
    // Every trade from fromUs on will be delivered (stored trades over their coverage): intervals
    // starting at or after it are complete.
    void setCompleteFrom(qint64 fromUs);

    // The newest interval with trades that is still open, as a forming candle (closed == false).
    std::optional<Candle> forming() const;
    // The exchange clock as far as the aggregator has seen it (µs; -1 before anything arrived).
    qint64 exchangeTimeUs() const;
    Stats stats() const;

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace Candlewick
