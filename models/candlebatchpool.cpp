#include "candlebatchpool.h"

namespace Candlewick {

CandleBatchPool::CandleBatchPool(int capacity)
    : m_capacity(qMax(0, capacity))
{
}

CandleStore::EncodedBatch CandleBatchPool::take()
{
    QMutexLocker lock(&m_mutex);
    if (m_batches.empty())
        return {};
    CandleStore::EncodedBatch batch = std::move(m_batches.back());
    m_batches.pop_back();
    return batch;
}

void CandleBatchPool::give(CandleStore::EncodedBatch &&batch)
{
    CandleStore::EncodedBatch kept = std::move(batch);
    if (kept.candles.capacity() == 0 && kept.rows.bytes.capacity() == 0)
        return;
    kept.candles.clear();
    kept.rows.encoding = {};
    kept.rows.bytes.clear();
    kept.rows.ends.clear();
    QMutexLocker lock(&m_mutex);
    if (qsizetype(m_batches.size()) < m_capacity)
        m_batches.push_back(std::move(kept));
}

int CandleBatchPool::size()
{
    QMutexLocker lock(&m_mutex);
    return int(m_batches.size());
}

} // namespace Candlewick
