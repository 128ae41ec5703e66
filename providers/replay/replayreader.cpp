#include "replayreader.h"

namespace Candlewick {

ReplayReader::ReplayReader(QObject *parent)
    : QObject(parent)
{
}

ReplayReader::~ReplayReader()
{
    closeStore();
}

void ReplayReader::openStore(const QString &path)
{
    closeStore();
    m_store = std::make_unique<CandleStore>();
    if (!m_store->open(path, CandleStore::OpenMode::ReadOnly)) {
        const QString error = m_store->errorString();
        m_store.reset();
        emit failed(QStringLiteral("Cannot open the candle database for replay: %1").arg(error));
    }
}

void ReplayReader::closeStore()
{
    m_cursors.clear();
    m_generations.clear();
    if (m_store)
        m_store->close();
    m_store.reset();
}

void ReplayReader::startSeries(int generation, int index, const SeriesKey &key, qint64 fromMs,
                               qint64 toMs, int chunkSize)
{
    if (!m_store || index < 0)
        return;
    if (static_cast<size_t>(index) >= m_cursors.size()) {
        m_cursors.resize(index + 1);
        m_generations.resize(index + 1, -1);
    }
    m_cursors[index]
        = std::make_unique<CandleCursor>(m_store->cursor(key, {fromMs, toMs}, chunkSize));
    m_generations[index] = generation;
    send(index);
}

void ReplayReader::fetch(int generation, int index)
{
    if (index < 0 || static_cast<size_t>(index) >= m_cursors.size() || !m_cursors[index]
        || m_generations[index] != generation)
        return;
    send(index);
}

void ReplayReader::send(int index)
{
    CandleCursor &cursor = *m_cursors[index];
    CandleBatch chunk = cursor.next();
    const bool atEnd = cursor.atEnd() || chunk.isEmpty();
    emit chunkReady(m_generations[index], index, chunk, atEnd);
}

} // namespace Candlewick
