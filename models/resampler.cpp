#include "resampler.h"
#include "durations.h"

#include <algorithm>

namespace Candlewick::Resampler {

namespace {

using Durations::DayMs;

bool bucketComplete(const Candle &last, Interval from, Interval to, qint64 bucketOpen)
{
    return Intervals::next(from, last.openTime) >= Intervals::next(to, bucketOpen);
}

} // namespace

bool canResample(Interval from, Interval to)
{
    if (from == to)
        return true;
    const qint64 a = Intervals::nominalMs(from);
    const qint64 b = Intervals::nominalMs(to);
    if (b <= a)
        return false;
    if (to == Interval::Mon1)
        return DayMs % a == 0; // months are whole days
    if (from == Interval::Mon1)
        return false;
    if (b % a != 0)
        return false;
    // Weeks start on Monday; 3-day candles count from the epoch (a Thursday): they do not fit.
    if (to == Interval::W1)
        return DayMs % a == 0;
    return true;
}

void accumulate(Candle &bucket, const Candle &next)
{
    bucket.high = std::max(bucket.high, next.high);
    bucket.low = std::min(bucket.low, next.low);
    bucket.close = next.close;
    bucket.volume += next.volume;
    bucket.quoteVolume += next.quoteVolume;
    bucket.trades += next.trades;
    bucket.takerBuyBase += next.takerBuyBase;
    bucket.takerBuyQuote += next.takerBuyQuote;
    bucket.closed = bucket.closed && next.closed;
}

Candle aggregate(const Candle *begin, const Candle *end, qint64 bucketOpen)
{
    Candle out = *begin;
    out.openTime = bucketOpen;
    for (const Candle *c = begin + 1; c != end; ++c)
        accumulate(out, *c);
    return out;
}

CandleBatch resample(const CandleBatch &base, Interval from, Interval to)
{
    if (from == to)
        return base;
    if (!canResample(from, to) || base.isEmpty())
        return {};
    CandleBatch out;
    out.reserve(base.size() * Intervals::nominalMs(from) / Intervals::nominalMs(to) + 2);
    const Candle *data = base.constData();
    const qsizetype n = base.size();
    qsizetype i = 0;
    while (i < n) {
        const qint64 bucket = Intervals::alignDown(to, data[i].openTime);
        const qint64 bucketEnd = Intervals::next(to, bucket);
        qsizetype j = i + 1;
        while (j < n && data[j].openTime < bucketEnd)
            ++j;
        out.append(aggregate(data + i, data + j, bucket));
        i = j;
    }
    Candle &last = out.last();
    if (last.closed && !bucketComplete(base.constLast(), from, to, last.openTime))
        last.closed = false;
    return out;
}

Candle lastBucket(const CandleBatch &base, Interval from, Interval to)
{
    const Candle *data = base.constData();
    const qsizetype n = base.size();
    const qint64 bucket = Intervals::alignDown(to, data[n - 1].openTime);
    qsizetype i = n - 1;
    while (i > 0 && data[i - 1].openTime >= bucket)
        --i;
    Candle out = aggregate(data + i, data + n, bucket);
    if (out.closed && !bucketComplete(data[n - 1], from, to, bucket))
        out.closed = false;
    return out;
}

} // namespace Candlewick::Resampler
