#include "coinbasehistoryjob.h"

#include "coinbaseapi.h"
#include "coinbaseexchange.h"
#include "coinbaserestprovider.h"

#include <exchangerestcall.h>
#include <restlogging.h>

#include <QRegularExpression>

namespace Candlewick {

namespace {

bool isCoinbaseProductId(const QString &symbol)
{
    static const QRegularExpression re(QStringLiteral("^[A-Z0-9]{1,20}-[A-Z0-9]{1,20}$"));
    return re.match(symbol).hasMatch();
}

} // namespace

CoinbaseHistoryJob::CoinbaseHistoryJob(CoinbaseRestProvider *provider, const SeriesKey &key,
                                       qint64 fromMs, qint64 toMs)
    : PagedHistoryJob(provider, key, fromMs, toMs, Order::OldestFirst)
    , m_provider(provider)
    , m_granularity(Coinbase::granularity(key.interval))
{
    setWindowsFromStart(true);
}

void CoinbaseHistoryJob::doStart()
{
    using Kind = ProviderError::Kind;
    if (!m_provider)
        return failSoon(ProviderError::providerGone(QStringLiteral("Coinbase")));
    if (!isCoinbaseProductId(key().symbol)) {
        return failSoon({Kind::InvalidSymbol, 0, 0,
                         QStringLiteral("\"%1\" is not a Coinbase product id: use BASE-QUOTE "
                                        "like BTC-USD (or BTC/USD), or run "
                                        "`candlewick-cli symbols`")
                             .arg(key().symbol),
                         0});
    }
    if (m_granularity.isEmpty()) {
        return failSoon({Kind::InvalidInterval, 0, 0,
                         tr("Coinbase has no %1 candles").arg(Intervals::name(key().interval)), 0});
    }
    begin();
}

QObject *CoinbaseHistoryJob::sendPage(const Page &page)
{
    const QString path = QStringLiteral("/market/products/%1/candles").arg(key().symbol);
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("start"), QString::number(page.start / 1000));
    query.addQueryItem(QStringLiteral("end"), QString::number(page.end / 1000 - 1));
    query.addQueryItem(QStringLiteral("granularity"), m_granularity);

    ExchangeRestCall *call = m_provider->newCall(
        path, query, {key().symbol, Intervals::name(key().interval), {}}, this);
    auto rows = std::make_shared<CandleBatch>();
    call->setValidator(
        [rows](const QByteArray &body) { return CoinbaseApi::parseCandles(body, rows.get()); });
    connect(call, &ExchangeRestCall::requestSent, this, [this] { countRequest(); });
    connect(call, &ExchangeRestCall::succeeded, this,
            [this, page, rows] { pageArrived(page.start, std::move(*rows)); });
    connect(call, &ExchangeRestCall::failed, this,
            [this, page](const ProviderError &error) { handleFailure(page, error); });
    call->start();
    return call;
}

void CoinbaseHistoryJob::handleFailure(const Page &page, const ProviderError &error)
{
    const std::optional<int> cap = CoinbaseApi::bucketCapFromError(error);
    // Coinbase's cap is lower than this window: ask for fewer buckets from now on (windows sent
    // before the limit dropped come back here too) and cut this one again.
    if (m_provider && cap && *cap > 1
        && Intervals::countBetween(key().interval, page.start, page.end) >= *cap) {
        if (*cap - 1 < pageLimit()) {
            qCInfo(lcRest).noquote() << "Coinbase takes fewer than" << *cap
                                     << "candles per request; asking for" << *cap - 1;
            m_provider->setPageLimit(*cap - 1);
        }
        return skipTo(page.start, page.start);
    }
    fail(error);
}

} // namespace Candlewick
