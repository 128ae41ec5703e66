#pragma once

#include <candle.h>
#include <candlecursor.h>
#include <candledatabase.h>
#include <serieskey.h>

#include <QObject>

#include <memory>
#include <vector>

namespace Candlewick {

// The ReplayFeed's worker: lives on the feed's reader thread, reads through that
// thread's connection of the CandleDatabase and streams each series through a CandleCursor, one
// chunk per request, handed back by queued signal. Never touched from another thread except through
// queued calls.
class ReplayReader : public QObject
{
    Q_OBJECT
public:
    explicit ReplayReader(QObject *parent = nullptr);
    ~ReplayReader() override;

public slots:
    // Takes this thread's read connection; emits failed() when it is not usable.
    void openStore(const std::shared_ptr<Candlewick::CandleDatabase> &database);
    // (Re)starts series `index` at [fromMs, toMs) for `generation` and sends its first chunk.
    void startSeries(int generation, int index, const Candlewick::SeriesKey &key, qint64 fromMs,
                     qint64 toMs, int chunkSize);
    // Sends the next chunk of series `index` (ignored when `generation` is not current).
    void fetch(int generation, int index);
    void closeStore();

signals:
    void chunkReady(int generation, int index, const Candlewick::CandleBatch &candles, bool atEnd);
    void failed(const QString &message);

private:
    void send(int index);

    std::shared_ptr<CandleDatabase> m_database;
    const CandleStore *m_store = nullptr;
    std::vector<std::unique_ptr<CandleCursor>> m_cursors;
    std::vector<int> m_generations;
};

} // namespace Candlewick
