#include "tradeaggregator.h"

#include <decimalunits.h>
#include <floordiv.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <limits>
#include <vector>

namespace Candlewick {

namespace {

__extension__ typedef __int128 TradeWide;
__extension__ typedef unsigned __int128 TradeUWide;

constexpr int kMaxWideScale = 38;
constexpr qint64 kNoTime = std::numeric_limits<qint64>::min();
// An empty stretch longer than this is an outage, not a quiet market: it is not filled.
constexpr qint64 kMaxFilledIntervals = 100000;

constexpr TradeWide tradeWidePow10(int n)
{
    TradeWide v = 1;
    for (int i = 0; i < n; ++i)
        v *= 10;
    return v;
}

constexpr auto kWidePow10 = [] {
    std::array<TradeWide, kMaxWideScale + 1> table{};
    for (int i = 0; i <= kMaxWideScale; ++i)
        table[static_cast<size_t>(i)] = tradeWidePow10(i);
    return table;
}();

// The double nearest to units / 10^scale.
double wideDecimalToDouble(TradeWide units, int scale)
{
    while (scale > 0 && units % 10 == 0) {
        units /= 10;
        --scale;
    }
    if (units >= std::numeric_limits<qint64>::min() && units <= std::numeric_limits<qint64>::max()
        && scale <= DecimalUnits::MaxDecimals)
        return DecimalUnits::toDouble(static_cast<qint64>(units), scale);
    // Beyond what DecimalUnits holds: print the decimal and let from_chars round it correctly.
    char digits[48];
    int n = 0;
    const bool negative = units < 0;
    TradeUWide magnitude
        = negative ? 0 - static_cast<TradeUWide>(units) : static_cast<TradeUWide>(units);
    do {
        digits[n++] = static_cast<char>('0' + int(magnitude % 10));
        magnitude /= 10;
    } while (magnitude != 0);
    char text[96];
    int len = 0;
    if (negative)
        text[len++] = '-';
    for (int i = n - 1; i >= 0; --i)
        text[len++] = digits[i];
    len += std::snprintf(text + len, sizeof text - size_t(len), "e-%d", scale);
    double value = 0;
    std::from_chars(text, text + len, value);
    return value;
}

qint64 tradeMsToUs(qint64 ms)
{
    constexpr qint64 limit = std::numeric_limits<qint64>::max() / 1000;
    return std::clamp(ms, -limit, limit) * 1000;
}

} // namespace

// The state of the open intervals, in a namespace of its own rather than the anonymous one:
// TradeAggregator::Private holds it, and GCC warns of a member whose type has no linkage in a
// class that has (-Wsubobject-linkage, when the file is part of a unity build).
namespace TradeAggregation {

// An exact decimal sum; should it ever leave the 128-bit range it goes on as a double sum.
struct ExactSum
{
    TradeWide units = 0;
    int scale = 0;
    bool overflowed = false;
    double fallback = 0;

    void add(TradeWide value, int valueScale)
    {
        if (overflowed) {
            fallback += wideDecimalToDouble(value, valueScale);
            return;
        }
        if (valueScale > scale) {
            if (__builtin_mul_overflow(units, kWidePow10[size_t(valueScale - scale)], &units))
                return overflow(value, valueScale);
            scale = valueScale;
        } else if (valueScale < scale
                   && __builtin_mul_overflow(value, kWidePow10[size_t(scale - valueScale)],
                                             &value)) {
            return overflow(value, valueScale);
        }
        TradeWide sum;
        if (__builtin_add_overflow(units, value, &sum))
            return overflow(value, scale);
        units = sum;
    }

    void overflow(TradeWide value, int valueScale)
    {
        overflowed = true;
        fallback = wideDecimalToDouble(units, scale) + wideDecimalToDouble(value, valueScale);
        units = 0;
        scale = 0;
    }

