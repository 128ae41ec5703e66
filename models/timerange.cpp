#include "timerange.h"

#include <algorithm>

namespace Candlewick::TimeRangeSet {

TimeRanges merged(TimeRanges ranges)
{
    ranges.removeIf([](const TimeRange &r) { return r.isEmpty(); });
    std::sort(ranges.begin(), ranges.end(),
              [](const TimeRange &a, const TimeRange &b) { return a.from < b.from; });
    TimeRanges out;
    for (const TimeRange &r : ranges) {
        if (!out.isEmpty() && r.from <= out.last().to)
            out.last().to = std::max(out.last().to, r.to);
        else
            out.append(r);
    }
    return out;
}

TimeRanges missing(const TimeRanges &have, TimeRange wanted)
{
    TimeRanges out;
    qint64 cursor = wanted.from;
    for (const TimeRange &r : merged(have)) {
        if (r.to <= cursor)
            continue;
        if (r.from >= wanted.to)
            break;
        if (r.from > cursor)
            out.append({cursor, r.from});
        cursor = std::max(cursor, r.to);
    }
    if (cursor < wanted.to)
        out.append({cursor, wanted.to});
    return out;
}

} // namespace Candlewick::TimeRangeSet
