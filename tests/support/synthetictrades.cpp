#include "synthetictrades.h"

#include <algorithm>
#include <cmath>

namespace Candlewick::Testing {

TradeBatch syntheticTrades(const Candle &candle, qint64 lengthMs, qint64 firstId)
{
    const auto units = [](double v) { return std::llround(v * 1e8); };
    const qint64 volume = units(candle.volume);
    if (volume <= 0 || lengthMs <= 0)
        return {};
    // The price path: open, high, low, close, without repeating a price in a row.
    QList<qint64> path;
    for (double p : {candle.open, candle.high, candle.low, candle.close}) {
        if (path.isEmpty() || path.last() != units(p))
            path.append(units(p));
    }
    qint64 count = std::max<qint64>(candle.trades, path.size());
    count = std::min({count, lengthMs - 1, volume});
    if (count < path.size())
        return {}; // no room for the path: too short a candle or too small a volume
    TradeBatch trades;
    trades.reserve(count);
    qint64 left = volume;
    for (qint64 i = 0; i < count; ++i) {
        // Inner trades repeat the high (the path's second price) between its ends.
        const qint64 price = i == 0 ? path.first()
            : i == count - 1        ? path.last()
            : i < path.size() - 1   ? path[i]
                                    : path[std::min<qsizetype>(1, path.size() - 1)];
        const qint64 size = i == count - 1 ? left : volume / count;
        left -= size;
        Trade t;
        t.timeUs = (candle.openTime + (i + 1) * (lengthMs - 1) / count) * 1000;
        t.id = firstId + i;
        t.price = {price, 8};
        t.size = {size, 8};
        t.side = i % 2 == 0 ? TradeSide::Buy : TradeSide::Sell;
        trades.append(t);
    }
    return trades;
}

} // namespace Candlewick::Testing
