#pragma once

#include "historyjob.h"

#include <optional>

namespace Candlewick {

// The role of a source of past candles (an exchange's REST API, the demo generator): one job per
// range. The job is not started; the caller connects to it, then calls start().
class HistorySource
{
public:
    virtual ~HistorySource() = default;
    // Closed candles of `key` with open time in [fromMs, toMs).
    virtual HistoryJob *fetchHistory(const SeriesKey &key, qint64 fromMs, qint64 toMs) = 0;

    // What fetching `candles` candles of `interval` costs at the source's current request budget,
    // for the estimate before a large download. nullopt: the source has no request budget.
    struct Cost
    {
        qint64 requests = 0;
        qint64 durationMs = 0; // the time the budget needs for them
        int budgetWeight = 0; // the tightest limit: this much weight...
        qint64 budgetWindowMs = 0; // ...per this long
    };
    virtual std::optional<Cost> cost(Interval interval, qint64 candles) const
    {
        Q_UNUSED(interval);
        Q_UNUSED(candles);
        return std::nullopt;
    }

protected:
    HistorySource() = default;
    HistorySource(const HistorySource &) = default;
    HistorySource &operator=(const HistorySource &) = default;
};

} // namespace Candlewick
