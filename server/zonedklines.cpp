#include "zonedklines.h"

#include "klinesquery.h"

#include <candlestore.h>
#include <resampler.h>

#include <algorithm>

namespace Candlewick::ZonedKlines {

namespace {

constexpr qint64 DayMs = 24 * 60 * 60 * 1000;
// Finer candles read at once: the buckets are built window by window.
constexpr qint64 WindowSourceCandles = 100'000;

// Interval arithmetic with boundaries in the zone (times stay UTC).
qint64 zoneAlignDown(Interval interval, qint64 t, qint64 offset)
{
    return Intervals::alignDown(interval, t + offset) - offset;
}

qint64 zoneNext(Interval interval, qint64 open, qint64 offset)
{
    return Intervals::next(interval, open + offset) - offset;
}

// The buckets of key.interval (zone boundaries) that `base` (finer candles of `source`,
// ascending, closed before `closedUntil`, then possibly the one forming there) knows
// completely.
CandleBatch foldBuckets(const CandleStore &store, const SeriesKey &key, Interval source,
                        qint64 offset, const CandleBatch &base, qint64 closedUntil)
{
    CandleBatch out;
    std::optional<TimeRanges> coverage;
    const Candle *data = base.constData();
    const qsizetype n = base.size();
    for (qsizetype i = 0; i < n;) {
        const qint64 bucket = zoneAlignDown(key.interval, data[i].openTime, offset);
        const qint64 bucketEnd = zoneNext(key.interval, bucket, offset);
        const qint64 closedEnd = std::min(bucketEnd, closedUntil);
        qsizetype j = i + 1;
        qsizetype closed = data[i].openTime < closedUntil ? 1 : 0;
        for (; j < n && data[j].openTime < bucketEnd; ++j)
            closed += data[j].openTime < closedUntil ? 1 : 0;
        // As the exchange: no bucket opens before the listing or inside a maintenance gap.
        const bool opens = data[i].openTime == bucket;
        bool known = opens && closed == Intervals::countBetween(source, bucket, closedEnd);
        if (!known && opens) {
            if (!coverage)
                coverage = store.coverage({key.exchange, key.symbol, source});
            known = TimeRangeSet::missing(*coverage, {bucket, closedEnd}).isEmpty();
        }
        if (known)
            out.append(Resampler::aggregate(data + i, data + j, bucket));
        i = j;
    }
    return out;
}

// The closed buckets opening in [from, to) (zone boundaries).
CandleBatch closedBuckets(const CandleStore &store, const SeriesKey &key, Interval source,
                          qint64 offset, qint64 from, qint64 to)
{
    const CandleBatch base = store.read({key.exchange, key.symbol, source}, {from, to});
    return foldBuckets(store, key, source, offset, base, to);
}

// The bucket forming at nowMs (opening at `open`), from the closed finer candles and the
// finer one forming now.
std::optional<Candle> formingBucket(const CandleStore &store, const SeriesKey &key, Interval source,
                                    qint64 offset, qint64 open, qint64 nowMs)
{
    const SeriesKey sourceKey{key.exchange, key.symbol, source};
    const qint64 sourceNow = Intervals::alignDown(source, nowMs);
    CandleBatch base = store.read(sourceKey, {open, sourceNow});
    if (const std::optional<Candle> partial = store.partial(sourceKey);
        partial && partial->openTime == sourceNow)
        base.append(*partial);
    const CandleBatch bucket = foldBuckets(store, key, source, offset, base, sourceNow);
    if (bucket.isEmpty())
        return std::nullopt;
    Candle forming = bucket.first();
    forming.closed = false;
    return forming;
}

// A window of buckets from `from` holding about WindowSourceCandles finer candles.
qint64 windowEnd(const SeriesKey &key, Interval source, qint64 offset, qint64 from)
{
    const qint64 buckets = std::max<qint64>(
        1, WindowSourceCandles * Intervals::nominalMs(source) / Intervals::nominalMs(key.interval));
    const qint64 end
        = zoneAlignDown(key.interval, from + buckets * Intervals::nominalMs(key.interval), offset);
    return end > from ? end : zoneNext(key.interval, from, offset);
}

} // namespace

bool shiftsBoundaries(Interval interval, qint64 offsetMs)
{
    if (offsetMs == 0)
        return false;
    return interval == Interval::W1 || interval == Interval::Mon1
        || offsetMs % Intervals::nominalMs(interval) != 0;
}

std::optional<Interval> sourceInterval(const CandleStore &store, const SeriesKey &key,
                                       qint64 offsetMs)
{
    const bool calendar = key.interval == Interval::W1 || key.interval == Interval::Mon1;
    std::optional<Interval> best;
    for (const SeriesInfo &s : store.seriesList()) {
        if (s.key.exchange != key.exchange || s.key.symbol != key.symbol || s.candleCount <= 0)
            continue;
        const qint64 ms = Intervals::nominalMs(s.key.interval);
        const bool tiles = ms < DayMs && DayMs % ms == 0 && offsetMs % ms == 0
            && (calendar || Intervals::nominalMs(key.interval) % ms == 0);
        if (tiles && (!best || ms > Intervals::nominalMs(*best)))
            best = s.key.interval;
    }
    return best;
}

CandleBatch select(const CandleStore &store, const SeriesKey &key, Interval source,
                   const KlinesQuery &query, qint64 nowMs, bool includeForming)
{
    const qint64 offset = query.timeZoneMs;
    const SeriesKey sourceKey{key.exchange, key.symbol, source};
    // Buckets that have closed by now and open at or before endTime (both clamped to now, so
    // no arithmetic runs near the ends of qint64).
    const qint64 closedEnd = zoneAlignDown(key.interval, nowMs, offset);
    const qint64 endIncl = std::min(query.endMs.value_or(nowMs), nowMs);
    const qint64 to = std::min(
        closedEnd, zoneNext(key.interval, zoneAlignDown(key.interval, endIncl, offset), offset));
    const qint64 startMs = std::min(query.startMs.value_or(0), nowMs);
    const qint64 first = Intervals::alignUp(key.interval, startMs + offset) - offset;
    // The forming bucket, as the exchange ends with it when the range reaches it.
    std::optional<Candle> forming;
    if (includeForming && closedEnd <= endIncl && closedEnd >= first)
        forming = formingBucket(store, key, source, offset, closedEnd, nowMs);
    const TimeRange stored = store.storedSpan(sourceKey, {0, to});
    const qint64 lowest
        = stored.isEmpty() ? to : std::max(zoneAlignDown(key.interval, stored.from, offset), first);
    CandleBatch rows;
    if (query.startMs) {
        for (qint64 from = lowest; from < to && rows.size() < query.limit;) {
            const qint64 end = std::min(to, windowEnd(key, source, offset, from));
            rows += closedBuckets(store, key, source, offset, from, end);
            from = end;
        }
        if (forming && rows.size() < query.limit)
            rows.append(*forming);
        if (rows.size() > query.limit)
            rows.resize(query.limit);
        return rows;
    }
    // The newest: windows back from `to`, each put in front of the later ones.
    for (qint64 end = to; end > lowest && rows.size() < query.limit;) {
        const qint64 span = windowEnd(key, source, offset, lowest) - lowest;
        const qint64 from = std::max(lowest, zoneAlignDown(key.interval, end - span, offset));
        rows = closedBuckets(store, key, source, offset, from, end) + rows;
        end = from;
    }
    if (forming)
        rows.append(*forming);
    if (rows.size() > query.limit)
        rows.remove(0, rows.size() - query.limit);
    return rows;
}

} // namespace Candlewick::ZonedKlines
