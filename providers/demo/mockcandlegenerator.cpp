#include "mockcandlegenerator.h"

#include <interval.h>

#include <algorithm>
#include <cmath>

namespace Candlewick {

namespace {

quint64 mix(quint64 x)
{
    // splitmix64 finaliser
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

quint64 mix2(quint64 a, quint64 b)
{
    return mix(a ^ mix(b));
}

// Uniform in [0, 1).
double unit(quint64 h)
{
    return static_cast<double>(h >> 11) * (1.0 / 9007199254740992.0);
}

constexpr int FirstOctave = 6; // 64 s
constexpr int LastOctave = 25; // ~1 year
constexpr double MinuteVol = 0.0012; // log-price amplitude of the 64 s octave

// To the nearest multiple of `tick` (a power of ten), as the nearest double of that decimal, as
// a parsed exchange price is (round(v / tick) * tick gives 4713.400000000001 for 4713.4).
double roundTo(double v, double tick)
{
    if (tick >= 1)
        return std::round(v / tick) * tick;
    const double perUnit = std::round(1 / tick);
    return std::round(v * perUnit) / perUnit;
}

} // namespace

struct MockCandleGenerator::Shape
{
    double open;
    double close;
    double high;
    double low;
};

MockCandleGenerator::MockCandleGenerator(quint64 seed)
    : m_seed(seed)
{
}

quint64 MockCandleGenerator::symbolSeed(const QString &symbol) const
{
    quint64 h = 1469598103934665603ULL; // FNV-1a over UTF-16: stable across Qt versions
    for (QChar c : symbol) {
        h ^= c.unicode();
        h *= 1099511628211ULL;
    }
    return mix2(m_seed, h);
}

double MockCandleGenerator::priceAt(const QString &symbol, qint64 t) const
{
    const quint64 s = symbolSeed(symbol);
    // Base price between 0.5 and 50,000, log-uniform, per symbol.
    const double base
        = std::exp(std::log(0.5) + unit(mix2(s, 1)) * (std::log(50000.0) - std::log(0.5)));
    const double seconds = static_cast<double>(t) / 1000.0;
    double logPrice = 0;
    for (int octave = FirstOctave; octave <= LastOctave; ++octave) {
        const double period = std::ldexp(1.0, octave);
        const double x = seconds / period;
        const double cell = std::floor(x);
        const double f = x - cell;
        const auto i = static_cast<qint64>(cell);
        const quint64 os = mix2(s, static_cast<quint64>(octave) + 100);
        const double a = unit(mix2(os, static_cast<quint64>(i))) * 2 - 1;
        const double b = unit(mix2(os, static_cast<quint64>(i + 1))) * 2 - 1;
        const double smooth = f * f * (3 - 2 * f);
        const double amp = MinuteVol * std::sqrt(std::ldexp(1.0, octave - FirstOctave));
        logPrice += amp * (a + (b - a) * smooth);
    }
    // Per-second jitter so that 1s candles move as well.
    logPrice
        += MinuteVol * 0.15 * (unit(mix2(s, static_cast<quint64>(std::floor(seconds)))) * 2 - 1);
    logPrice = std::clamp(logPrice, -3.0, 3.0);
    const double price = base * std::exp(logPrice);
    const double tick = std::pow(10.0, std::floor(std::log10(base)) - 4);
    return std::max(tick, roundTo(price, tick));
}

MockCandleGenerator::Shape MockCandleGenerator::shape(const SeriesKey &key, qint64 openTime,
                                                      int steps) const
{
    const qint64 len = Intervals::lengthAt(key.interval, openTime);
    Shape sh;
    sh.open = priceAt(key.symbol, openTime);
    const qint64 end = openTime + len * steps / UpdatesPerCandle;
    sh.close = priceAt(key.symbol, end);
    double hi = std::max(sh.open, sh.close);
    double lo = std::min(sh.open, sh.close);
    for (int k = 1; k < steps; ++k) {
        const double p = priceAt(key.symbol, openTime + len * k / UpdatesPerCandle);
        hi = std::max(hi, p);
        lo = std::min(lo, p);
    }
    const quint64 h
        = mix2(symbolSeed(key.symbol),
               mix2(static_cast<quint64>(key.interval), static_cast<quint64>(openTime)));
    const double scale = MinuteVol * std::sqrt(static_cast<double>(len) / 60000.0);
    const double fraction = static_cast<double>(steps) / UpdatesPerCandle;
    const double up = scale * unit(mix2(h, 1)) * fraction;
    const double down = scale * unit(mix2(h, 2)) * fraction;
    const double tick = std::pow(10.0, std::floor(std::log10(std::max(sh.open, 1e-9))) - 4);
    sh.high = std::max(hi, roundTo(hi * (1 + up), tick));
    sh.low = std::min(lo, roundTo(lo * (1 - down), tick));
    if (sh.low <= 0)
        sh.low = lo;
    return sh;
}

Candle MockCandleGenerator::candleAt(const SeriesKey &key, qint64 openTime) const
{
    const Shape sh = shape(key, openTime, UpdatesPerCandle);
    const qint64 len = Intervals::lengthAt(key.interval, openTime);
    const quint64 h
        = mix2(symbolSeed(key.symbol),
               mix2(static_cast<quint64>(key.interval) + 50, static_cast<quint64>(openTime)));
    Candle c;
    c.openTime = openTime;
    c.open = sh.open;
    c.high = sh.high;
    c.low = sh.low;
    c.close = sh.close;
    // Roughly $50k of turnover a minute, scaled by length, never zero.
    const double typical = (sh.open + sh.high + sh.low + sh.close) / 4;
    const double minutes = static_cast<double>(len) / 60000.0;
    c.volume
        = std::round((50000.0 / typical) * minutes * (0.3 + 1.4 * unit(mix2(h, 3))) * 1e6) / 1e6;
    if (c.volume <= 0)
        c.volume = 1e-6;
    // Quantities in whole 10^-6, quote amounts in whole 10^-8, as an exchange serves them.
    c.quoteVolume = roundTo(c.volume * typical, 1e-8);
    c.trades = std::max<qint64>(1, static_cast<qint64>(minutes * (20 + 200 * unit(mix2(h, 4)))));
    c.takerBuyBase = roundTo(c.volume * (0.3 + 0.4 * unit(mix2(h, 5))), 1e-6);
    c.takerBuyQuote = roundTo(c.takerBuyBase * typical, 1e-8);
    c.closed = true;
    return c;
}

Candle MockCandleGenerator::partialAt(const SeriesKey &key, qint64 openTime, int step) const
{
    step = std::clamp(step, 1, UpdatesPerCandle);
    Candle c = candleAt(key, openTime);
    if (step == UpdatesPerCandle)
        return c;
    const Shape sh = shape(key, openTime, step);
    const double fraction = static_cast<double>(step) / UpdatesPerCandle;
    c.high = std::min(sh.high, c.high);
    c.low = std::max(sh.low, c.low);
    c.close = sh.close;
    c.high = std::max({c.high, c.open, c.close});
    c.low = std::min({c.low, c.open, c.close});
    c.volume *= fraction;
    c.quoteVolume *= fraction;
    c.takerBuyBase *= fraction;
    c.takerBuyQuote *= fraction;
    c.trades = std::max<qint64>(1, static_cast<qint64>(static_cast<double>(c.trades) * fraction));
    c.closed = false;
    return c;
}

CandleBatch MockCandleGenerator::range(const SeriesKey &key, qint64 fromMs, qint64 toMs,
                                       qsizetype maxCount) const
{
    CandleBatch out;
    if (toMs <= fromMs)
        return out;
    const qint64 count = Intervals::countBetween(key.interval, fromMs, toMs);
    out.reserve(maxCount >= 0 ? std::min<qint64>(count, maxCount) : count);
    for (qint64 t = Intervals::alignUp(key.interval, fromMs); t < toMs;
         t = Intervals::next(key.interval, t)) {
        if (maxCount >= 0 && out.size() >= maxCount)
            break;
        out.append(candleAt(key, t));
    }
    return out;
}

} // namespace Candlewick
