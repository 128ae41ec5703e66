#include "okxexchange.h"

#include "okxsession.h"

#include <exchange.h>

namespace Candlewick::Okx {

QString barName(Interval interval)
{
    switch (interval) {
    case Interval::M1:
        return QStringLiteral("1m");
    case Interval::M3:
        return QStringLiteral("3m");
    case Interval::M5:
        return QStringLiteral("5m");
    case Interval::M15:
        return QStringLiteral("15m");
    case Interval::M30:
        return QStringLiteral("30m");
    case Interval::H1:
        return QStringLiteral("1H");
    case Interval::H2:
        return QStringLiteral("2H");
    case Interval::H4:
        return QStringLiteral("4H");
    case Interval::H6:
        return QStringLiteral("6Hutc");
    case Interval::H12:
        return QStringLiteral("12Hutc");
    case Interval::D1:
        return QStringLiteral("1Dutc");
    case Interval::Mon1:
        return QStringLiteral("1Mutc");
    case Interval::S1:
    case Interval::H8:
    case Interval::D3:
    case Interval::W1:
        break;
    }
    return {};
}

namespace {

QList<Interval> nativeIntervals()
{
    QList<Interval> list;
    for (Interval i : Intervals::all()) {
        if (!barName(i).isEmpty())
            list.append(i);
    }
    return list;
}

} // namespace

const Exchange &exchange()
{
    static const Exchange exchange{
        QStringLiteral("okx"),
        QT_TRANSLATE_NOOP("Exchange", "OKX"),
        QT_TRANSLATE_NOOP("Exchange", "spot and swaps"),
        nativeIntervals(),
        QUrl(QStringLiteral("https://www.okx.com")),
        QUrl(QStringLiteral("wss://ws.okx.com:8443/ws/v5/business")),
        true,
        // BTC/USDT is the spot pair BTC-USDT; with a settlement asset it is the perpetual swap,
        // settled in the quote (BTC/USDT:USDT -> BTC-USDT-SWAP) or the base (BTC/USD:BTC ->
        // BTC-USD-SWAP); any other settlement asset is not a market here.
        [](const QString &base, const QString &quote, const QString &settle) {
            const QString pair = base + u'-' + quote;
            if (settle.isEmpty())
                return pair;
            return settle == quote || settle == base ? pair + QStringLiteral("-SWAP") : QString();
        },
        [](const Exchange &e, const Endpoints &endpoints, Clock *clock, QObject *parent)
            -> ExchangeSession * { return new OkxSession(e, endpoints, clock, parent); },
    };
    return exchange;
}

} // namespace Candlewick::Okx
