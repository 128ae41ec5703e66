#pragma once

#include "candlestore.h"

#include <QMutex>

#include <vector>

namespace Candlewick {

// Batches a writer is done with, emptied with their memory kept, for producers to fill again
// (CandleStream gives them back as its writer takes the next one): batches of about the same size
// each time then touch no memory for the first time, and none goes back to the system to be
// faulted in again. Keeps at most `capacity` batches, so the memory it holds is bounded.
// Thread-safe.
class CandleBatchPool
{
public:
    explicit CandleBatchPool(int capacity);

    // An empty batch: one given back, its lists' room kept, or else a new one.
    CandleStore::EncodedBatch take();
    // Keeps `batch`, emptied; dropped when the pool is full or the batch has no room.
    void give(CandleStore::EncodedBatch &&batch);
    // How many it keeps now.
    int size();

private:
    QMutex m_mutex;
    std::vector<CandleStore::EncodedBatch> m_batches;
    int m_capacity;
};

} // namespace Candlewick
