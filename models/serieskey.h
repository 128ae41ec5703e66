#pragma once

#include "interval.h"

#include <QHashFunctions>
#include <QMetaType>
#include <QString>

#include <optional>

namespace Candlewick {

// Names one series: ("binance", "BTCUSDT", 1m). Printed as "binance:BTCUSDT:1m".
struct SeriesKey
{
    QString exchange;
    QString symbol;
    Interval interval = Interval::M1;

    QString toString() const;
    static std::optional<SeriesKey> fromString(QStringView text);

    friend bool operator==(const SeriesKey &, const SeriesKey &) = default;
};

inline size_t qHash(const SeriesKey &key, size_t seed = 0)
{
    return qHashMulti(seed, key.exchange, key.symbol, static_cast<int>(key.interval));
}

} // namespace Candlewick

Q_DECLARE_METATYPE(Candlewick::SeriesKey)
