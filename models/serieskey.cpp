#include "serieskey.h"

namespace Candlewick {

QString SeriesKey::toString() const
{
    return exchange + u':' + symbol + u':' + Intervals::name(interval);
}

std::optional<SeriesKey> SeriesKey::fromString(QStringView text)
{
    const auto parts = text.split(u':');
    if (parts.size() != 3 || parts[0].isEmpty() || parts[1].isEmpty())
        return std::nullopt;
    const auto interval = Intervals::parse(parts[2]);
    if (!interval)
        return std::nullopt;
    return SeriesKey{parts[0].toString().toLower(), parts[1].toString().toUpper(), *interval};
}

} // namespace Candlewick
