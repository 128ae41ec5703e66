#include "fetchcommand.h"

#include "clioptions.h"
#include "fetchestimate.h"
#include "importcommand.h"
#include "progressprinter.h"

#include <bulkhistory.h>
#include <historycache.h>
#include <exchange.h>
#include <exchangesession.h>
#include <symbolcatalog.h>
#include <utctime.h>

#include <QElapsedTimer>
#include <QEventLoop>

#include <memory>

namespace Candlewick::Cli {

QString FetchCommand::summary() const
{
    return tr("Download candles into the local database (only what it lacks).");
}

void FetchCommand::addOptions(QCommandLineParser &parser) const
{
    parser.addOptions(Options::seriesOptions());
    parser.addOptions({Options::restUrl(),
                       Options::archiveUrl(),
                       {QStringLiteral("source"),
                        tr("Where candles come from: auto (whole past days from the exchange's "
                           "public archive, the rest over REST), rest or archive. Default: "
                           "auto."),
                        QStringLiteral("source"), QStringLiteral("auto")}});
}

int FetchCommand::run(const QCommandLineParser &parser, QTextStream &out, QTextStream &err)
{
    QString error;
    const auto request = Options::seriesRequest(parser, error);
    if (!request)
        return fail(err, error, BadInput);
    const auto endpoints = Options::endpoints(parser, *request->exchange, error);
    if (!endpoints)
        return fail(err, error, BadInput);
    const QString source = parser.value(QStringLiteral("source")).trimmed().toLower();
    if (source != QLatin1StringView("auto") && source != QLatin1StringView("rest")
        && source != QLatin1StringView("archive"))
        return fail(err, tr("unknown --source '%1' (auto, rest or archive)").arg(source), BadInput);

    const qint64 now = Clock::system()->nowMs();
    const TimeRange closed = HistoryCache::closedPart(request->interval, request->range, now);
    if (closed.isEmpty()) {
        out << tr("nothing to fetch yet: no %1 candle of %2 .. %3 has closed (now %4)")
                   .arg(Intervals::name(request->interval), UtcTime::format(request->range.from),
                        UtcTime::format(request->range.to), UtcTime::format(now))
            << '\n';
        return Success;
    }

    const auto database = Options::database(parser, CandleDatabase::Access::ReadWrite, error);
    if (!database)
        return fail(err, error);

    const Exchange &exchange = *request->exchange;
    std::unique_ptr<ExchangeSession> session(
        exchange.createSession(exchange, *endpoints, Clock::system(), nullptr));
    // The archive serves whole past days; REST the rest and whatever the archive lacks.
    BulkHistory *archive = source == QLatin1StringView("rest") ? nullptr : session->bulkHistory();
    if (archive && !archive->hasInterval(request->interval))
        archive = nullptr;
    if (source == QLatin1StringView("archive") && !archive) {
        return fail(err,
                    session->bulkHistory()
                        ? tr("the archive of %1 has no %2 files")
                              .arg(exchange.translatedName(), Intervals::name(request->interval))
                        : tr("%1 has no public archive here (with a REST URL of your own, give "
                             "--archive-url too)")
                              .arg(exchange.translatedName()),
                    BadInput);
    }
    // Unknown symbols are refused before anything is downloaded.
    auto *catalog = new SymbolCatalog(session->symbols(), exchange.id, database, request->symbols);
    if (!catalog->exec())
        return fail(err,
                    tr("cannot get the symbol list of %1: %2")
                        .arg(exchange.translatedName(), catalog->errorString()));
    if (!catalog->unknown().isEmpty())
        return fail(err,
                    tr("unknown symbol %1 on %2 (see `candlewick-cli symbols`)")
                        .arg(catalog->unknown().join(QStringLiteral(", ")), exchange.id),
                    BadInput);

    const FetchEstimate estimate
        = FetchEstimate::of(*database->reader(), *request, session->history(), now);
    if (estimate.isLarge()) {
        err << estimate.text() << '\n';
        if (archive) {
            err << tr("whole past days come from the public archive %1 (checksummed files)")
                       .arg(archive->baseUrl().toDisplayString())
                << '\n';
        } else if (source == QLatin1StringView("rest") && session->bulkHistory()
                   && session->bulkHistory()->hasInterval(request->interval)) {
            err << tr("the public archive has these candles as files: --source auto (or "
                      "`candlewick-cli import`) is much faster")
                << '\n';
        }
        err.flush();
    }

    QEventLoop loop;
    HistoryCache cache(session->history(), database);
    ProgressPrinter progress(err);
    QElapsedTimer timer;
    timer.start();
    qint64 totalStored = 0;
    int totalRequests = 0;
    bool archiveFailed = false;
    for (const QString &symbol : request->symbols) {
        const SeriesKey key{exchange.id, symbol, request->interval};
        QElapsedTimer seriesTimer;
        seriesTimer.start();
        if (archive) {
            const ImportCommand::Outcome outcome
                = ImportCommand::runJob(archive->importRange(key, closed, database), key.toString(),
                                        err, source == QLatin1StringView("archive"));
            const ProviderError::Kind kind = outcome.error.kind;
            if (kind == ProviderError::Kind::Network || kind == ProviderError::Kind::Timeout) {
                if (source == QLatin1StringView("archive"))
                    return fail(err, outcome.error.message);
                // Once: the archive is not asked again in this run.
                err << tr("%1; fetching over REST instead").arg(outcome.error.message) << '\n';
                err.flush();
                archive = nullptr;
            } else if (kind == ProviderError::Kind::Storage) {
                return fail(err,
                            QStringLiteral("%1: %2").arg(key.toString(), outcome.error.message));
            } else {
                archiveFailed = archiveFailed || outcome.error.isError();
                totalStored += outcome.stats.candles;
                if (outcome.stats.filesTotal > 0) {
                    out << tr("%1: archive: %2")
                               .arg(key.toString(), ImportCommand::summaryText(outcome))
                        << '\n';
                    out.flush();
                }
            }
        }
        if (source == QLatin1StringView("archive"))
            continue;
        HistoryCacheJob *job = cache.ensure(key, request->range);
        qint64 lastTotal = 0;
        QObject::connect(job, &Job::progress, &loop, [&, job](qint64 done, qint64 total) {
            lastTotal = total;
            // Candles stored, not slots: a range may hold few candles.
            progress.update(key.toString(), done, total, totalStored + job->candlesStored());
        });
        job->exec();
        const ProviderError jobError = job->error();
        const qint64 stored = job->candlesStored();
        const int requests = job->requestCount();
        progress.update(key.toString(), lastTotal, lastTotal, totalStored + stored);
        progress.finish();
        totalStored += stored;
        totalRequests += requests;
        if (jobError.isError())
            return fail(err, QStringLiteral("%1: %2").arg(key.toString(), jobError.message));
        const QString seconds = QString::number(seriesTimer.elapsed() / 1000.0, 'f', 2);
        out << (requests == 0 ? tr("%1: %2 candles stored, %3 requests, %4 s (all cached)")
                              : tr("%1: %2 candles stored, %3 requests, %4 s"))
                   .arg(key.toString())
                   .arg(stored)
                   .arg(requests)
                   .arg(seconds)
            << '\n';
        out.flush();
    }
    if (archiveFailed && source == QLatin1StringView("archive"))
        return fail(err, tr("some archive files could not be imported"));
    out << tr("total: %1 candles stored, %2 requests, %3 s, range %4 .. %5")
               .arg(totalStored)
               .arg(totalRequests)
               .arg(QString::number(timer.elapsed() / 1000.0, 'f', 2),
                    UtcTime::format(request->range.from), UtcTime::format(request->range.to))
        << '\n';
    return Success;
}

} // namespace Candlewick::Cli
