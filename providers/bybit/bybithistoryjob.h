#pragma once

#include "bybitklinesparser.h"

#include <pagedhistoryjob.h>

#include <QPointer>

namespace Candlewick {

class BybitRestProvider;

// Downloads [from, to) of one series from /v5/market/kline (category, symbol, interval, start,
// end, limit) as a PagedHistoryJob. Bybit answers newest first, so a full page is continued below
// its oldest row (and, should the server give the oldest rows instead, above its newest). Before
// a long stretch older than the first page, one request at a coarse interval (1d, or 1M beyond
// 1000 days) finds where the symbol's candles begin, and the time before that (less one coarse
// bucket, in case the exchange starts it differently) is not asked for. `end` is sent as the
// window's end - 1, so whether Bybit treats it as inclusive or exclusive does not matter.
class BybitHistoryJob : public PagedHistoryJob
{
    Q_OBJECT
public:
    BybitHistoryJob(BybitRestProvider *provider, const SeriesKey &key, qint64 fromMs, qint64 toMs);

protected:
    void doStart() override;
    QObject *sendPage(const Page &page) override;
    void queueOlder(qint64 from, qint64 to) override;

private:
    // Page kinds besides candles: where the symbol's first candle lies, at 1d or 1M.
    enum Kind { ListingDaily = 1, ListingMonthly = 2 };

    void handleListing(const Page &page, const CandleBatch &rows);

    QPointer<BybitRestProvider> m_provider;
    QString m_intervalCode;
    BybitKlinesParser m_parser;
};

} // namespace Candlewick
