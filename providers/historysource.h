#pragma once

#include "historyjob.h"

namespace Candlewick {

// The role of a source of past candles (an exchange's REST API, the demo generator): one job per
// range. The job is not started; the caller connects to it, then calls start().
class HistorySource
{
public:
    virtual ~HistorySource() = default;
    // Closed candles of `key` with open time in [fromMs, toMs).
    virtual HistoryJob *fetchHistory(const SeriesKey &key, qint64 fromMs, qint64 toMs) = 0;

protected:
    HistorySource() = default;
    HistorySource(const HistorySource &) = default;
    HistorySource &operator=(const HistorySource &) = default;
};

} // namespace Candlewick
