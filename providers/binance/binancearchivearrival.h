#pragma once

#include <QByteArray>
#include <QList>

#include <condition_variable>
#include <mutex>

namespace Candlewick {

// A download's bytes as they arrive, shared with one thread that reads them meanwhile: the
// blocks are kept as the download gave them (shared, never copied again) and read in order,
// the reader waiting for the next one until it arrives or the download ends. Thread-safe.
class BinanceArchiveArrival
{
public:
    enum class End { None, Complete, Stopped };

    // Starts with the blocks that arrived before.
    explicit BinanceArchiveArrival(QList<QByteArray> blocks = {});

    // The download's side: the next block; all bytes arrived; no more will (the download
    // failed, or the job stopped).
    void append(QByteArray block);
    void complete();
    void stop();

    // The reader's side: the block `index` (from 0) into `block`, waiting for it; false when
    // the download ended before it (end() says how).
    bool block(qsizetype index, QByteArray &block);
    // Waits for the download's end: true when all of it arrived.
    bool waitForEnd();
    End end() const;
    // The blocks that arrived: the whole download once it is complete.
    QList<QByteArray> blocks() const;

private:
    mutable std::mutex m_mutex;
    std::condition_variable m_changed;
    QList<QByteArray> m_blocks;
    End m_end = End::None;
};

} // namespace Candlewick
