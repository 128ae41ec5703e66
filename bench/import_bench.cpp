// Benchmarks of the archive import (issue 12): files of Binance's public archive from the fake
// archive (its own thread, zips made before the clock starts) into a fresh SQLite file, end to
// end (download, SHA-256, unzip, parse, validate, store, coverage), beside fetch_unthrottled (the
// same year over the fake REST) of the same run, each path measured on its second run. Prints
// `BENCH <name> <value> <unit>` lines; never fails on time.
//
//   candlewick-bench-import [year|rss|month1s|months1s|stages]...   (all five by default)
//
// Each part runs in a process of its own.
//
// `stages` takes the import of the year apart, each stage alone on one thread (its CPU time,
// which other programs on the machine hardly change), to show the ceiling each sets: SHA-256 of the
// zips, inflating them, parsing the CSV (inflate + parse, less inflate; as the import does, in
// batches, and into whole months for the stages after it), encoding alone, encoding
// and inserting into SQLite (one transaction per month), the final checkpoint when the writer
// closes, and inserting rows the parsers encoded (what the import's writer thread does).

#include "benchharness.h"
#include "fakebinancearchive.h"
#include "fakebinancerest.h"
#include "processmemory.h"
#include "threadcpu.h"

#include <binance/binancearchivechecksum.h>
#include <binance/binancearchivecsv.h>
#include <binance/binancearchivereadahead.h>
#include <binance/binancearchivezip.h>
#include <binance/binanceexchange.h>
#include <bulkhistory.h>
#include <bulkimportjob.h>
#include <candlecodec.h>
#include <candledatabase.h>
#include <exchange.h>
#include <exchangesession.h>
#include <historycache.h>
#include <sqlitecandlestore.h>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QLoggingCategory>
#include <QProcess>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>

#include <ctime>
#include <memory>
#include <sys/resource.h>

using namespace Candlewick;
using namespace Candlewick::Testing;
using Candlewick::Bench::namedThreadsCpuSeconds;
using Candlewick::Bench::namedThreadsCpuSince;
using Candlewick::Bench::report;
using Candlewick::Bench::residentBytes;

namespace {

constexpr qint64 From = 1672531200000; // 2023-01-01T00:00:00Z
constexpr qint64 To = 1704067200000; // 2024-01-01T00:00:00Z
constexpr qint64 Mar2023 = 1677628800000; // 2023-03-01T00:00:00Z
constexpr qint64 Apr2023 = 1680307200000; // 2023-04-01T00:00:00Z
constexpr qint64 May2023 = 1682899200000; // 2023-05-01T00:00:00Z
// The candles in a block of the CSV (a row of 1m takes about 150 bytes): the batches the import
// hands the writer.
constexpr qsizetype BlockCandles = BinanceArchiveReadAhead::BlockBytes / 150;

// CPU seconds the process used so far, all threads (the fakes' included): unlike the wall
// time, hardly moved by other programs on a shared machine.
double processCpuSeconds()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
        + double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

// Pages the process touched for the first time so far (minor page faults), all threads: each
// costs about 12 µs on a virtual machine that traps them (docs/benchmarks.md).
long processPageFaults()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_minflt;
}

// CPU seconds of the calling thread so far (the stages run on one thread each).
double threadCpuSeconds()
{
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return double(now.tv_sec) + double(now.tv_nsec) / 1e9;
}

// The fakes in a thread of their own, as independent servers would be.
class Servers
{
public:
    Servers()
    {
        m_thread.start();
        m_rest = new FakeBinanceRest();
        m_rest->addSymbol(QStringLiteral("BTCUSDT"), QStringLiteral("BTC"), QStringLiteral("USDT"),
                          From - 86400000);
        m_archive = new FakeBinanceArchive(m_rest);
        m_rest->moveToThread(&m_thread);
        m_archive->moveToThread(&m_thread);
        bool ok = false;
        QMetaObject::invokeMethod(
            m_rest, [&] { ok = m_rest->listen() && m_archive->listen(); },
            Qt::BlockingQueuedConnection);
        if (!ok)
            qFatal("fake servers did not start");
    }
    ~Servers()
    {
        QMetaObject::invokeMethod(m_rest, [this] {
            delete m_archive;
            delete m_rest;
        });
        m_thread.quit();
        m_thread.wait();
    }
    FakeBinanceRest *rest() const { return m_rest; }
    FakeBinanceArchive *archive() const { return m_archive; }

