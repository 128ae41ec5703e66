#include "chartpyramid.h"

#include <algorithm>
#include <cmath>

namespace Candlewick {

ChartPyramid::Bar ChartPyramid::toBar(const Candle &c)
{
    return {float(c.open), float(c.high), float(c.low), float(c.close), float(c.volume)};
}

ChartPyramid::Bar ChartPyramid::merge(const Bar &a, const Bar &b)
{
    return {a.open, std::max(a.high, b.high), std::min(a.low, b.low), b.close, a.volume + b.volume};
}

void ChartPyramid::build(const CandleBatch &candles)
{
    m_levels.clear();
    std::vector<Bar> base;
    base.reserve(size_t(candles.size()));
    for (const Candle &c : candles)
        base.push_back(toBar(c));
    m_levels.push_back(std::move(base));
    while (m_levels.back().size() > 1) {
        const std::vector<Bar> &prev = m_levels.back();
        std::vector<Bar> next;
        next.reserve((prev.size() + 1) / 2);
        for (size_t i = 0; i + 1 < prev.size(); i += 2)
            next.push_back(merge(prev[i], prev[i + 1]));
        if (prev.size() % 2)
            next.push_back(prev.back());
        m_levels.push_back(std::move(next));
    }
}

void ChartPyramid::update(const CandleBatch &candles, qsizetype from)
{
    if (m_levels.empty() || from <= 0) {
        build(candles);
        return;
    }
    std::vector<Bar> &base = m_levels[0];
    base.resize(size_t(from));
    for (qsizetype i = from; i < candles.size(); ++i)
        base.push_back(toBar(candles.at(i)));
    size_t changed = size_t(from);
    for (size_t level = 1; m_levels[level - 1].size() > 1; ++level) {
        if (level == m_levels.size())
            m_levels.emplace_back(); // before taking references into m_levels
        const std::vector<Bar> &prev = m_levels[level - 1];
        std::vector<Bar> &cur = m_levels[level];
        changed /= 2;
        cur.resize((prev.size() + 1) / 2);
        for (size_t j = changed; j < cur.size(); ++j)
            cur[j] = 2 * j + 1 < prev.size() ? merge(prev[2 * j], prev[2 * j + 1]) : prev[2 * j];
    }
}

int ChartPyramid::levelFor(double candlesPerBar) const
{
    if (m_levels.empty() || candlesPerBar <= 1)
        return 0;
    const int level = int(std::floor(std::log2(candlesPerBar)));
    return std::clamp(level, 0, int(m_levels.size()) - 1);
}

} // namespace Candlewick
