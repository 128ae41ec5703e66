#include "syntheticmarket.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

namespace Candlewick::Testing {

namespace {

constexpr qint64 MinuteMs = 60 * 1000;
constexpr qint64 DayMs = 24 * 60 * MinuteMs;

quint64 mix(quint64 x)
{
    // splitmix64 finaliser
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

quint64 hashOf(quint64 a, quint64 b, quint64 c = 0)
{
    return mix(a ^ mix(b ^ mix(c)));
}

// Uniform in [0, 1).
double unit(quint64 h)
{
    return static_cast<double>(h >> 11) * (1.0 / 9007199254740992.0);
}

quint64 stringSeed(const QString &s)
{
    quint64 h = 1469598103934665603ULL; // FNV-1a
    for (QChar c : s) {
        h ^= c.unicode();
        h *= 1099511628211ULL;
    }
    return mix(h);
}

struct Octave
{
    double lengthMs;
    double amplitude;
};

constexpr std::array<Octave, SyntheticMarket::PriceOctaves> Octaves{{
    {30.0 * DayMs, 0.30},
    {5.0 * DayMs, 0.12},
    {1.0 * DayMs, 0.05},
    {4.0 * 60 * MinuteMs, 0.025},
    {60.0 * MinuteMs, 0.012},
    {10.0 * MinuteMs, 0.005},
    {1.0 * MinuteMs, 0.002},
    {10.0 * 1000, 0.0008},
}};

// A lattice point of the smooth value noise: in [-1, 1].
double latticeValue(quint64 seed, quint64 i)
{
    return unit(mix(seed ^ (i * 0xd6e8feb86659fd93ULL))) * 2.0 - 1.0;
}

struct IntervalScale
{
    double sigma; // spread of high/low around the body, as a fraction of price
    double quoteScale; // typical quote volume of a candle
};

const IntervalScale &scaleOf(Interval interval)
{
    static const std::array<IntervalScale, 16> table = [] {
        std::array<IntervalScale, 16> t{};
        for (Interval i : Intervals::all()) {
            const double m = static_cast<double>(Intervals::nominalMs(i)) / MinuteMs;
            t[static_cast<size_t>(i)]
                = {0.0006 * std::sqrt(m), 1000.0 * (m >= 1.0 ? std::pow(m, 0.8) : m)};
        }
        return t;
    }();
    return table[static_cast<size_t>(interval)];
}

qint64 toUnits(double v)
{
    return std::llround(v * 1e8);
}

} // namespace

void SyntheticMarket::addSymbol(const QString &symbol, const QString &base, const QString &quote,
                                qint64 listedFromMs, const QString &status)
{
    Symbol s;
    s.symbol = symbol;
    s.base = base;
    s.quote = quote;
    s.status = status;
    s.listedFromMs = listedFromMs;
    s.seed = stringSeed(symbol);
    s.basePrice = std::pow(10.0, 1.0 + 3.5 * unit(hashOf(s.seed, 1)));
    const int digits = static_cast<int>(std::floor(std::log10(s.basePrice)));
    s.tickUnits = static_cast<qint64>(std::pow(10.0, std::max(0, digits - 6 + 8)) + 0.5);
    if (const auto known = m_index.constFind(symbol); known != m_index.constEnd()) {
        m_symbols[*known] = s;
        return;
    }
    m_index.insert(symbol, m_symbols.size());
    m_symbols.append(s);
}

const SyntheticMarket::Symbol *SyntheticMarket::symbol(const QString &name) const
{
    const auto known = m_index.constFind(name);
    return known == m_index.constEnd() ? nullptr : &m_symbols[*known];
}

void SyntheticMarket::addMaintenanceGap(TimeRange gap)
{
    m_gaps.append(gap);
    m_gaps = TimeRangeSet::merged(m_gaps);
}

qint64 SyntheticMarket::priceUnits(const Symbol &s, qint64 t) const
{
    // One candle's close is the next one's open: pages and live updates ask for the same time
    // twice in a row (a live tick goes through the symbols in turn).
    if (s.memoValid && s.memoTime == t)
        return s.memoPrice;
    // Smooth value noise per octave: the ends of a lattice cell are kept, as the next times
    // asked for mostly fall in the same cells.
    double x = 0; // |x| <= sum of amplitudes < 0.6, so the price stays positive
    for (size_t o = 0; o < Octaves.size(); ++o) {
        const double at = static_cast<double>(t) / Octaves[o].lengthMs;
        const double fl = std::floor(at);
        const auto i = static_cast<qint64>(fl);
        Symbol::NoiseCell &cell = s.noiseCells[o];
        if (!cell.valid || cell.index != i) {
            const quint64 seed = mix(s.seed + 100 + o);
            cell = {true, i, latticeValue(seed, static_cast<quint64>(i)),
                    latticeValue(seed, static_cast<quint64>(i) + 1)};
        }
        const double f = at - fl;
        const double smooth = f * f * (3.0 - 2.0 * f);
        x += Octaves[o].amplitude * (cell.from + (cell.to - cell.from) * smooth);
    }
    const double p = s.basePrice * (1.0 + x);
    const qint64 ticks
        = std::max<qint64>(1, std::llround(p * 1e8 / static_cast<double>(s.tickUnits)));
    s.memoValid = true;
    s.memoTime = t;
    s.memoPrice = ticks * s.tickUnits;
    return s.memoPrice;
}

bool SyntheticMarket::rawQuiet(const Symbol &s, Interval interval, qint64 openTime) const
{
    if (interval != Interval::M1 && interval != Interval::S1)
        return false;
    const quint64 h = mix(s.seed ^ (static_cast<quint64>(openTime) * 0x9fb21c651e98df25ULL));
    return interval == Interval::M1 ? h % 50 == 0 : h % 5 == 0;
}

bool SyntheticMarket::quiet(const Symbol &s, Interval interval, qint64 openTime,
                            qint64 offsetMs) const
{
    return rawQuiet(s, interval, openTime)
        && !rawQuiet(s, interval, previousOpen(interval, openTime, offsetMs));
}

qint64 SyntheticMarket::alignDown(Interval interval, qint64 t, qint64 offsetMs)
{
    return Intervals::alignDown(interval, t + offsetMs) - offsetMs;
}

qint64 SyntheticMarket::alignUp(Interval interval, qint64 t, qint64 offsetMs)
{
    return Intervals::alignUp(interval, t + offsetMs) - offsetMs;
}

qint64 SyntheticMarket::nextOpen(Interval interval, qint64 openTime, qint64 offsetMs)
{
    return Intervals::next(interval, openTime + offsetMs) - offsetMs;
}

qint64 SyntheticMarket::previousOpen(Interval interval, qint64 openTime, qint64 offsetMs)
{
    if (interval == Interval::Mon1)
        return Intervals::alignDown(interval, openTime + offsetMs - 1) - offsetMs;
    return openTime - Intervals::nominalMs(interval);
}

Candle SyntheticMarket::candleAt(const Symbol &s, Interval interval, qint64 openTime) const
{
    return candleAsOf(s, interval, openTime, std::numeric_limits<qint64>::max());
}

Candle SyntheticMarket::candleAsOf(const Symbol &s, Interval interval, qint64 openTime,
                                   qint64 nowMs, qint64 offsetMs) const
{
    const qint64 next = nextOpen(interval, openTime, offsetMs);
    const bool closed = next - 1 <= nowMs;
    const double progress = closed
        ? 1.0
        : std::clamp(static_cast<double>(nowMs - openTime) / static_cast<double>(next - openTime),
                     0.0, 1.0);

    Candle c;
    c.openTime = openTime;
    c.closed = closed;

    const qint64 prev = previousOpen(interval, openTime, offsetMs);
    const qint64 openU
        = quiet(s, interval, prev, offsetMs) ? priceUnits(s, prev) : priceUnits(s, openTime);
    if (quiet(s, interval, openTime, offsetMs)) {
        c.open = c.high = c.low = c.close = fromUnits(openU);
        return c; // volume, trades and taker volumes stay 0
    }
    const qint64 closeU = priceUnits(s, closed ? next : std::max(openTime, nowMs));

    const quint64 h = hashOf(s.seed ^ (static_cast<quint64>(interval) << 56),
                             static_cast<quint64>(openTime), 3);
    const double u1 = unit(mix(h + 1));
    const double u2 = unit(mix(h + 2));
    const double u3 = unit(mix(h + 3));
    const double u4 = unit(mix(h + 4));
    const double u5 = unit(mix(h + 5));

    const IntervalScale &scale = scaleOf(interval);
    const double sigma = scale.sigma * progress;
    const qint64 tick = s.tickUnits;
    const qint64 maxU = std::max(openU, closeU);
    const qint64 minU = std::min(openU, closeU);
    const auto ticksOf = [tick](double units) {
        return static_cast<qint64>(std::floor(units / static_cast<double>(tick))) * tick;
    };
    const qint64 highU = maxU + ticksOf(static_cast<double>(maxU) * sigma * u1);
    const qint64 lowU = std::max(tick, minU - ticksOf(static_cast<double>(minU) * sigma * u2));

    c.open = fromUnits(openU);
    c.close = fromUnits(closeU);
    c.high = fromUnits(highU);
    c.low = std::min(fromUnits(lowU), std::min(c.open, c.close));

    const double quote = scale.quoteScale * (0.2 + 1.8 * u3) * progress;
    const double vwap = (c.open + c.high + c.low + c.close) / 4.0;
    const qint64 volumeU = toUnits(quote / vwap);
    const qint64 quoteU = toUnits(fromUnits(volumeU) * vwap);
    const double takerShare = 0.3 + 0.4 * u5;
    c.volume = fromUnits(volumeU);
    c.quoteVolume = fromUnits(quoteU);
    c.takerBuyBase = fromUnits(std::llround(static_cast<double>(volumeU) * takerShare));
    c.takerBuyQuote = fromUnits(std::llround(static_cast<double>(quoteU) * takerShare));
    c.trades = volumeU > 0 ? std::max<qint64>(1, std::llround(quote / 50.0 * (0.5 + u4))) : 0;
    return c;
}

const TimeRange *SyntheticMarket::gapContaining(qint64 t) const
{
    if (m_gaps.isEmpty())
        return nullptr;
    // First gap whose end is after t.
    auto it = std::upper_bound(m_gaps.cbegin(), m_gaps.cend(), t,
                               [](qint64 v, const TimeRange &r) { return v < r.to; });
    if (it != m_gaps.cend() && it->contains(t))
        return &*it;
    return nullptr;
}

bool SyntheticMarket::exists(const Symbol &s, qint64 openTime, qint64 nowMs) const
{
    return openTime >= s.listedFromMs && openTime <= nowMs && !gapContaining(openTime);
}

qint64 SyntheticMarket::skipGapsForward(Interval interval, qint64 t, qint64 offsetMs) const
{
    while (const TimeRange *gap = gapContaining(t))
        t = alignUp(interval, gap->to, offsetMs);
    return t;
}

qint64 SyntheticMarket::skipGapsBackward(Interval interval, qint64 t, qint64 offsetMs) const
{
    while (const TimeRange *gap = gapContaining(t))
        t = alignDown(interval, gap->from - 1, offsetMs);
    return t;
}

QList<qint64> SyntheticMarket::openTimes(const Symbol &s, Interval interval, qint64 from, qint64 to,
                                         int limit, bool newest, qint64 nowMs,
                                         qint64 offsetMs) const
{
    QList<qint64> out;
    const qint64 first = alignUp(interval, std::max(from, s.listedFromMs), offsetMs);
    const qint64 last = alignDown(interval, std::min(to, nowMs), offsetMs);
    if (limit <= 0 || last < first)
        return out;
    if (!newest) {
        if (interval != Interval::Mon1) {
            const qint64 n = (last - first) / Intervals::nominalMs(interval) + 1;
            out.reserve(static_cast<qsizetype>(std::min<qint64>(n, limit)));
        }
        for (qint64 t = first; out.size() < limit;) {
            t = skipGapsForward(interval, t, offsetMs);
            if (t > last)
                break;
            out.append(t);
            t = nextOpen(interval, t, offsetMs);
        }
        return out;
    }
    for (qint64 t = last; out.size() < limit;) {
        t = skipGapsBackward(interval, t, offsetMs);
        if (t < first)
            break;
        out.append(t);
        t = previousOpen(interval, t, offsetMs);
    }
    std::reverse(out.begin(), out.end());
    return out;
}

CandleBatch SyntheticMarket::closedCandles(const Symbol &s, Interval interval, TimeRange range,
                                           qint64 nowMs) const
{
    CandleBatch out;
    if (range.isEmpty())
        return out;
    const QList<qint64> times = openTimes(s, interval, range.from, range.to - 1,
                                          std::numeric_limits<int>::max(), false, nowMs);
    out.reserve(times.size());
    for (qint64 t : times) {
        if (Intervals::closeTime(interval, t) > nowMs)
            break;
        out.append(candleAt(s, interval, t));
    }
    return out;
}

} // namespace Candlewick::Testing
