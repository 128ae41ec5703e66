#pragma once

#include "candle.h"
#include "interval.h"

#include <QString>

namespace Candlewick {

// The open times a candle may have: from 2009-01-01 (before any exchange) to 2200-01-01 UTC,
// exclusive. Parsers reject anything outside, so the rest of the code never sees absurd times.
constexpr qint64 EarliestCandleTime = 1230768000000; // 2009-01-01T00:00:00Z
constexpr qint64 LatestCandleTime = 7258118400000; // 2200-01-01T00:00:00Z
constexpr bool isPlausibleTime(qint64 t)
{
    return t >= EarliestCandleTime && t < LatestCandleTime;
}
// Why `openTime` is outside that window ("open time ... outside 2009-01-01 .. 2200-01-01"), or
// an empty string.
QString openTimeRejection(qint64 openTime);
// The same for a kline row's open time, then for its close time.
QString rowTimesRejection(qint64 openTime, qint64 closeTime);

// Checks the open time window, the OHLCV relations and the alignment of a candle. Returns an empty
// string when the candle is valid, otherwise the reason it is rejected (for logs and counters).
QString candleRejection(const Candle &candle, Interval interval);
// Whether candleRejection() has nothing against the candle, without making a message: for
// parsers, which check every row.
bool isValidCandle(const Candle &candle, Interval interval);
// isValidCandle() less its checks of the open time (plausible, aligned), for a parser that makes
// those itself; `checkFinite` false for values known to be finite (made from integers). True
// for a candle with a plausible, aligned open time exactly when isValidCandle() is.
bool hasValidValues(const Candle &candle, bool checkFinite = true);

} // namespace Candlewick
