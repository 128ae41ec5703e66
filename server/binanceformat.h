#pragma once

#include <candle.h>
#include <interval.h>

#include <QByteArray>
#include <QString>

namespace Candlewick::BinanceFormat {

// Binance's wire format for candles, as its Spot API sends them: prices and volumes as strings
// with 8 decimals ("0.01634790"), times and trade counts as numbers.

// One /api/v3/klines row: [openTime,"open","high","low","close","volume",closeTime,
// "quoteVolume",trades,"takerBuyBase","takerBuyQuote","0"], the close time on the interval's
// boundaries in a zone `zoneOffsetMs` east of UTC (klines' timeZone).
void appendKlineRow(QByteArray &out, const Candle &candle, Interval interval,
                    qint64 zoneOffsetMs = 0);

// A WebSocket kline event ({"e":"kline","E":…,"s":…,"k":{…}} with the keys in Binance's order);
// wrapped as {"stream":"<stream>","data":…} when `stream` is not empty (combined streams).
void appendKlineEvent(QByteArray &out, const QString &symbol, Interval interval,
                      const Candle &candle, qint64 eventTime, const QByteArray &stream = {});

// The stream name of a series: lowercase symbol, "@kline_", interval ("btcusdt@kline_1m").
QByteArray streamName(const QString &symbol, Interval interval);

} // namespace Candlewick::BinanceFormat
