#include "bybithistoryjob.h"

#include "bybitapi.h"
#include "bybitexchange.h"
#include "bybitrestcall.h"
#include "bybitrestprovider.h"

#include <candlevalidation.h>
#include <restlogging.h>

#include <QRegularExpression>

namespace Candlewick {

namespace {

const QString KlinePath = QStringLiteral("/v5/market/kline");
constexpr int LookaheadFactor = 4;
constexpr int MaxRejectionLogs = 20;

bool isValidSymbolName(const QString &symbol)
{
    static const QRegularExpression re(QStringLiteral("^[A-Z0-9]{1,30}$"));
    return re.match(symbol).hasMatch();
}

} // namespace

BybitHistoryJob::BybitHistoryJob(BybitRestProvider *provider, const SeriesKey &key, qint64 fromMs,
                                 qint64 toMs)
    : HistoryJob(key, fromMs, toMs, provider)
    , m_provider(provider)
    , m_intervalCode(Bybit::intervalCode(key.interval))
{
}

BybitHistoryJob::~BybitHistoryJob()
{
    abortAll();
}

void BybitHistoryJob::doStart()
{
    using Kind = ProviderError::Kind;
    auto failLater = [this](Kind kind, const QString &message) {
        const ProviderError e{kind, 0, 0, message, 0};
        QMetaObject::invokeMethod(
            this, [this, e] { fail(e); }, Qt::QueuedConnection);
    };
    if (!m_provider)
        return failLater(Kind::Cancelled, QStringLiteral("The Bybit provider is gone"));
    if (!isValidSymbolName(key().symbol)) {
        return failLater(Kind::InvalidSymbol,
                         QStringLiteral("\"%1\" is not a Bybit symbol name: use uppercase "
                                        "letters and digits like BTCUSDT, or run "
                                        "`candlewick-cli symbols`")
                             .arg(key().symbol));
    }
    if (m_intervalCode.isEmpty()) {
        return failLater(
            Kind::InvalidInterval,
            QStringLiteral("Bybit has no %1 candles").arg(Intervals::name(key().interval)));
    }
    const Interval interval = key().interval;
    const qint64 now = m_provider->clock()->nowMs();
    m_first = Intervals::alignUp(interval, from());
    // Only closed candles are asked for: the forming one never fills a page's slot.
    m_end = std::min(to(), Intervals::alignDown(interval, now));
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
    Segment whole;
    whole.start = m_first;
    whole.end = m_end;
    whole.whole = true;
    m_segments.emplace(whole.start, std::move(whole));
    dispatch();
}

void BybitHistoryJob::doKill()
{
    abortAll();
}

void BybitHistoryJob::abortAll()
{
    for (auto &[start, segment] : m_segments) {
        delete segment.call.data();
        segment.call = nullptr;
    }
}

void BybitHistoryJob::fail(const ProviderError &error)
{
    abortAll();
    m_segments.clear();
    emitResult(error);
}

void BybitHistoryJob::queueWindows(qint64 from, qint64 to)
{
    const Interval interval = key().interval;
    const int limit = m_provider->pageLimit();
    // Newest window first, in the API's direction; each holds at most `limit` slots.
    qint64 end = to;
    while (end > from) {
        qint64 start = end;
        for (int i = 0; i < limit && start > from; ++i)
            start = Intervals::alignDown(interval, start - 1);
        start = std::max(start, from);
        Segment s;
        s.start = start;
        s.end = end;
        m_segments.emplace(s.start, std::move(s));
        end = start;
    }
}

void BybitHistoryJob::queueOlder(qint64 from, qint64 to)
{
    const Interval interval = key().interval;
    const int limit = m_provider->pageLimit();
    // Worth a request only where many windows of a short interval may lie before the listing.
    if (Intervals::nominalMs(interval) >= Intervals::nominalMs(Interval::D1)
        || Intervals::countBetween(interval, from, to) <= 4 * qint64(limit))
        return queueWindows(from, to);
    Segment s;
    s.start = from;
    s.end = to;
    s.listing
        = Intervals::countBetween(Interval::D1, from, to) <= limit ? Interval::D1 : Interval::Mon1;
    m_segments.emplace(s.start, std::move(s));
}

void BybitHistoryJob::handleListing(std::map<qint64, Segment>::iterator it, const CandleBatch &rows)
{
    const qint64 from = it->second.start;
    const qint64 to = it->second.end;
    const Interval coarse = *it->second.listing;
    m_segments.erase(it);
    // Nothing before `to` at all, or candles from the first coarse bucket less one.
    qint64 first = to;
    if (!rows.isEmpty()) {
        const qint64 bucket = Intervals::alignDown(coarse, rows.first().openTime);
        first = std::max(from, Intervals::alignDown(coarse, bucket - 1));
    }
    if (first > from) {
        Segment skipped;
        skipped.start = from;
        skipped.end = first;
        skipped.state = Segment::State::Done;
        m_segments.emplace(skipped.start, std::move(skipped));
    }
    queueWindows(first, to);
}

void BybitHistoryJob::dispatch()
{
    if (isFinished() || !m_provider)
        return;
    const int maxInFlight = m_provider->maxConcurrentRequests();
    int inFlight = 0;
    int buffered = 0;
    for (const auto &[start, segment] : m_segments) {
        if (segment.state == Segment::State::InFlight)
            ++inFlight;
        else if (segment.state == Segment::State::Done)
            ++buffered;
    }
    // Oldest first, so the reorder buffer can hand batches on early.
    for (auto &[start, segment] : m_segments) {
        if (inFlight >= maxInFlight || inFlight + buffered >= maxInFlight * LookaheadFactor)
            break;
        if (segment.state != Segment::State::Queued)
            continue;
        startSegment(segment);
        ++inFlight;
    }
}

void BybitHistoryJob::startSegment(Segment &segment)
{
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("category"), m_provider->category());
    query.addQueryItem(QStringLiteral("symbol"), key().symbol);
    query.addQueryItem(QStringLiteral("interval"),
                       segment.listing ? Bybit::intervalCode(*segment.listing) : m_intervalCode);
    query.addQueryItem(QStringLiteral("start"), QString::number(segment.start));
    query.addQueryItem(QStringLiteral("end"), QString::number(segment.end - 1));
    query.addQueryItem(QStringLiteral("limit"), QString::number(m_provider->pageLimit()));

