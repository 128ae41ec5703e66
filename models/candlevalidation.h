#pragma once

#include "candle.h"
#include "interval.h"

#include <QString>

namespace Candlewick {

// Checks the OHLCV relations and the alignment of a candle. Returns an empty string when the
// candle is valid, otherwise the reason it is rejected (for logs and counters).
QString candleRejection(const Candle &candle, Interval interval);

} // namespace Candlewick
