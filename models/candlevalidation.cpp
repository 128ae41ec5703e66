#include "candlevalidation.h"

#include "candlecodec.h"
#include "utctime.h"

#include <QCoreApplication>

#include <algorithm>

namespace Candlewick {

bool isPlausibleTime(qint64 t)
{
    return t >= EarliestCandleTime && t < LatestCandleTime;
}

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

QString candleRejection(const Candle &c, Interval interval)
{
    // First: the interval arithmetic below and in the callers expects a plausible time.
    if (QString why = openTimeRejection(c.openTime); !why.isEmpty())
        return why;
    if (!CandleCodec::allFinite(c))
        return QCoreApplication::translate("Candlewick::CandleValidation", "non-finite value at %1")
            .arg(UtcTime::format(c.openTime));
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
