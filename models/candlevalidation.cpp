#include "candlevalidation.h"

#include "candlecodec.h"
#include "utctime.h"

#include <QCoreApplication>

#include <algorithm>

namespace Candlewick {

namespace {

// Why `t` is outside the window; `what` names the time (translated in this file's context).
QString timeOutsideWindow(const char *what, qint64 t)
{
    if (isPlausibleTime(t))
        return {};
    return QCoreApplication::translate("Candlewick::CandleValidation",
                                       "%1 %2 outside 2009-01-01 .. 2200-01-01")
        .arg(QCoreApplication::translate("Candlewick::CandleValidation", what))
        .arg(t);
}

// What candleRejection() tells, in its order.
enum class CandleProblem {
    None,
    OpenTime,
    NonFinite,
    NonPositivePrice,
    LowAbove,
    HighBelow,
    Negative,
    NotAligned
};

// What candleProblem() tells of the values (not the open time), in its order; whether they are
// finite only when `checkFinite`.
CandleProblem valuesProblem(const Candle &c, bool checkFinite)
{
    if (checkFinite && !CandleCodec::allFinite(c))
        return CandleProblem::NonFinite;
    if (c.open <= 0 || c.high <= 0 || c.low <= 0 || c.close <= 0)
        return CandleProblem::NonPositivePrice;
    if (c.low > std::min(c.open, c.close))
        return CandleProblem::LowAbove;
    if (c.high < std::max(c.open, c.close))
        return CandleProblem::HighBelow;
    if (c.volume < 0 || c.quoteVolume < 0 || c.takerBuyBase < 0 || c.takerBuyQuote < 0
        || c.trades < 0)
        return CandleProblem::Negative;
    return CandleProblem::None;
}

CandleProblem candleProblem(const Candle &c, Interval interval)
{
    // First: the interval arithmetic below and in the callers expects a plausible time.
    if (!isPlausibleTime(c.openTime))
        return CandleProblem::OpenTime;
    if (const CandleProblem problem = valuesProblem(c, true); problem != CandleProblem::None)
        return problem;
    if (!Intervals::isAligned(interval, c.openTime))
        return CandleProblem::NotAligned;
    return CandleProblem::None;
}

} // namespace

QString openTimeRejection(qint64 openTime)
{
    return timeOutsideWindow(QT_TRANSLATE_NOOP("Candlewick::CandleValidation", "open time"),
                             openTime);
}

QString rowTimesRejection(qint64 openTime, qint64 closeTime)
{
    if (QString why = openTimeRejection(openTime); !why.isEmpty())
        return why;
    return timeOutsideWindow(QT_TRANSLATE_NOOP("Candlewick::CandleValidation", "close time"),
                             closeTime);
}

bool isValidCandle(const Candle &candle, Interval interval)
{
    return candleProblem(candle, interval) == CandleProblem::None;
}

bool hasValidValues(const Candle &candle, bool checkFinite)
{
    return valuesProblem(candle, checkFinite) == CandleProblem::None;
}

QString candleRejection(const Candle &c, Interval interval)
{
    switch (candleProblem(c, interval)) {
    case CandleProblem::None:
        return {};
    case CandleProblem::OpenTime:
        return openTimeRejection(c.openTime);
    case CandleProblem::NonFinite:
        return QCoreApplication::translate("Candlewick::CandleValidation", "non-finite value at %1")
            .arg(UtcTime::format(c.openTime));
    case CandleProblem::NonPositivePrice:
        return QCoreApplication::translate("Candlewick::CandleValidation",
                                           "non-positive price at %1")
            .arg(UtcTime::format(c.openTime));
    case CandleProblem::LowAbove:
        return QCoreApplication::translate("Candlewick::CandleValidation",
                                           "low above open/close at %1")
            .arg(UtcTime::format(c.openTime));
    case CandleProblem::HighBelow:
        return QCoreApplication::translate("Candlewick::CandleValidation",
                                           "high below open/close at %1")
            .arg(UtcTime::format(c.openTime));
    case CandleProblem::Negative:
        return QCoreApplication::translate("Candlewick::CandleValidation",
                                           "negative volume or trade count at %1")
            .arg(UtcTime::format(c.openTime));
    case CandleProblem::NotAligned:
        return QCoreApplication::translate("Candlewick::CandleValidation",
                                           "open time %1 not aligned to %2")
            .arg(UtcTime::format(c.openTime), Intervals::name(interval));
    }
    return {};
}

} // namespace Candlewick
