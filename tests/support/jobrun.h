#pragma once

#include "eventwait.h"

#include <historyjob.h>
#include <manualclock.h>

namespace Candlewick::Testing {

// How a job ended: the candles of a HistoryJob's batches, finished or failed (with the error),
// and the requests it counted.
struct JobResult
{
    CandleBatch candles;
    bool finished = false;
    bool failed = false;
    ProviderError error;
    int requests = 0;
    bool done() const { return finished || failed; }
};

// Runs a job to its end, advancing the clock by stepMs whenever nothing happens for a while
// (pacing, backoff and bans wait on the clock).
inline JobResult runJob(Job *job, ManualClock *clock, qint64 stepMs = 1000)
{
    JobResult r;
    if (auto *history = qobject_cast<HistoryJob *>(job)) {
        QObject::connect(history, &HistoryJob::batch, job,
                         [&r](const SeriesKey &, const CandleBatch &b) { r.candles += b; });
    }
    QObject::connect(job, &Job::finished, job, [&r, job] {
        r.finished = true;
        r.requests = job->requestCount();
    });
    QObject::connect(job, &Job::failed, job, [&r, job](const ProviderError &e) {
        r.failed = true;
        r.error = e;
        r.requests = job->requestCount();
    });
    job->start();
    for (int i = 0; i < 5000 && !r.done(); ++i) {
        if (!waitFor([&r] { return r.done(); }, 20))
            clock->advance(stepMs);
    }
    return r;
}

} // namespace Candlewick::Testing
