#include "interval.h"

#include <QDate>
#include <QDateTime>

#include <array>

namespace Candlewick::Intervals {

namespace {

constexpr qint64 Second = 1000;
constexpr qint64 Minute = 60 * Second;
constexpr qint64 Hour = 60 * Minute;
constexpr qint64 Day = 24 * Hour;

struct IntervalInfo
{
    Interval interval;
    const char *name;
    qint64 ms; // 0 for the calendar month
};

constexpr std::array<IntervalInfo, 16> Table{{
    {Interval::S1, "1s", Second},
    {Interval::M1, "1m", Minute},
    {Interval::M3, "3m", 3 * Minute},
    {Interval::M5, "5m", 5 * Minute},
    {Interval::M15, "15m", 15 * Minute},
    {Interval::M30, "30m", 30 * Minute},
    {Interval::H1, "1h", Hour},
    {Interval::H2, "2h", 2 * Hour},
    {Interval::H4, "4h", 4 * Hour},
    {Interval::H6, "6h", 6 * Hour},
    {Interval::H8, "8h", 8 * Hour},
    {Interval::H12, "12h", 12 * Hour},
    {Interval::D1, "1d", Day},
    {Interval::D3, "3d", 3 * Day},
    {Interval::W1, "1w", 7 * Day},
    {Interval::Mon1, "1M", 0},
}};

const IntervalInfo &info(Interval interval)
{
    return Table[static_cast<size_t>(interval)];
}

// 1970-01-01 was a Thursday; Monday 1970-01-05 00:00 UTC anchors the weeks.
constexpr qint64 FirstMonday = 4 * Day;

qint64 floorDiv(qint64 a, qint64 b)
{
    qint64 q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0)))
        --q;
    return q;
}

QDate utcDate(qint64 t)
{
    return QDateTime::fromMSecsSinceEpoch(t, Qt::UTC).date();
}

qint64 startOfMonth(QDate d)
{
    return QDateTime(QDate(d.year(), d.month(), 1), QTime(0, 0), Qt::UTC).toMSecsSinceEpoch();
}

} // namespace

const QList<Interval> &all()
{
    static const QList<Interval> list = [] {
        QList<Interval> l;
        for (const auto &i : Table)
            l.append(i.interval);
        return l;
    }();
    return list;
}

QString name(Interval interval)
{
    return QString::fromLatin1(info(interval).name);
}

std::optional<Interval> parse(QStringView text)
{
    for (const auto &i : Table) {
        if (text == QLatin1StringView(i.name))
            return i.interval;
    }
    return std::nullopt;
}

qint64 nominalMs(Interval interval)
{
    return interval == Interval::Mon1 ? 30 * Day : info(interval).ms;
}

qint64 lengthAt(Interval interval, qint64 openTime)
{
    if (interval != Interval::Mon1)
        return info(interval).ms;
    return next(interval, openTime) - alignDown(interval, openTime);
}

qint64 alignDown(Interval interval, qint64 t)
{
    if (interval == Interval::Mon1)
        return startOfMonth(utcDate(t));
    const qint64 len = info(interval).ms;
    const qint64 anchor = interval == Interval::W1 ? FirstMonday : 0;
    return anchor + floorDiv(t - anchor, len) * len;
}

bool isAligned(Interval interval, qint64 t)
{
    return alignDown(interval, t) == t;
}

qint64 alignUp(Interval interval, qint64 t)
{
    const qint64 down = alignDown(interval, t);
    return down == t ? t : next(interval, down);
}

qint64 next(Interval interval, qint64 openTime)
{
    if (interval == Interval::Mon1)
        return startOfMonth(utcDate(openTime).addMonths(1));
    return openTime + info(interval).ms;
}

qint64 closeTime(Interval interval, qint64 openTime)
{
    return next(interval, openTime) - 1;
}

qint64 countBetween(Interval interval, qint64 from, qint64 to)
{
    const qint64 first = alignUp(interval, from);
    if (to <= first)
        return 0;
    if (interval != Interval::Mon1)
        return (to - first - 1) / info(interval).ms + 1; // no overflow near INT64_MAX
    const QDate a = utcDate(first);
    const QDate b = utcDate(to - 1);
    return (b.year() - a.year()) * 12 + (b.month() - a.month()) + 1;
}

} // namespace Candlewick::Intervals
