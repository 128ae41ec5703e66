#pragma once

#include "candle.h"
#include "candlestore.h"

#include <QMutex>
#include <QWaitCondition>

#include <deque>
#include <memory>

namespace Candlewick {

class CandleBatchPool;

// Batches of candles (with their rows encoded ahead, when the producer did) handed from a
// producer thread (an import's parser) to the database's writer (CandleDatabase::writeStream()),
// which writes them all in one transaction. At most
// `capacity` batches wait, so memory stays flat however long the stream. With `spares`, each
// batch the writer is done with goes there, its memory kept for the producers' next ones.
// Thread-safe.
class CandleStream
{
public:
    explicit CandleStream(int capacity, std::shared_ptr<CandleBatchPool> spares = {});

    // Producer: queues a batch, waiting while `capacity` batches wait. False (the batch
    // dropped) once the stream was aborted or its writer stopped.
    bool push(CandleStore::EncodedBatch batch);
    // Producer: no more batches; the writer commits them.
    void finish();
    // Anyone: store nothing of the stream; a waiting push() returns false.
    void abort();

    // Writer: the next batch, waiting for it (Batch), or End after finish(), or Abort. What
    // `batch` held before (the batch written) goes to the spares.
    CandleStore::NextBatch take(CandleStore::EncodedBatch &batch);
    // Writer: done with the stream (written or failed); push() returns false from now on.
    void close();

private:
    QMutex m_mutex;
    QWaitCondition m_changed;
    std::deque<CandleStore::EncodedBatch> m_batches;
    std::shared_ptr<CandleBatchPool> m_spares;
    int m_capacity;
    bool m_finished = false;
    bool m_aborted = false;
    bool m_closed = false;
};

} // namespace Candlewick
