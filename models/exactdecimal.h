#pragma once

#include "decimalunits.h"

#include <QMetaType>
#include <QString>
#include <QtGlobal>

#include <optional>
#include <string_view>

namespace Candlewick {

// A decimal number held exactly, as the exchange printed it: value = units / 10^scale
// ("0.00100000" is units 100000, scale 8; "66312.4" is units 663124, scale 1). Trade prices and
// sizes are carried this way so sums of sizes are exact and a stored trade exports the very digits
// the exchange sent. Equality compares the representation: "1.50" and "1.5" differ.
struct ExactDecimal
{
    static constexpr int MaxScale = DecimalUnits::MaxDecimals;

    qint64 units = 0;
    qint8 scale = 0; // digits after the decimal point, 0..MaxScale

    // A plain decimal string: optional '-', digits, optionally '.' and digits ("3", "-0.25",
    // "66312.40000000"); no exponent, no spaces. nullopt when malformed, with more than MaxScale
    // fraction digits, or beyond the qint64 range of units.
    static std::optional<ExactDecimal> parse(std::string_view text);
    static std::optional<ExactDecimal> parse(QStringView text);

    // The double nearest to the exact value: what parsing the decimal string would give.
    double toDouble() const;
    // The decimal string, with exactly `scale` fraction digits ("0.00100000", "3").
    QString toString() const;

    friend bool operator==(const ExactDecimal &, const ExactDecimal &) = default;
};

} // namespace Candlewick

Q_DECLARE_METATYPE(Candlewick::ExactDecimal)
