#pragma once

#include <QtGlobal>

namespace Candlewick::Durations {

// The one definition of the millisecond lengths the program counts in.
inline constexpr qint64 SecondMs = 1000;
inline constexpr qint64 MinuteMs = 60 * SecondMs;
inline constexpr qint64 HourMs = 60 * MinuteMs;
inline constexpr qint64 DayMs = 24 * HourMs;
inline constexpr qint64 WeekMs = 7 * DayMs;

} // namespace Candlewick::Durations
