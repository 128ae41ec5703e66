#include "binancehistoryjob.h"

#include "binancerestprovider.h"
#include "restcall.h"
#include "restlogging.h"

#include <candlevalidation.h>
#include <interval.h>

#include <QRegularExpression>
#include <QUrlQuery>

namespace Candlewick {

namespace {

// How many pages may wait in the reorder buffer or on the wire, per allowed concurrent request.
constexpr int LookaheadFactor = 4;
// Rejected candles logged one by one before the log goes quiet (they are still counted).
constexpr int MaxRejectionLogs = 20;

bool isValidSymbolName(const QString &symbol)
{
    static const QRegularExpression re(QStringLiteral("^[A-Z0-9\\-_.]{1,20}$"));
    return re.match(symbol).hasMatch();
}

} // namespace

BinanceHistoryJob::BinanceHistoryJob(BinanceRestProvider *provider, const SeriesKey &key,
                                     qint64 fromMs, qint64 toMs)
    : HistoryJob(key, fromMs, toMs, provider)
    , m_provider(provider)
{
}

BinanceHistoryJob::~BinanceHistoryJob()
{
    abortAll();
}

void BinanceHistoryJob::doStart()
{
    using Kind = ProviderError::Kind;

    auto failLater = [this](Kind kind, const QString &message) {
        ProviderError e;
        e.kind = kind;
        e.message = message;
        QMetaObject::invokeMethod(
            this, [this, e] { fail(e); }, Qt::QueuedConnection);
    };
    if (!m_provider)
        return failLater(Kind::Cancelled, QStringLiteral("The Binance provider is gone"));
    if (!isValidSymbolName(key().symbol)) {
        return failLater(
            Kind::InvalidSymbol,
            QStringLiteral("\"%1\" is not a Binance symbol name: use uppercase letters "
                           "and digits like BTCUSDT, or run `candlewick-cli symbols`")
                .arg(key().symbol));
    }

    const Interval interval = key().interval;
    const qint64 now = m_provider->clock()->nowMs();
    m_first = Intervals::alignUp(interval, from());
    // Open times after now cannot exist yet; the still-open candle is dropped when it arrives.
    m_end = std::min(to(), now + 1);
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

    Segment probe;
    probe.start = m_first;
    probe.end = m_end;
    probe.probe = true;
    m_segments.emplace(probe.start, std::move(probe));
    dispatch();
}

void BinanceHistoryJob::doKill()
{
    abortAll();
}

void BinanceHistoryJob::abortAll()
{
    for (auto &[start, segment] : m_segments) {
        if (RestCall *call = segment.call.data()) {
            call->abort();
            call->deleteLater();
        }
        segment.call = nullptr;
    }
}

void BinanceHistoryJob::fail(const ProviderError &error)
{
    abortAll();
    m_segments.clear();
    emitResult(error);
}

qint64 BinanceHistoryJob::windowEnd(qint64 from) const
{
    const Interval interval = key().interval;
    const int limit = m_provider ? m_provider->pageLimit() : 1000;
    qint64 t = Intervals::alignUp(interval, from);
    if (interval == Interval::Mon1) {
        for (int i = 0; i < limit && t < m_end; ++i)
            t = Intervals::next(interval, t);
    } else {
        t += qint64(limit) * Intervals::lengthAt(interval, t);
    }
    return std::min(t, m_end);
}

void BinanceHistoryJob::queueWindows(qint64 from, qint64 to)
{
    qint64 start = from;
    while (start < to) {
        Segment s;
        s.start = start;
        s.end = std::min(windowEnd(start), to);
        if (s.end <= s.start)
            break;
        start = s.end;
        m_segments.emplace(s.start, std::move(s));
    }
}

void BinanceHistoryJob::dispatch()
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
    for (auto &[start, segment] : m_segments) {
        if (inFlight >= maxInFlight || inFlight + buffered >= maxInFlight * LookaheadFactor)
            break;
        if (segment.state != Segment::State::Queued)
            continue;
        startSegment(segment);
        ++inFlight;
    }
}

