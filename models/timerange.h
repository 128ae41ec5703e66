#pragma once

#include <QList>
#include <QtGlobal>

namespace Candlewick {

// A half-open span of time [from, to) in ms UTC.
struct TimeRange
{
    qint64 from = 0;
    qint64 to = 0;

    bool isEmpty() const { return to <= from; }
    qint64 length() const { return isEmpty() ? 0 : to - from; }
    bool contains(qint64 t) const { return t >= from && t < to; }

    friend bool operator==(const TimeRange &, const TimeRange &) = default;
};

using TimeRanges = QList<TimeRange>;

namespace TimeRangeSet {

// Sorted, non-overlapping, non-adjacent ranges: adjacent and overlapping ones are merged.
TimeRanges merged(TimeRanges ranges);
// The parts of `wanted` that no range in the (merged) `have` covers.
TimeRanges missing(const TimeRanges &have, TimeRange wanted);

} // namespace TimeRangeSet
} // namespace Candlewick
