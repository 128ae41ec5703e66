#include "okxhistoryjob.h"

#include "okxexchange.h"
#include "okxparser.h"
#include "okxrestprovider.h"

#include <exchangerestcall.h>

namespace Candlewick {

OkxHistoryJob::OkxHistoryJob(OkxRestProvider *provider, const SeriesKey &key, qint64 fromMs,
                             qint64 toMs)
    : PagedHistoryJob(provider, key, fromMs, toMs, Order::NewestFirst)
    , m_provider(provider)
{
    setContinueShortPages(true);
}

void OkxHistoryJob::doStart()
{
    using Kind = ProviderError::Kind;
    const Interval interval = key().interval;
    m_bar = Okx::barName(interval);
    if (m_bar.isEmpty()) {
        return failSoon({Kind::InvalidInterval, 0, 0,
                         tr("OKX has no native %1 candles").arg(Intervals::name(interval)), 0});
    }
    if (!m_provider)
        return failSoon(ProviderError::providerGone(QStringLiteral("OKX")));
    m_derivative = OkxParser::isDerivative(key().symbol);
    begin();
}

QObject *OkxHistoryJob::sendPage(const Page &page)
{
    const Interval interval = key().interval;
    const qint64 now = clock()->nowMs();
    // /candles keeps the latest RecentRows rows; stay well inside them.
    const qint64 recentFrom = Intervals::alignDown(interval, now)
        - (OkxRestProvider::RecentRows - OkxRestProvider::PageRows)
            * Intervals::nominalMs(interval);
    const bool recent = interval != Interval::Mon1 && page.start >= recentFrom;
    const QString &path
        = recent ? OkxRestProvider::CandlesPath : OkxRestProvider::HistoryCandlesPath;
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("instId"), key().symbol);
    query.addQueryItem(QStringLiteral("bar"), m_bar);
    query.addQueryItem(QStringLiteral("after"), QString::number(page.end));
    query.addQueryItem(QStringLiteral("limit"), QString::number(pageLimit()));
    auto data = std::make_shared<QJsonArray>();
    ExchangeRestCall *call
        = m_provider->newCall(path, query, {key().symbol, m_bar, {}}, data, this);
    connect(call, &ExchangeRestCall::requestSent, this, [this] { countRequest(); });
    connect(call, &ExchangeRestCall::succeeded, this,
            [this, page, data] { handlePage(page, *data); });
    connect(call, &ExchangeRestCall::failed, this,
            [this](const ProviderError &error) { fail(error); });
    call->start();
    return call;
}

void OkxHistoryJob::handlePage(const Page &page, const QJsonArray &data)
{
    QList<OkxParser::CandleRow> rows;
    const QString why = OkxParser::parseCandleRows(data, m_derivative, &rows);
    if (!why.isEmpty()) {
        return fail({ProviderError::Kind::BadResponse, 200, 0,
                     tr("OKX sent malformed candles for %1: %2").arg(key().symbol, why), 0});
    }
    CandleBatch candles;
    candles.reserve(rows.size());
    for (const OkxParser::CandleRow &row : std::as_const(rows)) {
        if (row.candle.openTime >= page.end) {
            return fail({ProviderError::Kind::BadResponse, 200, 0,
                         tr("OKX answered rows not older than `after` for %1").arg(key().symbol),
                         0});
        }
        candles.append(row.candle);
        candles.last().closed = row.confirmed;
    }
    pageArrived(page.start, std::move(candles));
}

} // namespace Candlewick