    const qint64 segmentStart = segment.start;
    auto *call = new BybitRestCall(m_provider, KlinePath, query,
                                   {key().symbol, Intervals::name(key().interval),
                                    m_provider->endpointUrl(KlinePath, query).toString()},
                                   this);
    connect(call, &BybitRestCall::requestSent, this, [this] { countRequest(); });
    connect(call, &BybitRestCall::succeeded, this, [this, segmentStart](const QJsonObject &result) {
        const QString why = handlePage(segmentStart, result);
        if (!why.isEmpty()) {
            return fail({ProviderError::Kind::BadResponse, 200, 0,
                         QStringLiteral("Bad kline response from Bybit: %1").arg(why), 0});
        }
        emitReady();
        dispatch();
    });
    connect(call, &BybitRestCall::failed, this,
            [this](const ProviderError &error) { fail(error); });
    segment.call = call;
    segment.state = Segment::State::InFlight;
    call->start();
}

QString BybitHistoryJob::handlePage(qint64 segmentStart, const QJsonObject &result)
{
    auto it = m_segments.find(segmentStart);
    if (it == m_segments.end() || isFinished())
        return {};
    Segment &segment = it->second;
    if (BybitRestCall *call = segment.call.data())
        call->deleteLater();
    segment.call = nullptr;
    CandleBatch rows;
    const QString why = BybitApi::parseKlines(result, &rows);
    if (!why.isEmpty())
        return why;
    if (segment.listing) {
        handleListing(it, rows);
        return {};
    }

    const Interval interval = key().interval;
    const qint64 now = m_provider->clock()->nowMs();
    CandleBatch kept;
    kept.reserve(rows.size());
    for (const Candle &c : std::as_const(rows)) {
        if (c.openTime < segment.start || c.openTime >= segment.end)
            continue;
        if (Intervals::closeTime(interval, c.openTime) > now)
            continue; // the forming candle: history carries closed candles only
        const QString rejection = candleRejection(c, interval);
        if (!rejection.isEmpty()) {
            if (m_rejected < MaxRejectionLogs) {
                qCWarning(lcRest).noquote()
                    << "rejected candle of" << key().toString() << "-" << rejection;
            }
            ++m_rejected;
            continue;
        }
        kept.append(c);
    }
    // A full page may not have reached the window's start (newest rows first) nor, should the
    // server give the oldest rows instead, its end: ask again for what lies outside the rows.
    if (!rows.isEmpty() && rows.size() >= m_provider->pageLimit()) {
        const qint64 oldest = rows.first().openTime;
        const qint64 newest = rows.last().openTime;
        const qint64 oldEnd = segment.end;
        const qint64 afterNewest = Intervals::next(interval, newest);
        if (afterNewest < oldEnd && afterNewest > segment.start) {
            segment.end = afterNewest;
            queueWindows(afterNewest, oldEnd);
        }
        if (oldest > segment.start && oldest < segment.end) {
            const qint64 oldStart = segment.start;
            Segment moved = std::move(segment);
            m_segments.erase(it);
            moved.start = oldest;
            moved.candles = std::move(kept);
            moved.state = Segment::State::Done;
            if (moved.whole)
                queueOlder(oldStart, oldest);
            else
                queueWindows(oldStart, oldest);
            m_segments.emplace(moved.start, std::move(moved));
            return {};
        }
    }
    segment.candles = std::move(kept);
    segment.state = Segment::State::Done;
    return {};
}

void BybitHistoryJob::emitReady()
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
            if (c.openTime <= m_lastEmitted)
                continue;
            out.append(c);
            m_lastEmitted = c.openTime;
        }
        if (!out.isEmpty())
            emit batch(key(), out);
        if (isFinished())
            return; // a receiver cancelled us
        const qint64 done = Intervals::countBetween(key().interval, m_first, segment.end);
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
