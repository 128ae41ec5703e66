#include "seriesreader.h"

#include <candledatabase.h>
#include <candlestore.h>
#include <timerange.h>

#include <QThread>

#include <algorithm>

namespace Candlewick {

SeriesReader::SeriesReader(std::shared_ptr<const std::atomic<int>> latest, QObject *parent)
    : QObject(parent)
    , m_latest(std::move(latest))
{
}

SeriesReader::~SeriesReader() = default;

CandleBatch SeriesReader::readSplit(CandleDatabase &database, const CandleStore &store,
                                    const SeriesKey &key, TimeRange span, QString *error)
{
    // Decoding SQLite rows is the cost of a big read and there are two cores: a helper thread
    // (with its own connection) reads the later half while this one reads the first.
    constexpr qint64 SplitAbove = 100000; // candles
    if (Intervals::countBetween(key.interval, span.from, span.to) < SplitAbove) {
        CandleBatch candles = store.read(key, span);
        if (store.hasError())
            *error = store.errorString();
        return candles;
    }
    const qint64 middle = Intervals::alignDown(key.interval, span.from + span.length() / 2);
    CandleBatch tail;
    QString tailError;
    std::unique_ptr<QThread> helper(QThread::create([&] {
        const CandleStore *other = database.reader();
        tail = other->read(key, {middle, span.to});
        tailError = other->errorString();
    }));
    helper->start();
    CandleBatch candles = store.read(key, {span.from, middle});
    *error = store.errorString();
    helper->wait();
    if (error->isEmpty())
        *error = tailError;
    candles.reserve(candles.size() + tail.size());
    candles.append(tail);
    return candles;
}

void SeriesReader::read(int request, const std::shared_ptr<CandleDatabase> &database,
                        const SeriesKey &key, qint64 fromMs, qint64 toMs)
{
    if (isStale(request))
        return;
    const CandleStore &store = *database->reader();
    const TimeRange span = store.storedSpan(key, {fromMs, toMs});
    QString error = store.errorString();
    CandleBatch candles
        = error.isEmpty() ? readSplit(*database, store, key, span, &error) : CandleBatch{};
    if (!error.isEmpty()) {
        emit failed(request, error);
        return;
    }
    if (isStale(request))
        return; // the user opened something else meanwhile: nobody wants these
    const SymbolList symbols = store.symbols(key.exchange);
    const auto info = std::find_if(symbols.cbegin(), symbols.cend(),
                                   [&](const SymbolInfo &s) { return s.symbol == key.symbol; });
    emit loaded(request, candles, store.coverage(key),
                info == symbols.cend() ? 0.0 : info->tickSize);
}

} // namespace Candlewick
