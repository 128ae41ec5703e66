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
    // Symbols are validated upper-case alphanumerics: nothing to escape.
    out.append("{\"timestamp\":");
    appendNumber(out, c.openTime);
    out.append(",\"symbol\":\"").append(symbol.toUtf8()).append("\",\"open\":");
    appendNumber(out, c.open);
    out.append(",\"high\":");
    appendNumber(out, c.high);
    out.append(",\"low\":");
    appendNumber(out, c.low);
    out.append(",\"close\":");
    appendNumber(out, c.close);
    out.append(",\"volume\":");
    appendNumber(out, c.volume);
    out.append(",\"quoteVolume\":");
    appendNumber(out, c.quoteVolume);
    out.append(",\"trades\":");
    appendNumber(out, c.trades);
    out.append(",\"takerBuyBase\":");
    appendNumber(out, c.takerBuyBase);
    out.append(",\"takerBuyQuote\":");
    appendNumber(out, c.takerBuyQuote);
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
