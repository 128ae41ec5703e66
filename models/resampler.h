#pragma once

#include "candle.h"
#include "interval.h"

namespace Candlewick {

// Turns candles of a base interval into a coarser one (1m -> 1h, 1h -> 1w, 1d -> 1M, ...).
// Buckets follow Intervals::alignDown: 1w starts on Monday 00:00 UTC, 1M is the calendar month.
namespace Resampler {

// True when every `to` bucket is made of whole `from` candles (1m -> 1h yes, 1w -> 1M no).
bool canResample(Interval from, Interval to);

// Aggregates `base` (ascending, of interval `from`) into `to` buckets: open of the first candle,
// close of the last, highest high, lowest low, sums of volumes, trades and taker volumes. A bucket
// is closed when all its candles are closed and, for the last bucket, its final candle is there.
// Returns `base` unchanged when from == to, and an empty batch when !canResample(from, to).
CandleBatch resample(const CandleBatch &base, Interval from, Interval to);

// Folds the next finer candle into a bucket that already holds the earlier ones: highest high,
// lowest low, its close, summed volumes and trades; closed only while every part is.
void accumulate(Candle &bucket, const Candle &next);

// Aggregates candles [begin, end) (non-empty, one bucket) into the candle that opens at
// `bucketOpen`.
Candle aggregate(const Candle *begin, const Candle *end, qint64 bucketOpen);

// The `to` candle that contains the last candle of `base`, recomputed from `base`'s tail: for a
// live candle updated in place. `base` must be non-empty.
Candle lastBucket(const CandleBatch &base, Interval from, Interval to);

} // namespace Resampler
} // namespace Candlewick
