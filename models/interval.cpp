#include "interval.h"
#include "durations.h"
#include "floordiv.h"

#include <QDate>

#include <array>
#include <limits>
#include <utility>

namespace Candlewick::Intervals {

namespace {

using namespace Durations;
constexpr qint64 Second = SecondMs;
constexpr qint64 Minute = MinuteMs;
constexpr qint64 Hour = HourMs;
constexpr qint64 Day = DayMs;

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

// Times are computed 128 bits wide and saturated to the qint64 range at the end, so any qint64
// input is safe (a crafted frame may carry one).
__extension__ typedef __int128 Wide;

constexpr qint64 EpochJulianDay = 2440588; // 1970-01-01

// floorDiv() 64 bits wide when a fits (the usual case: a 128-bit division is a library call).
Wide floorDivWide(Wide a, qint64 b)
{
    if (a >= std::numeric_limits<qint64>::min() && a <= std::numeric_limits<qint64>::max())
        return floorDiv(qint64(a), b);
    return floorDiv(a, Wide(b));
}

qint64 saturate(Wide t)
{
    if (t > std::numeric_limits<qint64>::max())
        return std::numeric_limits<qint64>::max();
    if (t < std::numeric_limits<qint64>::min())
        return std::numeric_limits<qint64>::min();
    return qint64(t);
}

QDate utcDate(Wide t)
{
    return QDate::fromJulianDay(qint64(floorDivWide(t, Day)) + EpochJulianDay);
}

Wide startOfMonth(QDate d)
{
    return Wide(QDate(d.year(), d.month(), 1).toJulianDay() - EpochJulianDay) * Day;
}

Wide alignDownWide(Interval interval, Wide t)
{
    if (interval == Interval::Mon1)
        return startOfMonth(utcDate(t));
    const qint64 len = info(interval).ms;
    const qint64 anchor = interval == Interval::W1 ? FirstMonday : 0;
    return anchor + floorDivWide(t - anchor, len) * len;
}

Wide nextWide(Interval interval, Wide openTime)
{
    if (interval == Interval::Mon1)
        return startOfMonth(utcDate(openTime).addMonths(1));
    return openTime + info(interval).ms;
}

// isAligned() for the interval at `index` in Table: by its length as a constant, which makes the
// remainder a multiplication once compiled, not a division (parsers check every row).
template<size_t Index> bool isAlignedTo(qint64 t)
{
    constexpr Interval interval = Table[Index].interval;
    constexpr qint64 len = Table[Index].ms;
    constexpr qint64 anchor = interval == Interval::W1 ? FirstMonday : 0;
    if constexpr (len == 0) {
        return alignDownWide(interval, t) == t;
    } else {
        qint64 offset = 0;
        if (__builtin_sub_overflow(t, anchor, &offset))
            return alignDownWide(interval, t) == t;
        return offset % len == 0;
    }
}

template<size_t... Indexes> constexpr auto makeAlignmentChecks(std::index_sequence<Indexes...>)
{
    return std::array<bool (*)(qint64), sizeof...(Indexes)>{&isAlignedTo<Indexes>...};
}
constexpr auto AlignmentChecks = makeAlignmentChecks(std::make_index_sequence<Table.size()>());

Wide alignUpWide(Interval interval, Wide t)
{
    const Wide down = alignDownWide(interval, t);
    return down == t ? t : nextWide(interval, down);
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
    const Wide down = alignDownWide(interval, openTime);
    return qint64(nextWide(interval, down) - down);
}

qint64 alignDown(Interval interval, qint64 t)
{
    return saturate(alignDownWide(interval, t));
}

bool isAligned(Interval interval, qint64 t)
{
    return AlignmentChecks[static_cast<size_t>(interval)](t);
}

qint64 alignUp(Interval interval, qint64 t)
{
    return saturate(alignUpWide(interval, t));
}

qint64 next(Interval interval, qint64 openTime)
{
    return saturate(nextWide(interval, openTime));
}

qint64 closeTime(Interval interval, qint64 openTime)
{
    return saturate(nextWide(interval, openTime) - 1);
}

qint64 countBetween(Interval interval, qint64 from, qint64 to)
{
    const Wide first = alignUpWide(interval, from);
    if (to <= first)
        return 0;
    if (interval != Interval::Mon1)
        return qint64(floorDivWide(to - first - 1, info(interval).ms) + 1);
    const QDate a = utcDate(first);
    const QDate b = utcDate(Wide(to) - 1);
    return (qint64(b.year()) - a.year()) * 12 + (b.month() - a.month()) + 1;
}

} // namespace Candlewick::Intervals
