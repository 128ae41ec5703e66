#pragma once

#include "historysource.h"

namespace Candlewick {

class Exchange;

// An exchange's history for every interval it can give: native intervals come straight from the
// exchange's own source; any other is built, exact and UTC-aligned, from the coarsest native
// interval that divides it (8h from 4h, 1w from 1d: Exchange::sourceInterval); one that nothing
// divides fails at once with a message naming the finest interval there is. A built candle is
// the aggregate of the finer candles that exist in its span, exactly as the exchange aggregates
// its own; the caller asks only for candles that have closed.
class BuiltIntervalHistory : public HistorySource
{
public:
    BuiltIntervalHistory(const Exchange &exchange, HistorySource *native);

    HistoryJob *fetchHistory(const SeriesKey &key, qint64 fromMs, qint64 toMs) override;
    // A built interval costs what its finer candles cost.
    Cost cost(Interval interval, qint64 candles) const override;

private:
    const Exchange &m_exchange;
    HistorySource *m_native;
};

} // namespace Candlewick
