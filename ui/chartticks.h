#pragma once

#include <interval.h>

#include <QString>

namespace Candlewick {

// Where the chart's axes put their labels and what the labels say. Times are UTC.
namespace ChartTicks {

// A time-axis step: fixed milliseconds, or a number of calendar months.
struct TimeStep
{
    qint64 ms;
    int months;
};

// The finest step whose labels are at least `minSpacing` pixels apart at `msPerPixel` and
// that is no finer than the candles' interval.
const TimeStep &timeStep(double msPerPixel, Interval interval, double minSpacing);
// The first tick at or before `t`, aligned to the step (months to the calendar, weeks to Monday).
qint64 firstTick(const TimeStep &step, qint64 t);
qint64 nextTick(const TimeStep &step, qint64 t);
// The label of the tick at `t`; `major` is set for the start of a day, month or year.
QString tickLabel(const TimeStep &step, qint64 t, bool *major);

// A round price step (1, 2 or 5 times a power of ten) for about one label per `pixelsPerLabel`.
double priceStep(double range, double pixels, double pixelsPerLabel);
// Decimals that show every multiple of `step`.
int decimalsFor(double step);
// 1.23B, 4.56M, 12.3K or the number itself (the volume scale).
QString compactNumber(double v);

} // namespace ChartTicks
} // namespace Candlewick
