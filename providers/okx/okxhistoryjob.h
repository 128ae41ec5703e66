#pragma once

#include <pagedhistoryjob.h>

#include <QPointer>

namespace Candlewick {

class OkxRestProvider;

// Closed candles of one OKX instrument and bar over [from, to) as a PagedHistoryJob. OKX answers
// newest first and only backwards (`after`: rows older than a time), so a page of the window
// [start, end) asks for `after` = end, and a page that did not reach the window's start is
// continued below its oldest row, even when short (history-candles has been reported to serve
// 100 of the 300 asked). A window within the latest rows goes to /api/v5/market/candles, older
// ones to /api/v5/market/history-candles. A row with confirm "0" is still forming and is never
// emitted.
class OkxHistoryJob : public PagedHistoryJob
{
    Q_OBJECT
public:
    OkxHistoryJob(OkxRestProvider *provider, const SeriesKey &key, qint64 fromMs, qint64 toMs);

protected:
    void doStart() override;
    QObject *sendPage(const Page &page) override;

private:
    void handlePage(const Page &page, const QJsonArray &data);

    QPointer<OkxRestProvider> m_provider;
    QString m_bar;
    bool m_derivative = false;
};

} // namespace Candlewick
