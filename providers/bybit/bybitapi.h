#pragma once

#include <candle.h>
#include <interval.h>
#include <providererror.h>
#include <symbolinfo.h>

#include <QByteArray>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace Candlewick::BybitApi {


// The v5 envelope {"retCode":0,"retMsg":"OK","result":{...},"retExtInfo":{},"time":...}.
struct Envelope
{
    int retCode = 0;
    QString retMsg;
    QJsonObject result;
};

// Reads the envelope of a body; nullopt (and `why`) when it is not one.
std::optional<Envelope> parseEnvelope(const QByteArray &body, QString *why);
// retCode and retMsg only (result stays empty), fast (simdjson, the result is skipped, not
// built): what every REST answer is checked with before its result is read.
std::optional<Envelope> parseStatus(QByteArrayView body, QString *why);

// The instruments of a /v5/market/instruments-info result: spot pairs, or for linear only the
// USDT-settled perpetuals. Status "Trading" becomes "TRADING", like the other exchanges.
// `nextCursor` gets nextPageCursor (empty on the last page).
QString parseInstruments(const QJsonObject &result, const QString &category, SymbolList *symbols,
                         QString *nextCursor);

// An HTTP status other than 200, or a 200 whose retCode is not 0, as an error value.
ProviderError fromHttpStatus(int httpStatus, const QByteArray &body, const RequestInfo &info);
ProviderError fromRetCode(const Envelope &envelope, const RequestInfo &info);
// Any answer (HTTP status and body) read through the retCode envelope: Kind::None when it is
// good (200 and retCode 0), else the error (a 403 is Kind::Banned for at least BanMs).
ProviderError checkAnswer(int httpStatus, const QByteArray &body, const RequestInfo &info);

// The 403 "access too frequent" ban lasts at least this long.
constexpr qint64 BanMs = 10 * 60 * 1000;

} // namespace Candlewick::BybitApi

namespace Candlewick::BybitApi {

// One public WebSocket message: a kline push ("topic" kline.<interval>.<symbol>, each data entry
// the full candle, confirm true once closed; the bucket is `start`, never `end`), or an answer
// to an op (subscribe, unsubscribe, ping/pong) with success and ret_msg.
struct StreamMessage
{
    enum class Type { Kline, OpAnswer, Other } type = Type::Other;
    QString topic;
    CandleBatch candles; // Kline; closed = confirm
    QString op; // OpAnswer: "subscribe", "unsubscribe", "ping", "pong"
    bool success = false;
    QString retMsg;
};

// Reads a text frame; returns why it is malformed, or an empty string.
QString parseStreamMessage(const QByteArray &frame, StreamMessage *message);

// The topic of a series: "kline.1.BTCUSDT".
QString klineTopic(const QString &intervalCode, const QString &symbol);

} // namespace Candlewick::BybitApi
