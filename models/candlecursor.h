#pragma once

#include "candle.h"
#include "serieskey.h"
#include "timerange.h"

#include <QString>

namespace Candlewick {

class CandleStore;

// Reads a stored range chunk by chunk (keyset pagination on open time), so a multi-year range
// never needs to be in memory at once. Valid while its store is open, on the store's thread.
class CandleCursor
{
public:
    CandleCursor(const CandleStore *store, SeriesKey key, TimeRange range, int chunkSize);

    // The next chunk in ascending open time; empty when the range is exhausted or on an error
    // (then atEnd() and errorString() is set).
    CandleBatch next();
    bool atEnd() const { return m_atEnd; }
    QString errorString() const { return m_error; }

private:
    const CandleStore *m_store;
    SeriesKey m_key;
    TimeRange m_range;
    int m_chunkSize;
    qint64 m_nextFrom;
    bool m_atEnd = false;
    QString m_error;
};

} // namespace Candlewick
