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

// Reads an open BinanceArchiveZip's CSV on a thread of its own, a few blocks ahead of the
// caller: inflating a file and parsing it take about the same time, so one file keeps two cores
// busy (a lone file, or the first and the last of an import, would leave one idle). Memory is
// bounded: Blocks blocks of BlockBytes. The zip is used only by the thread until the read-ahead
// ends (destroyed: it stops the thread and waits for it).
class BinanceArchiveReadAhead
{
public:
    static constexpr int Blocks = 4;
    static constexpr qsizetype BlockBytes = 512 * 1024;

    explicit BinanceArchiveReadAhead(BinanceArchiveZip &zip);
    ~BinanceArchiveReadAhead();
    BinanceArchiveReadAhead(const BinanceArchiveReadAhead &) = delete;
    BinanceArchiveReadAhead &operator=(const BinanceArchiveReadAhead &) = delete;

    // The next block of the CSV into `block` (valid until the next call): false at the end,
    // with errorString() empty, or on the zip's error.
    bool next(QByteArrayView &block);
    QString errorString() const;

private:
    void run(BinanceArchiveZip &zip);

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
    std::unique_ptr<QThread> m_thread; // "candlewick-unzip"; last: started once the rest is set
};

} // namespace Candlewick
