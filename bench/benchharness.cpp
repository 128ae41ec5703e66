#include "benchharness.h"

#include <candledatabase.h>
#include <historycache.h>
#include <historyjob.h>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <memory>

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

namespace {

// Starts every job at once and waits for the last one; `finished` adds what a finished job has
// to say. A failure ends the bench (qFatal).
Run runJobs(const QList<Job *> &jobs, Run run, const std::function<void(Job *, Run &)> &finished)
{
    int open = int(jobs.size());
    QString error;
    QEventLoop loop;
    for (Job *job : jobs) {
        QObject::connect(job, &Job::finished, &loop, [&, job] {
            run.requests += job->requestCount();
            finished(job, run);
            if (--open == 0)
                loop.quit();
        });
        QObject::connect(job, &Job::failed, &loop, [&](const ProviderError &e) {
            error = e.message;
            loop.quit();
        });
    }
    QElapsedTimer timer;
    timer.start();
    for (Job *job : jobs)
        job->start();
    loop.exec();
    run.seconds = timer.nsecsElapsed() / 1e9;
    if (!error.isEmpty())
        qFatal("history download failed: %s", qPrintable(error));
    return run;
}

} // namespace

Run fetchAll(HistorySource &source, const QList<SeriesKey> &keys, qint64 from, qint64 to)
{
    auto candles = std::make_shared<qint64>(0);
    QList<Job *> jobs;
    for (const SeriesKey &key : keys) {
        HistoryJob *job = source.fetchHistory(key, from, to);
        QObject::connect(
            job, &HistoryJob::batch, job,
            [candles](const SeriesKey &, const CandleBatch &b) { *candles += b.size(); });
        jobs.append(job);
    }
    Run run = runJobs(jobs, {}, [](Job *, Run &) {});
    run.candles = *candles;
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
    QList<Job *> jobs;
    for (const SeriesKey &key : keys)
        jobs.append(cache.ensure(key, {from, to}));
    return runJobs(jobs, {}, [](Job *job, Run &run) {
        run.candles += static_cast<HistoryCacheJob *>(job)->candlesStored();
    });
}

void unthrottledBesideCcxt(const char *id, HistorySource &source, const SeriesKey &key, qint64 from,
                           qint64 to, const QUrl &baseUrl, const QString &ccxtDir,
                           const QString &ccxtSymbol)
{
    QTemporaryDir dir;
    const Run ours
        = storeAll(source, dir.filePath(QStringLiteral("unthrottled.sqlite")), {key}, from, to);
    const qint64 expected = Intervals::countBetween(key.interval, from, to);
    if (ours.candles != expected)
        qFatal("stored %lld candles of %lld", ours.candles, expected);
    auto name = [id](const char *figure) { return QByteArray("fetch_") + id + "_" + figure; };
    report(name("unthrottled").constData(), ours.candles / ours.seconds, "candles/s");
    report(name("unthrottled_seconds").constData(), ours.seconds, "s");
    report(name("unthrottled_requests").constData(), ours.requests, "requests");
    if (ccxtDir.isEmpty())
        return;
    if (const auto ccxt
        = runCcxt(ccxtDir, QString::fromLatin1(id), baseUrl, ccxtSymbol, from, to, expected)) {
        report(name("ccxt_seconds").constData(), ccxt->seconds, "s");
        report(name("vs_ccxt").constData(), ccxt->seconds / ours.seconds, "x (ccxt time / ours)");
    }
}

qint64 steadyNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

bool waitUntil(const std::function<bool()> &done, int timeoutMs)
{
    QElapsedTimer timer;
    timer.start();
    while (!done()) {
        if (timer.elapsed() > timeoutMs)
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents | QEventLoop::WaitForMoreEvents, 10);
    }
    return true;
}

double percentileUs(std::vector<qint64> &ns, double p)
{
    if (ns.empty())
        return 0;
    const size_t k = std::min(ns.size() - 1, size_t(p * double(ns.size())));
    std::nth_element(ns.begin(), ns.begin() + qsizetype(k), ns.end());
    return double(ns[k]) / 1000.0;
}

std::optional<Run> runCcxt(const QString &ccxtDir, const QString &ccxtId, const QUrl &baseUrl,
                           const QString &symbol, qint64 from, qint64 to, qint64 expectedRows,
                           bool rateLimit)
{
    QProcess node;
    node.setWorkingDirectory(ccxtDir);
    node.start(QStringLiteral("node"),
               {QStringLiteral("fetch_ohlcv.mjs"), baseUrl.toString(), symbol,
                QString::number(from), QString::number(to),
                rateLimit ? QStringLiteral("rate-limit") : QStringLiteral("no-rate-limit"),
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
    std::fprintf(stderr, "ccxt %s (%s): %lld rows, %d requests, %.2f s\n", qPrintable(ccxtId),
                 rateLimit ? "rate limit" : "no rate limit", static_cast<long long>(run.candles),
                 run.requests, run.seconds);
    if (run.candles != expectedRows)
        return std::nullopt;
    return run;
}

} // namespace Candlewick::Bench
