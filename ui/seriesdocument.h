#pragma once

#include <candle.h>
#include <interval.h>
#include <serieskey.h>
#include <timerange.h>

#include <QObject>

namespace Candlewick {

// The series open in the window (after Tiled's MapDocument): its key, its candles at the key's
// interval (the last one may be the forming candle) and what the views show of it: the candles
// resampled to the display interval or, while a replay is shown, the replayed candles. Every
// candle that reaches the window (a load, a download, the live feed, a replay) goes through
// here, and merge() is the one rule that puts it in. The chart and the table are views: they
// read candles() and follow the change signals.
//
// It never hides missing data: with the store's coverage of the series it knows the gaps between
// the shown candles (not fetched, or fetched and empty: the exchange had no data) and which
// resampled buckets lack some of their input (incomplete).
class SeriesDocument : public QObject
{
    Q_OBJECT
public:
    // What merge() did with a candle.
    enum class Merge {
        Appended, // newer than the last candle
        Replaced, // the last candle's open time: the forming candle updated, or closed
        Older, // before the last candle: ignored (history is never rewritten by a live candle)
    };

    // Time without candles between two shown candles: [from, to), where `to` is the open time
    // of candles()[index].
    struct Gap
    {
        qint64 from = 0;
        qint64 to = 0;
        qsizetype index = 0;
        // The store covers all of it: fetched, and the exchange had no candles (downtime).
        // Otherwise (some of it) was never fetched.
        bool fetched = false;
        friend bool operator==(const Gap &, const Gap &) = default;
    };

    explicit SeriesDocument(QObject *parent = nullptr);

    // Replaces the series. It is shown at `display` when that can be made from the key's
    // interval and is not finer, else at the key's interval. `coverage` is what the store knows
    // complete of the series (CandleStore::coverage). `missingUntil` > 0: the series is wanted up
    // to that time (now), so what the store lacks after the last candle until then is the tail
    // (see tail()). Ends a replay. Emits reset().
    void setSeries(const SeriesKey &key, const CandleBatch &candles, Interval display,
                   const TimeRanges &coverage = {}, qint64 missingUntil = 0);
    void clear();
    SeriesKey key() const { return m_key; }
    // The series at key().interval, live candles included.
    const CandleBatch &series() const { return m_series; }

    // Shows the series at `display` (emits reset()); false (and no change) when `display`
    // cannot be made from the series' interval. Without a series it is kept for the next one.
    bool setDisplayInterval(Interval display);
    Interval displayInterval() const { return m_display; }

    // A candle of the series' interval (forming or closed) by the merge rule. What the views
    // show follows: the display interval's last bucket is recomputed, and nothing is shown while
    // a replay is (the series still takes the candle).
    Merge merge(const Candle &candle);

    // Shows an empty series at the key's interval, filled by mergeReplayed(); room for
    // `capacity` candles, so appending never copies. Emits reset().
    void beginReplay(qsizetype capacity);
    // Replayed candles (ascending), by the same rule as merge(): one signal per kind of change.
    void mergeReplayed(const CandleBatch &candles);
    // Shows the series again at the display interval. Emits reset().
    void endReplay();
    bool isShowingReplay() const { return m_showingReplay; }

    // What the views show.
    const CandleBatch &candles() const;
    Interval interval() const { return m_display; }
    qsizetype count() const { return candles().size(); }
    bool isEmpty() const { return candles().isEmpty(); }

    // The symbol's price step (from the exchange's symbol list); prices are shown with its
    // decimals everywhere. 0: unknown (the views choose from the price).
    void setTickSize(double tickSize) { m_tickSize = tickSize; }
    double tickSize() const { return m_tickSize; }
    // Decimals of the tick size (0.01 -> 2, 1 -> 0), or -1 when it is unknown.
    int priceDecimals() const;

    const TimeRanges &coverage() const { return m_coverage; }
    // The gaps between candles(), ascending.
    const QList<Gap> &gaps() const { return m_gaps; }
    // The stretch after the last candle up to setSeries()' missingUntil that was never fetched
    // (the series is not caught up): index is count(). Candles merged into it shorten it. Null
    // when there is none, and while a replay is shown.
    const Gap *tail() const { return m_hasTail ? &m_tail : nullptr; }
    // True when the shown candle `index` is a resampled bucket with missing input: some of its
    // finer candles are neither there nor known to be absent (covered). The last bucket counts
    // only up to the newest candle of the series.
    bool isIncomplete(qsizetype index) const;
    // Indexes of the incomplete buckets, ascending.
    const QList<qsizetype> &incomplete() const { return m_incomplete; }

signals:
    // candles() changed as a whole.
    void reset();
    // candles() grew by `count` at `first` (the old end).
    void candlesAppended(qsizetype first, qsizetype count);
    // The last of candles() was replaced (same open time).
    void lastCandleChanged();

private:
    struct MergeCount
    {
        bool replacedLast = false;
        qsizetype appended = 0;
    };
    // The merge rule, on any of the document's lists.
    static Merge mergeInto(CandleBatch &target, const Candle &candle);
    static MergeCount mergeInto(CandleBatch &target, const CandleBatch &candles);
    bool showsSeries() const { return !m_showingReplay && m_display == m_key.interval; }
    void resample();
    void announce(MergeCount count, qsizetype before);
    // The end of the last covered range that starts at or before t (the minimum when none does).
    qint64 coveredUntil(qint64 t) const;
    bool isCovered(TimeRange range) const;
    // Recomputes the gaps and incomplete buckets from candle `first` of candles() on, and the
    // tail.
    void updateGaps(qsizetype first);
    void updateTail();
    bool bucketComplete(qsizetype index) const;

    SeriesKey m_key;
    CandleBatch m_series;
    Interval m_display = Interval::M1;
    // The shown candles when they are not m_series: resampled, or replayed.
    CandleBatch m_shown;
    bool m_showingReplay = false;
    double m_tickSize = 0;
    TimeRanges m_coverage; // merged
    QList<Gap> m_gaps;
    qint64 m_missingUntil = 0;
    Gap m_tail;
    bool m_hasTail = false;
    QList<qsizetype> m_incomplete;
};

} // namespace Candlewick

Q_DECLARE_METATYPE(Candlewick::SeriesDocument::Gap)
