#pragma once

#include <interval.h>

#include <QString>

namespace Candlewick {

class Exchange;

namespace Coinbase {

// Coinbase Advanced Trade spot ("coinbase"): products BTC-USD, ETH-USD, ... (unified BTC/USD), the
// public market-data REST API and the public WebSocket (live candles built from market_trades).
const Exchange &exchange();

// Coinbase's granularity name ("ONE_MINUTE" ... "ONE_DAY"); empty when it has none.
QString granularity(Interval interval);

} // namespace Coinbase
} // namespace Candlewick
