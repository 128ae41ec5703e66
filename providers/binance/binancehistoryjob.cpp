#include "binancehistoryjob.h"

#include "binancerestprovider.h"
#include "restcall.h"

#include <interval.h>

#include <QRegularExpression>
#include <QUrlQuery>

namespace Candlewick {

namespace {

bool isValidBinanceSymbolName(const QString &symbol)
{
    static const QRegularExpression re(QStringLiteral("^[A-Z0-9\\-_.]{1,20}$"));
    return re.match(symbol).hasMatch();
}

} // namespace

BinanceHistoryJob::BinanceHistoryJob(BinanceRestProvider *provider, const SeriesKey &key,
                                     qint64 fromMs, qint64 toMs)
    : PagedHistoryJob(provider, key, fromMs, toMs, Order::OldestFirst)
    , m_provider(provider)
{
}

void BinanceHistoryJob::doStart()
{
    using Kind = ProviderError::Kind;
    if (!m_provider)
        return failSoon(ProviderError::providerGone(QStringLiteral("Binance")));
    if (!isValidBinanceSymbolName(key().symbol)) {
        return failSoon({Kind::InvalidSymbol, 0, 0,
                         QStringLiteral("\"%1\" is not a Binance symbol name: use uppercase "
                                        "letters and digits like BTCUSDT, or run "
                                        "`candlewick-cli symbols`")
                             .arg(key().symbol),
                         0});
    }
    begin();
}

qint64 BinanceHistoryJob::endBound(qint64 nowMs) const
{
    // Up to now: the still-open candle is asked for and dropped by its closeTime.
    return nowMs + 1;
}

QObject *BinanceHistoryJob::sendPage(const Page &page)
{
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("symbol"), key().symbol);
    query.addQueryItem(QStringLiteral("interval"), Intervals::name(key().interval));
    query.addQueryItem(QStringLiteral("startTime"), QString::number(page.start));
    query.addQueryItem(QStringLiteral("endTime"), QString::number(page.end - 1));
    query.addQueryItem(QStringLiteral("limit"), QString::number(pageLimit()));

    const qint64 pageStart = page.start;
    const BinanceApi &api = m_provider->api();
    auto *call
        = new RestCall(m_provider, api.klinesPath, query, api.klinesWeight(pageLimit()), this);
    call->setRequestInfo({key().symbol, Intervals::name(key().interval),
                          m_provider->endpointUrl(api.klinesPath, query).toString()});
    call->setBodyHandler(
        [this, pageStart](const QByteArray &body) { return parsePage(pageStart, body); });
    connect(call, &RestCall::requestSent, this, [this] { countRequest(); });
    connect(call, &RestCall::retrying, this, &Job::retrying);
    connect(call, &RestCall::succeeded, this, [this, pageStart] {
        auto parsed = m_parsed.extract(pageStart);
        pageArrived(pageStart, parsed ? std::move(parsed.mapped()) : CandleBatch{});
    });
    connect(call, &RestCall::failed, this, [this](const ProviderError &error) { fail(error); });
    call->start();
    return call;
}

QString BinanceHistoryJob::parsePage(qint64 pageStart, const QByteArray &body)
{
    if (!m_parser.parse(body))
        return m_parser.errorString();
    const qint64 now = clock()->nowMs();
    CandleBatch rows = m_parser.takeCandles();
    const QList<qint64> &closeTimes = m_parser.closeTimes();
    for (qsizetype i = 0; i < rows.size(); ++i)
        rows[i].closed = closeTimes.at(i) <= now;
    m_parsed[pageStart] = std::move(rows);
    return {};
}

} // namespace Candlewick
