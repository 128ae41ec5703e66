#pragma once

#include "livefeed.h"
#include "providererror.h"

#include <QHash>
#include <QPointer>

#include <memory>

namespace Candlewick {

class Clock;
class HistoryJob;
class HistorySource;
class RetryPolicy;

// Turns any LiveFeed into one ordered, duplicate-free sequence of closed candles per series across
// drops, reconnects, rollovers and restarts: it remembers the next closed candle each series
// expects, and whenever the feed skips ahead (a closed candle after a gap, a connection that
// (re)opens later than the next candle closed, a resume point in the past) it fetches the missing
// closed candles from the history source and delivers them before the live candles held back
// meanwhile. A gap the history source has no candles for is an exchange outage: it is delivered as
// nothing, and the sequence goes on. A backfill that keeps failing is retried with backoff, then
// given up with gapAbandoned(). Forming candles are passed on except while a series backfills.
//
// The feed takes ownership of `inner`; `history` is not owned and may be null (gaps stay gaps).
class GapFreeFeed : public LiveFeed
{
    Q_OBJECT
public:
    struct Options
    {
        qint64 backfillRetryBaseMs = 1000;
        int backfillMaxAttempts = 6;
        quint32 seed = 0; // jitter seed; 0 = random
    };

    GapFreeFeed(LiveFeed *inner, HistorySource *history, Clock *clock = nullptr,
                QObject *parent = nullptr);
    GapFreeFeed(LiveFeed *inner, HistorySource *history, Options options, Clock *clock = nullptr,
                QObject *parent = nullptr);
    ~GapFreeFeed() override;

    void subscribe(const SeriesKey &key) override;
    void unsubscribe(const SeriesKey &key) override;
    QList<SeriesKey> subscriptions() const override;
    LiveFeedStats stats() const override;
    void setResumePoint(const SeriesKey &key, qint64 nextOpenTime) override;
    qint64 resumePoint(const SeriesKey &key) const override;

    LiveFeed *inner() const { return m_inner; }

private:
    struct Series;

    void handleClosed(const SeriesKey &key, const Candle &candle);
    void handleUpdated(const SeriesKey &key, const Candle &candle);
    void handleConnected(const QList<SeriesKey> &keys);
    void acceptClosed(Series &series, const Candle &candle);
    void deliverClosed(Series &series, const Candle &candle);
    // Backfills up to the candle forming now, when the series expects an older one.
    void catchUp(Series &series);
    void startBackfill(Series &series, qint64 fromMs, qint64 toMs);
    void finishBackfill(const SeriesKey &key, const ProviderError &error);
    void updateState();
    void log(const QString &message);

    LiveFeed *m_inner;
    HistorySource *m_history;
    Options m_options;
    Clock *m_clock;
    std::unique_ptr<RetryPolicy> m_retry;
    QHash<SeriesKey, Series *> m_series; // owned
    QHash<SeriesKey, qint64> m_resume; // resume points set before subscribe()
    LiveFeedStats m_stats; // what this layer did (closed, duplicates, backfills)
};

} // namespace Candlewick
