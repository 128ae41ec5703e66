#include "decimalunits.h"

#include <bit>
#include <charconv>
#include <cmath>
#include <cstring>
#include <limits>

namespace Candlewick::DecimalUnits {

namespace {

// 10^DoubleDigits: units below it at any decimals make a decimal of at most DoubleDigits
// significant digits, which its double tells apart from every other.
constexpr double DistinctUnits = double(Powers[DoubleDigits]);

__extension__ typedef unsigned __int128 UInt128;

// The shortest decimal that reads back as `v`: its digits and the power of ten they are scaled by
// (v = digits * 10^exponent). False when it has more digits than a qint64 holds.
bool shortestDecimal(double v, qint64 &digits, int &exponent)
{
    char buf[64];
    const auto res = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::scientific);
    const char *p = buf;
    const bool negative = *p == '-';
    if (negative)
        ++p;
    qint64 n = 0;
    int count = 0;
    for (; p < res.ptr && *p != 'e'; ++p) {
        if (*p == '.')
            continue;
        if (++count > 18)
            return false;
        n = n * 10 + (*p - '0');
    }
    int e = 0;
    if (p < res.ptr)
        std::from_chars(p + (p[1] == '+' ? 2 : 1), res.ptr, e);
    digits = negative ? -n : n;
    exponent = e - (count - 1);
    return true;
}

int digitCount(quint64 v)
{
    int n = 1;
    while (v >= 10) {
        v /= 10;
        ++n;
    }
    return n;
}

} // namespace

std::optional<qint64> toUnits(double v, int decimals)
{
    if (decimals < 0 || decimals > MaxDecimals || !std::isfinite(v))
        return std::nullopt;
    const double scale = double(Powers[decimals]);
    const double scaled = v * scale;
    if (std::fabs(scaled) < DistinctUnits) {
        const double r = std::nearbyint(scaled);
        if (r / scale != v)
            return std::nullopt;
        return qint64(r);
    }
    // From 10^15 units on, several decimals at these decimals can have v as their nearest
    // double (72146917.0432877 and 72146917.04328769 at 8), and beyond 2^53 the product is not
    // exact either: the shortest decimal of v, the one it was parsed from, says what it is.
    qint64 digits = 0;
    int exponent = 0;
    if (!shortestDecimal(v, digits, exponent) || exponent + decimals < 0)
        return std::nullopt;
    qint64 units = 0;
    if (exponent + decimals > MaxDecimals
        || __builtin_mul_overflow(digits, Powers[exponent + decimals], &units))
        return std::nullopt;
    return units;
}

int decimalsOf(double v)
{
    if (!std::isfinite(v))
        return -1;
    for (int d = 0; d <= MaxDecimals; ++d) {
        if (std::fabs(v * double(Powers[d])) >= DistinctUnits) {
            qint64 digits = 0;
            int exponent = 0;
            if (!shortestDecimal(v, digits, exponent))
                return -1;
            const int needed = qMax(d, -exponent);
            return needed <= MaxDecimals && toUnits(v, needed) ? needed : -1;
        }
        if (toUnits(v, d))
            return d;
    }
    return -1;
}

int neededDecimals(qint64 units, int decimals)
{
    while (decimals > 0 && units % 10 == 0) {
        units /= 10;
        --decimals;
    }
    return decimals;
}

std::optional<qint64> rescale(qint64 units, int from, int to)
{
    if (to >= from) {
        qint64 out = 0;
        if (to - from > MaxDecimals || __builtin_mul_overflow(units, Powers[to - from], &out))
            return std::nullopt;
        return out;
    }
    const qint64 divisor = Powers[from - to];
    if (units % divisor != 0)
        return std::nullopt;
    return units / divisor;
}

