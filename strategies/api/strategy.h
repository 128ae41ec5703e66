#pragma once

#include "strategycontext.h"
#include "strategytypes.h"

namespace Candlewick::StrategyApi {

// One running instance of a strategy. Not a QObject. The host calls onStart() once, then
// onCandle() for every candle of the series it is wired to (closed ones, and forming ones if
// the host forwards updates: check candle.closed), then onStop() once. A strategy cannot tell
// replay from live. Exceptions thrown from these calls stop the strategy; the host goes on.
class Strategy
{
public:
    virtual ~Strategy() = default;

    virtual void onStart(const Parameters &params, StrategyContext &context) = 0;
    virtual void onCandle(const SeriesKey &series, const Candle &candle) = 0;
    virtual void onStop() { }
};

} // namespace Candlewick::StrategyApi
