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
    // The quote volumes exactly as the exchange wrote them, in units of 1e-8, when they have more
    // significant digits than a double holds (DecimalUnits::quoteUnitsOf); 0 otherwise. Used only
    // while they agree with the doubles (DecimalUnits::exactQuote), so code that computes a new
    // quote volume may leave them.
    qint64 quoteVolumeE8 = 0;
    qint64 takerBuyQuoteE8 = 0;

    // The values as doubles: the exact quote units only refine them.
    friend bool operator==(const Candle &a, const Candle &b)
    {
        return a.openTime == b.openTime && a.open == b.open && a.high == b.high && a.low == b.low
            && a.close == b.close && a.volume == b.volume && a.quoteVolume == b.quoteVolume
            && a.trades == b.trades && a.takerBuyBase == b.takerBuyBase
            && a.takerBuyQuote == b.takerBuyQuote && a.closed == b.closed;
    }
};

// Candles of one series in ascending open time; the unit of hand-off between threads.
using CandleBatch = QList<Candle>;

} // namespace Candlewick

Q_DECLARE_METATYPE(Candlewick::Candle)
Q_DECLARE_METATYPE(Candlewick::CandleBatch)
