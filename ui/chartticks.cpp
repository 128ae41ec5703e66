#include "chartticks.h"
#include <durations.h>

#include <QDateTime>
#include <QLocale>

#include <algorithm>
#include <cmath>
#include <iterator>

namespace Candlewick::ChartTicks {

namespace {

constexpr qint64 Second = Durations::SecondMs;
constexpr qint64 Minute = Durations::MinuteMs;
constexpr qint64 Hour = Durations::HourMs;
constexpr qint64 Day = Durations::DayMs;

constexpr TimeStep TimeSteps[] = {
    {Second, 0},     {5 * Second, 0},  {15 * Second, 0}, {30 * Second, 0}, {Minute, 0},
    {5 * Minute, 0}, {15 * Minute, 0}, {30 * Minute, 0}, {Hour, 0},        {2 * Hour, 0},
    {3 * Hour, 0},   {6 * Hour, 0},    {12 * Hour, 0},   {Day, 0},         {2 * Day, 0},
    {7 * Day, 0},    {14 * Day, 0},    {0, 1},           {0, 3},           {0, 6},
    {0, 12},         {0, 24},          {0, 60},          {0, 120},
};

qint64 nominal(const TimeStep &s)
{
    return s.months ? s.months * 30 * Day : s.ms;
}

QDateTime utc(qint64 t)
{
    return QDateTime::fromMSecsSinceEpoch(t, Qt::UTC);
}

} // namespace

const TimeStep &timeStep(double msPerPixel, Interval interval, double minSpacing)
{
    for (const TimeStep &s : TimeSteps) {
        if (double(nominal(s)) / msPerPixel >= minSpacing
            && nominal(s) >= Intervals::nominalMs(interval))
            return s;
    }
    return TimeSteps[std::size(TimeSteps) - 1];
}

qint64 firstTick(const TimeStep &s, qint64 t)
{
    if (s.months) {
        const QDate d = utc(t).date();
        const int monthIndex = d.year() * 12 + d.month() - 1;
        const int aligned = monthIndex - monthIndex % s.months;
        return QDateTime(QDate(aligned / 12, aligned % 12 + 1, 1), QTime(0, 0), Qt::UTC)
            .toMSecsSinceEpoch();
    }
    if (s.ms == 7 * Day || s.ms == 14 * Day) {
        // Mondays; every other one counted from the Monday 1970-01-05 for two weeks.
        const qint64 monday = Intervals::alignDown(Interval::W1, t);
        constexpr qint64 FirstMonday = 4 * Day;
        return s.ms == 7 * Day || ((monday - FirstMonday) / (7 * Day)) % 2 == 0 ? monday
                                                                                : monday - 7 * Day;
    }
    return t - ((t % s.ms) + s.ms) % s.ms;
}

qint64 nextTick(const TimeStep &s, qint64 t)
{
    if (s.months)
        return utc(t).addMonths(s.months).toMSecsSinceEpoch();
    return t + s.ms;
}

QString tickLabel(const TimeStep &s, qint64 t, bool *major)
{
    const QDateTime dt = utc(t);
    const QLocale locale;
    const bool midnight = dt.time() == QTime(0, 0);
    const bool newYear = midnight && dt.date().month() == 1 && dt.date().day() == 1;
    *major = false;
    if (s.months) {
        *major = dt.date().month() == 1;
        return *major ? QString::number(dt.date().year()) : locale.toString(dt, u"MMM");
    }
    if (s.ms >= Day) {
        *major = newYear || dt.date().day() == 1;
        if (newYear)
            return QString::number(dt.date().year());
        return locale.toString(dt, u"d MMM");
    }
    if (midnight) {
        *major = true;
        return locale.toString(dt, u"d MMM");
    }
    return locale.toString(dt, s.ms < Minute ? u"HH:mm:ss" : u"HH:mm");
}

double priceStep(double range, double pixels, double pixelsPerLabel)
{
    const double raw = range / std::max(2.0, pixels / pixelsPerLabel);
    const double mag = std::pow(10.0, std::floor(std::log10(raw)));
    const double norm = raw / mag;
    return (norm < 1.5 ? 1 : norm < 3 ? 2 : norm < 7 ? 5 : 10) * mag;
}

int decimalsFor(double step)
{
    return std::clamp(int(-std::floor(std::log10(step))), 0, 10);
}

QString compactNumber(double v)
{
    const QLocale locale;
    const double a = std::abs(v);
    if (a >= 1e9)
        return locale.toString(v / 1e9, 'f', 2) + u'B';
    if (a >= 1e6)
        return locale.toString(v / 1e6, 'f', 2) + u'M';
    if (a >= 1e4)
        return locale.toString(v / 1e3, 'f', 1) + u'K';
    return locale.toString(v, 'f', a >= 100 ? 0 : 2);
}

} // namespace Candlewick::ChartTicks
