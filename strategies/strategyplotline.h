#pragma once

#include <serieskey.h>
#include <strategytypes.h>

#include <QList>

namespace Candlewick {

// The values one strategy drew for one of its plots (StrategyContext::plot()) on one series:
// candle open times (ascending) and the values at them.
struct StrategyPlotLine
{
    int plot = -1; // the id addPlot() returned
    StrategyApi::Plot style;
    SeriesKey key;
    QList<qint64> times;
    QList<double> values;
};

} // namespace Candlewick
