#pragma once

#include "historyjob.h"
#include "klinesparser.h"

#include <QPointer>

#include <map>

namespace Candlewick {

class BinanceRestProvider;
class RestCall;

// Downloads [from, to) of one series from the provider's klines endpoint (/api/v3/klines on
// Spot).
//
// The first request asks for the whole range (startTime = from, endTime = to - 1, limit 1000),
// which also skips any time before the symbol was listed. If it comes back full, the rest of the
// range is cut into windows of exactly `limit` candle slots, so the requests are independent and
// several run at once; a reorder buffer emits their batches strictly in time order. A page that
// still comes back full is continued from its last open time + 1. Candles are de-duplicated by
// open time, the still-open candle (closeTime > now on the Clock) is dropped, and every candle
// failing candleRejection() is logged, counted and dropped.
class BinanceHistoryJob : public HistoryJob
{
    Q_OBJECT
public:
    BinanceHistoryJob(BinanceRestProvider *provider, const SeriesKey &key, qint64 fromMs,
                      qint64 toMs);
    ~BinanceHistoryJob() override;

    // Candles dropped by candleRejection().
    int rejectedCount() const { return m_rejected; }
    // Rows dropped as duplicates, out of order or outside the requested window.
    int duplicateCount() const { return m_duplicates; }
    // Closed candles emitted so far.
    qint64 candleCount() const { return m_emitted; }

protected:
    void doStart() override;
    void doKill() override;

private:
    struct Segment
    {
        qint64 start = 0; // first open time asked (startTime)
        qint64 end = 0; // exclusive (endTime = end - 1)
        enum class State { Queued, InFlight, Done } state = State::Queued;
        bool probe = false;
        QPointer<RestCall> call;
        CandleBatch candles;
    };

    void dispatch();
    void startSegment(Segment &segment);
    QString handlePage(qint64 segmentStart, const QByteArray &body);
    void handleSegmentDone(qint64 segmentStart);
    void queueWindows(qint64 from, qint64 to);
    qint64 windowEnd(qint64 from) const;
    void emitReady();
    void abortAll();
    void fail(const ProviderError &error);

    QPointer<BinanceRestProvider> m_provider;
    KlinesParser m_parser;
    std::map<qint64, Segment> m_segments; // by start: disjoint and ordered
    qint64 m_first = 0;
    qint64 m_end = 0;
    qint64 m_total = 0;
    qint64 m_lastEmitted = -1;
    qint64 m_emitted = 0;
    int m_rejected = 0;
    int m_duplicates = 0;
};

} // namespace Candlewick
