#include "binancearchivereadahead.h"

#include "binancearchivezip.h"

namespace Candlewick {

BinanceArchiveReadAhead::BinanceArchiveReadAhead(BinanceArchiveZip &zip, Thread thread)
    : m_zip(zip)
{
    if (thread == Thread::Caller)
        return;
    m_thread.reset(QThread::create([this] { run(); }));
    m_thread->setObjectName(QStringLiteral("candlewick-unzip"));
    m_thread->start();
}

BinanceArchiveReadAhead::~BinanceArchiveReadAhead()
{
    if (!m_thread)
        return;
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_changed.notify_all();
    m_thread->wait();
}

void BinanceArchiveReadAhead::run()
{
    std::unique_lock lock(m_mutex);
    for (;;) {
        m_changed.wait(lock, [this] { return m_stop || m_filled < Blocks; });
        if (m_stop)
            return;
        const int slot = (m_first + m_filled) % Blocks;
        // The free block is the thread's alone until it is counted as filled; made on its
        // first use (a small file needs one).
        lock.unlock();
        const qint64 n = fill(m_blocks[size_t(slot)]);
        lock.lock();
        if (n <= 0) {
            end(n);
            m_changed.notify_all();
            return;
        }
        m_sizes[size_t(slot)] = n;
        ++m_filled;
        m_changed.notify_all();
    }
}

bool BinanceArchiveReadAhead::next(QByteArrayView &block)
{
    if (!m_thread)
        return readHere(block);
    std::unique_lock lock(m_mutex);
    if (m_holding) {
        m_first = (m_first + 1) % Blocks;
        --m_filled;
        m_holding = false;
        m_changed.notify_all();
    }
    m_changed.wait(lock, [this] { return m_filled > 0 || m_end; });
    if (m_filled == 0)
        return false;
    m_holding = true;
    block = QByteArrayView(m_blocks[size_t(m_first)].constData(), m_sizes[size_t(m_first)]);
    return true;
}

bool BinanceArchiveReadAhead::readHere(QByteArrayView &block)
{
    if (m_end)
        return false;
    const qint64 n = fill(m_blocks.front());
    if (n <= 0) {
        end(n);
        return false;
    }
    block = QByteArrayView(m_blocks.front().constData(), n);
    return true;
}

qint64 BinanceArchiveReadAhead::fill(QByteArray &block)
{
    if (block.isEmpty())
        block.resize(BlockBytes);
    return m_zip.read(block.data(), BlockBytes);
}

void BinanceArchiveReadAhead::end(qint64 n)
{
    if (n < 0)
        m_error = m_zip.errorString();
    m_end = true;
}

QString BinanceArchiveReadAhead::errorString() const
{
    std::lock_guard lock(m_mutex);
    return m_error;
}

} // namespace Candlewick
