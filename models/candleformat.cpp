#include "candleformat.h"

#include "decimalunits.h"
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

// A quote value: exactly as the exchange wrote it when the candle carries that.
void appendQuote(QByteArray &out, double v, qint64 e8)
{
    if (const auto exact = DecimalUnits::exactQuote(v, e8))
        DecimalUnits::append(out, *exact, DecimalUnits::QuoteDecimals);
    else
        appendNumber(out, v);
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
    out.append(",\"quoteVolume\":");
    appendQuote(out, c.quoteVolume, c.quoteVolumeE8);
    field("trades", c.trades);
    field("takerBuyBase", c.takerBuyBase);
    out.append(",\"takerBuyQuote\":");
    appendQuote(out, c.takerBuyQuote, c.takerBuyQuoteE8);
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
    const double values[] = {c.open, c.high, c.low, c.close, c.volume};
    for (double v : values) {
        appendNumber(out, v);
        out.append(',');
    }
    appendQuote(out, c.quoteVolume, c.quoteVolumeE8);
    out.append(',');
    appendNumber(out, c.trades);
    out.append(',');
    appendNumber(out, c.takerBuyBase);
    out.append(',');
    appendQuote(out, c.takerBuyQuote, c.takerBuyQuoteE8);
    out.append('\n');
}

} // namespace Candlewick::CandleFormat
