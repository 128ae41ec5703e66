#pragma once

#include <historyjob.h>

#include <QPointer>

#include <map>
#include <optional>

namespace Candlewick {

class BybitRestProvider;
class BybitRestCall;

// Downloads [from, to) of one series from /v5/market/kline (category, symbol, interval, start,
// end, limit). Bybit answers newest first, so paging goes backwards: the first request asks for
// the whole range and gets its newest page; when that page is full, the older rest is cut into
// windows of exactly `limit` slots (independent, several in flight), and a window that still
// comes back full is continued in the API's direction from below its oldest row. Before a long
// stretch older than the first page, one request at a coarse interval (1d, or 1M beyond 1000
// days) finds where the symbol's candles begin, and the time before that (less one coarse
// bucket, in case the exchange starts it differently) is not asked for. `end` is sent
// as the window's end - 1, so whether Bybit treats it as inclusive or exclusive does not matter.
// Rows are reversed, clipped to the window, de-duplicated and emitted in ascending batches (a
// reorder buffer); the forming candle (close time after the Clock's now) and rows failing
// candleRejection() are dropped.
class BybitHistoryJob : public HistoryJob
{
    Q_OBJECT
public:
    BybitHistoryJob(BybitRestProvider *provider, const SeriesKey &key, qint64 fromMs, qint64 toMs);
    ~BybitHistoryJob() override;

    int rejectedCount() const { return m_rejected; }

protected:
    void doStart() override;
    void doKill() override;

private:
    struct Segment
    {
        qint64 start = 0;
        qint64 end = 0; // exclusive
        enum class State { Queued, InFlight, Done } state = State::Queued;
        bool whole = false; // the first request, for the whole range
        std::optional<Interval> listing; // a request at this coarse interval for the first candle
        QPointer<BybitRestCall> call;
        CandleBatch candles;
    };

    void dispatch();
    void startSegment(Segment &segment);
    QString handlePage(qint64 segmentStart, const QJsonObject &result);
    void queueWindows(qint64 from, qint64 to);
    // Queues [from, to), looking for the first candle first when that is worth a request.
    void queueOlder(qint64 from, qint64 to);
    void handleListing(std::map<qint64, Segment>::iterator it, const CandleBatch &rows);
    void emitReady();
    void abortAll();
    void fail(const ProviderError &error);

    QPointer<BybitRestProvider> m_provider;
    QString m_intervalCode;
    std::map<qint64, Segment> m_segments;
    qint64 m_first = 0;
    qint64 m_end = 0;
    qint64 m_total = 0;
    qint64 m_lastEmitted = -1;
    int m_rejected = 0;
};

} // namespace Candlewick
