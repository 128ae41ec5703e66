#include "pagedhistoryjob.h"

#include "restlogging.h"

#include <candlevalidation.h>
#include <interval.h>

#include <algorithm>

namespace Candlewick {

namespace {

// Rejected candles logged one by one before the log goes quiet (they are still counted).
constexpr int MaxPagedRejectionLogs = 20;

} // namespace

PagedHistoryJob::PagedHistoryJob(const PagingSource *source, const SeriesKey &key, qint64 fromMs,
                                 qint64 toMs, Order order, QObject *parent)
    : HistoryJob(key, fromMs, toMs, parent)
    , m_source(source)
    , m_order(order)
{
}

PagedHistoryJob::~PagedHistoryJob()
{
    abortAll();
}

qint64 PagedHistoryJob::endBound(qint64 nowMs) const
{
    return Intervals::alignDown(key().interval, nowMs);
}

void PagedHistoryJob::queueOlder(qint64 from, qint64 to)
{
    queueWindows(from, to);
}

void PagedHistoryJob::begin()
{
    const Interval interval = key().interval;
    m_first = Intervals::alignUp(interval, from());
    m_end = std::min(to(), endBound(clock()->nowMs()));
    m_total = m_first < m_end ? Intervals::countBetween(interval, m_first, m_end) : 0;
    if (m_total == 0) {
        QMetaObject::invokeMethod(
            this,
            [this] {
                emit progress(0, 0);
                emitResult();
            },
            Qt::QueuedConnection);
        return;
    }
    emit progress(0, m_total);
    if (m_windowsFromStart) {
        queueWindows(m_first, m_end);
    } else {
        Segment whole;
        whole.page = {m_first, m_end, 0};
        whole.first = true;
        m_segments.emplace(m_first, std::move(whole));
    }
    dispatch();
}

void PagedHistoryJob::doKill()
{
    abortAll();
}

void PagedHistoryJob::abortAll()
{
    for (auto &[start, segment] : m_segments) {
        if (QObject *call = segment.call.data()) {
            // Stopped at once, unless it is the call whose signal brought us here.
            call->disconnect(this);
            if (call == sender())
                call->deleteLater();
            else
                delete call;
        }
        segment.call = nullptr;
    }
}

void PagedHistoryJob::fail(const ProviderError &error)
{
    if (isFinished())
        return;
    abortAll();
    m_segments.clear();
    emitResult(error);
}

void PagedHistoryJob::failSoon(const ProviderError &error)
{
    QMetaObject::invokeMethod(
        this, [this, error] { fail(error); }, Qt::QueuedConnection);
}

void PagedHistoryJob::queueWindows(qint64 from, qint64 to)
{
    const Interval interval = key().interval;
    const int limit = pageLimit();
    auto add = [this](qint64 start, qint64 end) {
        Segment s;
        s.page = {start, end, 0};
        m_segments.emplace(start, std::move(s));
    };
    if (m_order == Order::OldestFirst) {
        // Oldest window first: each starts where the previous one ended.
        qint64 start = from;
        while (start < to) {
            qint64 end = Intervals::alignUp(interval, start);
            if (interval == Interval::Mon1) {
                for (int i = 0; i < limit && end < to; ++i)
                    end = Intervals::next(interval, end);
            } else {
                end += qint64(limit) * Intervals::lengthAt(interval, end);
            }
            end = std::min(end, to);
            if (end <= start)
                break;
            add(start, end);
            start = end;
        }
        return;
    }
    // Newest window first, in the API's direction.
    qint64 end = to;
    while (end > from) {
        qint64 start = Intervals::alignDown(interval, end - 1);
        if (interval == Interval::Mon1) {
            for (int i = 1; i < limit && start > from; ++i)
                start = Intervals::alignDown(interval, start - 1);
        } else {
            start -= qint64(limit - 1) * Intervals::lengthAt(interval, start);
        }
        start = std::max(start, from);
        add(start, end);
        end = start;
    }
}

void PagedHistoryJob::queueSpecial(qint64 from, qint64 to, int kind)
{
    Segment s;
    s.page = {from, to, kind};
    m_segments.emplace(from, std::move(s));
}

void PagedHistoryJob::skipTo(qint64 pageStart, qint64 first)
{
    auto it = m_segments.find(pageStart);
    if (it == m_segments.end() || isFinished())
        return;
    if (QObject *call = it->second.call.data())
        call->deleteLater();
    const qint64 from = it->second.page.start;
    const qint64 to = it->second.page.end;
    m_segments.erase(it);
    first = std::clamp(first, from, to);
    if (first > from) {
        Segment skipped;
        skipped.page = {from, first, 0};
        skipped.state = Segment::State::Done;
        m_segments.emplace(from, std::move(skipped));
    }
    queueWindows(first, to);
    settle();
}

void PagedHistoryJob::dispatch()
{
    if (isFinished())
        return;
    const int maxInFlight = std::max(1, maxConcurrentRequests());
    int inFlight = 0;
    int buffered = 0;
    for (const auto &[start, segment] : m_segments) {
        if (segment.state == Segment::State::InFlight)
            ++inFlight;
        else if (segment.state == Segment::State::Done)
            ++buffered;
    }
    // Oldest first, so the reorder buffer can hand batches on early.
    QList<qint64> starting;
    for (auto &[start, segment] : m_segments) {
        if (inFlight >= maxInFlight || inFlight + buffered >= maxInFlight * LookaheadFactor)
            break;
        if (segment.state != Segment::State::Queued)
            continue;
        segment.state = Segment::State::InFlight;
        starting.append(start);
        ++inFlight;
    }
    for (qint64 start : std::as_const(starting)) {
        auto it = m_segments.find(start);
        if (isFinished() || it == m_segments.end())
            return; // a send failed the job
        it->second.call = sendPage(it->second.page);
    }
}

void PagedHistoryJob::pageArrived(qint64 pageStart, CandleBatch rows)
{
    auto it = m_segments.find(pageStart);
    if (it == m_segments.end() || isFinished())
        return; // cancelled meanwhile
    if (QObject *call = it->second.call.data())
        call->deleteLater();
    it->second.call = nullptr;

    const Interval interval = key().interval;
    const qint64 now = clock()->nowMs();
    const auto byOpenTime
        = [](const Candle &a, const Candle &b) { return a.openTime < b.openTime; };
    if (!std::is_sorted(rows.cbegin(), rows.cend(), byOpenTime))
        std::stable_sort(rows.begin(), rows.end(), byOpenTime);

    Segment &segment = it->second;
    CandleBatch kept;
    kept.reserve(rows.size());
    qint64 last = -1;
    for (const Candle &row : std::as_const(rows)) {
        if (row.openTime < segment.page.start || row.openTime >= segment.page.end
            || row.openTime <= last) {
            ++m_duplicates;
            continue;
        }
        if (!row.closed || Intervals::closeTime(interval, row.openTime) > now)
            continue; // the still-forming candle: history carries closed candles only
        const QString why = candleRejection(row, interval);
        if (!why.isEmpty()) {
            if (m_rejected < MaxPagedRejectionLogs) {
                qCWarning(lcRest).noquote()
                    << "rejected candle of" << key().toString() << "-" << why;
            }
            ++m_rejected;
            continue;
        }
        kept.append(row);
        last = row.openTime;
    }

    // A page that may not have reached the far ends of its window: ask again for what lies
    // outside its rows, in the directions the exchange pages in.
    const bool full = rows.size() >= pageLimit();
    if (!rows.isEmpty() && (full || m_continueShortPages)) {
        const qint64 oldest = rows.first().openTime;
        const qint64 newest = rows.last().openTime;
        if (m_order != Order::NewestFirst && full) {
            const qint64 after
                = m_order == Order::OldestFirst ? newest + 1 : Intervals::next(interval, newest);
            if (after > segment.page.start && after < segment.page.end
                && Intervals::next(interval, newest) < segment.page.end) {
                const qint64 oldEnd = segment.page.end;
                segment.page.end = after;
                queueWindows(after, oldEnd);
            }
        }
        if (m_order != Order::OldestFirst && oldest > segment.page.start
            && oldest < segment.page.end) {
            Segment moved = std::move(segment);
            m_segments.erase(it);
            const qint64 oldStart = moved.page.start;
            moved.page.start = oldest;
            moved.candles = std::move(kept);
            moved.state = Segment::State::Done;
            const bool first = moved.first;
            m_segments.emplace(oldest, std::move(moved));
            if (first)
                queueOlder(oldStart, oldest);
            else
                queueWindows(oldStart, oldest);
            return settle();
        }
    }
    segment.candles = std::move(kept);
    segment.state = Segment::State::Done;
    settle();
}

void PagedHistoryJob::settle()
{
    emitReady();
    dispatch();
}

void PagedHistoryJob::emitReady()
{
    while (!m_segments.empty() && !isFinished()) {
        auto it = m_segments.begin();
        if (it->second.state != Segment::State::Done)
            break;
        Segment segment = std::move(it->second);
        m_segments.erase(it);

        CandleBatch out;
        out.reserve(segment.candles.size());
        for (const Candle &c : std::as_const(segment.candles)) {
            if (c.openTime <= m_lastEmitted) {
                ++m_duplicates;
                continue;
            }
            out.append(c);
            m_lastEmitted = c.openTime;
        }
        if (!out.isEmpty()) {
            m_emitted += out.size();
            emit batch(key(), out);
        }
        if (isFinished())
            return; // a receiver cancelled us
        const qint64 done = Intervals::countBetween(key().interval, m_first, segment.page.end);
        emit progress(std::min(done, m_total), m_total);
    }
    if (m_segments.empty() && !isFinished()) {
        if (m_rejected > 0) {
            qCWarning(lcRest).noquote()
                << key().toString() << ":" << m_rejected << "invalid candle(s) rejected";
        }
        emitResult();
    }
}

} // namespace Candlewick
