#pragma once

namespace Candlewick {

class Exchange;

namespace Binance {

// Binance Spot ("binance"): REST history and symbols, kline WebSocket streams.
const Exchange &spot();

} // namespace Binance
} // namespace Candlewick
