#pragma once

#include "candle.h"
#include "interval.h"
#include "timerange.h"

#include <QHash>
#include <QList>
#include <QString>

#include <array>
#include <functional>

namespace Candlewick::Testing {

// The deterministic ground truth behind the fake exchange. Not thread-safe: the owner locks.
//
// Every symbol has a price path p(t) that is a closed-form function of time (multi-scale value
// noise seeded by the symbol, linear around a base price), so any candle can be computed in O(1)
// without walking history: open = p(openTime), close = p(next open), so consecutive candles chain
// exactly. High, low, volume and trades are seeded by (symbol, interval, openTime). About 2% of 1m
// candles (20% of 1s candles) are quiet: volume 0, trades 0 and o=h=l=c=previous close; a quiet
// candle is never followed by another one. All values are exact multiples of 1e-8 below 9e7, so
// they survive a round trip through the 8-decimal strings of the REST rows bit for bit.
class SyntheticMarket
{
public:
    // The octaves of value noise a symbol's price path sums.
    static constexpr size_t PriceOctaves = 8;

    struct Symbol
    {
        QString symbol;
        QString base;
        QString quote;
        QString status;
        qint64 listedFromMs = 0; // first candle: the first open time >= listedFromMs
        quint64 seed = 0;
        double basePrice = 0;
        qint64 tickUnits = 1; // price tick in units of 1e-8
        // The last price computed for it (see priceUnits()).
        mutable bool memoValid = false;
        mutable qint64 memoTime = 0;
        mutable qint64 memoPrice = 0;
        // Per octave of the price path, the last lattice cell used and its two end values.
        struct NoiseCell
        {
            bool valid = false;
            qint64 index = 0;
            double from = 0;
            double to = 0;
        };
        mutable std::array<NoiseCell, PriceOctaves> noiseCells;
    };

    void addSymbol(const QString &symbol, const QString &base, const QString &quote,
                   qint64 listedFromMs, const QString &status);
    const Symbol *symbol(const QString &name) const;
    const QList<Symbol> &symbols() const { return m_symbols; }

    void addMaintenanceGap(TimeRange gap);
    const TimeRanges &maintenanceGaps() const { return m_gaps; }

    // Interval arithmetic with boundaries in a time zone `offsetMs` east of UTC (klines'
    // timeZone parameter); times stay UTC. With offset 0 these are Intervals:: functions.
    static qint64 alignDown(Interval interval, qint64 t, qint64 offsetMs);
    static qint64 alignUp(Interval interval, qint64 t, qint64 offsetMs);
    static qint64 nextOpen(Interval interval, qint64 openTime, qint64 offsetMs);
    static qint64 previousOpen(Interval interval, qint64 openTime, qint64 offsetMs);

    // The final (closed) candle at openTime, whether or not it exists (listing/gaps ignored).
    Candle candleAt(const Symbol &s, Interval interval, qint64 openTime) const;
    // The candle opening at openTime as it looks at nowMs: final when its close time
    // (next open - 1) <= nowMs, otherwise forming (closed = false) with partial values.
    Candle candleAsOf(const Symbol &s, Interval interval, qint64 openTime, qint64 nowMs,
                      qint64 offsetMs = 0) const;

    // Whether a candle opening at openTime exists at all (listed, not in a gap, opened by nowMs).
    bool exists(const Symbol &s, qint64 openTime, qint64 nowMs) const;

    // Open times of existing candles, ascending, with from <= openTime <= to (inclusive, like
    // the exchange), at most `limit` of them: the oldest ones when `newest` is false, otherwise
    // the newest ones. Cost is proportional to the rows returned (plus skipped gaps).
    QList<qint64> openTimes(const Symbol &s, Interval interval, qint64 from, qint64 to, int limit,
                            bool newest, qint64 nowMs, qint64 offsetMs = 0) const;

    // Closed candles with openTime in [range.from, range.to) as of nowMs.
    CandleBatch closedCandles(const Symbol &s, Interval interval, TimeRange range,
                              qint64 nowMs) const;

    // Exact decimal value for a quantity in units of 1e-8.
    static double fromUnits(qint64 units) { return static_cast<double>(units) / 1e8; }

private:
    // Price in units of 1e-8, rounded to the symbol's tick.
    qint64 priceUnits(const Symbol &s, qint64 t) const;
    bool rawQuiet(const Symbol &s, Interval interval, qint64 openTime) const;
    bool quiet(const Symbol &s, Interval interval, qint64 openTime, qint64 offsetMs) const;
    // First open time >= t that is outside every gap (and >= t).
    qint64 skipGapsForward(Interval interval, qint64 t, qint64 offsetMs) const;
    // Last open time <= t that is outside every gap.
    qint64 skipGapsBackward(Interval interval, qint64 t, qint64 offsetMs) const;
    const TimeRange *gapContaining(qint64 t) const;

    QList<Symbol> m_symbols;
    QHash<QString, qsizetype> m_index; // of m_symbols, by name
    TimeRanges m_gaps; // merged, sorted
};

} // namespace Candlewick::Testing