    double toDouble() const { return overflowed ? fallback : wideDecimalToDouble(units, scale); }
};

// Trade ids seen in one interval, as sorted disjoint inclusive ranges: ids mostly come consecutive.
class TradeIdRanges
{
public:
    // False when the id was there already.
    bool insert(qint64 id)
    {
        if (m_ranges.empty() || id > m_ranges.back().second) {
            if (!m_ranges.empty() && id == m_ranges.back().second + 1)
                m_ranges.back().second = id;
            else
                m_ranges.emplace_back(id, id);
            return true;
        }
        auto it = std::lower_bound(m_ranges.begin(), m_ranges.end(), id,
                                   [](const Range &r, qint64 v) { return r.second < v; });
        if (it->first <= id)
            return false;
        // id lies before *it and after the previous range.
        const bool joinsNext = id + 1 == it->first;
        const bool joinsPrevious = it != m_ranges.begin() && std::prev(it)->second + 1 == id;
        if (joinsPrevious && joinsNext) {
            std::prev(it)->second = it->second;
            m_ranges.erase(it);
        } else if (joinsPrevious) {
            std::prev(it)->second = id;
        } else if (joinsNext) {
            it->first = id;
        } else {
            m_ranges.insert(it, Range(id, id));
        }
        return true;
    }

private:
    using Range = std::pair<qint64, qint64>;
    std::vector<Range> m_ranges;
};

struct Bucket
{
    qint64 openMs = 0;
    qint64 startUs = 0;
    qint64 endUs = 0;
    qint64 firstUs = 0;
    qint64 firstId = 0;
    qint64 lastUs = 0;
    qint64 lastId = 0;
    qint64 maxId = -1;
    double open = 0;
    double close = 0;
    double high = 0;
    double low = 0;
    qint64 trades = 0;
    ExactSum volume;
    ExactSum quoteVolume;
    ExactSum takerBuyBase;
    ExactSum takerBuyQuote;
    TradeIdRanges ids;

    Candle candle(bool closed) const
    {
        Candle c;
        c.openTime = openMs;
        c.open = open;
        c.high = high;
        c.low = low;
        c.close = close;
        c.volume = volume.toDouble();
        c.quoteVolume = quoteVolume.toDouble();
        c.trades = trades;
        c.takerBuyBase = takerBuyBase.toDouble();
        c.takerBuyQuote = takerBuyQuote.toDouble();
        c.closed = closed;
        return c;
    }
};

} // namespace TradeAggregation

struct TradeAggregator::Private
{
    using Bucket = TradeAggregation::Bucket;

    Interval interval;
    Options options;
    Stats stats;
    qint64 nowUs = -1; // the exchange clock
    std::vector<Bucket> open; // intervals with trades not closed yet, ascending
    qint64 nextCloseMs = kNoTime; // open time of the next interval to close
    qint64 closeAtUs = kNoTime; // nowUs from which the oldest open interval closes
    qint64 maxClosedId = -1; // highest trade id in a closed interval
    double previousClose = std::nan(""); // close of the last complete interval
    // Incomplete intervals: open times in [from, to). A loss waits for the next time seen to
    // learn where it ends (lossPending, lossFromMs).
    std::vector<std::pair<qint64, qint64>> incomplete;
    bool lossPending = true;
    qint64 lossFromMs = kNoTime;

    bool isComplete(qint64 openMs) const
    {
        for (const auto &range : incomplete) {
            if (openMs >= range.first && openMs < range.second)
                return false;
        }
        return true;
    }

    void observe(qint64 timeUs)
    {
        if (lossPending) {
            // Everything the lost messages could hold lies before this time plus the grace.
            const qint64 untilMs = Intervals::next(
                interval,
                Intervals::alignDown(interval, floorDiv<qint64>(timeUs + options.graceUs, 1000)));
            incomplete.emplace_back(lossFromMs, untilMs);
            lossPending = false;
        }
        if (timeUs > nowUs)
            nowUs = timeUs;
    }

