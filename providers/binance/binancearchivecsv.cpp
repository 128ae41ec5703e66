#include "binancearchivecsv.h"

#include <candlevalidation.h>
#include <decimalunits.h>
#include <wholenumber.h>

#include <charconv>
#include <cstring>

namespace Candlewick {

namespace {

constexpr int ArchiveCsvFields = 12;
// Millisecond times stay below 10^13 until 2286; microsecond times of 2009 on are above 10^15.
constexpr qint64 MicrosecondTimeFloor = 100'000'000'000'000; // 10^14

qint64 toMilliseconds(qint64 t)
{
    return t >= MicrosecondTimeFloor ? t / 1000 : t;
}

} // namespace

BinanceArchiveCsv::BinanceArchiveCsv(Interval interval, TimeRange fileRange)
    : m_interval(interval)
    , m_range(fileRange)
{
}

bool BinanceArchiveCsv::fail(const QString &why)
{
    m_error = tr("line %1: %2").arg(m_line).arg(why);
    return false;
}

bool BinanceArchiveCsv::feed(QByteArrayView data)
{
    if (!m_error.isEmpty())
        return false;
    const char *p = data.data();
    const char *end = p + data.size();
    if (!m_carry.isEmpty()) {
        const char *newline = static_cast<const char *>(std::memchr(p, '\n', size_t(end - p)));
        if (!newline) {
            m_carry.append(p, end - p);
            return true;
        }
        m_carry.append(p, newline - p);
        const QByteArray line = std::exchange(m_carry, {});
        if (!parseLine(line.constData(), line.constData() + line.size()))
            return false;
        p = newline + 1;
    }
    while (p < end) {
        const char *newline = static_cast<const char *>(std::memchr(p, '\n', size_t(end - p)));
        if (!newline) {
            m_carry.append(p, end - p);
            break;
        }
        if (!parseLine(p, newline))
            return false;
        p = newline + 1;
    }
    return true;
}

bool BinanceArchiveCsv::finish()
{
    if (!m_error.isEmpty())
        return false;
    if (m_carry.isEmpty())
        return true;
    const QByteArray line = std::exchange(m_carry, {});
    return parseLine(line.constData(), line.constData() + line.size());
}

bool BinanceArchiveCsv::readFields(const char *begin, const char *end, Candle &c, qint64 &closeTime,
                                   std::string_view &quoteVolume, std::string_view &takerBuyQuote)
{
    // Each number up to the comma after it (from_chars stops there), so no pass looks for
    // the commas first: the 11 fields read here, then a 12th, unread.
    const char *p = begin;
    const auto read = [&p, end](auto *out, std::string_view *text = nullptr) {
        const auto [ptr, ec] = std::from_chars(p, end, *out);
        if (ec != std::errc() || ptr == p || ptr == end || *ptr != ',')
            return false;
        if (text)
            *text = std::string_view(p, size_t(ptr - p));
        p = ptr + 1;
        return true;
    };
    return read(&c.openTime) && read(&c.open) && read(&c.high) && read(&c.low) && read(&c.close)
        && read(&c.volume) && read(&closeTime) && read(&c.quoteVolume, &quoteVolume)
        && read(&c.trades) && read(&c.takerBuyBase) && read(&c.takerBuyQuote, &takerBuyQuote);
}

bool BinanceArchiveCsv::explainFields(const char *begin, const char *end)
{
    const char *fields[ArchiveCsvFields + 1];
    int count = 0;
    const char *p = begin;
    fields[count++] = p;
    while (count <= ArchiveCsvFields) {
        const char *comma = static_cast<const char *>(std::memchr(p, ',', size_t(end - p)));
        if (!comma)
            break;
        p = comma + 1;
        fields[count++] = p;
    }
    if (count < ArchiveCsvFields)
        return fail(tr("%1 fields, expected %2").arg(count).arg(ArchiveCsvFields));
    auto field = [&](int i) {
        const char *fieldEnd = i + 1 < count ? fields[i + 1] - 1 : end;
        return std::string_view(fields[i], size_t(fieldEnd - fields[i]));
    };
    qint64 integer = 0;
    double decimal = 0;
    if (!parseWholeNumber(field(0), &integer))
        return fail(tr("open time is not an integer"));
    for (int i = 1; i <= 5; ++i) {
        if (!parseWholeNumber(field(i), &decimal))
            return fail(tr("field %1 is not a decimal number").arg(i));
    }
    if (!parseWholeNumber(field(6), &integer))
        return fail(tr("close time is not an integer"));
    if (!parseWholeNumber(field(7), &decimal))
        return fail(tr("field 7 is not a decimal number"));
    if (!parseWholeNumber(field(8), &integer))
        return fail(tr("field 8 (trades) is not an integer"));
    if (!parseWholeNumber(field(9), &decimal) || !parseWholeNumber(field(10), &decimal))
        return fail(tr("fields 9 and 10 are not decimal numbers"));
    return fail(tr("not a kline row"));
}

bool BinanceArchiveCsv::parseLine(const char *begin, const char *end)
{
    ++m_line;
    if (end > begin && end[-1] == '\r')
        --end;
    if (begin == end)
        return true; // an empty line (the end of the file)
    if (*begin < '0' || *begin > '9') {
        if (m_line == 1)
            return true; // the header of a USD-M file
        return fail(tr("not a kline row"));
    }
    Candle c;
    qint64 closeTime = 0;
    std::string_view quoteVolume, takerBuyQuote;
    if (!readFields(begin, end, c, closeTime, quoteVolume, takerBuyQuote))
        return explainFields(begin, end);
    // Quote values of more digits than a double holds, exactly as the file has them.
    c.quoteVolumeE8 = DecimalUnits::quoteUnitsOf(quoteVolume);
    c.takerBuyQuoteE8 = DecimalUnits::quoteUnitsOf(takerBuyQuote);

    c.openTime = toMilliseconds(c.openTime);
    closeTime = toMilliseconds(closeTime);
    QString why
        = timeRejection(QT_TRANSLATE_NOOP("Candlewick::CandleValidation", "open time"), c.openTime);
    if (why.isEmpty())
        why = timeRejection(QT_TRANSLATE_NOOP("Candlewick::CandleValidation", "close time"),
                            closeTime);
    if (!why.isEmpty())
        return fail(why);
    if (!m_range.contains(c.openTime))
        return fail(tr("open time %1 outside the file's range").arg(c.openTime));
    if (c.openTime <= m_lastOpen)
        return fail(tr("open time %1 not after the previous row's").arg(c.openTime));
    m_lastOpen = c.openTime;
    ++m_rows;
    c.closed = true;
    why = candleRejection(c, m_interval);
    if (!why.isEmpty()) {
        if (m_rejected++ == 0)
            m_firstRejection = tr("line %1: %2").arg(m_line).arg(why);
        return true;
    }
    m_candles.append(c);
    return true;
}

} // namespace Candlewick
