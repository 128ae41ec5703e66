#include "fetchcommand.h"

#include "clioptions.h"
#include "progressprinter.h"

#include <historycache.h>
#include <marketdataprovider.h>
#include <providerfactory.h>
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
    parser.addOptions({Options::symbol(), Options::interval(), Options::from(), Options::to(),
                       Options::exchange(), Options::db(), Options::restUrl()});
}

int FetchCommand::run(const QCommandLineParser &parser, QTextStream &out, QTextStream &err)
{
    QString error;
    const auto request = Options::seriesRequest(parser, error);
    if (!request)
        return fail(err, error, BadInput);
    const auto endpoints = Options::endpoints(parser, error);
    if (!endpoints)
        return fail(err, error, BadInput);

    const auto database = Options::database(parser, CandleDatabase::Access::ReadWrite, error);
    if (!database)
        return fail(err, error);

    std::unique_ptr<MarketDataProvider> provider(
        ProviderFactory::createHistoryProvider(request->exchange, *endpoints));
    QEventLoop loop;

    // Unknown symbols are refused before anything is downloaded.
    SymbolCatalog catalog(provider.get(), database);
    QStringList unknown;
    ProviderError catalogError;
    QObject::connect(&catalog, &SymbolCatalog::resolved, &loop,
                     [&](const SymbolList &, const QStringList &missing) {
                         unknown = missing;
                         loop.quit();
                     });
    QObject::connect(&catalog, &SymbolCatalog::failed, &loop, [&](const ProviderError &e) {
        catalogError = e;
        loop.quit();
    });
    catalog.resolve(request->symbols);
    loop.exec();
    if (catalogError.isError())
        return fail(err,
                    tr("cannot get the symbol list of %1: %2")
                        .arg(request->exchange, catalogError.message));
    if (!unknown.isEmpty())
        return fail(err,
                    tr("unknown symbol %1 on %2 (see `candlewick-cli symbols`)")
                        .arg(unknown.join(QStringLiteral(", ")), request->exchange),
                    BadInput);

    HistoryCache cache(provider.get(), database);
    ProgressPrinter progress(err);
    QElapsedTimer timer;
    timer.start();
    qint64 totalStored = 0;
    int totalRequests = 0;
    for (const QString &symbol : request->symbols) {
        const SeriesKey key{request->exchange, symbol, request->interval};
        QElapsedTimer seriesTimer;
        seriesTimer.start();
        HistoryCacheJob *job = cache.ensure(key, request->range);
        ProviderError jobError;
        qint64 stored = 0;
        int requests = 0;
        qint64 lastDone = 0;
        qint64 lastTotal = 0;
        QObject::connect(job, &HistoryCacheJob::progress, &loop, [&](qint64 done, qint64 total) {
            lastDone = done;
            lastTotal = total;
            progress.update(key.toString(), done, total, totalStored + done);
        });
        QObject::connect(job, &HistoryCacheJob::finished, &loop, [&, job] {
            stored = job->candlesStored();
            requests = job->requestCount();
            loop.quit();
        });
        QObject::connect(job, &HistoryCacheJob::failed, &loop, [&, job](const ProviderError &e) {
            jobError = e;
            stored = job->candlesStored();
            requests = job->requestCount();
            loop.quit();
        });
        job->start();
        loop.exec();
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
    out << tr("total: %1 candles stored, %2 requests, %3 s, range %4 .. %5")
               .arg(totalStored)
               .arg(totalRequests)
               .arg(QString::number(timer.elapsed() / 1000.0, 'f', 2),
                    UtcTime::format(request->range.from), UtcTime::format(request->range.to))
        << '\n';
    return Success;
}

} // namespace Candlewick::Cli
