#include "mockhistoryjob.h"

#include <interval.h>

#include <QMetaObject>

#include <algorithm>

namespace Candlewick {

MockHistoryJob::MockHistoryJob(const MockCandleGenerator &generator, const SeriesKey &key,
                               qint64 fromMs, qint64 toMs, qint64 closedBeforeMs, QObject *parent)
    : HistoryJob(key, fromMs, toMs, parent)
    , m_generator(generator)
    , m_next(Intervals::alignUp(key.interval, fromMs))
    , m_end(toMs)
{
    // Only candles that have closed by closedBeforeMs: the open one is never history.
    const qint64 lastClosedOpen = Intervals::alignDown(key.interval, closedBeforeMs);
    m_end = std::min(m_end, lastClosedOpen);
    m_total = m_end > m_next ? Intervals::countBetween(key.interval, m_next, m_end) : 0;
}

MockHistoryJob::MockHistoryJob(const CandleBatch &script, const SeriesKey &key, qint64 fromMs,
                               qint64 toMs, QObject *parent)
    : HistoryJob(key, fromMs, toMs, parent)
    , m_next(fromMs)
    , m_end(toMs)
{
    CandleBatch selected;
    for (const Candle &c : script) {
        if (c.closed && c.openTime >= fromMs && c.openTime < toMs)
            selected.append(c);
    }
    std::stable_sort(selected.begin(), selected.end(),
                     [](const Candle &a, const Candle &b) { return a.openTime < b.openTime; });
    // Without duplicates: the last one given for an open time wins.
    CandleBatch unique;
    for (const Candle &c : selected) {
        if (!unique.isEmpty() && unique.last().openTime == c.openTime)
            unique.last() = c;
        else
            unique.append(c);
    }
    m_total = unique.size();
    m_script = std::move(unique);
}

void MockHistoryJob::doStart()
{
    QMetaObject::invokeMethod(this, &MockHistoryJob::handleNextBatch, Qt::QueuedConnection);
}

void MockHistoryJob::handleNextBatch()
{
    if (isFinished())
        return;
    CandleBatch candles;
    if (m_script) {
        candles = m_script->mid(m_done, BatchSize);
    } else if (m_next < m_end) {
        candles = m_generator.range(key(), m_next, m_end, BatchSize);
        if (!candles.isEmpty())
            m_next = Intervals::next(key().interval, candles.last().openTime);
    }
    countRequest();
    if (!candles.isEmpty()) {
        m_done += candles.size();
        emit batch(key(), candles);
        if (isFinished())
            return; // cancelled from a slot
        emit progress(m_done, m_total);
    }
    if (m_done >= m_total || candles.isEmpty()) {
        emitResult();
        return;
    }
    QMetaObject::invokeMethod(this, &MockHistoryJob::handleNextBatch, Qt::QueuedConnection);
}

} // namespace Candlewick
