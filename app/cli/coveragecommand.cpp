#include "coveragecommand.h"

#include "clioptions.h"

#include <candlestore.h>
#include <utctime.h>

namespace Candlewick::Cli {

QString CoverageCommand::summary() const
{
    return tr("List stored series with their covered ranges, counts and gaps.");
}

void CoverageCommand::addOptions(QCommandLineParser &parser) const
{
    parser.addOption(Options::db());
}

int CoverageCommand::run(const QCommandLineParser &parser, QTextStream &out, QTextStream &err)
{
    QString error;
    const auto database = Options::database(parser, CandleDatabase::Access::ReadOnly, error);
    if (!database)
        return fail(err, error);
    const CandleStore &store = *database->reader();
    const QList<SeriesInfo> series = store.seriesList();
    if (store.hasError())
        return fail(err, store.errorString());
    if (series.isEmpty())
        err << tr("no series stored in %1").arg(database->displayPath()) << '\n';
    for (const SeriesInfo &info : series) {
        qint64 slotCount = 0;
        qint64 stored = 0;
        for (const TimeRange &r : info.coverage) {
            slotCount += Intervals::countBetween(info.key.interval, r.from, r.to);
            stored += store.count(info.key, r);
            if (store.hasError())
                return fail(err, store.errorString());
        }
        // Inside covered ranges a slot without a candle is exchange downtime, not missing data.
        const qint64 empty = qMax<qint64>(0, slotCount - stored);
        out << tr("%1  candles %2  missing %3  no-trade/downtime %4")
                   .arg(info.key.toString())
                   .arg(info.candleCount)
                   .arg(info.missingCandles)
                   .arg(empty)
            << '\n';
        for (const TimeRange &r : info.coverage)
            out << tr("  covered %1 .. %2").arg(UtcTime::format(r.from), UtcTime::format(r.to))
                << '\n';
        for (qsizetype i = 1; i < info.coverage.size(); ++i)
            out << tr("  gap     %1 .. %2")
                       .arg(UtcTime::format(info.coverage[i - 1].to),
                            UtcTime::format(info.coverage[i].from))
                << '\n';
    }
    return Success;
}

} // namespace Candlewick::Cli
