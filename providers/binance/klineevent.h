#pragma once

#include <candle.h>
#include <interval.h>
#include <trade.h>

#include <QString>
#include <QStringList>

namespace Candlewick {

// One decoded frame of a Binance market-data WebSocket (raw or combined stream): a kline, a trade
// (`<symbol>@trade`), a control answer.
struct KlineEvent
{
    enum class Kind {
        Kline, // a kline update; `candle.closed` is the payload's "x"
        Trade, // a trade of `symbol`: `trade`
        Response, // the answer to SUBSCRIBE / UNSUBSCRIBE / LIST_SUBSCRIPTIONS
        ServerShutdown, // {"e":"serverShutdown"}: the server is about to close the connection
        Unknown, // well-formed, but an event we do not handle (logged, counted, skipped)
        Rejected, // malformed or invalid; `reason` says why
    };

    Kind kind = Kind::Rejected;
    QString stream; // combined streams: the wrapper's "stream"; empty for raw streams
    qint64 eventTime = 0;
    QString symbol; // uppercase, as in the payload
    Interval interval = Interval::M1;
    Candle candle;
    Candlewick::Trade trade;

    // Response
    qint64 id = -1;
    int errorCode = 0; // non-zero when the request failed
    QString errorMessage;
    QStringList result; // LIST_SUBSCRIPTIONS

    QString reason; // Rejected / Unknown: why

    bool isKline() const { return kind == Kind::Kline; }
};

} // namespace Candlewick
