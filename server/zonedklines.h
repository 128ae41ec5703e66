#pragma once

#include <candle.h>
#include <interval.h>
#include <serieskey.h>

#include <optional>

namespace Candlewick {

class CandleStore;
struct KlinesQuery;

// klines with a timeZone that moves the interval's boundaries ("kline intervals are interpreted
// in that time zone"; startTime and endTime stay UTC). Candles are stored on UTC boundaries, so
// these are built from a finer stored interval whose candles tile the shifted buckets (one
// that divides a day and the offset: 1h for +08:00, 15m or finer for +05:45), the coarsest
// stored one, with the resampler's rules. A bucket is returned only when the store knows all
// of it (every finer candle is stored, or the missing ones lie in the stored coverage: the
// exchange had none), when it opens with a stored candle (as the exchange, no bucket opens
// before the listing or inside a maintenance gap), and once it has closed by `nowMs`; with
// `includeForming`, the bucket forming at `nowMs` ends the rows when the range reaches it, made
// of the closed finer candles and the stored partial one.
namespace ZonedKlines {

// Whether `offsetMs` east of UTC moves the boundaries of `interval`.
bool shiftsBoundaries(Interval interval, qint64 offsetMs);

// The stored interval to build `interval` in that zone from, or nothing when none is stored.
std::optional<Interval> sourceInterval(const CandleStore &store, const SeriesKey &key,
                                       qint64 offsetMs);

// The rows for a checked query, built from `source` (see sourceInterval()): selection on open
// time inclusive at both ends, the oldest `limit` from startTime, the newest otherwise.
CandleBatch select(const CandleStore &store, const SeriesKey &key, Interval source,
                   const KlinesQuery &query, qint64 nowMs, bool includeForming);

} // namespace ZonedKlines
} // namespace Candlewick
