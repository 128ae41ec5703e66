#pragma once

#include <candle.h>
#include <serieskey.h>
#include <timerange.h>

#include <QObject>

#include <atomic>
#include <memory>

class QThread;

namespace Candlewick {

class CandleDatabase;
class SeriesReader;

// Reads a stored series off the GUI thread: a SeriesReader on a worker thread, reading through
// that thread's connection of the CandleDatabase, hands the CandleBatch back by queued signal.
// Only the latest request counts: starting another one (or cancel()) drops the results of the
// ones before it, and the reader skips them if it has not started on them yet.
class SeriesLoader : public QObject
{
    Q_OBJECT
public:
    explicit SeriesLoader(QObject *parent = nullptr);
    ~SeriesLoader() override;

    void setDatabase(std::shared_ptr<CandleDatabase> database);
    const std::shared_ptr<CandleDatabase> &database() const { return m_database; }

    // Starts reading [range.from, range.to) of `key`; supersedes any load in progress.
    void load(const SeriesKey &key, TimeRange range);
    void cancel();
    bool isLoading() const { return m_pending; }
    SeriesKey pendingSeries() const { return m_key; }

signals:
    // Exactly one of these per load that is not superseded or cancelled.
    // `coverage`: what the store knows complete of the series (CandleStore::coverage);
    // `tickSize`: the symbol's price step from the stored symbol list, 0 when it is not listed.
    void loaded(const Candlewick::SeriesKey &key, Candlewick::TimeRange range,
                const Candlewick::CandleBatch &candles, const Candlewick::TimeRanges &coverage,
                double tickSize);
    void failed(const Candlewick::SeriesKey &key, const QString &message);

private:
    void handleLoaded(int request, const Candlewick::CandleBatch &candles,
                      const Candlewick::TimeRanges &coverage, double tickSize);
    void handleFailed(int request, const QString &message);
    void ensureThread();

    std::shared_ptr<CandleDatabase> m_database;
    std::shared_ptr<std::atomic<int>> m_latest = std::make_shared<std::atomic<int>>(0);
    int m_request = 0;
    bool m_pending = false;
    SeriesKey m_key;
    TimeRange m_range;
    QThread *m_thread = nullptr;
    SeriesReader *m_reader = nullptr;
};

} // namespace Candlewick