    // Makes the zips of `interval` for the months of [from, to) before anything is timed.
    void prepare(Interval interval, qint64 from, qint64 to)
    {
        for (qint64 month = from; month < to; month = Intervals::next(Interval::Mon1, month)) {
            const QString name = QStringLiteral("BTCUSDT-%1-%2.zip")
                                     .arg(Intervals::name(interval),
                                          QDateTime::fromMSecsSinceEpoch(month, Qt::UTC)
                                              .toString(QStringLiteral("yyyy-MM")));
            m_archive->zipFile(QStringLiteral("spot/monthly/klines/BTCUSDT/%1/%2")
                                   .arg(Intervals::name(interval), name));
        }
    }

private:
    QThread m_thread;
    FakeBinanceRest *m_rest;
    FakeBinanceArchive *m_archive;
};

std::shared_ptr<CandleDatabase> openDatabase(const QString &path)
{
    QString error;
    auto database = CandleDatabase::open(path, CandleDatabase::Access::ReadWrite, &error);
    if (!database)
        qFatal("%s", qPrintable(error));
    return database;
}

struct Run
{
    double seconds = 0;
    qint64 candles = 0;
    qint64 bytes = 0;
    qint64 peakRssGrowth = 0; // the most the resident set grew while importing (sampled)
    double cpuSeconds = 0; // of the whole process while importing
    long pageFaults = 0; // of the whole process while importing
    double writerCpuSeconds = 0; // of the database's writer thread while importing
    double checkpointerCpuSeconds = 0; // of its WAL checkpointer thread (when it has one)
    double mainCpuSeconds = 0; // of the job's thread (downloads, scheduling)
    double workersCpuSeconds
        = 0; // of the job's parse workers (parse, encode; inflate of small files)
};

// Whether a run samples its resident set (every 5 ms on the job's thread: only the runs that
// report it pay for it).
enum class Rss { Sampled, NotSampled };

// A run's wall time, its process's CPU time and the pages it touched for the first time, from
// construction to stop().
class RunClock
{
public:
    RunClock()
    {
        m_timer.start();
        m_faultsBefore = processPageFaults();
        m_cpuBefore = processCpuSeconds();
    }
    void stop(Run &run) const
    {
        run.seconds = m_timer.nsecsElapsed() / 1e9;
        run.cpuSeconds = processCpuSeconds() - m_cpuBefore;
        run.pageFaults = processPageFaults() - m_faultsBefore;
    }

private:
    QElapsedTimer m_timer;
    long m_faultsBefore = 0;
    double m_cpuBefore = 0;
};

Run importRange(ExchangeSession &session, const QString &db, Interval interval, TimeRange range,
                Rss rss = Rss::NotSampled)
{
    auto database = openDatabase(db);
    const SeriesKey key{QStringLiteral("binance"), QStringLiteral("BTCUSDT"), interval};
    // What the measurements read before (the threads' CPU from /proc) is not timed.
    const QHash<QString, double> writerBefore = namedThreadsCpuSeconds("candlewick-db-writer");
    const QHash<QString, double> checkpointerBefore
        = namedThreadsCpuSeconds("candlewick-wal-checkpoint");
    const QHash<QString, double> workersBefore = namedThreadsCpuSeconds("Thread (pooled)");
    const qint64 before = residentBytes();
    const RunClock clock;
    const double mainBefore = threadCpuSeconds();
    BulkImportJob *job = session.bulkHistory()->importRange(key, range, database);
    Run run;
    QTimer sampler;
    QObject::connect(&sampler, &QTimer::timeout, [&] {
        run.peakRssGrowth = std::max(run.peakRssGrowth, residentBytes() - before);
    });
    if (rss == Rss::Sampled)
        sampler.start(5);
    QObject::connect(job, &Job::result, [&] {
        run.candles = job->stats().candles;
        run.bytes = job->stats().bytes;
    });
    if (!job->exec())
        qFatal("import failed: %s", qPrintable(job->errorString()));
    clock.stop(run);
    run.mainCpuSeconds = threadCpuSeconds() - mainBefore;
    run.workersCpuSeconds = namedThreadsCpuSince("Thread (pooled)", workersBefore);
    run.writerCpuSeconds = namedThreadsCpuSince("candlewick-db-writer", writerBefore);
    run.checkpointerCpuSeconds
        = namedThreadsCpuSince("candlewick-wal-checkpoint", checkpointerBefore);
    // The finished job (deleted later) holds the database: closing it here, the final
    // checkpoint included, keeps that out of what is measured next (the next run of the year).
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    return run;
}