double toDoubleWide(qint64 units, int decimals)
{
    // Two roundings (to double, then the division) leave the quotient a step or so from the
    // nearest double: it is moved there by exact comparisons with the midpoints to its
    // neighbours, in 128-bit integers (scaled by 4 * divisor * 2^-e, q = m * 2^e).
    const bool negative = units < 0;
    const quint64 n = negative ? quint64(0) - quint64(units) : quint64(units);
    const UInt128 divisor = UInt128(Powers[decimals]);
    constexpr quint64 Lowest = quint64(1) << 52; // m of a power of two: a half step below
    // q is positive and normal: its bits count up with it, the next double is bits + 1.
    auto bits = std::bit_cast<quint64>(double(n) / double(Powers[decimals]));
    for (;;) {
        const quint64 m = (bits & (Lowest - 1)) | Lowest;
        const int e = int(bits >> 52) - 1075;
        const int shift = e > 0 ? e : 0;
        const UInt128 exact = e > 0 ? UInt128(n) * 4 : UInt128(n) << (2 - e);
        const UInt128 candidate = (UInt128(m) * divisor * 4) << shift;
        const UInt128 above = (divisor * 2) << shift;
        const UInt128 below = (m == Lowest ? divisor : divisor * 2) << shift;
        if (exact > candidate + above || (exact == candidate + above && (m & 1)))
            ++bits;
        else if (exact + below < candidate || (exact + below == candidate && (m & 1)))
            --bits;
        else
            return std::bit_cast<double>(bits | (negative ? quint64(1) << 63 : 0));
    }
}

char *write(char *p, qint64 units, int decimals, bool fixed)
{
    quint64 magnitude = units < 0 ? quint64(0) - quint64(units) : quint64(units);
    if (units < 0)
        *p++ = '-';
    const auto scale = quint64(Powers[decimals]);
    p = std::to_chars(p, p + 24, magnitude / scale).ptr;
    quint64 fraction = magnitude % scale;
    int shown = decimals;
    if (!fixed) {
        while (shown > 0 && fraction % 10 == 0) {
            fraction /= 10;
            --shown;
        }
    }
    if (shown == 0)
        return p;
    *p++ = '.';
    for (int i = shown - 1; i >= 0; --i) {
        p[i] = char('0' + fraction % 10);
        fraction /= 10;
    }
    return p + shown;
}

void append(QByteArray &out, qint64 units, int decimals, bool fixed)
{
    char buf[48];
    out.append(buf, write(buf, units, decimals, fixed) - buf);
}

qint64 quoteUnitsOf(std::string_view text)
{
    // Short texts fit a double whatever they hold: the common case costs one comparison.
    if (text.size() <= size_t(DoubleDigits) + 1)
        return 0;
    size_t i = 0;
    const bool negative = text[0] == '-';
    if (negative)
        ++i;
    const size_t point = text.find('.', i);
    size_t end = text.size();
    if (point != std::string_view::npos) {
        while (end > point + 1 && text[end - 1] == '0')
            --end;
        if (end == point + 1)
            end = point;
    }
    const int decimals = point == std::string_view::npos || end <= point ? 0 : int(end - point - 1);
    if (decimals > QuoteDecimals)
        return 0;
    qint64 units = 0;
    int significant = 0;
    for (; i < end; ++i) {
        const char c = text[i];
        if (c == '.')
            continue;
        if (c < '0' || c > '9')
            return 0;
        if (units == 0 && c == '0')
            continue;
        ++significant;
        if (__builtin_mul_overflow(units, qint64(10), &units)
            || __builtin_add_overflow(units, qint64(c - '0'), &units))
            return 0;
    }
    if (significant <= DoubleDigits)
        return 0;
    const auto scaled = rescale(units, decimals, QuoteDecimals);
    return scaled ? (negative ? -*scaled : *scaled) : 0;
}

std::optional<qint64> exactQuote(double v, qint64 e8)
{
    if (e8 == 0 || toDouble(e8, QuoteDecimals) != v)
        return std::nullopt;
    return e8;
}

std::optional<qint64> quoteToUnits(double v, qint64 e8, int decimals)
{
    if (const auto exact = exactQuote(v, e8))
        return rescale(*exact, QuoteDecimals, decimals);
    return toUnits(v, decimals);
}

qint64 quoteE8For(qint64 units, int decimals)
{
    // Fewer than 16 digits in all: the common case costs two comparisons.
    if (decimals > QuoteDecimals || units == std::numeric_limits<qint64>::min()
        || (units > -Powers[DoubleDigits] && units < Powers[DoubleDigits]))
        return 0;
    const int needed = neededDecimals(units, decimals);
    const qint64 trimmed = units / Powers[decimals - needed];
    if (digitCount(quint64(trimmed < 0 ? -trimmed : trimmed)) <= DoubleDigits)
        return 0;
    return rescale(units, decimals, QuoteDecimals).value_or(0);
}

} // namespace Candlewick::DecimalUnits
