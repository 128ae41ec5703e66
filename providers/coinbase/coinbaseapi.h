#pragma once

#include <candle.h>
#include <interval.h>
#include <providererror.h>
#include <symbolinfo.h>

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>

#include <optional>

namespace Candlewick::CoinbaseApi {


// The candles of a /market/products/{id}/candles body ({"candles":[{"start":"1712192400",
// "low":"…","high":"…","open":"…","close":"…","volume":"…"}, …]}: seconds, numbers as strings,
// newest first, no row for a bucket without trades) in ascending open time, whatever order they
// came in. Returns why the body is malformed, or an empty string.
QString parseCandles(const QByteArray &body, CandleBatch *candles);

// The spot products of a /market/products body. A product is "TRADING" when its status is
// "online" and neither trading nor the product is disabled; tickSize is price_increment.
QString parseProducts(const QByteArray &body, SymbolList *symbols);

// An HTTP status other than 200 as an error value, with the text of whichever error body Coinbase
// sent ({"error":…,"error_details":…,"message":…}, {"errors":[{"id":…,"message":…}]},
// {"error":…,"error_description":…}). 429 and 401 are throttling (Coinbase has answered
// throttled public requests with 401).
ProviderError fromHttpStatus(int httpStatus, const QByteArray &body, const RequestInfo &info);

// The most buckets a candles request may span, when `error` is Coinbase refusing a request for
// spanning too many ("number of candles requested should be less than 350"); nullopt otherwise.
std::optional<int> bucketCapFromError(const ProviderError &error);

// "2023-02-09T20:19:35.39625135Z" (any number of fraction digits, 'Z' or +00:00) as microseconds
// since the epoch; nullopt when it is not such a time.
std::optional<qint64> parseTimeUs(QByteArrayView text);

// One trade of a market_trades event, as sent (price and size stay the exact decimal strings).
struct TradeRow
{
    QString tradeId;
    QString productId;
    QByteArray price;
    QByteArray size;
    QByteArray side; // the maker's side: "BUY" or "SELL"
    qint64 timeUs = 0;
};

// One message of the public WebSocket.
struct StreamMessage
{
    enum class Type { Trades, Heartbeat, Subscriptions, Error, Other } type = Type::Other;
    QString channel;
    qint64 sequenceNum = -1;
    qint64 timestampUs = 0; // the envelope's timestamp: the exchange's clock
    bool snapshot = false; // Trades: the first event after subscribing
    QList<TradeRow> trades; // Trades
    QHash<QString, QStringList> subscriptions; // Subscriptions: channel -> product ids
    QString message; // Error
};

// Reads a text frame; returns why it is malformed, or an empty string.
QString parseStreamMessage(const QByteArray &frame, StreamMessage *message);

// {"type":"subscribe"|"unsubscribe","product_ids":[…],"channel":…}; no product_ids when empty.
QByteArray subscriptionRequest(const QString &type, const QString &channel,
                               const QStringList &productIds);

} // namespace Candlewick::CoinbaseApi
