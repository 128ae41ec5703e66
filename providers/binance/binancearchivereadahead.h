#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <QThread>

#include <array>
#include <condition_variable>
#include <memory>
#include <mutex>

namespace Candlewick {

class BinanceArchiveZip;

// Reads an open BinanceArchiveZip's CSV a block at a time. On a thread of its own (Thread::Own),
// a few blocks ahead of the caller: inflating a file and parsing it take about the same time, so
// a file read alone (a month of 1s, the last file of an import) keeps two cores busy. When other
// files keep the other core busy, in the caller's thread (Thread::Caller): no hand-over, and the
// block is still in the core's cache when it is parsed. Memory is bounded: Blocks blocks of
// BlockBytes (one for the caller's thread). On its own thread, the zip is used only by that thread
// until the read-ahead ends (destroyed: it stops the thread and waits for it).
class BinanceArchiveReadAhead
{
public:
    static constexpr int Blocks = 4;
    static constexpr qsizetype BlockBytes = 512 * 1024;
    enum class Thread { Own, Caller };

    explicit BinanceArchiveReadAhead(BinanceArchiveZip &zip, Thread thread = Thread::Own);
    ~BinanceArchiveReadAhead();
    BinanceArchiveReadAhead(const BinanceArchiveReadAhead &) = delete;
    BinanceArchiveReadAhead &operator=(const BinanceArchiveReadAhead &) = delete;

    // The next block of the CSV into `block` (valid until the next call): false at the end,
    // with errorString() empty, or on the zip's error.
    bool next(QByteArrayView &block);
    QString errorString() const;

private:
    void run();
    // The next block inflated here (Thread::Caller).
    bool readHere(QByteArrayView &block);
    // The next CSV bytes inflated into `block` (made on its first use): the count, 0 at the end,
    // -1 on the zip's error.
    qint64 fill(QByteArray &block);
    // The CSV ended (`n` 0) or the zip failed (`n` < 0, its error kept); under the lock when
    // the thread reads.
    void end(qint64 n);

    BinanceArchiveZip &m_zip;
    mutable std::mutex m_mutex;
    std::condition_variable m_changed;
    std::array<QByteArray, Blocks> m_blocks;
    std::array<qsizetype, Blocks> m_sizes{};
    int m_first = 0; // the oldest block not released
    int m_filled = 0; // blocks read and not released (the one the caller holds included)
    bool m_holding = false; // the caller holds m_blocks[m_first]
    bool m_end = false; // the thread is done (the CSV's end or an error)
    bool m_stop = false;
    QString m_error;
    // "candlewick-unzip" (Thread::Own, else none); last: started once the rest is set
    std::unique_ptr<QThread> m_thread;
};

} // namespace Candlewick
