#include "candlecursor.h"

#include "candlestore.h"

namespace Candlewick {

CandleCursor::CandleCursor(const CandleStore *store, SeriesKey key, TimeRange range, int chunkSize)
    : m_store(store)
    , m_key(std::move(key))
    , m_range(range)
    , m_chunkSize(qMax(1, chunkSize))
    , m_nextFrom(range.from)
{
}

CandleBatch CandleCursor::next()
{
    if (m_atEnd || !m_store)
        return {};
    // Keyset pagination: each chunk is an independent range query on the primary key, so no
    // statement stays open between chunks.
    CandleBatch chunk;
    if (!m_store->readChunk(m_key, {m_nextFrom, m_range.to}, m_chunkSize, chunk, m_chunkSize)) {
        m_error = m_store->errorString();
        m_atEnd = true;
        return {};
    }
    if (chunk.size() < m_chunkSize)
        m_atEnd = true;
    if (!chunk.isEmpty())
        m_nextFrom = chunk.last().openTime + 1;
    return chunk;
}

} // namespace Candlewick
