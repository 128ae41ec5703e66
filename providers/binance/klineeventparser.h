#pragma once

#include "klineevent.h"

#include <serieskey.h>

#include <QByteArrayView>
#include <QCoreApplication>
#include <QStringView>

#include <memory>
#include <optional>

namespace Candlewick {

// Decodes Binance kline and trade stream frames: the raw payload ({"e":"kline",...},
// {"e":"trade",...}), the combined-stream wrapper ({"stream":"btcusdt@kline_1m","data":{...}}),
// control responses and serverShutdown.
// Malformed JSON, missing or wrongly typed fields, a payload that does not match its stream name
// and candles that fail candleRejection() give Kind::Rejected with a reason. One parser per thread;
// it reuses its buffers, so parse() allocates almost nothing.
class KlineEventParser
{
    Q_DECLARE_TR_FUNCTIONS(Candlewick::KlineEventParser)
public:
    KlineEventParser();
    ~KlineEventParser();
    KlineEventParser(const KlineEventParser &) = delete;
    KlineEventParser &operator=(const KlineEventParser &) = delete;

    KlineEvent parse(QStringView text);
    KlineEvent parse(QByteArrayView utf8);

    // "btcusdt@kline_1m" for ("BTCUSDT", 1m): the symbol lowercase, the interval as Binance spells
    // it.
    static QString streamName(QStringView symbol, Interval interval);
    static QString streamName(const SeriesKey &key) { return streamName(key.symbol, key.interval); }
    // The uppercase symbol and the interval of a kline stream name; nullopt for other names.
    struct StreamId
    {
        QString symbol;
        Interval interval;
    };
    static std::optional<StreamId> parseStreamName(QStringView stream);
    // "btcusdt@trade" for "BTCUSDT".
    static QString tradeStreamName(QStringView symbol);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace Candlewick
