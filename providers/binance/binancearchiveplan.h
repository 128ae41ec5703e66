#pragma once

#include <interval.h>
#include <timerange.h>

#include <QList>
#include <QString>
#include <QUrl>

#include <optional>

namespace Candlewick {

// One file of Binance's public archive: <SYMBOL>-<INTERVAL>-YYYY-MM.zip (a month) or
// <SYMBOL>-<INTERVAL>-YYYY-MM-DD.zip (a day), holding one CSV of the same name, with a
// "<zip>.CHECKSUM" beside it.
struct BinanceArchiveFile
{
    QString symbol;
    Interval interval = Interval::M1;
    TimeRange range; // the month or the day
    bool monthly = false;

    QString fileName() const; // "BTCUSDT-1m-2024-03.zip"
    // <base>/<marketPath>/{monthly|daily}/klines/<SYMBOL>/<INTERVAL>/<fileName()>
    QUrl url(const QUrl &base, const QString &marketPath) const;

    // The file a name stands for ("BTCUSDT-1m-2024-03.zip", a path's last part); nullopt when the
    // name is not an archive's.
    static std::optional<BinanceArchiveFile> fromFileName(const QString &name);
    // The archive's spelling of an interval ("1mo" for 1M).
    static QString intervalName(Interval interval);
};

// Which archive files cover which part of a request. Only whole UTC days that ended before
// today are published: whole months before the current one as monthly files, the other whole
// days as daily files (1M: whole months only); what remains (partial days at the edges, today,
// this month's days not published yet) is left to the REST API.
struct BinanceArchivePlan
{
    QList<BinanceArchiveFile> files; // in time order
    TimeRanges unpublished; // the parts no file covers

    // The files for the `missing` parts (sorted, disjoint) of a series at nowMs. 1M gets monthly
    // files only (the archive has no daily ones); 3d and 1w get no files.
    static BinanceArchivePlan make(const QString &symbol, Interval interval,
                                   const TimeRanges &missing, qint64 nowMs);
    // The daily files of a monthly one (for a month the archive lacks as a whole).
    static QList<BinanceArchiveFile> days(const BinanceArchiveFile &month);
    // Whether the archive has files of `interval`: daily and monthly up to 1d, monthly for 1M.
    static bool hasInterval(Interval interval);
    // Whether it has daily files of `interval` (up to 1d).
    static bool hasDailyFiles(Interval interval);
};

} // namespace Candlewick
