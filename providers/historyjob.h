#pragma once

#include "job.h"

#include <candle.h>
#include <serieskey.h>

namespace Candlewick {

// One history download of closed candles with open time in [from, to): batches arrive in time
// order, without duplicates, and carry only closed candles. Ends like every Job.
class HistoryJob : public Job
{
    Q_OBJECT
public:
    HistoryJob(SeriesKey key, qint64 fromMs, qint64 toMs, QObject *parent = nullptr);

    const SeriesKey &key() const { return m_key; }
    qint64 from() const { return m_from; }
    qint64 to() const { return m_to; }

signals:
    void batch(const Candlewick::SeriesKey &key, const Candlewick::CandleBatch &candles);

private:
    SeriesKey m_key;
    qint64 m_from;
    qint64 m_to;
};

} // namespace Candlewick