void BinanceHistoryJob::startSegment(Segment &segment)
{
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("symbol"), key().symbol);
    query.addQueryItem(QStringLiteral("interval"), Intervals::name(key().interval));
    query.addQueryItem(QStringLiteral("startTime"), QString::number(segment.start));
    query.addQueryItem(QStringLiteral("endTime"), QString::number(segment.end - 1));
    query.addQueryItem(QStringLiteral("limit"), QString::number(m_provider->pageLimit()));

    const qint64 segmentStart = segment.start;
    const BinanceApi &api = m_provider->api();
    auto *call = new RestCall(m_provider, api.klinesPath, query,
                              api.klinesWeight(m_provider->pageLimit()), this);
    call->setRequestInfo({key().symbol, Intervals::name(key().interval),
                          m_provider->endpointUrl(api.klinesPath, query).toString()});
    call->setBodyHandler(
        [this, segmentStart](const QByteArray &body) { return handlePage(segmentStart, body); });
    connect(call, &RestCall::requestSent, this, [this] { countRequest(); });
    connect(call, &RestCall::retrying, this, &Job::retrying);
    connect(call, &RestCall::succeeded, this,
            [this, segmentStart] { handleSegmentDone(segmentStart); });
    connect(call, &RestCall::failed, this, [this](const ProviderError &error) { fail(error); });
    segment.call = call;
    segment.state = Segment::State::InFlight;
    call->start();
}

QString BinanceHistoryJob::handlePage(qint64 segmentStart, const QByteArray &body)
{
    auto it = m_segments.find(segmentStart);
    if (it == m_segments.end())
        return {}; // cancelled meanwhile
    Segment &segment = it->second;
    if (!m_parser.parse(body))
        return m_parser.errorString();

    const Interval interval = key().interval;
    const qint64 now = m_provider ? m_provider->clock()->nowMs() : 0;
    const CandleBatch &rows = m_parser.candles();
    const QList<qint64> &closeTimes = m_parser.closeTimes();

    CandleBatch kept;
    kept.reserve(rows.size());
    qint64 last = -1;
    for (qsizetype i = 0; i < rows.size(); ++i) {
        const Candle &c = rows.at(i);
        if (c.openTime < segment.start || c.openTime >= segment.end || c.openTime <= last) {
            ++m_duplicates;
            continue;
        }
        if (closeTimes.at(i) > now)
            continue; // the still-open candle: history carries closed candles only
        const QString why = candleRejection(c, interval);
        if (!why.isEmpty()) {
            if (m_rejected < MaxRejectionLogs) {
                qCWarning(lcRest).noquote()
                    << "rejected candle of" << key().toString() << "-" << why;
            }
            ++m_rejected;
            continue;
        }
        kept.append(c);
        last = c.openTime;
    }

    // A full page may not have reached the end of its window: continue from the last open
    // time + 1, split into independent windows.
    if (!rows.isEmpty() && rows.size() >= m_provider->pageLimit()) {
        const qint64 nextStart = rows.last().openTime + 1;
        if (nextStart > segment.start && nextStart < segment.end
            && Intervals::next(interval, rows.last().openTime) < segment.end) {
            const qint64 oldEnd = segment.end;
            segment.end = nextStart;
            queueWindows(nextStart, oldEnd);
        }
    }
    segment.candles = std::move(kept);
    return {};
}

void BinanceHistoryJob::handleSegmentDone(qint64 segmentStart)
{
    auto it = m_segments.find(segmentStart);
    if (it == m_segments.end() || isFinished())
        return;
    it->second.state = Segment::State::Done;
    if (RestCall *call = it->second.call.data())
        call->deleteLater();
    it->second.call = nullptr;
    emitReady();
    dispatch();
}

void BinanceHistoryJob::emitReady()
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
