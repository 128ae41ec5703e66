#include "exportcommand.h"

#include "clioptions.h"
#include "outputfile.h"

#include <candleformat.h>
#include <candlestore.h>
#include <exchange.h>
#include <tradeformat.h>
#include <tradestore.h>
#include <utctime.h>

#include <algorithm>

namespace Candlewick::Cli {

QString ExportCommand::summary() const
{
    return tr("Write stored candles as CSV or JSON Lines.");
}

void ExportCommand::addOptions(QCommandLineParser &parser) const
{
    parser.addOptions(Options::seriesOptions());
    parser.addOptions(
        {{QStringLiteral("format"), tr("csv or jsonl (default jsonl)."), QStringLiteral("format"),
          QStringLiteral("jsonl")},
         {QStringLiteral("trades"),
          tr("Write the stored trades (record --trades) of --from .. --to instead of candles.")},
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
    if (parser.isSet(QStringLiteral("trades")))
        return exportTrades(parser, request->exchange->id, request->symbols, request->range, csv,
                            out, err);

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

int ExportCommand::exportTrades(const QCommandLineParser &parser, const QString &exchange,
                                const QStringList &symbols, TimeRange range, bool csv,
                                QTextStream &out, QTextStream &err)
{
    TradeStore store;
    if (!store.open(Options::databaseLocation(parser), TradeStore::OpenMode::ReadOnly))
        return fail(err, store.errorString());
    const TimeRange rangeUs{range.from * 1000, range.to * 1000};
    QList<TimeRanges> coverages; // of each symbol, read once
    for (const QString &symbol : symbols) {
        coverages.append(store.coverage(exchange, symbol));
        if (store.hasError())
            return fail(err, store.errorString());
        const bool stored
            = !coverages.last().isEmpty() || store.count(exchange, symbol, rangeUs) > 0;
        if (store.hasError())
            return fail(err, store.errorString());
        if (!stored)
            return fail(err,
                        tr("no stored trades for %1 %2; run `candlewick-cli record --trades` "
                           "first")
                            .arg(exchange, symbol));
    }
    OutputFile output(parser.value(QStringLiteral("out")));
    if (output.isStdout())
        out.flush();
    if (!output.open())
        return fail(err, output.errorString());
    QByteArray buffer = csv ? TradeFormat::csvHeader() : QByteArray();
    qint64 rows = 0;
    for (qsizetype i = 0; i < symbols.size(); ++i) {
        const QString &symbol = symbols.at(i);
        for (const TimeRange &gap : TimeRangeSet::missing(coverages.at(i), rangeUs)) {
            err << "candlewick-cli: warning: "
                << tr("trades of %1 %2 are not recorded for %3 .. %4")
                       .arg(exchange, symbol, UtcTime::format(gap.from / 1000),
                            UtcTime::format(gap.to / 1000))
                << '\n';
        }
        // A day at a time: a busy symbol has millions of trades a day.
        constexpr qint64 ChunkUs = 24LL * 3600 * 1000 * 1000;
        for (qint64 from = rangeUs.from; from < rangeUs.to; from += ChunkUs) {
            const TradeBatch trades
                = store.read(exchange, symbol, {from, std::min(rangeUs.to, from + ChunkUs)});
            if (store.hasError())
                return fail(err, store.errorString());
            for (const Trade &t : trades) {
                if (csv)
                    TradeFormat::appendCsvRow(buffer, symbol, t);
                else
                    TradeFormat::appendJsonLine(buffer, symbol, t);
            }
            rows += trades.size();
            if (!output.write(buffer))
                return fail(err, output.errorString());
            buffer.clear();
        }
    }
    if (!buffer.isEmpty() && !output.write(buffer))
        return fail(err, output.errorString());
    if (!output.commit())
        return fail(err, output.errorString());
    err << (output.isStdout() ? tr("exported %1 trades").arg(rows)
                              : tr("exported %1 trades to %2").arg(rows).arg(output.displayName()))
        << '\n';
    return Success;
}

} // namespace Candlewick::Cli
