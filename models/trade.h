#pragma once

#include "exactdecimal.h"

#include <QList>
#include <QMetaType>
#include <QtGlobal>

namespace Candlewick {

// The side of the taker (the aggressor) of a trade. Feeds translate the exchange's convention:
// Binance's `m` (buyer is maker) true means a Sell; Coinbase's `side` names the maker's side, so
// its "BUY" is a Sell here.
enum class TradeSide : quint8 { Unknown, Buy, Sell };

// One public trade of one symbol, as an exchange's trade stream or trade history reports it.
struct Trade
{
    // Exchange time in microseconds since the epoch, UTC (Binance sends ms: multiply by 1000;
    // Coinbase sends 3 to 9 fraction digits: truncated to µs).
    qint64 timeUs = 0;
    // The exchange's trade id, unique per symbol. Binance ids are integers; Coinbase sends digits
    // as a string ("000000123" is 123). -1 when the exchange gave no id, or one that is not a
    // non-negative integer fitting in 63 bits: such trades are never deduplicated, and equal times
    // fall back to arrival order.
    qint64 id = -1;
    ExactDecimal price;
    ExactDecimal size; // base asset quantity
    TradeSide side = TradeSide::Unknown;

    friend bool operator==(const Trade &, const Trade &) = default;
};

// Trades of one symbol in the order the exchange delivered them (not necessarily by time).
using TradeBatch = QList<Trade>;

} // namespace Candlewick

Q_DECLARE_METATYPE(Candlewick::Trade)
Q_DECLARE_METATYPE(Candlewick::TradeBatch)
