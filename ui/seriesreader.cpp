#include "seriesreader.h"

#include <candlestore.h>
#include <timerange.h>

#include <QThread>

namespace Candlewick {

SeriesReader::SeriesReader(std::shared_ptr<const std::atomic<int>> latest, QObject *parent)
    : QObject(parent)
    , m_latest(std::move(latest))
{
}

SeriesReader::~SeriesReader() = default; // closes the store on this (the reader's) thread

CandleBatch SeriesReader::readSplit(const QString &path, const SeriesKey &key, TimeRange span,
                                    QString *error)
{
    // Decoding SQLite rows is the cost of a big read and there are two cores: a second connection
    // on a helper thread reads the later half while this one reads the first.
    constexpr qint64 SplitAbove = 100000; // candles
    if (Intervals::countBetween(key.interval, span.from, span.to) < SplitAbove)
        return m_store->read(key, span);
    const qint64 middle = Intervals::alignDown(key.interval, span.from + span.length() / 2);
    CandleBatch tail;
    std::unique_ptr<QThread> helper(QThread::create([&] {
        CandleStore store;
        if (store.open(path, CandleStore::OpenMode::ReadOnly))
            tail = store.read(key, {middle, span.to});
        else
            *error = store.errorString();
    }));
    helper->start();
    CandleBatch candles = m_store->read(key, {span.from, middle});
    helper->wait();
    candles.reserve(candles.size() + tail.size());
    candles.append(tail);
    return candles;
}

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
    QString error;
    CandleBatch candles = readSplit(path, key, m_store->storedSpan(key, {fromMs, toMs}), &error);
    if (!error.isEmpty()) {
        emit failed(request, error);
        return;
    }
    if (isStale(request))
        return; // the user opened something else meanwhile: nobody wants these
    emit loaded(request, candles, m_store->coverage(key));
}

} // namespace Candlewick
