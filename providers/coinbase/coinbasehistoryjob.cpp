#include "coinbasehistoryjob.h"

#include "coinbaseapi.h"
#include "coinbaseexchange.h"
#include "coinbaserestcall.h"
#include "coinbaserestprovider.h"

#include <candlevalidation.h>
#include <restlogging.h>

#include <QRegularExpression>

namespace Candlewick {

namespace {

constexpr int CoinbaseLookahead = 4;
constexpr int CoinbaseMaxRejectionLogs = 20;

bool isProductId(const QString &symbol)
{
    static const QRegularExpression re(QStringLiteral("^[A-Z0-9]{1,20}-[A-Z0-9]{1,20}$"));
    return re.match(symbol).hasMatch();
}

} // namespace

CoinbaseHistoryJob::CoinbaseHistoryJob(CoinbaseRestProvider *provider, const SeriesKey &key,
                                       qint64 fromMs, qint64 toMs)
    : HistoryJob(key, fromMs, toMs, provider)
    , m_provider(provider)
    , m_granularity(Coinbase::granularity(key.interval))
{
}

CoinbaseHistoryJob::~CoinbaseHistoryJob()
{
    abortAll();
}

void CoinbaseHistoryJob::doStart()
{
    using Kind = ProviderError::Kind;
    auto failLater = [this](Kind kind, const QString &message) {
        const ProviderError e{kind, 0, 0, message, 0};
        QMetaObject::invokeMethod(
            this, [this, e] { fail(e); }, Qt::QueuedConnection);
    };
    if (!m_provider)
        return failLater(Kind::Cancelled, QStringLiteral("The Coinbase provider is gone"));
    if (!isProductId(key().symbol)) {
        return failLater(Kind::InvalidSymbol,
                         QStringLiteral("\"%1\" is not a Coinbase product id: use BASE-QUOTE "
                                        "like BTC-USD (or BTC/USD), or run "
                                        "`candlewick-cli symbols`")
                             .arg(key().symbol));
    }
    if (m_granularity.isEmpty()) {
        return failLater(
            Kind::InvalidInterval,
            QStringLiteral("Coinbase has no %1 candles").arg(Intervals::name(key().interval)));
    }
    const Interval interval = key().interval;
    m_first = Intervals::alignUp(interval, from());
    // Only closed candles are asked for.
    m_end = std::min(to(), Intervals::alignDown(interval, m_provider->clock()->nowMs()));
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
    queueWindows(m_first, m_end);
    dispatch();
}

void CoinbaseHistoryJob::doKill()
{
    abortAll();
}

void CoinbaseHistoryJob::abortAll()
{
    for (auto &[start, window] : m_windows) {
        delete window.call.data();
        window.call = nullptr;
    }
}

void CoinbaseHistoryJob::fail(const ProviderError &error)
{
    abortAll();
    m_windows.clear();
    emitResult(error);
}

void CoinbaseHistoryJob::queueWindows(qint64 from, qint64 to)
{
    const Interval interval = key().interval;
    const int limit = m_provider->pageLimit();
    qint64 start = from;
    while (start < to) {
        qint64 end = start;
        for (int i = 0; i < limit && end < to; ++i)
            end = Intervals::next(interval, end);
        Window w;
        w.start = start;
        w.end = std::min(end, to);
        m_windows.emplace(w.start, std::move(w));
        start = end;
    }
}

void CoinbaseHistoryJob::dispatch()
{
    if (isFinished() || !m_provider)
        return;
    const int maxInFlight = m_provider->maxConcurrentRequests();
    int inFlight = 0;
    int buffered = 0;
    for (const auto &[start, window] : m_windows) {
        if (window.state == Window::State::InFlight)
            ++inFlight;
        else if (window.state == Window::State::Done)
            ++buffered;
    }
    // Oldest first, so the reorder buffer can hand batches on early.
    for (auto &[start, window] : m_windows) {
        if (inFlight >= maxInFlight || inFlight + buffered >= maxInFlight * CoinbaseLookahead)
            break;
        if (window.state != Window::State::Queued)
            continue;
        startWindow(window);
        ++inFlight;
    }
}

void CoinbaseHistoryJob::startWindow(Window &window)
{
    const QString path = QStringLiteral("/market/products/%1/candles").arg(key().symbol);
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("start"), QString::number(window.start / 1000));
    query.addQueryItem(QStringLiteral("end"), QString::number(window.end / 1000 - 1));
    query.addQueryItem(QStringLiteral("granularity"), m_granularity);