// The range over REST into a fresh file (`HistoryCache`, unthrottled: the fake's limits are
// not reached), timed like an import.
Run fetchRange(ExchangeSession &session, const QString &db, Interval interval, TimeRange range)
{
    auto database = openDatabase(db);
    HistoryCache cache(session.history(), database);
    const RunClock clock;
    HistoryCacheJob *job
        = cache.ensure({QStringLiteral("binance"), QStringLiteral("BTCUSDT"), interval}, range);
    Run run;
    QObject::connect(job, &Job::result, [&] { run.candles = job->candlesStored(); });
    if (!job->exec())
        qFatal("fetch failed: %s", qPrintable(job->errorString()));
    clock.stop(run);
    // As after an import: the finished job's database closes here, untimed.
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    return run;
}

// The stages of importing the year, each timed alone (see the top).
void reportStages(Servers &servers, const QTemporaryDir &dir)
{
    servers.prepare(Interval::M1, From, To);
    QStringList zips;
    QList<TimeRange> ranges;
    for (qint64 month = From; month < To; month = Intervals::next(Interval::Mon1, month)) {
        const QString name = QStringLiteral("BTCUSDT-1m-%1.zip")
                                 .arg(QDateTime::fromMSecsSinceEpoch(month, Qt::UTC)
                                          .toString(QStringLiteral("yyyy-MM")));
        const QByteArray zip
            = servers.archive()->zipFile(QStringLiteral("spot/monthly/klines/BTCUSDT/1m/") + name);
        QFile file(dir.filePath(name));
        if (!file.open(QIODevice::WriteOnly) || file.write(zip) != zip.size())
            qFatal("cannot write %s", qPrintable(file.fileName()));
        zips.append(file.fileName());
        ranges.append({month, Intervals::next(Interval::Mon1, month)});
    }
    double started = threadCpuSeconds();
    const auto elapsed = [&started] { return threadCpuSeconds() - started; };
    for (const QString &path : std::as_const(zips)) {
        QFile file(path);
        BinanceArchiveChecksum checksum;
        if (!file.open(QIODevice::ReadOnly))
            qFatal("cannot read %s", qPrintable(path));
        checksum.add(file.readAll());
        checksum.setExpected(QByteArray(64, '0'), QFileInfo(path).fileName());
        checksum.verify();
    }
    report("import_stage_sha256_year", elapsed() * 1000, "ms");

    // A block of the CSV at a time, as the import reads it.
    QByteArray buffer(BinanceArchiveReadAhead::BlockBytes, Qt::Uninitialized);
    // Parse: no, into whole months (`out`), or as the import does (`batches`: the candles taken
    // after every block and dropped, the exact values' vector handed back).
    enum class Parse { No, Months, Batches };
    const auto readAll = [&](Parse parse, QList<CandleBatch> *out,
                             QList<std::vector<CandleCodec::ExactValues>> *exactOut) {
        std::vector<CandleCodec::ExactValues> batchExact;
        for (qsizetype i = 0; i < zips.size(); ++i) {
            BinanceArchiveZip zip;
            BinanceArchiveCsv csv(Interval::M1, ranges.at(i));
            qint64 n = 0;
            if (!zip.open(zips.at(i)))
                qFatal("%s", qPrintable(zip.errorString()));
            while ((n = zip.read(buffer.data(), buffer.size())) > 0) {
                if (parse == Parse::No)
                    continue;
                if (!csv.feed(QByteArrayView(buffer.constData(), n)))
                    qFatal("%s", qPrintable(csv.errorString()));
                if (parse == Parse::Batches)
                    csv.takeCandles(&batchExact);
            }
            if (n < 0 || (parse != Parse::No && !csv.finish()))
                qFatal("cannot read %s", qPrintable(zips.at(i)));
            if (out) {
                std::vector<CandleCodec::ExactValues> exact;
                out->append(csv.takeCandles(&exact));
                exactOut->append(std::move(exact));
            }
        }
    };
    started = threadCpuSeconds();
    readAll(Parse::No, nullptr, nullptr);
    const double inflate = elapsed();
    report("import_stage_inflate_year", inflate * 1000, "ms");
    started = threadCpuSeconds();
    readAll(Parse::Batches, nullptr, nullptr);
    report("import_stage_parse_batches_year", (elapsed() - inflate) * 1000, "ms");
    QList<CandleBatch> months;
    QList<std::vector<CandleCodec::ExactValues>> exactMonths; // the values as read
    started = threadCpuSeconds();
    readAll(Parse::Months, &months, &exactMonths);
    report("import_stage_parse_year", (elapsed() - inflate) * 1000, "ms");

    // The encoding the store would settle on, then every candle encoded under it.
    CandleCodec::Encoding encoding;
    for (const CandleBatch &month : std::as_const(months)) {
        for (const Candle &c : month) {
            if (!CandleCodec::holds(encoding, c))
                CandleCodec::widen(encoding, Interval::M1, c);
        }
    }
    unsigned char data[CandleCodec::MaxBytes];
    qint64 bytes = 0;
    started = threadCpuSeconds();
    for (qsizetype i = 0; i < months.size(); ++i) {
        const CandleBatch &month = months.at(i);
        for (qsizetype j = 0; j < month.size(); ++j)
            bytes += CandleCodec::encodeExact(encoding, month.at(j), exactMonths.at(i)[size_t(j)],
                                              data);
    }
    report("import_stage_encode_year", elapsed() * 1000, "ms");
    report("import_stage_encoded_bytes_per_candle", double(bytes) / 525600, "bytes");

    SqliteCandleStore store;
    if (!store.open(dir.filePath(QStringLiteral("stages.sqlite"))))
        qFatal("%s", qPrintable(store.errorString()));
    const SeriesKey key{QStringLiteral("binance"), QStringLiteral("BTCUSDT"), Interval::M1};
    started = threadCpuSeconds();
    for (qsizetype i = 0; i < months.size(); ++i) {
        const CandleBatch &month = months.at(i);
        qsizetype at = 0;
        const bool ok = store.writeAll(key,
                                       [&month, &at](CandleBatch &batch) {
                                           if (at >= month.size())
                                               return CandleStore::NextBatch::End;
                                           batch = month.mid(at, BlockCandles);
                                           at += batch.size();
                                           return CandleStore::NextBatch::Batch;
                                       },
                                       {ranges.at(i)});
        if (!ok)
            qFatal("%s", qPrintable(store.errorString()));
    }
    const double write = elapsed();
    report("import_stage_store_year", write * 1000, "ms");
    report("import_stage_store_rate", 525600 / write, "candles/s");
    started = threadCpuSeconds();
    store.close();
    report("import_stage_checkpoint_year", elapsed() * 1000, "ms");

    // The writer's part when the parsers encoded the rows (as the import does): the same
    // batches, encoded before the clock starts, into a second file.
    QList<QList<CandleStore::EncodedBatch>> encodedMonths;
    CandleCodec::Encoding producer;
    for (qsizetype i = 0; i < months.size(); ++i) {
        const CandleBatch &month = months.at(i);
        QList<CandleStore::EncodedBatch> batches;
        for (qsizetype at = 0; at < month.size(); at += BlockCandles) {
            CandleStore::EncodedBatch batch;
            batch.candles = month.mid(at, BlockCandles);
            CandleCodec::encodeRows(
                producer, Interval::M1, batch.candles, batch.rows,
                std::span(exactMonths.at(i)).subspan(size_t(at), size_t(batch.candles.size())));
            batches.append(std::move(batch));
        }
        encodedMonths.append(std::move(batches));
    }
    if (!store.open(dir.filePath(QStringLiteral("stages-encoded.sqlite"))))
        qFatal("%s", qPrintable(store.errorString()));
    started = threadCpuSeconds();
    for (qsizetype i = 0; i < encodedMonths.size(); ++i) {
        QList<CandleStore::EncodedBatch> &batches = encodedMonths[i];
        qsizetype at = 0;
        const bool ok = store.writeAllEncoded(key,
                                              [&batches, &at](CandleStore::EncodedBatch &batch) {
                                                  if (at >= batches.size())
                                                      return CandleStore::NextBatch::End;
                                                  batch = std::move(batches[at++]);
                                                  return CandleStore::NextBatch::Batch;
                                              },
                                              {ranges.at(i)});
        if (!ok)
            qFatal("%s", qPrintable(store.errorString()));
    }
    report("import_stage_store_encoded_year", elapsed() * 1000, "ms");
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QLoggingCategory::setFilterRules(QStringLiteral("candlewick.*.debug=false"));
    const QStringList allParts
        = {QStringLiteral("year"), QStringLiteral("rss"), QStringLiteral("month1s"),
           QStringLiteral("months1s"), QStringLiteral("stages")};
    QStringList parts = app.arguments().mid(1);
    if (parts.isEmpty())
        parts = allParts;
    for (const QString &part : std::as_const(parts)) {
        if (!allParts.contains(part))
            qFatal("unknown part %s (parts: %s)", qPrintable(part),
                   qPrintable(allParts.join(QLatin1Char(' '))));
    }
    // Each part in a process of its own: none measures the memory, threads and connections that
    // another one made (the resident set's growth would be near nothing after the year).
    if (parts.size() > 1) {
        for (const QString &part : std::as_const(parts)) {
            QProcess child;
            child.setProcessChannelMode(QProcess::ForwardedChannels);
            child.start(QCoreApplication::applicationFilePath(), {part});
            if (!child.waitForFinished(-1) || child.exitStatus() != QProcess::NormalExit
                || child.exitCode() != 0)
                qFatal("the part %s failed", qPrintable(part));
        }
        return 0;
    }
    QTemporaryDir dir;
    Servers servers;
    const Exchange &spot = Binance::spot();
    Endpoints endpoints;
    endpoints.restUrl = servers.rest()->baseUrl();
    endpoints.archiveUrl = servers.archive()->baseUrl();
    std::unique_ptr<ExchangeSession> session(
        spot.createSession(spot, endpoints, Clock::system(), nullptr));

    // import_year_1m: twelve monthly files, then the same year over REST (fetch_unthrottled)
    // in the same run. Each is run twice, and its second run is the one measured: the first
    // makes the process's threads, memory and connections for that path (reported as `_first`).
    // Measuring the import first and the REST fetch after it would give the fetch what the
    // import made.
    if (parts.contains(QStringLiteral("year"))) {
        servers.prepare(Interval::M1, From, To);
        const Run first = importRange(*session, dir.filePath(QStringLiteral("year-first.sqlite")),
                                      Interval::M1, {From, To});
        const Run restFirst = fetchRange(
            *session, dir.filePath(QStringLiteral("rest-first.sqlite")), Interval::M1, {From, To});
        const Run run = importRange(*session, dir.filePath(QStringLiteral("year.sqlite")),
                                    Interval::M1, {From, To});
        const Run rest = fetchRange(*session, dir.filePath(QStringLiteral("rest.sqlite")),
                                    Interval::M1, {From, To});
        for (const Run &each : {first, restFirst, run, rest}) {
            if (each.candles != 525600)
                qFatal("import_year_1m: a run stored %lld candles", each.candles);
        }
        report("import_year_1m_first", first.candles / first.seconds,
               "candles/s (the process's first import)");
        report("import_year_1m_first_page_faults", first.pageFaults,
               "pages touched for the first time");
        report("fetch_unthrottled_first", restFirst.candles / restFirst.seconds,
               "candles/s (the process's first REST fetch, after the first import)");
        report("import_year_1m", run.candles / run.seconds, "candles/s");
        report("import_year_1m_seconds", run.seconds, "s");
        report("import_year_1m_cpu", run.cpuSeconds * 1000, "ms (process, all threads)");
        report("import_year_1m_page_faults", run.pageFaults, "pages touched for the first time");
        report("import_year_1m_writer_cpu", run.writerCpuSeconds * 1000,
               "ms (the database writer)");
        report("import_year_1m_checkpointer_cpu", run.checkpointerCpuSeconds * 1000,
               "ms (the WAL checkpointer)");
        report("import_year_1m_main_cpu", run.mainCpuSeconds * 1000, "ms (the job's thread)");
        report("import_year_1m_workers_cpu", run.workersCpuSeconds * 1000,
               "ms (the parse workers: CSV, encoding; inflating too for files of 32 MiB or less)");
        report("fetch_unthrottled", rest.candles / rest.seconds, "candles/s");
        report("fetch_unthrottled_cpu", rest.cpuSeconds, "s (process, all threads)");
        report("fetch_unthrottled_page_faults", rest.pageFaults,
               "pages touched for the first time");
        report("import_year_1m_vs_fetch_unthrottled", rest.seconds / run.seconds, "x");
    }

    // import_peak_rss: a month, then a year, each into a fresh file; how much the resident set
    // grew at most while importing (sampled every 5 ms).
    if (parts.contains(QStringLiteral("rss"))) {
        servers.prepare(Interval::M1, From, To);
        const Run month = importRange(*session, dir.filePath(QStringLiteral("rss-month.sqlite")),
                                      Interval::M1, {Mar2023, Apr2023}, Rss::Sampled);
        const Run year = importRange(*session, dir.filePath(QStringLiteral("rss-year.sqlite")),
                                     Interval::M1, {From, To}, Rss::Sampled);
        report("import_peak_rss_month", double(month.peakRssGrowth) / (1 << 20), "MB");
        report("import_peak_rss_year", double(year.peakRssGrowth) / (1 << 20), "MB");
    }

    // import_month_1s: March 2023 of 1s (2,678,400 candles) in one monthly file.
    if (parts.contains(QStringLiteral("month1s"))) {
        servers.prepare(Interval::S1, Mar2023, Apr2023);
        const Run run = importRange(*session, dir.filePath(QStringLiteral("month-1s.sqlite")),
                                    Interval::S1, {Mar2023, Apr2023}, Rss::Sampled);
        report("import_month_1s", run.seconds, "s");
        report("import_month_1s_cpu", run.cpuSeconds, "s (process, all threads)");
        report("import_month_1s_writer_cpu", run.writerCpuSeconds, "s (the database writer)");
        report("import_month_1s_checkpointer_cpu", run.checkpointerCpuSeconds,
               "s (the WAL checkpointer)");
        report("import_month_1s_main_cpu", run.mainCpuSeconds * 1000, "ms (the job's thread)");
        report("import_month_1s_workers_cpu", run.workersCpuSeconds * 1000,
               "ms (the parse workers: CSV, encoding; inflating too for files of 32 MiB or less)");
        report("import_month_1s_rate", run.candles / run.seconds, "candles/s");
        report("import_month_1s_candles", run.candles, "candles");
        report("import_month_1s_zip", double(run.bytes) / (1 << 20), "MB");
        report("import_month_1s_peak_rss", double(run.peakRssGrowth) / (1 << 20), "MB");
    }
    // import_2months_1s: March and April 2023 of 1s (5,270,400 candles), two files written one
    // right after the other: the first one's WAL checkpoint falls inside the import.
    if (parts.contains(QStringLiteral("months1s"))) {
        servers.prepare(Interval::S1, Mar2023, May2023);
        const Run run = importRange(*session, dir.filePath(QStringLiteral("months-1s.sqlite")),
                                    Interval::S1, {Mar2023, May2023});
        if (run.candles != 5270400)
            qFatal("import_2months_1s stored %lld candles", run.candles);
        report("import_2months_1s", run.seconds, "s");
        report("import_2months_1s_cpu", run.cpuSeconds, "s (process, all threads)");
        report("import_2months_1s_writer_cpu", run.writerCpuSeconds, "s (the database writer)");
        report("import_2months_1s_checkpointer_cpu", run.checkpointerCpuSeconds,
               "s (the WAL checkpointer)");
    }
    if (parts.contains(QStringLiteral("stages")))
        reportStages(servers, dir);
    return 0;
}
