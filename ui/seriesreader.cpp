#include "seriesreader.h"

#include <candlestore.h>
#include <timerange.h>

namespace Candlewick {

SeriesReader::SeriesReader(std::shared_ptr<const std::atomic<int>> latest, QObject *parent)
    : QObject(parent)
    , m_latest(std::move(latest))
{
}

SeriesReader::~SeriesReader() = default; // closes the store on this (the reader's) thread

void SeriesReader::read(int request, const QString &path, const SeriesKey &key, qint64 fromMs,
                        qint64 toMs)
{
    if (isStale(request))
        return;
    if (!m_store || !m_store->isOpen() || m_store->path() != path) {
        m_store = std::make_unique<CandleStore>();
        if (!m_store->open(path, CandleStore::OpenMode::ReadOnly)) {
            const QString error = m_store->errorString();
            m_store.reset();
            emit failed(request, error);
            return;
        }
    }
    CandleBatch candles = m_store->read(key, {fromMs, toMs});
    if (isStale(request))
        return; // the user opened something else meanwhile: nobody wants these
    emit loaded(request, candles);
}

} // namespace Candlewick
