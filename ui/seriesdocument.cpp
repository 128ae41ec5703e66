#include "seriesdocument.h"

#include <resampler.h>

namespace Candlewick {

SeriesDocument::SeriesDocument(QObject *parent)
    : QObject(parent)
{
}

void SeriesDocument::setSeries(const SeriesKey &key, const CandleBatch &candles, Interval display)
{
    m_key = key;
    m_series = candles;
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
    m_showingReplay = false;
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
    announce({shown == Merge::Replaced, shown == Merge::Appended ? 1 : 0}, before);
    return result;
}

void SeriesDocument::beginReplay(qsizetype capacity)
{
    m_showingReplay = true;
    m_display = m_key.interval;
    m_shown = CandleBatch();
    m_shown.reserve(capacity);
    emit reset();
}

void SeriesDocument::mergeReplayed(const CandleBatch &candles)
{
    if (!m_showingReplay)
        return;
    const qsizetype before = m_shown.size();
    announce(mergeInto(m_shown, candles), before);
}

void SeriesDocument::endReplay()
{
    m_showingReplay = false;
    resample();
    emit reset();
}

} // namespace Candlewick
