#include "candleformat.h"

#include "utctime.h"

#include <charconv>

namespace Candlewick::CandleFormat {

namespace {

template<typename T> void appendNumber(QByteArray &out, T value)
{
    char buf[32];
    const auto res = std::to_chars(buf, buf + sizeof buf, value);
    out.append(buf, res.ptr - buf);
}

} // namespace

void appendJsonLine(QByteArray &out, const QString &symbol, const Candle &c)
{
    const auto field = [&out](const char *name, auto value) {
        out.append(",\"").append(name).append("\":");
        appendNumber(out, value);
    };
    // Symbols are validated upper-case alphanumerics: nothing to escape.
    out.append("{\"timestamp\":");
    appendNumber(out, c.openTime);
    out.append(",\"symbol\":\"").append(symbol.toUtf8()).append('"');
    field("open", c.open);
    field("high", c.high);
    field("low", c.low);
    field("close", c.close);
    field("volume", c.volume);
    field("quoteVolume", c.quoteVolume);
    field("trades", c.trades);
    field("takerBuyBase", c.takerBuyBase);
    field("takerBuyQuote", c.takerBuyQuote);
    out.append("}\n");
}

QByteArray csvHeader()
{
    return "timestamp,time,symbol,open,high,low,close,volume,quoteVolume,trades,takerBuyBase,"
           "takerBuyQuote\n";
}

void appendCsvRow(QByteArray &out, const QString &symbol, const Candle &c)
{
    appendNumber(out, c.openTime);
    out.append(',').append(UtcTime::format(c.openTime).toLatin1()).append(',');
    out.append(symbol.toUtf8()).append(',');
    const double values[] = {c.open, c.high, c.low, c.close, c.volume, c.quoteVolume};
    for (double v : values) {
        appendNumber(out, v);
        out.append(',');
    }
    appendNumber(out, c.trades);
    out.append(',');
    appendNumber(out, c.takerBuyBase);
    out.append(',');
    appendNumber(out, c.takerBuyQuote);
    out.append('\n');
}

} // namespace Candlewick::CandleFormat