    // The open interval for a trade at timeUs, made when needed; nullptr when that interval has
    // closed already (by the clock before this trade).
    Bucket *bucketFor(qint64 timeUs)
    {
        if (!open.empty()) {
            Bucket &last = open.back();
            if (timeUs >= last.startUs && timeUs < last.endUs)
                return &last;
        }
        const qint64 openMs = Intervals::alignDown(interval, floorDiv<qint64>(timeUs, 1000));
        if (nextCloseMs != kNoTime && openMs < nextCloseMs)
            return nullptr;
        auto it = std::lower_bound(open.begin(), open.end(), openMs,
                                   [](const Bucket &b, qint64 v) { return b.openMs < v; });
        if (it != open.end() && it->openMs == openMs)
            return &*it;
        const qint64 endUs = tradeMsToUs(Intervals::next(interval, openMs));
        if (nowUs != -1 && endUs <= nowUs - options.graceUs)
            return nullptr;
        Bucket b;
        b.openMs = openMs;
        b.startUs = tradeMsToUs(openMs);
        b.endUs = endUs;
        const bool first = it == open.begin();
        it = open.insert(it, std::move(b));
        if (first)
            closeAtUs = endUs + options.graceUs;
        return &*it;
    }

    void fold(const Trade &t)
    {
        Bucket *found = bucketFor(t.timeUs);
        observe(t.timeUs);
        if (!found) {
            if (t.id >= 0 && t.id <= maxClosedId)
                ++stats.duplicates;
            else
                ++stats.late;
            return;
        }
        Bucket &b = *found;
        if (t.id >= 0 && !b.ids.insert(t.id)) {
            ++stats.duplicates;
            return;
        }
        const double price = t.price.toDouble();
        if (b.trades == 0) {
            b.open = b.close = b.high = b.low = price;
            b.firstUs = b.lastUs = t.timeUs;
            b.firstId = b.lastId = t.id;
        } else {
            if (t.timeUs < b.firstUs || (t.timeUs == b.firstUs && t.id < b.firstId)) {
                b.open = price;
                b.firstUs = t.timeUs;
                b.firstId = t.id;
            }
            if (t.timeUs > b.lastUs || (t.timeUs == b.lastUs && t.id >= b.lastId)) {
                b.close = price;
                b.lastUs = t.timeUs;
                b.lastId = t.id;
            }
            b.high = std::max(b.high, price);
            b.low = std::min(b.low, price);
        }
        b.maxId = std::max(b.maxId, t.id);
        ++b.trades;
        ++stats.trades;
        b.volume.add(t.size.units, t.size.scale);
        const TradeWide quote = TradeWide(t.price.units) * t.size.units;
        const int quoteScale = t.price.scale + t.size.scale;
        b.quoteVolume.add(quote, quoteScale);
        if (t.side == TradeSide::Buy) {
            b.takerBuyBase.add(t.size.units, t.size.scale);
            b.takerBuyQuote.add(quote, quoteScale);
        }
    }

    void emitFlatUntil(qint64 untilMs, CandleBatch &closed)
    {
        // Intervals without trades in [nextCloseMs, untilMs).
        if (nextCloseMs == kNoTime || nextCloseMs >= untilMs)
            return;
        const bool fill = options.emptyIntervals == EmptyIntervals::CarryClose
            && Intervals::countBetween(interval, nextCloseMs, untilMs) <= kMaxFilledIntervals;
        if (!fill) {
            previousClose = std::nan("");
            nextCloseMs = untilMs;
            return;
        }
        for (qint64 t = nextCloseMs; t < untilMs; t = Intervals::next(interval, t)) {
            if (!isComplete(t) || std::isnan(previousClose)) {
                previousClose = std::nan("");
                continue;
            }
            Candle c;
            c.openTime = t;
            c.open = c.high = c.low = c.close = previousClose;
            closed.append(c);
            ++stats.closed;
        }
        nextCloseMs = untilMs;
    }

