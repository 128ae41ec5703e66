#pragma once

#include <historyjob.h>

#include <QPointer>

#include <map>

namespace Candlewick {

class CoinbaseRestProvider;
class CoinbaseRestCall;

// Downloads [from, to) of one product from /market/products/{id}/candles (start and end in
// seconds, granularity by name). Coinbase refuses a request spanning more buckets than its cap
// rather than cutting it, and leaves out buckets without trades, so a page can never tell whether
// rows are missing: the range is cut into windows of at most the provider's pageLimit() buckets,
// each complete in one answer, several in flight. `end` is sent as the window's end - 1 s, so
// whether Coinbase takes it as inclusive or not does not matter. When Coinbase says its cap is
// lower ("should be less than N"), the provider's page limit drops below N and the window is cut
// again. Rows are sorted (newest first or not), clipped to the window, de-duplicated and emitted
// in ascending batches (a reorder buffer); the forming candle (close time after the Clock's now)
// and rows failing candleRejection() are dropped. A bucket with no row had no trades.
class CoinbaseHistoryJob : public HistoryJob
{
    Q_OBJECT
public:
    CoinbaseHistoryJob(CoinbaseRestProvider *provider, const SeriesKey &key, qint64 fromMs,
                       qint64 toMs);
    ~CoinbaseHistoryJob() override;

    int rejectedCount() const { return m_rejected; }

protected:
    void doStart() override;
    void doKill() override;

private:
    struct Window
    {
        qint64 start = 0;
        qint64 end = 0; // exclusive
        enum class State { Queued, InFlight, Done } state = State::Queued;
        QPointer<CoinbaseRestCall> call;
        CandleBatch candles;
    };

    void queueWindows(qint64 from, qint64 to);
    void dispatch();
    void startWindow(Window &window);
    void handlePage(qint64 windowStart, const CandleBatch &rows);
    void handleFailure(qint64 windowStart, const ProviderError &error);
    void emitReady();
    void abortAll();
    void fail(const ProviderError &error);

    QPointer<CoinbaseRestProvider> m_provider;
    QString m_granularity;
    std::map<qint64, Window> m_windows;
    qint64 m_first = 0;
    qint64 m_end = 0;
    qint64 m_total = 0;
    qint64 m_lastEmitted = -1;
    int m_rejected = 0;
};

} // namespace Candlewick
