#pragma once

#include <candle.h>
#include <serieskey.h>

namespace Candlewick {

// A consumer that a live feed which offers direct delivery (LiveFeed::addDirectConsumer(), e.g. a
// replay) calls for every candle it emits, without signal dispatch: just before candleClosed()
// (closedSignal true) or candleUpdated() (false). At max replay speed the per-candle cost of a
// signal connection dominates a cheap consumer, so in-process consumers such as a StrategyRun
// register here when the feed offers it. A consumer lives in the feed's thread; it may pause,
// seek, stop or remove itself (or others) from inside consumeCandle().
class CandleConsumer
{
public:
    virtual ~CandleConsumer() = default;
    virtual void consumeCandle(const SeriesKey &key, const Candle &candle, bool closedSignal) = 0;

protected:
    CandleConsumer() = default;
    CandleConsumer(const CandleConsumer &) = default;
    CandleConsumer &operator=(const CandleConsumer &) = default;
};

} // namespace Candlewick
