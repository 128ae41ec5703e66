#include "binanceusdmexchange.h"

#include <binance/binanceapi.h>
#include <binance/binancesession.h>
#include <exchange.h>

namespace Candlewick::BinanceUsdm {

namespace {

QList<Interval> nativeIntervals()
{
    // Every Binance interval but 1s.
    QList<Interval> list = Intervals::all();
    list.removeAll(Interval::S1);
    return list;
}

} // namespace

int klinesWeight(int limit)
{
    if (limit < 100)
        return 1;
    if (limit < 500)
        return 2;
    if (limit <= 1000)
        return 5;
    return 10;
}

const BinanceApi &api()
{
    static const BinanceApi usdm{
        QStringLiteral("/fapi/v1/klines"),
        QStringLiteral("/fapi/v1/exchangeInfo"),
        1,
        false,
        &klinesWeight,
        1500,
        1000,
        2400,
        QStringLiteral("PERPETUAL"),
        8,
        false,
        QStringLiteral("data/futures/um"),
    };
    return usdm;
}

const Exchange &exchange()
{
    static const Exchange exchange{
        QStringLiteral("binance-usdm"),
        QT_TRANSLATE_NOOP("Exchange", "Binance USD-M"),
        QT_TRANSLATE_NOOP("Exchange", "USD-M perpetuals"),
        nativeIntervals(),
        QUrl(QStringLiteral("https://fapi.binance.com")),
        QUrl(QStringLiteral("wss://fstream.binance.com/market")),
        true,
        // Linear perpetuals settle in their quote asset: BTC/USDT:USDT (or BTC/USDT) is BTCUSDT;
        // any other settlement asset is not a market here.
        [](const QString &base, const QString &quote, const QString &settle) {
            return settle.isEmpty() || settle == quote ? base + quote : QString();
        },
        [](const Exchange &e, const Endpoints &endpoints, Clock *clock, QObject *parent)
            -> ExchangeSession * { return new BinanceSession(e, api(), endpoints, clock, parent); },
    };
    return exchange;
}

} // namespace Candlewick::BinanceUsdm
