#include "candlevalidation.h"

#include "utctime.h"

#include <QCoreApplication>

#include <cmath>

namespace Candlewick {

bool isPlausibleTime(qint64 t)
{
    return t >= EarliestCandleTime && t < LatestCandleTime;
}

QString timeRejection(const char *what, qint64 t)
{
    if (isPlausibleTime(t))
        return {};
    return QCoreApplication::translate("Candlewick::CandleValidation",
                                       "%1 %2 outside 2009-01-01 .. 2200-01-01")
        .arg(QCoreApplication::translate("Candlewick::CandleValidation", what))
        .arg(t);
}

QString candleRejection(const Candle &c, Interval interval)
{
    // First: the interval arithmetic below and in the callers expects a plausible time.
    if (QString why
        = timeRejection(QT_TRANSLATE_NOOP("Candlewick::CandleValidation", "open time"), c.openTime);
        !why.isEmpty())
        return why;
    const double values[] = {c.open,   c.high,        c.low,          c.close,
                             c.volume, c.quoteVolume, c.takerBuyBase, c.takerBuyQuote};
    for (double v : values) {
        if (!std::isfinite(v))
            return QCoreApplication::translate("Candlewick::CandleValidation",
                                               "non-finite value at %1")
                .arg(UtcTime::format(c.openTime));
    }
    if (c.open <= 0 || c.high <= 0 || c.low <= 0 || c.close <= 0)
        return QCoreApplication::translate("Candlewick::CandleValidation",
                                           "non-positive price at %1")
            .arg(UtcTime::format(c.openTime));
    if (c.low > std::min(c.open, c.close))
        return QCoreApplication::translate("Candlewick::CandleValidation",
                                           "low above open/close at %1")
            .arg(UtcTime::format(c.openTime));
    if (c.high < std::max(c.open, c.close))
        return QCoreApplication::translate("Candlewick::CandleValidation",
                                           "high below open/close at %1")
            .arg(UtcTime::format(c.openTime));
    if (c.volume < 0 || c.quoteVolume < 0 || c.takerBuyBase < 0 || c.takerBuyQuote < 0
        || c.trades < 0)
        return QCoreApplication::translate("Candlewick::CandleValidation",
                                           "negative volume or trade count at %1")
            .arg(UtcTime::format(c.openTime));
    if (!Intervals::isAligned(interval, c.openTime))
        return QCoreApplication::translate("Candlewick::CandleValidation",
                                           "open time %1 not aligned to %2")
            .arg(UtcTime::format(c.openTime), Intervals::name(interval));
    return {};
}

} // namespace Candlewick
