#pragma once

#include "historyjob.h"

namespace Candlewick {

// The role of a source of past candles (an exchange's REST API, the demo generator): one job per
// range. The job is not started; the caller connects to it, then calls start().
class HistorySource
{
public:
    // What downloading a number of candles costs at the source's request budget.
    struct Cost
    {
        qint64 requests = 0; // 0: the source has no request budget (the demo)
        qint64 durationMs = 0; // at the budget's pace
        int budgetWeight = 0; // the tightest budget: this much weight ...
        qint64 budgetWindowMs = 0; // ... per this window
    };

    virtual ~HistorySource() = default;
    // Closed candles of `key` with open time in [fromMs, toMs).
    virtual HistoryJob *fetchHistory(const SeriesKey &key, qint64 fromMs, qint64 toMs) = 0;
    // The cost of `candles` candles of `interval` (for estimates before a large download).
    virtual Cost cost(Interval interval, qint64 candles) const
    {
        Q_UNUSED(interval);
        Q_UNUSED(candles);
        return {};
    }

protected:
    HistorySource() = default;
    HistorySource(const HistorySource &) = default;
    HistorySource &operator=(const HistorySource &) = default;
};

} // namespace Candlewick
