#pragma once

#include <candle.h>
#include <candlecursor.h>
#include <candlestore.h>
#include <serieskey.h>

#include <QObject>

#include <memory>
#include <vector>

namespace Candlewick {

// The ReplayProvider's worker: lives on the provider's reader thread, opens its own read-only
// CandleStore connection there and streams each series through a CandleCursor, one chunk per
// request, handed back by queued signal. Never touched from another thread except through
// queued calls.
class ReplayReader : public QObject
{
    Q_OBJECT
public:
    explicit ReplayReader(QObject *parent = nullptr);
    ~ReplayReader() override;

public slots:
    // Opens the store; emits failed() when it cannot.
    void openStore(const QString &path);
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

    std::unique_ptr<CandleStore> m_store;
    std::vector<std::unique_ptr<CandleCursor>> m_cursors;
    std::vector<int> m_generations;
};

} // namespace Candlewick
