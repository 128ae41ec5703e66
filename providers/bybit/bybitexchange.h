#pragma once

#include <interval.h>

#include <QString>

namespace Candlewick {

class Exchange;

namespace Bybit {

// Bybit v5 spot ("bybit") and USDT perpetuals ("bybit-linear"): one REST API (category=spot or
// linear) and one public WebSocket per category. BTCUSDT names a market in both.
const Exchange &spot();
const Exchange &linear();

// The v5 category of an exchange described here: "spot" or "linear".
QString category(const Exchange &exchange);
// Bybit's interval parameter ("1" ... "720", "D", "W", "M"); empty when it has none.
QString intervalCode(Interval interval);

} // namespace Bybit
} // namespace Candlewick
