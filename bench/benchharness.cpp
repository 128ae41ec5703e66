#include "benchharness.h"

#include <candledatabase.h>
#include <historycache.h>
#include <historyjob.h>

#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>

#include <cstdio>

namespace Candlewick::Bench {

void report(const char *name, double value, const char *unit)
{
    std::printf("BENCH %s %.2f %s\n", name, value, unit);
    std::fflush(stdout);
}

int intArgument(const QStringList &args, const QString &name, int fallback)
{
    bool ok = false;
    const int value = stringArgument(args, name).toInt(&ok);
    return ok ? value : fallback;
}

QString stringArgument(const QStringList &args, const QString &name)
{
    const qsizetype at = args.indexOf(name);
    return at > 0 ? args.value(at + 1) : QString();
}

Run fetchAll(HistorySource &source, const QList<SeriesKey> &keys, qint64 from, qint64 to)
{
    Run run;
    int open = int(keys.size());
    QString error;
    QEventLoop loop;
    QElapsedTimer timer;
    timer.start();
    for (const SeriesKey &key : keys) {
        HistoryJob *job = source.fetchHistory(key, from, to);
        QObject::connect(job, &HistoryJob::batch, &loop,
                         [&](const SeriesKey &, const CandleBatch &b) { run.candles += b.size(); });
        QObject::connect(job, &HistoryJob::finished, &loop, [&, job] {
            run.requests += job->requestCount();
            if (--open == 0)
                loop.quit();
        });
        QObject::connect(job, &HistoryJob::failed, &loop, [&](const ProviderError &e) {
            error = e.message;
            loop.quit();
        });
        job->start();
    }
    loop.exec();
    run.seconds = timer.nsecsElapsed() / 1e9;
    if (!error.isEmpty())
        qFatal("history download failed: %s", qPrintable(error));
    return run;
}

Run storeAll(HistorySource &source, const QString &dbPath, const QList<SeriesKey> &keys,
             qint64 from, qint64 to)
{
    QString error;
    auto database = CandleDatabase::open(dbPath, CandleDatabase::Access::ReadWrite, &error);
    if (!database)
        qFatal("%s", qPrintable(error));
    HistoryCache cache(&source, database);
    Run run;
    int open = int(keys.size());
    QEventLoop loop;
    QElapsedTimer timer;
    timer.start();
    for (const SeriesKey &key : keys) {
        HistoryCacheJob *job = cache.ensure(key, {from, to});
        QObject::connect(job, &HistoryCacheJob::finished, &loop, [&, job] {
            run.candles += job->candlesStored();
            run.requests += job->requestCount();
            if (--open == 0)
                loop.quit();
        });
        QObject::connect(job, &HistoryCacheJob::failed, &loop, [&](const ProviderError &e) {
            error = e.message;
            loop.quit();
        });
        job->start();
    }
    loop.exec();
    run.seconds = timer.nsecsElapsed() / 1e9;
    if (!error.isEmpty())
        qFatal("stored download failed: %s", qPrintable(error));
    return run;
}

std::optional<Run> runCcxt(const QString &ccxtDir, const QString &ccxtId, const QUrl &baseUrl,
                           const QString &symbol, qint64 from, qint64 to, qint64 expectedRows)
{
    QProcess node;
    node.setWorkingDirectory(ccxtDir);
    node.start(QStringLiteral("node"),
               {QStringLiteral("fetch_ohlcv.mjs"), baseUrl.toString(), symbol,
                QString::number(from), QString::number(to), QStringLiteral("no-rate-limit"),
                ccxtId});
    if (!node.waitForFinished(30 * 60 * 1000) || node.exitCode() != 0) {
        std::fprintf(stderr, "ccxt run failed: %s\n", node.readAllStandardError().constData());
        return std::nullopt;
    }
    const QJsonObject o = QJsonDocument::fromJson(node.readAllStandardOutput().trimmed()).object();
    Run run;
    run.seconds = o.value(QStringLiteral("seconds")).toDouble();
    run.candles = o.value(QStringLiteral("rows")).toInteger();
    run.requests = o.value(QStringLiteral("requests")).toInt();
    std::fprintf(stderr, "ccxt %s: %lld rows, %d requests, %.2f s\n", qPrintable(ccxtId),
                 static_cast<long long>(run.candles), run.requests, run.seconds);
    if (run.candles != expectedRows)
        return std::nullopt;
    return run;
}

} // namespace Candlewick::Bench
