#pragma once

#include <candle.h>
#include <trade.h>

namespace Candlewick::Testing {

// Trades whose candle is `candle` (a closed candle lasting lengthMs, prices and volume exact
// multiples of 1e-8, as the synthetic markets make them): the first at the open, then the high
// and the low, the last at the close; sizes as 8-decimal strings summing exactly to the volume.
// There are max(candle.trades, prices needed) of them (a candle of one trade whose open and close
// differ gets more), at distinct ms times inside the candle, with increasing ids from firstId;
// sides alternate, starting with a buy. A candle without volume has no trades. For the fakes'
// trade streams: a candle built from these trades has the candle's open, high, low, close and
// volume exactly.
TradeBatch syntheticTrades(const Candle &candle, qint64 lengthMs, qint64 firstId);

} // namespace Candlewick::Testing
