#include "binancearchiveplan.h"

#include <durations.h>
#include <endpoints.h>

#include <QDate>
#include <QDateTime>
#include <QRegularExpression>

namespace Candlewick {

namespace {

QDate archiveUtcDate(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).date();
}

qint64 archiveUtcMs(QDate date)
{
    return QDateTime(date, QTime(0, 0), Qt::UTC).toMSecsSinceEpoch();
}

} // namespace

QString BinanceArchiveFile::intervalName(Interval interval)
{
    return interval == Interval::Mon1 ? QStringLiteral("1mo") : Intervals::name(interval);
}

QString BinanceArchiveFile::fileName() const
{
    const QDate date = archiveUtcDate(range.from);
    const QString when = monthly ? date.toString(QStringLiteral("yyyy-MM"))
                                 : date.toString(QStringLiteral("yyyy-MM-dd"));
    return symbol + u'-' + intervalName(interval) + u'-' + when + QStringLiteral(".zip");
}

QUrl BinanceArchiveFile::url(const QUrl &base, const QString &marketPath) const
{
    return Endpoints::joined(
        base,
        u'/' + marketPath
            + (monthly ? QStringLiteral("/monthly/klines/") : QStringLiteral("/daily/klines/"))
            + symbol + u'/' + intervalName(interval) + u'/' + fileName());
}

std::optional<BinanceArchiveFile> BinanceArchiveFile::fromFileName(const QString &name)
{
    static const QRegularExpression pattern(QStringLiteral(
        R"(^([A-Z0-9]+)-(1s|1m|3m|5m|15m|30m|1h|2h|4h|6h|8h|12h|1d|1mo)-(\d{4})-(\d{2})(?:-(\d{2}))?\.zip$)"));
    const QRegularExpressionMatch match = pattern.match(name);
    if (!match.hasMatch())
        return std::nullopt;
    BinanceArchiveFile file;
    file.symbol = match.captured(1);
    file.interval = match.captured(2) == QLatin1StringView("1mo")
        ? Interval::Mon1
        : *Intervals::parse(match.captured(2));
    file.monthly = match.captured(5).isEmpty();
    if (!file.monthly && !BinanceArchivePlan::hasDailyFiles(file.interval))
        return std::nullopt;
    const QDate date(match.captured(3).toInt(), match.captured(4).toInt(),
                     file.monthly ? 1 : match.captured(5).toInt());
    if (!date.isValid())
        return std::nullopt;
    file.range.from = archiveUtcMs(date);
    file.range.to = archiveUtcMs(file.monthly ? date.addMonths(1) : date.addDays(1));
    return file;
}

bool BinanceArchivePlan::hasInterval(Interval interval)
{
    return hasDailyFiles(interval) || interval == Interval::Mon1;
}

bool BinanceArchivePlan::hasDailyFiles(Interval interval)
{
    return Intervals::nominalMs(interval) <= Durations::DayMs;
}

QList<BinanceArchiveFile> BinanceArchivePlan::days(const BinanceArchiveFile &month)
{
    QList<BinanceArchiveFile> files;
    for (qint64 day = month.range.from; day < month.range.to; day += Durations::DayMs)
        files.append({month.symbol, month.interval, {day, day + Durations::DayMs}, false});
    return files;
}

BinanceArchivePlan BinanceArchivePlan::make(const QString &symbol, Interval interval,
                                            const TimeRanges &missing, qint64 nowMs)
{
    BinanceArchivePlan plan;
    if (!hasInterval(interval)) {
        plan.unpublished = missing;
        return plan;
    }
    // Files exist for days that ended before today, months that ended before this month (1M:
    // months only).
    const Interval unit = hasDailyFiles(interval) ? Interval::D1 : Interval::Mon1;
    const qint64 publishedTo = Intervals::alignDown(unit, nowMs);
    const qint64 thisMonth = Intervals::alignDown(Interval::Mon1, nowMs);
    for (const TimeRange &range : missing) {
        const qint64 first = Intervals::alignUp(unit, range.from);
        const qint64 end = std::min(Intervals::alignDown(unit, range.to), publishedTo);
        if (first >= end) {
            plan.unpublished.append(range);
            continue;
        }
        if (range.from < first)
            plan.unpublished.append({range.from, first});
        qint64 day = first;
        while (day < end) {
            const qint64 monthEnd = Intervals::next(Interval::Mon1, day);
            if (Intervals::isAligned(Interval::Mon1, day) && monthEnd <= end
                && monthEnd <= thisMonth) {
                plan.files.append({symbol, interval, {day, monthEnd}, true});
                day = monthEnd;
            } else {
                plan.files.append({symbol, interval, {day, day + Durations::DayMs}, false});
                day += Durations::DayMs;
            }
        }
        if (end < range.to)
            plan.unpublished.append({end, range.to});
    }
    return plan;
}

} // namespace Candlewick
