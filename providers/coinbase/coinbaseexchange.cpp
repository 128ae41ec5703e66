#include "coinbaseexchange.h"

#include "coinbasesession.h"

#include <exchange.h>

namespace Candlewick::Coinbase {

namespace {

ExchangeSession *createCoinbaseSession(const Exchange &e, const Endpoints &endpoints, Clock *clock,
                                       QObject *parent)
{
    return new CoinbaseSession(e, endpoints, clock, parent);
}

} // namespace

QString granularity(Interval interval)
{
    switch (interval) {
    case Interval::M1:
        return QStringLiteral("ONE_MINUTE");
    case Interval::M5:
        return QStringLiteral("FIVE_MINUTE");
    case Interval::M15:
        return QStringLiteral("FIFTEEN_MINUTE");
    case Interval::M30:
        return QStringLiteral("THIRTY_MINUTE");
    case Interval::H1:
        return QStringLiteral("ONE_HOUR");
    case Interval::H2:
        return QStringLiteral("TWO_HOUR");
    case Interval::H6:
        return QStringLiteral("SIX_HOUR");
    case Interval::D1:
        return QStringLiteral("ONE_DAY");
    default:
        return {};
    }
}

const Exchange &exchange()
{
    static const Exchange exchange{
        QStringLiteral("coinbase"),
        QT_TRANSLATE_NOOP("Exchange", "Coinbase"),
        QT_TRANSLATE_NOOP("Exchange", "spot (Advanced Trade)"),
        {Interval::M1, Interval::M5, Interval::M15, Interval::M30, Interval::H1, Interval::H2,
         Interval::H6, Interval::D1},
        QUrl(QStringLiteral("https://api.coinbase.com")),
        QUrl(QStringLiteral("wss://advanced-trade-ws.coinbase.com")),
        true,
        // Spot products only: BTC/USD is BTC-USD, BTC/USD:USD is no market.
        [](const QString &base, const QString &quote, const QString &settle) {
            return settle.isEmpty() ? base + u'-' + quote : QString();
        },
        &createCoinbaseSession,
    };
    return exchange;
}

} // namespace Candlewick::Coinbase
