#include "candlestream.h"

#include "candlebatchpool.h"

namespace Candlewick {

CandleStream::CandleStream(int capacity, std::shared_ptr<CandleBatchPool> spares)
    : m_spares(std::move(spares))
    , m_capacity(qMax(1, capacity))
{
}

bool CandleStream::push(CandleStore::EncodedBatch batch)
{
    QMutexLocker lock(&m_mutex);
    while (!m_aborted && !m_closed && qsizetype(m_batches.size()) >= m_capacity)
        m_changed.wait(&m_mutex);
    if (m_aborted || m_closed || m_finished)
        return false;
    m_batches.push_back(std::move(batch));
    m_changed.wakeAll();
    return true;
}

void CandleStream::finish()
{
    QMutexLocker lock(&m_mutex);
    m_finished = true;
    m_changed.wakeAll();
}

void CandleStream::abort()
{
    QMutexLocker lock(&m_mutex);
    m_aborted = true;
    m_batches.clear();
    m_changed.wakeAll();
}

CandleStore::NextBatch CandleStream::take(CandleStore::EncodedBatch &batch)
{
    if (m_spares)
        m_spares->give(std::move(batch));
    QMutexLocker lock(&m_mutex);
    while (!m_aborted && !m_finished && m_batches.empty())
        m_changed.wait(&m_mutex);
    if (m_aborted)
        return CandleStore::NextBatch::Abort;
    if (m_batches.empty())
        return CandleStore::NextBatch::End;
    batch = std::move(m_batches.front());
    m_batches.pop_front();
    m_changed.wakeAll();
    return CandleStore::NextBatch::Batch;
}

void CandleStream::close()
{
    QMutexLocker lock(&m_mutex);
    m_closed = true;
    m_batches.clear();
    m_changed.wakeAll();
}

} // namespace Candlewick
