#include "exactdecimal.h"

#include <QByteArray>

#include <charconv>
#include <limits>

namespace Candlewick {

namespace {

constexpr qint64 kPow10[] = {1LL,
                             10LL,
                             100LL,
                             1000LL,
                             10000LL,
                             100000LL,
                             1000000LL,
                             10000000LL,
                             100000000LL,
                             1000000000LL,
                             10000000000LL,
                             100000000000LL,
                             1000000000000LL,
                             10000000000000LL,
                             100000000000000LL,
                             1000000000000000LL,
                             10000000000000000LL,
                             100000000000000000LL,
                             1000000000000000000LL};

} // namespace

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
    // Both operands are exact doubles below 2^53 and 10^22: one correctly rounded division.
    constexpr qint64 exactLimit = qint64(1) << 53;
    if (units > -exactLimit && units < exactLimit)
        return static_cast<double>(units) / static_cast<double>(kPow10[scale]);
    const QByteArray text = toString().toLatin1();
    double value = 0;
    std::from_chars(text.constData(), text.constData() + text.size(), value);
    return value;
}

QString ExactDecimal::toString() const
{
    // The magnitude as unsigned: -qint64 min does not fit a qint64.
    const quint64 magnitude = units < 0 ? 0 - static_cast<quint64>(units) : quint64(units);
    QString digits = QString::number(magnitude);
    if (scale > 0) {
        if (digits.size() <= scale)
            digits.prepend(QString(scale - digits.size() + 1, QLatin1Char('0')));
        digits.insert(digits.size() - scale, QLatin1Char('.'));
    }
    if (units < 0)
        digits.prepend(QLatin1Char('-'));
    return digits;
}

} // namespace Candlewick
