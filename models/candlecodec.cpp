#include "candlecodec.h"

#include "durations.h"
#include "decimalunits.h"

#include <array>
#include <cmath>
#include <cstring>
#include <limits>
#include <numeric>
#include <utility>

namespace Candlewick::CandleCodec {

namespace {

__extension__ typedef __int128 Int128;
__extension__ typedef unsigned __int128 UInt128;

constexpr qint64 Int64Max = std::numeric_limits<qint64>::max();
constexpr qint64 Int64Min = std::numeric_limits<qint64>::min();
constexpr int MaxPredictionShift = 36;

qint64 saturated(Int128 v)
{
    return v > Int64Max ? Int64Max : v < Int64Min ? Int64Min : qint64(v);
}

// The slot unit a new series starts with: the interval's length, a day for months (they start
// on days; the time base makes weeks whole).
qint64 initialUnit(Interval interval)
{
    switch (interval) {
    case Interval::Mon1:
        return Durations::DayMs;
    default:
        return Intervals::nominalMs(interval);
    }
}

// 10^n for n up to MaxPredictionShift.
constexpr auto Pow10Wide = [] {
    std::array<Int128, MaxPredictionShift + 1> powers{};
    Int128 v = 1;
    for (Int128 &p : powers) {
        p = v;
        v *= 10;
    }
    return powers;
}();

// a / b (b > 0), truncated like Int128 division; in 64 bits when both fit (__divti3 costs
// several times a 64-bit division, and this runs twice per candle encoded or decoded).
Int128 divide(Int128 a, Int128 b)
{
    if (a >= Int64Min && a <= Int64Max && b <= Int64Max)
        return qint64(a) / qint64(b);
    return a / b;
}

// v / (4 * 10^shift) for each shift in [0, MaxDecimals), each by its constant (a multiplication
// and shifts once compiled, where a division by a divisor known only at run time takes tens of
// cycles; it runs twice per candle encoded or decoded). Truncated like any division.
template<size_t... Shifts> constexpr auto makeQuarterDividers(std::index_sequence<Shifts...>)
{
    return std::array<qint64 (*)(qint64), sizeof...(Shifts)>{
        [](qint64 v) { return v / (4 * DecimalUnits::pow10(int(Shifts))); }...};
}
constexpr auto QuarterDividers
    = makeQuarterDividers(std::make_index_sequence<DecimalUnits::MaxDecimals>());

// predictQuote() in 64 bits: false when a product does not fit them.
inline __attribute__((always_inline)) bool predictQuote64(qint64 quantity, qint64 priceSum,
                                                          int shift, qint64 &predicted)
{
    qint64 product = 0;
    if (__builtin_mul_overflow(quantity, priceSum, &product))
        return false;
    if (shift >= 0 && shift < DecimalUnits::MaxDecimals) {
        predicted = QuarterDividers[size_t(shift)](product);
        return true;
    }
    qint64 scaled = 0;
    if (shift < 0 && -shift <= DecimalUnits::MaxDecimals
        && !__builtin_mul_overflow(product, DecimalUnits::pow10(-shift), &scaled)) {
        predicted = scaled / 4;
        return true;
    }
    return false;
}

// Quote units predicted from a quantity and the sum of open, high, low and close: the quantity
// times the mean price, at the quote decimals. Only ever a starting point (the stored residual
// makes it exact), so any overflow predicts 0. Inlined where it is called (twice per candle).
inline __attribute__((always_inline)) Int128 predictQuote(qint64 quantity, Int128 priceSum,
                                                          int shift)
{
    // In 64 bits when everything fits (the 128-bit multiplication with its overflow check is a
    // library call): the same quotient, truncated alike.
    qint64 predicted = 0;
    if (priceSum >= Int64Min && priceSum <= Int64Max
        && predictQuote64(quantity, qint64(priceSum), shift, predicted))
        return predicted;
    Int128 product = 0;
    if (shift > MaxPredictionShift || -shift > MaxPredictionShift
        || __builtin_mul_overflow(Int128(quantity), priceSum, &product))
        return 0;
    if (shift >= 0)
        return divide(product, 4 * Pow10Wide[size_t(shift)]);
    Int128 scaled = 0;
    if (__builtin_mul_overflow(product, Pow10Wide[size_t(-shift)], &scaled))
        return 0;
    return scaled / 4;
}

unsigned char *putVarint(unsigned char *p, qint64 v)
{
    quint64 z = (quint64(v) << 1) ^ quint64(v >> 63);
    while (z >= 0x80) {
        *p++ = static_cast<unsigned char>(z) | 0x80;
        z >>= 7;
    }
    *p++ = static_cast<unsigned char>(z);
    return p;
}

unsigned char *putVarint(unsigned char *p, Int128 v)
{
    if (v >= Int64Min && v <= Int64Max)
        return putVarint(p, qint64(v)); // the same bytes in 64-bit arithmetic
    UInt128 z = (UInt128(v) << 1) ^ UInt128(v >> 127);
    while (z >= 0x80) {
        *p++ = static_cast<unsigned char>(z) | 0x80;
        z >>= 7;
    }
    *p++ = static_cast<unsigned char>(z);
    return p;
}

bool getVarint(const unsigned char *&p, const unsigned char *end, Int128 &v)
{
    UInt128 z = 0;
    for (int shift = 0; p < end && shift < 128; shift += 7) {
        const unsigned char b = *p++;
        z |= UInt128(b & 0x7f) << shift;
        if (!(b & 0x80)) {
            v = Int128(z >> 1) ^ -Int128(z & 1);
            return true;
        }
    }
    return false;
}

bool getInt64(const unsigned char *&p, const unsigned char *end, qint64 &v)
{
    Int128 wide = 0;
    if (!getVarint(p, end, wide) || wide > Int64Max || wide < Int64Min)
        return false;
    v = qint64(wide);
    return true;
}

// Decimals that hold `v`: `current` when it does, else the fewest that do (-1: none).
int decimalsFor(double v, int current)
{
    return DecimalUnits::toUnits(v, current) ? current : DecimalUnits::decimalsOf(v);
}

int quoteDecimalsFor(double v, qint64 e8, int current)
{
    if (const auto exact = DecimalUnits::exactQuote(v, e8))
        return qMax(current, DecimalUnits::neededDecimals(*exact, DecimalUnits::QuoteDecimals));
    return decimalsFor(v, current);
}

// The values (open, high, low, close, volume, quote volume, taker buy base, taker buy quote) as
// units at the encoding's decimals packed, the quote values less their predictions, in the
// arithmetic of `Int` (which holds the differences).
template<typename Int>
int packFields(const std::array<qint64, 8> &u, qint64 trades, Int quotePrediction,
               Int takerQuotePrediction, unsigned char *out)
{
    const Int o = u[0];
    unsigned char *p = out;
    p = putVarint(p, o);
    p = putVarint(p, Int(u[1]) - o);
    p = putVarint(p, Int(u[2]) - o);
    p = putVarint(p, Int(u[3]) - o);
    p = putVarint(p, u[4]);
    p = putVarint(p, Int(u[5]) - quotePrediction);
    p = putVarint(p, trades);
    p = putVarint(p, u[6]);
    p = putVarint(p, Int(u[7]) - takerQuotePrediction);
    return int(p - out);
}

int packUnits(const Encoding &e, const std::array<qint64, 8> &u, qint64 trades, unsigned char *out)
{
    const int shift = e.volumeDecimals + e.priceDecimals - e.quoteDecimals;
    // Every value within 2^60 of 0 (the usual case): the price sum below 2^62, the predictions
    // (when their products fit) below 2^61, so the differences fit 64 bits.
    constexpr quint64 Narrow = quint64(1) << 60;
    bool narrow = true;
    for (qint64 x : u)
        narrow &= quint64(x) + Narrow < 2 * Narrow;
    qint64 quote = 0, takerQuote = 0;
    if (narrow) {
        const qint64 priceSum = u[0] + u[1] + u[2] + u[3];
        if (predictQuote64(u[4], priceSum, shift, quote)
            && predictQuote64(u[6], priceSum, shift, takerQuote))
            return packFields<qint64>(u, trades, quote, takerQuote, out);
    }
    const Int128 priceSum = Int128(u[0]) + u[1] + u[2] + u[3];
    return packFields<Int128>(u, trades, predictQuote(u[4], priceSum, shift),
                              predictQuote(u[6], priceSum, shift), out);
}

int encodeRaw(const Candle &c, unsigned char *out)
{
    unsigned char *p = out;
    for (double v : {c.open, c.high, c.low, c.close, c.volume, c.quoteVolume, c.takerBuyBase,
                     c.takerBuyQuote}) {
        std::memcpy(p, &v, sizeof v);
        p += sizeof v;
    }
    p = putVarint(p, c.trades);
    p = putVarint(p, c.quoteVolumeE8);
    p = putVarint(p, c.takerBuyQuoteE8);
    return int(p - out);
}

bool decodeRaw(const unsigned char *p, const unsigned char *end, Candle &c)
{
    if (end - p < 8 * qsizetype(sizeof(double)))
        return false;
    for (double *v : {&c.open, &c.high, &c.low, &c.close, &c.volume, &c.quoteVolume,
                      &c.takerBuyBase, &c.takerBuyQuote}) {
        std::memcpy(v, p, sizeof *v);
        p += sizeof *v;
    }
    return getInt64(p, end, c.trades) && getInt64(p, end, c.quoteVolumeE8)
        && getInt64(p, end, c.takerBuyQuoteE8) && p == end;
}

} // namespace

bool widen(Encoding &e, Interval interval, const Candle &c, int minPriceDecimals)
{
    Encoding w = e;
    if (!w.isSet()) {
        w = {};
        w.timeBase = c.openTime;
        w.timeUnit = initialUnit(interval);
        w.priceDecimals = qBound(0, minPriceDecimals, DecimalUnits::MaxDecimals);
    }
    const Int128 offset = Int128(c.openTime) - w.timeBase;
    if (offset > Int64Max / 2 || offset < -(Int64Max / 2))
        return false;
    if (offset % w.timeUnit != 0)
        w.timeUnit = std::gcd(w.timeUnit, qint64(offset < 0 ? -offset : offset));
    if (!w.raw) {
        bool fits = true;
        const auto grow = [&fits](int &decimals, int needed) {
            fits = fits && needed >= 0;
            decimals = qMax(decimals, needed);
        };
        for (double v : {c.open, c.high, c.low, c.close})
            grow(w.priceDecimals, decimalsFor(v, w.priceDecimals));
        for (double v : {c.volume, c.takerBuyBase})
            grow(w.volumeDecimals, decimalsFor(v, w.volumeDecimals));
        grow(w.quoteDecimals, quoteDecimalsFor(c.quoteVolume, c.quoteVolumeE8, w.quoteDecimals));
        grow(w.quoteDecimals,
             quoteDecimalsFor(c.takerBuyQuote, c.takerBuyQuoteE8, w.quoteDecimals));
        unsigned char probe[MaxBytes];
        w.raw = !fits || encode(w, c, probe) < 0;
    }
    e = w;
    return true;
}

bool onSlot(const Encoding &e, qint64 openTime)
{
    qint64 offset = 0;
    if (!e.isSet())
        return false;
    if (!__builtin_sub_overflow(openTime, e.timeBase, &offset))
        return offset % e.timeUnit == 0;
    return (Int128(openTime) - e.timeBase) % e.timeUnit == 0;
}

bool allFinite(const Candle &c)
{
    return std::isfinite(c.open) && std::isfinite(c.high) && std::isfinite(c.low)
        && std::isfinite(c.close) && std::isfinite(c.volume) && std::isfinite(c.quoteVolume)
        && std::isfinite(c.takerBuyBase) && std::isfinite(c.takerBuyQuote);
}

bool holds(const Encoding &e, const Candle &c)
{
    unsigned char probe[MaxBytes];
    return encode(e, c, probe) >= 0;
}

qint64 slotOf(const Encoding &e, qint64 openTime)
{
    return qint64((Int128(openTime) - e.timeBase) / e.timeUnit);
}

qint64 openTimeOf(const Encoding &e, qint64 slot)
{
    return saturated(Int128(e.timeBase) + Int128(slot) * e.timeUnit);
}

qint64 slotAtOrAfter(const Encoding &e, qint64 t)
{
    const Int128 offset = Int128(t) - e.timeBase;
    Int128 slot = offset / e.timeUnit;
    if (slot * e.timeUnit < offset)
        ++slot;
    return saturated(slot);
}

bool unitsOf(const Encoding &e, const Candle &c, std::array<qint64, 8> &out)
{
    const auto o = DecimalUnits::toUnits(c.open, e.priceDecimals);
    const auto h = DecimalUnits::toUnits(c.high, e.priceDecimals);
    const auto l = DecimalUnits::toUnits(c.low, e.priceDecimals);
    const auto cl = DecimalUnits::toUnits(c.close, e.priceDecimals);
    const auto v = DecimalUnits::toUnits(c.volume, e.volumeDecimals);
    const auto tbb = DecimalUnits::toUnits(c.takerBuyBase, e.volumeDecimals);
    const auto q = DecimalUnits::quoteToUnits(c.quoteVolume, c.quoteVolumeE8, e.quoteDecimals);
    const auto tbq
        = DecimalUnits::quoteToUnits(c.takerBuyQuote, c.takerBuyQuoteE8, e.quoteDecimals);
    if (!o || !h || !l || !cl || !v || !tbb || !q || !tbq)
        return false;
    out = {*o, *h, *l, *cl, *v, *q, *tbb, *tbq};
    return true;
}

namespace {

// encode() of a candle whose open time is on a slot of `e`.
int encodeOnSlot(const Encoding &e, const Candle &c, unsigned char *out)
{
    if (e.raw)
        return encodeRaw(c, out);
    std::array<qint64, 8> units;
    if (!unitsOf(e, c, units))
        return -1;
    return packUnits(e, units, c.trades, out);
}

// encodeExact() of a candle whose open time is on a slot of `e`.
int encodeExactOnSlot(const Encoding &e, const Candle &c, const ExactValues &x, unsigned char *out)
{
    if (!x.exact || e.raw)
        return encodeOnSlot(e, c, out);
    // Each value at the encoding's decimals: never fewer than its own (the units have no
    // trailing zeros to drop), so a multiplication.
    const int decimals[8] = {e.priceDecimals,  e.priceDecimals, e.priceDecimals,  e.priceDecimals,
                             e.volumeDecimals, e.quoteDecimals, e.volumeDecimals, e.quoteDecimals};
    std::array<qint64, 8> units;
    for (size_t i = 0; i < units.size(); ++i) {
        const int up = decimals[i] - x.decimals[i];
        if (up < 0 || __builtin_mul_overflow(x.units[i], DecimalUnits::pow10(up), &units[i]))
            return -1;
    }
    return packUnits(e, units, c.trades, out);
}

} // namespace

int encode(const Encoding &e, const Candle &c, unsigned char *out)
{
    return onSlot(e, c.openTime) ? encodeOnSlot(e, c, out) : -1;
}

int encodeExact(const Encoding &e, const Candle &c, const ExactValues &x, unsigned char *out)
{
    return onSlot(e, c.openTime) ? encodeExactOnSlot(e, c, x, out) : -1;
}

bool decode(const Encoding &e, const unsigned char *data, int size, Candle &c)
{
    const unsigned char *p = data;
    const unsigned char *end = data + size;
    if (e.raw)
        return decodeRaw(p, end, c);
    Int128 o = 0, dh = 0, dl = 0, dc = 0, qResidual = 0, tbqResidual = 0;
    qint64 v = 0, tbb = 0;
    if (!getVarint(p, end, o) || !getVarint(p, end, dh) || !getVarint(p, end, dl)
        || !getVarint(p, end, dc) || !getInt64(p, end, v) || !getVarint(p, end, qResidual)
        || !getInt64(p, end, c.trades) || !getInt64(p, end, tbb) || !getVarint(p, end, tbqResidual)
        || p != end)
        return false;
    const Int128 h = o + dh, l = o + dl, cl = o + dc;
    for (Int128 price : {o, h, l, cl}) {
        if (price > Int64Max || price < Int64Min)
            return false;
    }
    const Int128 priceSum = o + h + l + cl;
    const int shift = e.volumeDecimals + e.priceDecimals - e.quoteDecimals;
    const Int128 q = qResidual + predictQuote(v, priceSum, shift);
    const Int128 tbq = tbqResidual + predictQuote(tbb, priceSum, shift);
    if (q > Int64Max || q < Int64Min || tbq > Int64Max || tbq < Int64Min)
        return false;
    c.open = DecimalUnits::toDouble(qint64(o), e.priceDecimals);
    c.high = DecimalUnits::toDouble(qint64(h), e.priceDecimals);
    c.low = DecimalUnits::toDouble(qint64(l), e.priceDecimals);
    c.close = DecimalUnits::toDouble(qint64(cl), e.priceDecimals);
    c.volume = DecimalUnits::toDouble(v, e.volumeDecimals);
    c.takerBuyBase = DecimalUnits::toDouble(tbb, e.volumeDecimals);
    c.quoteVolume = DecimalUnits::toDouble(qint64(q), e.quoteDecimals);
    c.takerBuyQuote = DecimalUnits::toDouble(qint64(tbq), e.quoteDecimals);
    c.quoteVolumeE8 = DecimalUnits::quoteE8For(qint64(q), e.quoteDecimals);
    c.takerBuyQuoteE8 = DecimalUnits::quoteE8For(qint64(tbq), e.quoteDecimals);
    return true;
}

bool encodeRows(Encoding &e, Interval interval, const CandleBatch &candles, Rows &rows,
                std::span<const ExactValues> exact)
{
    const bool withExact = qsizetype(exact.size()) == candles.size();
    Encoding w = e;
    for (;;) {
        rows.bytes.clear();
        rows.ends.clear();
        rows.bytes.reserve(size_t(candles.size()) * 32);
        rows.ends.reserve(size_t(candles.size()));
        // The rows are encoded into `pending` and appended to the bytes a few kilobytes at a
        // time (one copy each, not one per row).
        unsigned char pending[64 * MaxBytes];
        int pendingBytes = 0;
        bool consecutive = true;
        qsizetype i = 0;
        for (; i < candles.size(); ++i) {
            // A candle one time unit after one on a slot is on the next slot.
            qint64 step = 0;
            const bool next = i > 0
                && !__builtin_sub_overflow(candles[i].openTime, candles[i - 1].openTime, &step)
                && step == w.timeUnit;
            consecutive = consecutive && (i == 0 || next);
            if (!next && !onSlot(w, candles[i].openTime))
                break;
            if (pendingBytes > int(sizeof pending) - MaxBytes) {
                rows.bytes.insert(rows.bytes.end(), pending, pending + pendingBytes);
                pendingBytes = 0;
            }
            unsigned char *const data = pending + pendingBytes;
            const int size = withExact ? encodeExactOnSlot(w, candles[i], exact[size_t(i)], data)
                                       : encodeOnSlot(w, candles[i], data);
            if (size < 0)
                break;
            pendingBytes += size;
            rows.ends.push_back(int(rows.bytes.size()) + pendingBytes);
        }
        rows.bytes.insert(rows.bytes.end(), pending, pending + pendingBytes);
        if (i == candles.size()) {
            rows.encoding = w;
            rows.consecutive = consecutive;
            rows.firstOpenTime = candles.isEmpty() ? 0 : candles.first().openTime;
            e = w;
            return true;
        }
        // Widened once for the rest of the batch, then encoded again from its start.
        const Encoding before = w;
        for (qsizetype j = i; j < candles.size(); ++j) {
            if (!holds(w, candles[j])
                && (!allFinite(candles[j]) || !widen(w, interval, candles[j])))
                break;
        }
        if (w == before || !holds(w, candles[i])) {
            rows.bytes.clear();
            rows.ends.clear();
            return false;
        }
    }
}

bool decodeConsecutive(const Rows &rows, CandleBatch &candles)
{
    candles.clear();
    if (!rows.consecutive)
        return false;
    candles.reserve(qsizetype(rows.ends.size()));
    int start = 0;
    for (size_t i = 0; i < rows.ends.size(); ++i) {
        Candle c;
        c.openTime = rows.firstOpenTime + qint64(i) * rows.encoding.timeUnit;
        if (!decode(rows.encoding, rows.bytes.data() + start, rows.ends[i] - start, c)) {
            candles.clear();
            return false;
        }
        candles.append(c);
        start = rows.ends[i];
    }
    return true;
}

} // namespace Candlewick::CandleCodec
