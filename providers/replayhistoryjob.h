#pragma once

#include "historyjob.h"

namespace Candlewick {

// ReplayProvider's answer to fetchHistory(): replay has no history of its own (read it from
// the store), so the job fails at once, from the event loop, with InvalidRequest.
class ReplayHistoryJob : public HistoryJob
{
    Q_OBJECT
public:
    using HistoryJob::HistoryJob;
    void start() override;
    void cancel() override;
};

} // namespace Candlewick
