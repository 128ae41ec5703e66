#pragma once

namespace Candlewick {

class Exchange;

namespace Demo {

// The Demo exchange ("demo"): synthetic candles, symbols and a live feed with no network. Its
// native intervals are fewer than Binance's (1m 5m 15m 1h 4h 1d): the others are built from them
// like on any exchange, and 1s is refused.
const Exchange &exchange();

} // namespace Demo
} // namespace Candlewick
