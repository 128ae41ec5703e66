#pragma once

#include <candle.h>
#include <serieskey.h>

#include <QtGlobal>

namespace Candlewick {

// Deterministic synthetic candles for the "demo" exchange. The price is a seeded multi-scale
// random walk defined on time itself, so any candle of any interval can be computed on its own
// (random access), a candle's open equals the previous candle's close, and the same instant
// has the same price in every interval. Every candle passes candleRejection().
class MockCandleGenerator
{
public:
    // Partial updates a live candle goes through before it closes (at 1/N, 2/N, ... of it).
    static constexpr int UpdatesPerCandle = 4;

    explicit MockCandleGenerator(quint64 seed = 1);

    quint64 seed() const { return m_seed; }

    // The closed candle opening at openTime (which must be aligned to key.interval).
    Candle candleAt(const SeriesKey &key, qint64 openTime) const;
    // The still-forming candle opening at openTime as it looks after `step` of
    // UpdatesPerCandle updates (1 <= step < UpdatesPerCandle). closed == false.
    Candle partialAt(const SeriesKey &key, qint64 openTime, int step) const;
    // Closed candles with open time in [fromMs, toMs), at most maxCount of them.
    CandleBatch range(const SeriesKey &key, qint64 fromMs, qint64 toMs,
                      qsizetype maxCount = -1) const;

    // The synthetic price of the symbol at time t (ms UTC).
    double priceAt(const QString &symbol, qint64 t) const;

private:
    struct Shape;
    Shape shape(const SeriesKey &key, qint64 openTime, int steps) const;
    quint64 symbolSeed(const QString &symbol) const;

    quint64 m_seed;
};

} // namespace Candlewick
