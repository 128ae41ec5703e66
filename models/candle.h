#pragma once

#include <QList>
#include <QMetaType>
#include <QtGlobal>

namespace Candlewick {

// The unified candle: one format for every source. Times are ms since epoch, UTC.
struct Candle
{
    qint64 openTime = 0; // identity within a series
    double open = 0;
    double high = 0;
    double low = 0;
    double close = 0;
    double volume = 0;
    double quoteVolume = 0;
    qint64 trades = 0;
    double takerBuyBase = 0;
    double takerBuyQuote = 0;
    bool closed = true; // false while a live candle is still forming

    friend bool operator==(const Candle &, const Candle &) = default;
};

// Candles of one series in ascending open time; the unit of hand-off between threads.
using CandleBatch = QList<Candle>;

} // namespace Candlewick

Q_DECLARE_METATYPE(Candlewick::Candle)
Q_DECLARE_METATYPE(Candlewick::CandleBatch)
