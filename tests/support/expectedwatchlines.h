#pragma once

#include <candlestore.h>
#include <serieskey.h>

#include <QByteArray>
#include <QList>

namespace Candlewick::Testing {

// What a correct `candlewick-cli watch` prints for the candles `store` holds of `keys` from
// `from` on: each candle's JSON line (without its newline), merged by open time, the earlier
// key first on ties. Empty when the store has nothing (or cannot be read).
QList<QByteArray> expectedWatchLines(const CandleStore &store, const QList<SeriesKey> &keys,
                                     qint64 from);

} // namespace Candlewick::Testing
