#pragma once

#include "serieskey.h"
#include "timerange.h"

namespace Candlewick {

// What the store holds for one series: for the coverage command and the local data dock.
struct SeriesInfo
{
    SeriesKey key;
    qint64 candleCount = 0;
    qint64 firstOpen = 0; // open time of the oldest stored candle (0 when none)
    qint64 lastOpen = 0; // open time of the newest stored candle (0 when none)
    TimeRanges coverage; // ranges known complete
    // Candle open times inside the covered span (first covered -> last covered) that are not
    // covered.
    qint64 missingCandles = 0;
};

} // namespace Candlewick
