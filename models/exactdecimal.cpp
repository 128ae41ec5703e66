#include "exactdecimal.h"

#include <limits>

namespace Candlewick {

std::optional<ExactDecimal> ExactDecimal::parse(std::string_view text)
{
    const char *p = text.data();
    const char *const end = p + text.size();
    const bool negative = p != end && *p == '-';
    if (negative)
        ++p;
    // Accumulate as a negative number: its range holds every qint64 magnitude.
    qint64 acc = 0;
    int digits = 0;
    int scale = 0;
    bool point = false;
    for (; p != end; ++p) {
        const char c = *p;
        if (c == '.') {
            if (point || digits == 0)
                return std::nullopt;
            point = true;
            continue;
        }
        if (c < '0' || c > '9')
            return std::nullopt;
        const int digit = c - '0';
        if (acc < (std::numeric_limits<qint64>::min() + digit) / 10)
            return std::nullopt;
        acc = acc * 10 - digit;
        ++digits;
        if (point && ++scale > MaxScale)
            return std::nullopt;
    }
    if (digits == 0 || (point && scale == 0))
        return std::nullopt;
    if (!negative && acc == std::numeric_limits<qint64>::min())
        return std::nullopt;
    return ExactDecimal{negative ? acc : -acc, static_cast<qint8>(scale)};
}

std::optional<ExactDecimal> ExactDecimal::parse(QStringView text)
{
    if (text.size() > 48)
        return std::nullopt;
    char buffer[48];
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char16_t c = text[i].unicode();
        if (c > 0x7f)
            return std::nullopt;
        buffer[i] = static_cast<char>(c);
    }
    return parse(std::string_view(buffer, static_cast<size_t>(text.size())));
}

double ExactDecimal::toDouble() const
{
    return DecimalUnits::toDouble(units, scale);
}

QString ExactDecimal::toString() const
{
    char text[48];
    return QString::fromLatin1(text, DecimalUnits::write(text, units, scale, true) - text);
}

} // namespace Candlewick
