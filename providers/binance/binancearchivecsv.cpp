#include "binancearchivecsv.h"

#include <candlevalidation.h>
#include <decimalunits.h>
#include <wholenumber.h>

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
    m_error = QStringLiteral("line %1: %2").arg(m_line).arg(why);
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
        return fail(QStringLiteral("not a kline row"));
    }
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
        return fail(QStringLiteral("%1 fields, expected %2").arg(count).arg(ArchiveCsvFields));
    auto field = [&](int i) {
        const char *fieldEnd = i + 1 < count ? fields[i + 1] - 1 : end;
        return std::string_view(fields[i], size_t(fieldEnd - fields[i]));
    };

    Candle c;
    qint64 closeTime = 0;
    double *doubles[] = {&c.open, &c.high, &c.low, &c.close, &c.volume};
    if (!parseWholeNumber(field(0), &c.openTime))
        return fail(QStringLiteral("open time is not an integer"));
    for (int i = 0; i < 5; ++i) {
        if (!parseWholeNumber(field(1 + i), doubles[i]))
            return fail(QStringLiteral("field %1 is not a decimal number").arg(1 + i));
    }
    if (!parseWholeNumber(field(6), &closeTime))
        return fail(QStringLiteral("close time is not an integer"));
    if (!parseWholeNumber(field(7), &c.quoteVolume))
        return fail(QStringLiteral("field 7 is not a decimal number"));
    if (!parseWholeNumber(field(8), &c.trades))
        return fail(QStringLiteral("field 8 (trades) is not an integer"));
    if (!parseWholeNumber(field(9), &c.takerBuyBase)
        || !parseWholeNumber(field(10), &c.takerBuyQuote))
        return fail(QStringLiteral("fields 9 and 10 are not decimal numbers"));
    // Quote values of more digits than a double holds, exactly as the file has them.
    c.quoteVolumeE8 = DecimalUnits::quoteUnitsOf(field(7));
    c.takerBuyQuoteE8 = DecimalUnits::quoteUnitsOf(field(10));

    c.openTime = toMilliseconds(c.openTime);
    closeTime = toMilliseconds(closeTime);
    QString why = timeRejection("open time", c.openTime);
    if (why.isEmpty())
        why = timeRejection("close time", closeTime);
    if (!why.isEmpty())
        return fail(why);
    if (!m_range.contains(c.openTime))
        return fail(QStringLiteral("open time %1 outside the file's range").arg(c.openTime));
    if (c.openTime <= m_lastOpen)
        return fail(QStringLiteral("open time %1 not after the previous row's").arg(c.openTime));
    m_lastOpen = c.openTime;
    ++m_rows;
    c.closed = true;
    why = candleRejection(c, m_interval);
    if (!why.isEmpty()) {
        if (m_rejected++ == 0)
            m_firstRejection = QStringLiteral("line %1: %2").arg(m_line).arg(why);
        return true;
    }
    m_candles.append(c);
    return true;
}

} // namespace Candlewick
