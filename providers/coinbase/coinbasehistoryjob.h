#pragma once

#include <pagedhistoryjob.h>

#include <QPointer>

namespace Candlewick {

class CoinbaseRestProvider;

// Downloads [from, to) of one product from /market/products/{id}/candles (start and end in
// seconds, granularity by name) as a PagedHistoryJob. Coinbase refuses a request spanning more
// buckets than its cap rather than cutting it, and leaves out buckets without trades, so a page
// can never tell whether rows are missing: the range is cut into windows of at most the
// provider's pageLimit() buckets from the start, oldest first, each complete in one answer
// (newest first or not), so none is ever continued. `end` is sent as the window's end - 1 s, so
// whether Coinbase takes it as inclusive or not does not matter. When Coinbase says its cap is
// lower ("should be less than N"), the provider's page limit drops below N and the refused window
// is cut again. A bucket with no row had no trades.
class CoinbaseHistoryJob : public PagedHistoryJob
{
    Q_OBJECT
public:
    CoinbaseHistoryJob(CoinbaseRestProvider *provider, const SeriesKey &key, qint64 fromMs,
                       qint64 toMs);

protected:
    void doStart() override;
    QObject *sendPage(const Page &page) override;

private:
    void handleFailure(const Page &page, const ProviderError &error);

    QPointer<CoinbaseRestProvider> m_provider;
    QString m_granularity;
};

} // namespace Candlewick
