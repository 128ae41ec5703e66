#pragma once

#include <interval.h>

#include <QString>

namespace Candlewick {

class Exchange;

namespace Okx {

// OKX v5 ("okx"): spot pairs (BTC-USDT, unified BTC/USDT) and perpetual swaps (BTC-USDT-SWAP,
// unified BTC/USDT:USDT) in one exchange, REST history and instruments (providers/okx/).
const Exchange &exchange();

// The OKX `bar` of a native interval, always UTC-aligned ("1m", "1H", "6Hutc", "1Dutc",
// "1Mutc"); empty for intervals that are built (8h from 4h; 3d and 1w from 1d, because the
// anchors of OKX's 3Dutc and 1Wutc are not documented) or refused (1s: history-candles keeps
// only the last three months of it).
QString barName(Interval interval);

} // namespace Okx
} // namespace Candlewick
