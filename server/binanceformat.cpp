#include "binanceformat.h"

#include <decimalunits.h>

#include <charconv>
#include <cmath>
#include <cstring>
#include <string_view>

namespace Candlewick::BinanceFormat {

namespace {

// "00" ... "99": two digits per division.
constexpr char DigitPairs[] = "00010203040506070809101112131415161718192021222324252627282930313233"
                              "34353637383940414243444546474849505152535455565758596061626364656667"
                              "6869707172737475767778798081828384858687888990919293949596979899";

char *writeUnsigned(char *p, quint64 v)
{
    char buf[20];
    char *const end = buf + sizeof buf;
    char *q = end;
    while (v >= 100) {
        q -= 2;
        std::memcpy(q, DigitPairs + 2 * (v % 100), 2);
        v /= 100;
    }
    if (v >= 10) {
        q -= 2;
        std::memcpy(q, DigitPairs + 2 * v, 2);
    } else {
        *--q = char('0' + v);
    }
    std::memcpy(p, q, size_t(end - q));
    return p + (end - q);
}

char *writeInt(char *p, qint64 v)
{
    if (v < 0) {
        *p++ = '-';
        return writeUnsigned(p, quint64(0) - quint64(v));
    }
    return writeUnsigned(p, quint64(v));
}

// "0.01634790": 8 decimals, quoted. Through an integer count of 1e-8 units (several times
// faster than the floating-point to_chars), which is exact for the magnitudes prices and volumes
// have. Writes at most 64 characters.
char *writeDecimal(char *p, double v)
{
    *p++ = '"';
    if (std::isfinite(v) && std::fabs(v) < 1e10) {
        const double scaled = v * 1e8;
        qint64 n = qint64(scaled < 0 ? scaled - 0.5 : scaled + 0.5); // half away from zero
        if (n < 0) {
            *p++ = '-';
            n = -n;
        }
        p = writeUnsigned(p, quint64(n / 100000000));
        *p++ = '.';
        const auto fraction = quint32(n % 100000000);
        const quint32 high = fraction / 10000;
        const quint32 low = fraction % 10000;
        std::memcpy(p, DigitPairs + 2 * (high / 100), 2);
        std::memcpy(p + 2, DigitPairs + 2 * (high % 100), 2);
        std::memcpy(p + 4, DigitPairs + 2 * (low / 100), 2);
        std::memcpy(p + 6, DigitPairs + 2 * (low % 100), 2);
        p += 8;
    } else {
        p = std::to_chars(p, p + 60, v, std::chars_format::fixed, 8).ptr;
    }
    *p++ = '"';
    return p;
}

// A quote volume: the exact decimal the exchange sent when the candle carries one (values of
// more significant digits than a double holds), else as writeDecimal().
char *writeQuote(char *p, double v, qint64 e8)
{
    const std::optional<qint64> exact = DecimalUnits::exactQuote(v, e8);
    if (!exact)
        return writeDecimal(p, v);
    *p++ = '"';
    p = DecimalUnits::write(p, *exact, DecimalUnits::QuoteDecimals, true);
    *p++ = '"';
    return p;
}

char *writeText(char *p, std::string_view text)
{
    std::memcpy(p, text.data(), text.size());
    return p + text.size();
}

void appendInt(QByteArray &out, qint64 v)
{
    char buf[24];
    out.append(buf, writeInt(buf, v) - buf);
}

void appendDecimal(QByteArray &out, double v)
{
    char buf[64];
    out.append(buf, writeDecimal(buf, v) - buf);
}

void appendQuote(QByteArray &out, double v, qint64 e8)
{
    char buf[64];
    out.append(buf, writeQuote(buf, v, e8) - buf);
}

} // namespace

void appendKlineRow(QByteArray &out, const Candle &c, Interval interval, qint64 zoneOffsetMs)
{
    // One row into a stack buffer, then one append: 4 numbers and 8 decimals fit in 4 * 24 +
    // 8 * 64 + 16 bytes.
    char buf[640];
    char *p = buf;
    *p++ = '[';
    p = writeInt(p, c.openTime);
    for (double v : {c.open, c.high, c.low, c.close, c.volume}) {
        *p++ = ',';
        p = writeDecimal(p, v);
    }
    *p++ = ',';
    p = writeInt(p, Intervals::closeTime(interval, c.openTime + zoneOffsetMs) - zoneOffsetMs);
    *p++ = ',';
    p = writeQuote(p, c.quoteVolume, c.quoteVolumeE8);
    *p++ = ',';
    p = writeInt(p, c.trades);
    *p++ = ',';
    p = writeDecimal(p, c.takerBuyBase);
    *p++ = ',';
    p = writeQuote(p, c.takerBuyQuote, c.takerBuyQuoteE8);
    p = writeText(p, ",\"0\"]");
    out.append(buf, p - buf);
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
    appendQuote(out, c.quoteVolume, c.quoteVolumeE8);
    out += ",\"V\":";
    appendDecimal(out, c.takerBuyBase);
    out += ",\"Q\":";
    appendQuote(out, c.takerBuyQuote, c.takerBuyQuoteE8);
    out += ",\"B\":\"0\"}}";
    if (!stream.isEmpty())
        out += '}';
}

QByteArray streamName(const QString &symbol, Interval interval)
{
    return symbol.toLower().toLatin1() + "@kline_" + Intervals::name(interval).toLatin1();
}

} // namespace Candlewick::BinanceFormat
