#pragma once

#include <candle.h>
#include <serieskey.h>
#include <timerange.h>

#include <QObject>

#include <memory>

class QThread;

namespace Candlewick {

class CandleStore;

// Writes candle batches to a CandleStore on a thread of its own, so neither the network nor the
// GUI thread waits on SQLite. Calls are queued; results come back as signals.
class StoreWriter : public QObject
{
    Q_OBJECT
public:
    explicit StoreWriter(QString dbPath, QObject *parent = nullptr);
    ~StoreWriter() override;

    // Queues one batch and the coverage it completes: written in one transaction.
    void write(const SeriesKey &key, const CandleBatch &candles, const TimeRanges &coverage);
    // Queues the latest state of a forming candle.
    void writePartial(const SeriesKey &key, const Candle &candle);
    // Number of writes queued and not yet acknowledged.
    int pending() const { return m_pending; }

signals:
    void written(const Candlewick::SeriesKey &key, qint64 candles);
    void writeFailed(const QString &message);
    // Emitted whenever pending() drops to zero.
    void drained();

private:
    class Worker;
    void handleDone(const SeriesKey &key, qint64 candles, const QString &error);

    QThread *m_thread;
    Worker *m_worker;
    int m_pending = 0;
};

} // namespace Candlewick
