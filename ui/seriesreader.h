#pragma once

#include <candle.h>
#include <serieskey.h>
#include <timerange.h>

#include <QObject>

#include <atomic>
#include <memory>

namespace Candlewick {

class CandleDatabase;
class CandleStore;

// SeriesLoader's worker: lives on the loader's thread, reads through that thread's connection
// of the CandleDatabase, one series range per request. A request that has been superseded
// (the shared `latest` counter moved on) is skipped before reading and dropped after it. Only
// ever called through queued invocations.
class SeriesReader : public QObject
{
    Q_OBJECT
public:
    explicit SeriesReader(std::shared_ptr<const std::atomic<int>> latest,
                          QObject *parent = nullptr);
    ~SeriesReader() override;

    void read(int request, const std::shared_ptr<Candlewick::CandleDatabase> &database,
              const Candlewick::SeriesKey &key, qint64 fromMs, qint64 toMs);

signals:
    // `tickSize`: the symbol's price step from the stored symbol list, 0 when it is not listed.
    void loaded(int request, const Candlewick::CandleBatch &candles,
                const Candlewick::TimeRanges &coverage, double tickSize);
    void failed(int request, const QString &message);

private:
    CandleBatch readSplit(CandleDatabase &database, const CandleStore &store, const SeriesKey &key,
                          TimeRange span, QString *error);
    bool isStale(int request) const { return request != m_latest->load(std::memory_order_acquire); }

    std::shared_ptr<const std::atomic<int>> m_latest;
};

} // namespace Candlewick
