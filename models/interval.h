#pragma once

#include <QList>
#include <QString>
#include <QStringView>

#include <optional>

namespace Candlewick {

// Every Binance kline interval. 1M is a calendar month, 1w starts on Monday 00:00 UTC.
enum class Interval : quint8 {
    S1,
    M1,
    M3,
    M5,
    M15,
    M30,
    H1,
    H2,
    H4,
    H6,
    H8,
    H12,
    D1,
    D3,
    W1,
    Mon1
};

// The arithmetic below is defined for any qint64: results beyond the qint64 range saturate at its
// ends (a crafted time can never overflow).
namespace Intervals {

// All sixteen intervals, shortest first.
const QList<Interval> &all();

// Binance spelling ("1s", "1m", ..., "1w", "1M"); case-sensitive, like the exchange.
QString name(Interval interval);
std::optional<Interval> parse(QStringView text);

// Length in ms for fixed-length intervals; for 1M the length of the month that starts at openTime.
qint64 lengthAt(Interval interval, qint64 openTime);
// Nominal length in ms (1M counts as 30 days): for estimates only, never for arithmetic.
qint64 nominalMs(Interval interval);

// The open time of the candle that contains t (UTC, ms).
qint64 alignDown(Interval interval, qint64 t);
// The smallest open time >= t.
qint64 alignUp(Interval interval, qint64 t);
bool isAligned(Interval interval, qint64 t);
// The open time of the candle after the one opening at openTime.
qint64 next(Interval interval, qint64 openTime);
// Close time as Binance prints it: next open - 1 ms.
qint64 closeTime(Interval interval, qint64 openTime);
// Number of candle open times in [from, to).
qint64 countBetween(Interval interval, qint64 from, qint64 to);

} // namespace Intervals
} // namespace Candlewick
