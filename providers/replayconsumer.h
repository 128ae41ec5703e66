#pragma once

#include <candle.h>
#include <serieskey.h>

namespace Candlewick {

// A consumer that a ReplayProvider calls directly, without signal dispatch, for every candle it
// emits: just before candleClosed() (closedSignal true) or candleUpdated() (false). At max speed
// the per-candle cost of a queued or direct signal connection dominates a cheap consumer, so
// in-process consumers such as StrategyRun register here instead of connecting. A consumer must
// live in the provider's thread; it may pause, seek, stop or remove itself (or others) from
// inside replayCandle().
class ReplayConsumer
{
public:
    virtual ~ReplayConsumer() = default;
    virtual void replayCandle(const SeriesKey &key, const Candle &candle, bool closedSignal) = 0;

protected:
    ReplayConsumer() = default;
    ReplayConsumer(const ReplayConsumer &) = default;
    ReplayConsumer &operator=(const ReplayConsumer &) = default;
};

} // namespace Candlewick
