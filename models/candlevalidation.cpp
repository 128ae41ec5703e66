#include "candlevalidation.h"

#include <cmath>

namespace Candlewick {

QString candleRejection(const Candle &c, Interval interval)
{
    const double values[] = {c.open,   c.high,        c.low,          c.close,
                             c.volume, c.quoteVolume, c.takerBuyBase, c.takerBuyQuote};
    for (double v : values) {
        if (!std::isfinite(v))
            return QStringLiteral("non-finite value at %1").arg(c.openTime);
    }
    if (c.open <= 0 || c.high <= 0 || c.low <= 0 || c.close <= 0)
        return QStringLiteral("non-positive price at %1").arg(c.openTime);
    if (c.low > std::min(c.open, c.close))
        return QStringLiteral("low above open/close at %1").arg(c.openTime);
    if (c.high < std::max(c.open, c.close))
        return QStringLiteral("high below open/close at %1").arg(c.openTime);
    if (c.volume < 0 || c.quoteVolume < 0 || c.takerBuyBase < 0 || c.takerBuyQuote < 0
        || c.trades < 0)
        return QStringLiteral("negative volume or trade count at %1").arg(c.openTime);
    if (!Intervals::isAligned(interval, c.openTime))
        return QStringLiteral("open time %1 not aligned to %2")
            .arg(c.openTime)
            .arg(Intervals::name(interval));
    return {};
}

} // namespace Candlewick
