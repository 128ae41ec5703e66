#pragma once

#include <candle.h>

#include <vector>

namespace Candlewick {

// The chart's level-of-detail pyramid: level 0 has one bar per candle, level k merges 2^k
// neighbouring candles into one envelope (first open, highest high, lowest low, last close,
// summed volume), so a frame draws a bounded number of bars at any zoom.
class ChartPyramid
{
public:
    struct Bar
    {
        float open;
        float high;
        float low;
        float close;
        float volume;
    };

    // Rebuilds every level from `candles`.
    void build(const CandleBatch &candles);
    // Candles from index `from` on were replaced or appended: rebuilds level 0 from there and
    // the bars above them, nothing else.
    void update(const CandleBatch &candles, qsizetype from);
    void clear() { m_levels.clear(); }

    bool isEmpty() const { return m_levels.empty(); }
    int levelCount() const { return int(m_levels.size()); }
    const std::vector<Bar> &level(int k) const { return m_levels[size_t(k)]; }
    // The level whose bars hold at most `candlesPerBar` candles (0 when a bar is one candle).
    int levelFor(double candlesPerBar) const;

private:
    static Bar toBar(const Candle &c);
    static Bar merge(const Bar &a, const Bar &b);

    std::vector<std::vector<Bar>> m_levels;
};

} // namespace Candlewick
