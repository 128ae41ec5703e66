#pragma once

#include <QByteArray>
#include <QtGlobal>

#include <array>
#include <optional>
#include <string_view>

namespace Candlewick::DecimalUnits {

// Decimal numbers as a count of units of 10^-decimals (66312.4 at 8 decimals: 6631240000000).
// The store keeps prices and quantities this way, the formats print them from it, so a value
// comes back as the exchange wrote it.

constexpr int MaxDecimals = 18;
// A double holds any decimal of up to this many significant digits exactly.
constexpr int DoubleDigits = 15;
// The decimals of Candle::quoteVolumeE8 and Candle::takerBuyQuoteE8.
constexpr int QuoteDecimals = 8;

// 10^n for n in [0, MaxDecimals].
inline constexpr auto Powers = [] {
    std::array<qint64, MaxDecimals + 1> powers{1};
    for (size_t n = 1; n < powers.size(); ++n)
        powers[n] = powers[n - 1] * 10;
    return powers;
}();
constexpr qint64 pow10(int n)
{
    return Powers[size_t(n)];
}

// `v` as units at `decimals`, when the decimal those units make has `v` as its nearest double
// (so it is what v was parsed from); nothing when v needs more decimals, is not finite or the
// units do not fit.
std::optional<qint64> toUnits(double v, int decimals);
// The fewest decimals (0 .. MaxDecimals) toUnits() takes for `v`; -1 when there are none.
int decimalsOf(double v);
// The decimals `units` at `decimals` really need (its trailing zeros dropped).
int neededDecimals(qint64 units, int decimals);
// `units` at `from` decimals expressed at `to` decimals; nothing when it does not fit or `to`
// is too few for the value.
std::optional<qint64> rescale(qint64 units, int from, int to);
// toDouble() beyond 2^53, where the division alone may miss the nearest double.
double toDoubleWide(qint64 units, int decimals);
// The nearest double of the decimal `units` at `decimals`. Inline: parsers call it for every
// value.
inline double toDouble(qint64 units, int decimals)
{
    // Below 2^53 both are exact doubles, and the division's one rounding gives the nearest.
    constexpr qint64 TwoTo53 = qint64(1) << 53;
    if (units > -TwoTo53 && units < TwoTo53) [[likely]]
        return double(units) / double(Powers[size_t(decimals)]);
    return toDoubleWide(units, decimals);
}

// Writes the decimal: trailing zeros dropped ("66312.4", "3", "-0.5") when `fixed` is false,
// else exactly `decimals` decimals ("66312.40000000"). At most 48 characters.
char *write(char *p, qint64 units, int decimals, bool fixed);
void append(QByteArray &out, qint64 units, int decimals, bool fixed = false);

// Quote volumes (the sums of price times quantity) can have more significant digits than a double
// holds; parsers carry them exactly beside the double. From the text of a decimal: its units of
// 10^-8 when it has more than DoubleDigits significant digits, at most 8 decimals and fits, else 0.
qint64 quoteUnitsOf(std::string_view text);
// The exact units of 10^-8 a candle carries for the quote value `v`: `e8` when it is set and
// agrees with v (a copy whose double was changed afterwards no longer agrees), else nothing.
std::optional<qint64> exactQuote(double v, qint64 e8);
// The quote value `v` in units of 10^-decimals: from its exact units (exactQuote) when it has
// them, else from the double (toUnits).
std::optional<qint64> quoteToUnits(double v, qint64 e8, int decimals);
// The value of Candle::quoteVolumeE8 for `units` at `decimals` read back from a store.
qint64 quoteE8For(qint64 units, int decimals);

} // namespace Candlewick::DecimalUnits
