#include "importcommand.h"

#include "clioptions.h"

#include <bulkhistory.h>
#include <exchange.h>
#include <exchangesession.h>
#include <historycache.h>
#include <utctime.h>

#include <QElapsedTimer>
#include <QFileInfo>

#include <memory>
#include <unistd.h>

namespace Candlewick::Cli {

namespace {

QString megabytes(qint64 bytes)
{
    return QString::number(double(bytes) / 1e6, 'f', 1);
}

qint64 perSecond(qint64 count, qint64 ms)
{
    return ms > 0 ? count * 1000 / ms : 0;
}

} // namespace

QString ImportCommand::summary() const
{
    return tr("Import candles from the exchange's public archive (whole days, checksummed).");
}

void ImportCommand::addOptions(QCommandLineParser &parser) const
{
    parser.addOptions(Options::seriesOptions());
    parser.addOptions(
        {Options::restUrl(),
         Options::archiveUrl(),
         {QStringLiteral("file"),
          tr("Import an archive file you downloaded (SYMBOL-INTERVAL-YYYY-MM[-DD].zip; "
             "its .CHECKSUM beside it is checked). May be repeated."),
          QStringLiteral("path")}});
}

ImportCommand::Outcome ImportCommand::runJob(BulkImportJob *job, const QString &label,
                                             QTextStream &err, bool failuresAreErrors)
{
    Outcome outcome;
    QElapsedTimer timer;
    timer.start();
    const bool tty = isatty(STDERR_FILENO);
    qint64 lastPrint = -1;
    auto print = [&](bool final) {
        const qint64 ms = timer.elapsed();
        if (!final && lastPrint >= 0 && ms - lastPrint < (tty ? 200 : 2000))
            return;
        lastPrint = ms;
        const BulkImportJob::Stats &s = job->stats();
        const QString line = tr("%1: %2/%3 files, %4 MB, %5 candles, %6 candles/s")
                                 .arg(label)
                                 .arg(s.filesDone)
                                 .arg(s.filesTotal)
                                 .arg(megabytes(s.bytes))
                                 .arg(s.candles)
                                 .arg(perSecond(s.candles, ms));
        if (tty)
            err << '\r' << line << "\x1b[K";
        else
            err << line << '\n';
        if (tty && final)
            err << '\n';
        err.flush();
    };
    QObject::connect(job, &BulkImportJob::statsChanged, job, [&] { print(false); });
    QObject::connect(job, &Job::result, job, [&] {
        outcome.error = job->error();
        outcome.stats = job->stats();
        outcome.failures = job->failures();
        outcome.warnings = job->warnings();
        outcome.unverified = job->unverified();
        outcome.remaining = job->remaining();
        outcome.unpublished = job->unpublished();
        outcome.requests = job->requestCount();
    });
    job->exec();
    outcome.elapsedMs = timer.elapsed();
    if (lastPrint >= 0 || outcome.stats.filesTotal > 0)
        print(true);
    for (const QString &warning : std::as_const(outcome.warnings))
        err << tr("warning: %1").arg(warning) << '\n';
    for (const QString &failure : std::as_const(outcome.failures)) {
        if (failuresAreErrors)
            err << "candlewick-cli: error: " << failure << '\n';
        else
            err << tr("warning: %1 (fetched over REST instead)").arg(failure) << '\n';
    }
    err.flush();
    return outcome;
}

QString ImportCommand::summaryText(const Outcome &outcome)
{
    return tr("%1 files, %2 candles stored, %3 MB, %4 s (%5 candles/s)")
        .arg(outcome.stats.filesDone - outcome.stats.filesMissing)
        .arg(outcome.stats.candles)
        .arg(megabytes(outcome.stats.bytes))
        .arg(QString::number(double(outcome.elapsedMs) / 1000.0, 'f', 2))
        .arg(perSecond(outcome.stats.candles, outcome.elapsedMs));
}

int ImportCommand::run(const QCommandLineParser &parser, QTextStream &out, QTextStream &err)
{
    QString error;
    const std::unique_ptr<ExchangeSession> session = Options::session(parser, error);
    if (!session)
        return fail(err, error, BadInput);
    const Exchange *exchange = &session->exchange();
    BulkHistory *archive = session->bulkHistory();
    if (!archive)
        return fail(err,
                    tr("%1 has no public archive here (with a REST URL of your own, give "
                       "--archive-url too)")
                        .arg(exchange->translatedName()),
                    BadInput);

    const QStringList files = parser.values(QStringLiteral("file"));
    std::optional<Options::SeriesRequest> request;
    if (files.isEmpty()) {
        request = Options::seriesRequest(parser, error);
        if (!request)
            return fail(err, error, BadInput);
        if (!archive->hasInterval(request->interval))
            return fail(err,
                        tr("the archive of %1 has no %2 files (use `candlewick-cli fetch`)")
                            .arg(exchange->translatedName(), Intervals::name(request->interval)),
                        BadInput);
    } else {
        for (const QString &file : files) {
            const QString why = archive->fileError(file);
            if (!why.isEmpty())
                return fail(err, why, BadInput);
        }
    }

    const auto database = Options::database(parser, CandleDatabase::Access::ReadWrite, error);
    if (!database)
        return fail(err, error);

    bool failed = false;
    if (!files.isEmpty()) {
        const Outcome outcome = runJob(archive->importFiles(files, database), tr("files"), err);
        for (const QString &name : outcome.unverified)
            out << tr("%1: no .CHECKSUM beside it, imported without checking").arg(name) << '\n';
        out << summaryText(outcome) << '\n';
        if (outcome.error.isError())
            return fail(err, outcome.error.message);
        return Success;
    }

    const qint64 now = Clock::system()->nowMs();
    const TimeRange range = HistoryCache::closedPart(request->interval, request->range, now);
    for (const QString &symbol : request->symbols) {
        const SeriesKey key{exchange->id, symbol, request->interval};
        const Outcome outcome
            = runJob(archive->importRange(key, range, database), key.toString(), err);
        if (outcome.error.isError() && outcome.failures.isEmpty())
            return fail(err, outcome.error.message); // unreachable, or the database
        failed = failed || outcome.error.isError();
        out << key.toString() << ": " << summaryText(outcome) << '\n';
        if (outcome.stats.filesMissing > 0)
            out << tr("%1: files not in the archive: %2")
                       .arg(key.toString())
                       .arg(outcome.stats.filesMissing)
                << '\n';
        for (const TimeRange &left : outcome.unpublished) {
            out << tr("%1: %2 .. %3 is not in a published whole day: left to REST "
                      "(`candlewick-cli fetch`)")
                       .arg(key.toString(), UtcTime::format(left.from), UtcTime::format(left.to))
                << '\n';
        }
        for (const TimeRange &left : outcome.remaining) {
            for (const TimeRange &part : TimeRangeSet::missing(outcome.unpublished, left)) {
                out << tr("%1: %2 .. %3 is not in the archive: left to REST "
                          "(`candlewick-cli fetch`)")
                           .arg(key.toString(), UtcTime::format(part.from),
                                UtcTime::format(part.to))
                    << '\n';
            }
        }
        out.flush();
    }
    return failed ? Failure : Success;
}

} // namespace Candlewick::Cli
