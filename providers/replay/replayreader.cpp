#include "replayreader.h"

#include <candlestore.h>

namespace Candlewick {

ReplayReader::ReplayReader(QObject *parent)
    : QObject(parent)
{
}

ReplayReader::~ReplayReader()
{
    closeStore();
}

void ReplayReader::openStore(const std::shared_ptr<CandleDatabase> &database)
{
    closeStore();
    const CandleStore *store = database->reader();
    if (!store->isOpen()) {
        emit failed(tr("Cannot open the candle database for replay: %1").arg(store->errorString()));
        return;
    }
    m_database = database;
    m_store = store;
}

void ReplayReader::closeStore()
{
    m_cursors.clear();
    m_generations.clear();
    m_store = nullptr;
    m_database.reset();
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
    if (!cursor.errorString().isEmpty())
        return emit failed(
            tr("Cannot read the candle database for replay: %1").arg(cursor.errorString()));
    const bool atEnd = cursor.atEnd() || chunk.isEmpty();
    emit chunkReady(m_generations[index], index, chunk, atEnd);
}

} // namespace Candlewick
