#include "binanceexchange.h"

#include "binanceapi.h"
#include "binancesession.h"

#include <exchange.h>

namespace Candlewick::Binance {

const Exchange &spot()
{
    static const Exchange exchange{
        QStringLiteral("binance"),
        QT_TRANSLATE_NOOP("Exchange", "Binance"),
        QT_TRANSLATE_NOOP("Exchange", "spot"),
        Intervals::all(),
        QUrl(QStringLiteral("https://api.binance.com")),
        QUrl(QStringLiteral("wss://stream.binance.com:9443")),
        true,
        [](const QString &base, const QString &quote, const QString &settle) {
            return settle.isEmpty() ? base + quote : QString(); // spot settles nothing
        },
        [](const Exchange &e, const Endpoints &endpoints, Clock *clock,
           QObject *parent) -> ExchangeSession * {
            return new BinanceSession(e, BinanceApi::spot(), endpoints, clock, parent);
        },
    };
    return exchange;
}

} // namespace Candlewick::Binance
