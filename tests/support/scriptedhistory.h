#pragma once

#include <historyjob.h>
#include <historysource.h>
#include <timerange.h>

#include <QPointer>

namespace Candlewick::Testing {

// A history source holding its candles in memory: each job hands out those of its range as one
// batch from the event loop; the first `failures` jobs fail with a transient error instead.
class ScriptedHistory : public HistorySource
{
public:
    class Job : public HistoryJob
    {
    public:
        Job(ScriptedHistory *history, const SeriesKey &key, qint64 from, qint64 to)
            : HistoryJob(key, from, to)
            , m_history(history)
        {
        }

    protected:
        void doStart() override
        {
            QMetaObject::invokeMethod(
                this,
                [this] {
                    if (m_history->failures > 0) {
                        --m_history->failures;
                        emitResult({ProviderError::Kind::Network, 0, 0,
                                    QStringLiteral("connection reset"), 0});
                        return;
                    }
                    CandleBatch out;
                    for (const Candle &c : std::as_const(m_history->candles)) {
                        if (c.openTime >= from() && c.openTime < to())
                            out.append(c);
                    }
                    if (!out.isEmpty())
                        emit batch(key(), out);
                    emitResult();
                },
                Qt::QueuedConnection);
        }

    private:
        ScriptedHistory *m_history;
    };

    HistoryJob *fetchHistory(const SeriesKey &key, qint64 from, qint64 to) override
    {
        requests.append({from, to});
        auto *job = new Job(this, key, from, to);
        last = job;
        return job;
    }

    CandleBatch candles;
    int failures = 0;
    QList<TimeRange> requests; // the ranges asked, in order
    QPointer<Job> last; // the latest job, while it exists
};

} // namespace Candlewick::Testing
