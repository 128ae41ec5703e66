#include "binanceformat.h"

#include <charconv>

namespace Candlewick::BinanceFormat {

namespace {

void appendInt(QByteArray &out, qint64 v)
{
    char buf[24];
    out.append(buf, std::to_chars(buf, buf + sizeof buf, v).ptr - buf);
}

void appendDecimal(QByteArray &out, double v)
{
    char buf[64];
    out += '"';
    out.append(buf, std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, 8).ptr - buf);
    out += '"';
}

} // namespace

void appendKlineRow(QByteArray &out, const Candle &c, Interval interval)
{
    out += '[';
    appendInt(out, c.openTime);
    for (double v : {c.open, c.high, c.low, c.close, c.volume}) {
        out += ',';
        appendDecimal(out, v);
    }
    out += ',';
    appendInt(out, Intervals::closeTime(interval, c.openTime));
    out += ',';
    appendDecimal(out, c.quoteVolume);
    out += ',';
    appendInt(out, c.trades);
    out += ',';
    appendDecimal(out, c.takerBuyBase);
    out += ',';
    appendDecimal(out, c.takerBuyQuote);
    out += ",\"0\"]";
}

void appendKlineEvent(QByteArray &out, const QString &symbol, Interval interval, const Candle &c,
                      qint64 eventTime, const QByteArray &stream)
{
    const QByteArray sym = symbol.toLatin1();
    if (!stream.isEmpty())
        out += "{\"stream\":\"" + stream + "\",\"data\":";
    out += "{\"e\":\"kline\",\"E\":";
    appendInt(out, eventTime);
    out += ",\"s\":\"" + sym + "\",\"k\":{\"t\":";
    appendInt(out, c.openTime);
    out += ",\"T\":";
    appendInt(out, Intervals::closeTime(interval, c.openTime));
    out += ",\"s\":\"" + sym + "\",\"i\":\"" + Intervals::name(interval).toLatin1() + "\",\"f\":";
    // No trade ids are stored: -1 as Binance sends for a candle without trades, else ids that
    // count the trades.
    appendInt(out, c.trades > 0 ? c.openTime : -1);
    out += ",\"L\":";
    appendInt(out, c.trades > 0 ? c.openTime + c.trades - 1 : -1);
    out += ",\"o\":";
    appendDecimal(out, c.open);
    out += ",\"c\":";
    appendDecimal(out, c.close);
    out += ",\"h\":";
    appendDecimal(out, c.high);
    out += ",\"l\":";
    appendDecimal(out, c.low);
    out += ",\"v\":";
    appendDecimal(out, c.volume);
    out += ",\"n\":";
    appendInt(out, c.trades);
    out += c.closed ? ",\"x\":true" : ",\"x\":false";
    out += ",\"q\":";
    appendDecimal(out, c.quoteVolume);
    out += ",\"V\":";
    appendDecimal(out, c.takerBuyBase);
    out += ",\"Q\":";
    appendDecimal(out, c.takerBuyQuote);
    out += ",\"B\":\"0\"}}";
    if (!stream.isEmpty())
        out += '}';
}

QByteArray streamName(const QString &symbol, Interval interval)
{
    return symbol.toLower().toLatin1() + "@kline_" + Intervals::name(interval).toLatin1();
}

} // namespace Candlewick::BinanceFormat
