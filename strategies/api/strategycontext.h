#pragma once

#include "strategytypes.h"

namespace Candlewick::StrategyApi {

// The host's side of a running strategy: where its signals and lines go. Valid between onStart()
// and onStop(); call it only from inside those callbacks and onCandle().
class StrategyContext
{
public:
    virtual ~StrategyContext() = default;

    virtual void emitSignal(const Signal &signal) = 0;
    // A line for the host's log (not a signal).
    virtual void log(const QString &message) = 0;

    void buy(const SeriesKey &series, qint64 time, double price, const QString &reason = {})
    {
        emitSignal({Side::Buy, series, time, price, reason});
    }
    void sell(const SeriesKey &series, qint64 time, double price, const QString &reason = {})
    {
        emitSignal({Side::Sell, series, time, price, reason});
    }
    void note(const SeriesKey &series, qint64 time, double price, const QString &reason)
    {
        emitSignal({Side::Note, series, time, price, reason});
    }

    // API version 2 (org.candlewick.Strategy/2). Declares a line for the chart, normally in
    // onStart(), and returns its id for plot().
    virtual int addPlot(const Plot &plot) = 0;
    // API version 2. The value of line `id` on `series` at the candle that opens at `time`
    // (times of one line ascending). An id addPlot() did not return stops the strategy.
    virtual void plot(int id, const SeriesKey &series, qint64 time, double value) = 0;
};

} // namespace Candlewick::StrategyApi
