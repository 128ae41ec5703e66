#include "bybithistoryjob.h"

#include "bybitapi.h"
#include "bybitexchange.h"
#include "bybitrestprovider.h"

#include <exchangerestcall.h>

#include <QRegularExpression>

namespace Candlewick {

namespace {

const QString BybitKlinePath = QStringLiteral("/v5/market/kline");

bool isValidBybitSymbolName(const QString &symbol)
{
    static const QRegularExpression re(QStringLiteral("^[A-Z0-9]{1,30}$"));
    return re.match(symbol).hasMatch();
}

} // namespace

BybitHistoryJob::BybitHistoryJob(BybitRestProvider *provider, const SeriesKey &key, qint64 fromMs,
                                 qint64 toMs)
    : PagedHistoryJob(provider, key, fromMs, toMs, Order::Either)
    , m_provider(provider)
    , m_intervalCode(Bybit::intervalCode(key.interval))
{
}

void BybitHistoryJob::doStart()
{
    using Kind = ProviderError::Kind;
    if (!m_provider)
        return failSoon(ProviderError::providerGone(QStringLiteral("Bybit")));
    if (!isValidBybitSymbolName(key().symbol)) {
        return failSoon({Kind::InvalidSymbol, 0, 0,
                         QStringLiteral("\"%1\" is not a Bybit symbol name: use uppercase "
                                        "letters and digits like BTCUSDT, or run "
                                        "`candlewick-cli symbols`")
                             .arg(key().symbol),
                         0});
    }
    if (m_intervalCode.isEmpty()) {
        return failSoon({Kind::InvalidInterval, 0, 0,
                         tr("Bybit has no %1 candles").arg(Intervals::name(key().interval)), 0});
    }
    begin();
}

void BybitHistoryJob::queueOlder(qint64 from, qint64 to)
{
    const Interval interval = key().interval;
    const int limit = pageLimit();
    // Worth a request only where many windows of a short interval may lie before the listing.
    if (Intervals::nominalMs(interval) >= Intervals::nominalMs(Interval::D1)
        || Intervals::countBetween(interval, from, to) <= 4 * qint64(limit))
        return queueWindows(from, to);
    queueSpecial(from, to,
                 Intervals::countBetween(Interval::D1, from, to) <= limit ? ListingDaily
                                                                          : ListingMonthly);
}

void BybitHistoryJob::handleListing(const Page &page, const CandleBatch &rows)
{
    const Interval coarse = page.kind == ListingDaily ? Interval::D1 : Interval::Mon1;
    // Nothing before the page's end at all, or candles from the first coarse bucket less one.
    qint64 first = page.end;
    if (!rows.isEmpty()) {
        qint64 oldest = rows.first().openTime;
        for (const Candle &c : rows)
            oldest = std::min(oldest, c.openTime);
        const qint64 bucket = Intervals::alignDown(coarse, oldest);
        first = std::max(page.start, Intervals::alignDown(coarse, bucket - 1));
    }
    skipTo(page.start, first);
}

QObject *BybitHistoryJob::sendPage(const Page &page)
{
    const bool listing = page.kind != 0;
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("category"), m_provider->category());
    query.addQueryItem(QStringLiteral("symbol"), key().symbol);
    query.addQueryItem(QStringLiteral("interval"),
                       !listing                        ? m_intervalCode
                           : page.kind == ListingDaily ? Bybit::intervalCode(Interval::D1)
                                                       : Bybit::intervalCode(Interval::Mon1));
    query.addQueryItem(QStringLiteral("start"), QString::number(page.start));
    query.addQueryItem(QStringLiteral("end"), QString::number(page.end - 1));
    query.addQueryItem(QStringLiteral("limit"), QString::number(pageLimit()));

    ExchangeRestCall *call = m_provider->newCall(
        BybitKlinePath, query, {key().symbol, Intervals::name(key().interval), {}}, this);
    connect(call, &ExchangeRestCall::requestSent, this, [this] { countRequest(); });
    connect(call, &ExchangeRestCall::succeeded, this, [this, page](const QByteArray &body) {
        if (!m_parser.parse(body)) {
            return fail({ProviderError::Kind::BadResponse, 200, 0,
                         tr("Bad kline response from Bybit: %1").arg(m_parser.errorString()), 0});
        }
        if (page.kind != 0)
            return handleListing(page, m_parser.candles());
        pageArrived(page.start, m_parser.takeCandles());
    });
    connect(call, &ExchangeRestCall::failed, this,
            [this](const ProviderError &error) { fail(error); });
    call->start();
    return call;
}

} // namespace Candlewick
