#include "okxhistoryjob.h"

#include "okxexchange.h"
#include "okxrequest.h"
#include "okxrestprovider.h"

#include <candlevalidation.h>
#include <restlogging.h>

#include <algorithm>

namespace Candlewick {

OkxHistoryJob::OkxHistoryJob(OkxRestProvider *provider, const SeriesKey &key, qint64 fromMs,
                             qint64 toMs)
    : HistoryJob(key, fromMs, toMs, provider)
    , m_provider(provider)
{
}

OkxHistoryJob::~OkxHistoryJob() = default;

void OkxHistoryJob::doStart()
{
    const Interval interval = key().interval;
    m_bar = Okx::barName(interval);
    if (m_bar.isEmpty()) {
        QMetaObject::invokeMethod(
            this,
            [this, interval] {
                emitResult(
                    {ProviderError::Kind::InvalidInterval, 0, 0,
                     QStringLiteral("OKX has no native %1 candles").arg(Intervals::name(interval)),
                     0});
            },
            Qt::QueuedConnection);
        return;
    }
    m_derivative = OkxParser::isDerivative(key().symbol);
    const qint64 now = m_provider ? m_provider->clock()->nowMs() : 0;
    m_end = std::min(to(), Intervals::alignDown(interval, now));
    m_windowStart = Intervals::alignUp(interval, from());
    m_total = std::max<qint64>(0, Intervals::countBetween(interval, m_windowStart, m_end));
    QMetaObject::invokeMethod(this, &OkxHistoryJob::nextWindow, Qt::QueuedConnection);
}

void OkxHistoryJob::doKill()
{
    if (m_request)
        m_request->abort();
}

void OkxHistoryJob::nextWindow()
{
    if (m_windowStart >= m_end) {
        emitResult();
        return;
    }
    m_windowEnd = m_windowStart;
    for (int i = 0; i < OkxRestProvider::PageRows && m_windowEnd < m_end; ++i)
        m_windowEnd = Intervals::next(key().interval, m_windowEnd);
    m_windowEnd = std::min(m_windowEnd, m_end);
    m_pageAfter = m_windowEnd;
    m_window.clear();
    requestPage();
}

void OkxHistoryJob::requestPage()
{
    if (!m_provider) {
        emitResult(
            {ProviderError::Kind::Cancelled, 0, 0, QStringLiteral("The OKX provider is gone"), 0});
        return;
    }
    const Interval interval = key().interval;
    const qint64 now = m_provider->clock()->nowMs();
    // /candles keeps the latest RecentRows rows; stay well inside them.
    const qint64 recentFrom = Intervals::alignDown(interval, now)
        - (OkxRestProvider::RecentRows - OkxRestProvider::PageRows)
            * Intervals::nominalMs(interval);
    const bool recent = interval != Interval::Mon1 && m_windowStart >= recentFrom;
    const QString path = recent ? QStringLiteral("/api/v5/market/candles")
                                : QStringLiteral("/api/v5/market/history-candles");
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("instId"), key().symbol);
    query.addQueryItem(QStringLiteral("bar"), m_bar);
    query.addQueryItem(QStringLiteral("after"), QString::number(m_pageAfter));
    query.addQueryItem(QStringLiteral("limit"), QString::number(OkxRestProvider::PageRows));
    auto *request = new OkxRequest(
        m_provider, recent ? m_provider->candlesLimiter() : m_provider->historyLimiter(), path,
        query, {key().symbol, m_bar, m_provider->endpointUrl(path, query).toString()}, this);
    connect(request, &OkxRequest::requestSent, this, [this] { countRequest(); });
    connect(request, &OkxRequest::succeeded, this, [this, request](const QJsonArray &data) {
        request->deleteLater();
        handlePage(data);
    });
    connect(request, &OkxRequest::failed, this, [this, request](const ProviderError &error) {
        request->deleteLater();
        emitResult(error);
    });
    m_request = request;
    request->start();
}

void OkxHistoryJob::handlePage(const QJsonArray &data)
{
    QList<OkxParser::CandleRow> rows;
    const QString why = OkxParser::parseCandleRows(data, m_derivative, &rows);
    if (!why.isEmpty()) {
        emitResult({ProviderError::Kind::BadResponse, 200, 0,
                    QStringLiteral("OKX sent malformed candles for %1: %2").arg(key().symbol, why),
                    0});
        return;
    }
    if (rows.isEmpty()) {
        finishWindow(); // nothing older exists
        return;
    }
    qint64 oldest = m_pageAfter;
    const qint64 now = m_provider ? m_provider->clock()->nowMs() : 0;
    for (const OkxParser::CandleRow &row : std::as_const(rows)) {
        Candle c = row.candle;
        oldest = std::min(oldest, c.openTime);
        if (c.openTime < m_windowStart || c.openTime >= m_windowEnd)
            continue;
        if (!row.confirmed || Intervals::next(key().interval, c.openTime) > now)
            continue; // still forming
        c.closed = true;
        const QString rejection = candleRejection(c, key().interval);
        if (!rejection.isEmpty()) {
            qCWarning(lcRest).noquote() << QStringLiteral("OKX %1 %2: dropped a candle at %3: %4")
                                               .arg(key().symbol, m_bar)
                                               .arg(c.openTime)
                                               .arg(rejection);
            continue;
        }
        m_window.append(c);
    }
    if (oldest >= m_pageAfter) {
        emitResult(
            {ProviderError::Kind::BadResponse, 200, 0,
             QStringLiteral("OKX answered rows not older than `after` for %1").arg(key().symbol),
             0});
        return;
    }
    if (oldest <= m_windowStart) {
        finishWindow();
        return;
    }
    m_pageAfter = oldest;
    requestPage();
}

void OkxHistoryJob::finishWindow()
{
    std::sort(m_window.begin(), m_window.end(),
              [](const Candle &a, const Candle &b) { return a.openTime < b.openTime; });
    m_window.erase(
        std::unique(m_window.begin(), m_window.end(),
                    [](const Candle &a, const Candle &b) { return a.openTime == b.openTime; }),
        m_window.end());
    m_done += Intervals::countBetween(key().interval, m_windowStart, m_windowEnd);
    if (!m_window.isEmpty())
        emit batch(key(), m_window);
    emit progress(m_done, m_total);
    m_window.clear();
    m_windowStart = m_windowEnd;
    nextWindow();
}

} // namespace Candlewick
