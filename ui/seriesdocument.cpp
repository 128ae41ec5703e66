#include "seriesdocument.h"

#include <resampler.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace Candlewick {

SeriesDocument::SeriesDocument(QObject *parent)
    : QObject(parent)
{
}

void SeriesDocument::setSeries(const SeriesKey &key, const CandleBatch &candles, Interval display,
                               const TimeRanges &coverage, qint64 missingUntil)
{
    m_key = key;
    m_series = candles;
    m_coverage = TimeRangeSet::merged(coverage);
    m_missingUntil = missingUntil;
    m_showingReplay = false;
    if (!Resampler::canResample(key.interval, display)
        || Intervals::nominalMs(display) < Intervals::nominalMs(key.interval))
        display = key.interval;
    m_display = display;
    resample();
    emit reset();
}

void SeriesDocument::clear()
{
    m_key = {};
    m_series.clear();
    m_shown.clear();
    m_coverage.clear();
    m_missingUntil = 0;
    m_showingReplay = false;
    updateGaps(0);
    emit reset();
}

bool SeriesDocument::setDisplayInterval(Interval display)
{
    if (!m_series.isEmpty() && !Resampler::canResample(m_key.interval, display))
        return false;
    m_display = display;
    m_showingReplay = false;
    resample();
    emit reset();
    return true;
}

const CandleBatch &SeriesDocument::candles() const
{
    return showsSeries() ? m_series : m_shown;
}

void SeriesDocument::resample()
{
    m_shown = m_display == m_key.interval
        ? CandleBatch()
        : Resampler::resample(m_series, m_key.interval, m_display);
    updateGaps(0);
}

int SeriesDocument::priceDecimals() const
{
    if (!(m_tickSize > 0) || !std::isfinite(m_tickSize))
        return -1;
    // A little slack: 0.1 is 0.1000000000000000055 as a double.
    return std::clamp(int(std::ceil(-std::log10(m_tickSize) - 1e-9)), 0, 12);
}

qint64 SeriesDocument::coveredUntil(qint64 t) const
{
    auto it = std::upper_bound(m_coverage.cbegin(), m_coverage.cend(), t,
                               [](qint64 time, const TimeRange &r) { return time < r.from; });
    return it == m_coverage.cbegin() ? std::numeric_limits<qint64>::min() : std::prev(it)->to;
}

bool SeriesDocument::isCovered(TimeRange range) const
{
    return coveredUntil(range.from) >= range.to;
}

bool SeriesDocument::bucketComplete(qsizetype index) const
{
    const Interval base = m_key.interval;
    const qint64 open = candles().at(index).openTime;
    qint64 end = Intervals::next(m_display, open);
    if (index == count() - 1 && !m_series.isEmpty())
        end = std::min(end, Intervals::next(base, m_series.constLast().openTime));
    auto byOpen = [](const Candle &c, qint64 t) { return c.openTime < t; };
    const auto first = std::lower_bound(m_series.cbegin(), m_series.cend(), open, byOpen);
    const auto last = std::lower_bound(first, m_series.cend(), end, byOpen);
    return last - first >= Intervals::countBetween(base, open, end) || isCovered({open, end});
}

bool SeriesDocument::isIncomplete(qsizetype index) const
{
    return std::binary_search(m_incomplete.cbegin(), m_incomplete.cend(), index);
}

void SeriesDocument::updateGaps(qsizetype first)
{
    first = std::max<qsizetype>(0, first);
    m_gaps.removeIf([first](const Gap &g) { return g.index >= first; });
    m_incomplete.removeIf([first](qsizetype i) { return i >= first; });
    const CandleBatch &shown = candles();
    const Interval step = interval();
    for (qsizetype i = std::max<qsizetype>(1, first); i < shown.size(); ++i) {
        const qint64 expected = Intervals::next(step, shown.at(i - 1).openTime);
        const qint64 open = shown.at(i).openTime;
        if (open > expected)
            m_gaps.append({expected, open, i, isCovered({expected, open})});
    }
    updateTail();
    if (showsSeries() || m_showingReplay)
        return;
    for (qsizetype i = first; i < shown.size(); ++i) {
        if (!bucketComplete(i))
            m_incomplete.append(i);
    }
}

void SeriesDocument::updateTail()
{
    m_hasTail = false;
    if (m_showingReplay || m_series.isEmpty() || m_missingUntil <= 0)
        return;
    // Fetched and empty at its start (the exchange had nothing): not part of the tail.
    const qint64 afterLast = Intervals::next(m_key.interval, m_series.constLast().openTime);
    const qint64 from = std::max(afterLast, coveredUntil(afterLast));
    if (from >= m_missingUntil)
        return;
    m_tail = {from, m_missingUntil, count(), false};
    m_hasTail = true;
}

SeriesDocument::Merge SeriesDocument::mergeInto(CandleBatch &target, const Candle &candle)
{
    if (!target.isEmpty()) {
        const qint64 last = target.constLast().openTime;
        if (candle.openTime < last)
            return Merge::Older;
        if (candle.openTime == last) {
            target.last() = candle;
            return Merge::Replaced;
        }
    }
    target.append(candle);
    return Merge::Appended;
}

SeriesDocument::MergeCount SeriesDocument::mergeInto(CandleBatch &target,
                                                     const CandleBatch &candles)
{
    MergeCount count;
    const qsizetype before = target.size();
    for (const Candle &c : candles) {
        // A candle replacing one appended by this batch is part of the appended ones.
        if (mergeInto(target, c) == Merge::Replaced && target.size() == before)
            count.replacedLast = true;
    }
    count.appended = target.size() - before;
    return count;
}

void SeriesDocument::announce(MergeCount count, qsizetype before)
{
    if (count.replacedLast)
        emit lastCandleChanged();
    if (count.appended > 0)
        emit candlesAppended(before, count.appended);
}

SeriesDocument::Merge SeriesDocument::merge(const Candle &candle)
{
    const qsizetype before = count();
    const Merge result = mergeInto(m_series, candle);
    if (result == Merge::Older || m_showingReplay)
        return result;
    Merge shown = result;
    if (!showsSeries())
        shown = mergeInto(m_shown, Resampler::lastBucket(m_series, m_key.interval, m_display));
    // The previous last bucket is no longer cut at the newest candle.
    updateGaps(before - 1);
    announce({shown == Merge::Replaced, shown == Merge::Appended ? 1 : 0}, before);
    return result;
}

void SeriesDocument::beginReplay(qsizetype capacity)
{
    m_showingReplay = true;
    m_display = m_key.interval;
    m_shown = CandleBatch();
    m_shown.reserve(capacity);
    updateGaps(0);
    emit reset();
}

void SeriesDocument::mergeReplayed(const CandleBatch &candles)
{
    if (!m_showingReplay)
        return;
    const qsizetype before = m_shown.size();
    const MergeCount count = mergeInto(m_shown, candles);
    updateGaps(before);
    announce(count, before);
}

void SeriesDocument::endReplay()
{
    m_showingReplay = false;
    resample();
    emit reset();
}

} // namespace Candlewick
