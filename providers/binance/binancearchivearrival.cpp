#include "binancearchivearrival.h"

namespace Candlewick {

BinanceArchiveArrival::BinanceArchiveArrival(QList<QByteArray> blocks)
    : m_blocks(std::move(blocks))
{
}

void BinanceArchiveArrival::append(QByteArray block)
{
    {
        std::lock_guard lock(m_mutex);
        m_blocks.append(std::move(block));
    }
    m_changed.notify_all();
}

void BinanceArchiveArrival::complete()
{
    {
        std::lock_guard lock(m_mutex);
        if (m_end == End::None)
            m_end = End::Complete;
    }
    m_changed.notify_all();
}

void BinanceArchiveArrival::stop()
{
    {
        std::lock_guard lock(m_mutex);
        if (m_end == End::None)
            m_end = End::Stopped;
    }
    m_changed.notify_all();
}

bool BinanceArchiveArrival::block(qsizetype index, QByteArray &block)
{
    std::unique_lock lock(m_mutex);
    m_changed.wait(lock, [this, index] { return index < m_blocks.size() || m_end != End::None; });
    // A stopped download's blocks are not read further (they may be all there is of it).
    if (index >= m_blocks.size() || m_end == End::Stopped)
        return false;
    block = m_blocks.at(index);
    return true;
}

bool BinanceArchiveArrival::waitForEnd()
{
    std::unique_lock lock(m_mutex);
    m_changed.wait(lock, [this] { return m_end != End::None; });
    return m_end == End::Complete;
}

BinanceArchiveArrival::End BinanceArchiveArrival::end() const
{
    std::lock_guard lock(m_mutex);
    return m_end;
}

QList<QByteArray> BinanceArchiveArrival::blocks() const
{
    std::lock_guard lock(m_mutex);
    return m_blocks;
}

} // namespace Candlewick
