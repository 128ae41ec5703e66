#pragma once

#include "okxparser.h"

#include <historyjob.h>

#include <QPointer>

namespace Candlewick {

class OkxRequest;
class OkxRestProvider;

// Closed candles of one OKX instrument and bar over [from, to). OKX answers newest first and
// only backwards (`after`: rows older than a time), so the range is cut into windows of
// OkxRestProvider::PageRows buckets, taken oldest window first; each window is read backwards
// from its end until a row at or before its start (or an empty page) arrives, then sorted,
// de-duplicated, clipped, checked and emitted as one batch. A window within the latest rows goes
// to /api/v5/market/candles, older ones to /api/v5/market/history-candles. A page shorter than
// asked (history-candles has been reported to serve 100) is simply followed by another. The
// still-forming candle (confirm "0", or not yet ended by the clock) is never emitted.
class OkxHistoryJob : public HistoryJob
{
    Q_OBJECT
public:
    OkxHistoryJob(OkxRestProvider *provider, const SeriesKey &key, qint64 fromMs, qint64 toMs);
    ~OkxHistoryJob() override;

protected:
    void doStart() override;
    void doKill() override;

private:
    void nextWindow();
    void requestPage();
    void handlePage(const QJsonArray &data);
    void finishWindow();

    QPointer<OkxRestProvider> m_provider;
    QPointer<OkxRequest> m_request;
    QString m_bar;
    bool m_derivative = false;
    qint64 m_end = 0; // open times before this are closed and asked for
    qint64 m_windowStart = 0;
    qint64 m_windowEnd = 0;
    qint64 m_pageAfter = 0;
    CandleBatch m_window;
    qint64 m_done = 0;
    qint64 m_total = 0;
};

} // namespace Candlewick
