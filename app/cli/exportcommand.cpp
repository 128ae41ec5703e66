#include "exportcommand.h"

#include "clioptions.h"
#include "outputfile.h"

#include <candleformat.h>
#include <candlestore.h>
#include <exchange.h>
#include <utctime.h>

namespace Candlewick::Cli {

QString ExportCommand::summary() const
{
    return tr("Write stored candles as CSV or JSON Lines.");
}

void ExportCommand::addOptions(QCommandLineParser &parser) const
{
    parser.addOptions(
        {Options::symbol(),
         Options::interval(),
         Options::from(),
         Options::to(),
         Options::exchange(),
         Options::db(),
         {QStringLiteral("format"), tr("csv or jsonl (default jsonl)."), QStringLiteral("format"),
          QStringLiteral("jsonl")},
         {QStringLiteral("out"),
          tr("Output file, - for stdout (default). A regular file is replaced only when "
             "complete; a pipe or device is written as a stream."),
          QStringLiteral("file")}});
}

int ExportCommand::run(const QCommandLineParser &parser, QTextStream &out, QTextStream &err)
{
    QString error;
    const auto request = Options::seriesRequest(parser, error);
    if (!request)
        return fail(err, error, BadInput);
    const QString format = parser.value(QStringLiteral("format")).toLower();
    if (format != QLatin1StringView("csv") && format != QLatin1StringView("jsonl"))
        return fail(err, tr("unknown format '%1' (use csv or jsonl)").arg(format), BadInput);
    const bool csv = format == QLatin1StringView("csv");

    const auto database = Options::database(parser, CandleDatabase::Access::ReadOnly, error);
    if (!database)
        return fail(err, error);
    const CandleStore &store = *database->reader();
    for (const QString &symbol : request->symbols) {
        const SeriesKey key{request->exchange->id, symbol, request->interval};
        const bool stored = !store.coverage(key).isEmpty() || store.count(key, request->range) > 0;
        if (store.hasError())
            return fail(err, store.errorString());
        if (!stored)
            return fail(err,
                        tr("no stored candles for %1; run `candlewick-cli fetch` first")
                            .arg(key.toString()));
    }

    // A regular file is written whole or not at all; stdout and special files are streamed.
    OutputFile output(parser.value(QStringLiteral("out")));
    if (output.isStdout())
        out.flush();
    if (!output.open())
        return fail(err, output.errorString());

    QByteArray buffer;
    if (csv)
        buffer = CandleFormat::csvHeader();
    qint64 rows = 0;
    for (const QString &symbol : request->symbols) {
        const SeriesKey key{request->exchange->id, symbol, request->interval};
        const TimeRanges gaps = store.missing(key, request->range);
        if (store.hasError())
            return fail(err, store.errorString());
        for (const TimeRange &gap : gaps) {
            err << "candlewick-cli: warning: "
                << tr("%1 is not fetched for %2 .. %3")
                       .arg(key.toString(), UtcTime::format(gap.from), UtcTime::format(gap.to))
                << '\n';
        }
        CandleCursor cursor = store.cursor(key, request->range);
        while (!cursor.atEnd()) {
            for (const Candle &c : cursor.next()) {
                if (csv)
                    CandleFormat::appendCsvRow(buffer, symbol, c);
                else
                    CandleFormat::appendJsonLine(buffer, symbol, c);
                ++rows;
            }
            if (!output.write(buffer))
                return fail(err, output.errorString());
            buffer.clear();
        }
        if (!cursor.errorString().isEmpty())
            return fail(err, cursor.errorString());
    }
    if (!buffer.isEmpty() && !output.write(buffer))
        return fail(err, output.errorString());
    if (!output.commit())
        return fail(err, output.errorString());
    err << (output.isStdout() ? tr("exported %1 candles").arg(rows)
                              : tr("exported %1 candles to %2").arg(rows).arg(output.displayName()))
        << '\n';
    return Success;
}

} // namespace Candlewick::Cli