    const qint64 windowStart = window.start;
    auto *call = new CoinbaseRestCall(m_provider, path, query,
                                      {key().symbol, Intervals::name(key().interval),
                                       m_provider->endpointUrl(path, query).toString()},
                                      this);
    auto rows = std::make_shared<CandleBatch>();
    call->setValidator(
        [rows](const QByteArray &body) { return CoinbaseApi::parseCandles(body, rows.get()); });
    connect(call, &CoinbaseRestCall::requestSent, this, [this] { countRequest(); });
    connect(call, &CoinbaseRestCall::succeeded, this, [this, windowStart, rows] {
        handlePage(windowStart, *rows);
        emitReady();
        dispatch();
    });
    connect(call, &CoinbaseRestCall::failed, this,
            [this, windowStart](const ProviderError &error) { handleFailure(windowStart, error); });
    window.call = call;
    window.state = Window::State::InFlight;
    call->start();
}

void CoinbaseHistoryJob::handleFailure(qint64 windowStart, const ProviderError &error)
{
    auto it = m_windows.find(windowStart);
    const std::optional<int> cap = CoinbaseApi::bucketCapFromError(error);
    // Coinbase's cap is lower than this window: ask for fewer buckets from now on (windows sent
    // before the limit dropped come back here too).
    if (it != m_windows.end() && cap && *cap > 1
        && Intervals::countBetween(key().interval, it->second.start, it->second.end) >= *cap) {
        if (*cap - 1 < m_provider->pageLimit()) {
            qCInfo(lcRest).noquote() << "Coinbase takes fewer than" << *cap
                                     << "candles per request; asking for" << *cap - 1;
            m_provider->setPageLimit(*cap - 1);
        }
        if (CoinbaseRestCall *call = it->second.call.data())
            call->deleteLater();
        const qint64 from = it->second.start;
        const qint64 to = it->second.end;
        m_windows.erase(it);
        queueWindows(from, to);
        return dispatch();
    }
    fail(error);
}

void CoinbaseHistoryJob::handlePage(qint64 windowStart, const CandleBatch &rows)
{
    auto it = m_windows.find(windowStart);
    if (it == m_windows.end() || isFinished())
        return;
    Window &window = it->second;
    if (CoinbaseRestCall *call = window.call.data())
        call->deleteLater();
    window.call = nullptr;
    const Interval interval = key().interval;
    const qint64 now = m_provider->clock()->nowMs();
    CandleBatch kept;
    kept.reserve(rows.size());
    for (const Candle &c : rows) {
        if (c.openTime < window.start || c.openTime >= window.end)
            continue;
        if (Intervals::closeTime(interval, c.openTime) > now)
            continue; // the forming candle: history carries closed candles only
        const QString rejection = candleRejection(c, interval);
        if (!rejection.isEmpty()) {
            if (m_rejected < CoinbaseMaxRejectionLogs) {
                qCWarning(lcRest).noquote()
                    << "rejected candle of" << key().toString() << "-" << rejection;
            }
            ++m_rejected;
            continue;
        }
        kept.append(c);
    }
    window.candles = std::move(kept);
    window.state = Window::State::Done;
}

void CoinbaseHistoryJob::emitReady()
{
    while (!m_windows.empty() && !isFinished()) {
        auto it = m_windows.begin();
        if (it->second.state != Window::State::Done)
            break;
        Window window = std::move(it->second);
        m_windows.erase(it);
        CandleBatch out;
        out.reserve(window.candles.size());
        for (const Candle &c : std::as_const(window.candles)) {
            if (c.openTime <= m_lastEmitted)
                continue;
            out.append(c);
            m_lastEmitted = c.openTime;
        }
        if (!out.isEmpty())
            emit batch(key(), out);
        if (isFinished())
            return; // a receiver cancelled us
        const qint64 done = Intervals::countBetween(key().interval, m_first, window.end);
        emit progress(std::min(done, m_total), m_total);
    }
    if (m_windows.empty() && !isFinished()) {
        if (m_rejected > 0) {
            qCWarning(lcRest).noquote()
                << key().toString() << ":" << m_rejected << "invalid candle(s) rejected";
        }
        emitResult();
    }
}

} // namespace Candlewick
