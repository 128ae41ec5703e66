#pragma once

#include "providererror.h"

#include <candle.h>
#include <serieskey.h>

#include <QObject>

namespace Candlewick {

// One asynchronous history download (modelled on KJob). Batches arrive in time order, without
// duplicates, and carry only closed candles. Exactly one of finished() or failed() ends a job;
// the job deletes itself (deleteLater) after emitting it.
class HistoryJob : public QObject
{
    Q_OBJECT
public:
    HistoryJob(SeriesKey key, qint64 fromMs, qint64 toMs, QObject *parent = nullptr);

    const SeriesKey &key() const { return m_key; }
    qint64 from() const { return m_from; }
    qint64 to() const { return m_to; }
    const ProviderError &error() const { return m_error; }
    // Number of HTTP (or equivalent) requests this job has sent so far.
    int requestCount() const { return m_requests; }

    // Starts the work (from the event loop); call once, after connecting.
    virtual void start() = 0;
    // Stops the work; failed() is emitted with Kind::Cancelled.
    virtual void cancel() = 0;

signals:
    void progress(qint64 done, qint64 total);
    void batch(const SeriesKey &key, const Candlewick::CandleBatch &candles);
    void finished();
    void failed(const Candlewick::ProviderError &error);

protected:
    void countRequest() { ++m_requests; }
    void finishSuccess();
    void finishError(ProviderError error);
    bool isDone() const { return m_done; }

private:
    SeriesKey m_key;
    qint64 m_from;
    qint64 m_to;
    ProviderError m_error;
    int m_requests = 0;
    bool m_done = false;
};

} // namespace Candlewick