    void closeDue(CandleBatch &closed)
    {
        if (nowUs < closeAtUs && options.emptyIntervals == EmptyIntervals::Omit)
            return;
        // Every interval ending at or before this has closed.
        const qint64 limitUs = nowUs - options.graceUs;
        size_t done = 0;
        for (; done < open.size() && open[done].endUs <= limitUs; ++done) {
            const Bucket &b = open[done];
            emitFlatUntil(b.openMs, closed);
            if (nextCloseMs == kNoTime || b.openMs >= nextCloseMs) {
                if (isComplete(b.openMs)) {
                    closed.append(b.candle(true));
                    ++stats.closed;
                    previousClose = b.close;
                } else {
                    ++stats.incomplete;
                    previousClose = std::nan("");
                }
            }
            maxClosedId = std::max(maxClosedId, b.maxId);
            nextCloseMs = Intervals::next(interval, b.openMs);
        }
        open.erase(open.begin(), open.begin() + qsizetype(done));
        if (options.emptyIntervals == EmptyIntervals::CarryClose && nextCloseMs != kNoTime) {
            const qint64 limitMs = floorDiv<qint64>(limitUs, 1000);
            // Intervals opening before untilMs have ended by the limit.
            qint64 untilMs = Intervals::alignDown(interval, limitMs);
            if (!open.empty())
                untilMs = std::min(untilMs, open.front().openMs);
            emitFlatUntil(untilMs, closed);
        }
        const auto pruneBefore = nextCloseMs;
        std::erase_if(incomplete, [pruneBefore](const auto &range) {
            return pruneBefore != kNoTime && range.second <= pruneBefore;
        });
        closeAtUs = open.empty() ? std::numeric_limits<qint64>::max()
                                 : open.front().endUs + options.graceUs;
    }
};

TradeAggregator::TradeAggregator(Interval interval)
    : TradeAggregator(interval, Options())
{
}

TradeAggregator::TradeAggregator(Interval interval, Options options)
    : d(std::make_unique<Private>())
{
    d->interval = interval;
    d->options = options;
    d->options.graceUs = std::max<qint64>(0, options.graceUs);
    d->closeAtUs = std::numeric_limits<qint64>::max();
}

TradeAggregator::~TradeAggregator() = default;
TradeAggregator::TradeAggregator(TradeAggregator &&) noexcept = default;
TradeAggregator &TradeAggregator::operator=(TradeAggregator &&) noexcept = default;

Interval TradeAggregator::interval() const
{
    return d->interval;
}

void TradeAggregator::addTrades(const Trade *trades, qsizetype count, CandleBatch &closed)
{
    for (qsizetype i = 0; i < count; ++i) {
        d->fold(trades[i]);
        if (d->nowUs >= d->closeAtUs)
            d->closeDue(closed);
    }
    if (d->options.emptyIntervals == EmptyIntervals::CarryClose)
        d->closeDue(closed);
}

void TradeAggregator::advanceTo(qint64 timeUs, CandleBatch &closed)
{
    d->observe(timeUs);
    d->closeDue(closed);
}

void TradeAggregator::markLost(qint64 fromUs)
{
    const qint64 fromMs = fromUs < 0
        ? kNoTime
        : Intervals::alignDown(d->interval, floorDiv<qint64>(fromUs - d->options.graceUs, 1000));
    if (d->lossPending)
        d->lossFromMs = std::min(d->lossFromMs, fromMs);
    else
        d->lossFromMs = fromMs;
    d->lossPending = true;
}

void TradeAggregator::setCompleteFrom(qint64 fromUs)
{
    d->incomplete.clear();
    d->lossPending = false;
    d->incomplete.emplace_back(
        kNoTime, Intervals::alignUp(d->interval, floorDiv<qint64>(fromUs + 999, 1000)));
}

std::optional<Candle> TradeAggregator::forming() const
{
    if (d->open.empty())
        return std::nullopt;
    return d->open.back().candle(false);
}

qint64 TradeAggregator::exchangeTimeUs() const
{
    return d->nowUs;
}

TradeAggregator::Stats TradeAggregator::stats() const
{
    return d->stats;
}

} // namespace Candlewick
