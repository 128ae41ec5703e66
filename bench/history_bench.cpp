// History benchmarks of issue 2: a year of 1m candles from the fake exchange on loopback (in its
// own thread) into a fresh SQLite file, end to end; the same year with ccxt; ten symbols under a
// scaled weight budget; the stored year read back; and the same year into PostgreSQL (a server of
// the benchmark's own, when PostgreSQL 15 is installed) and back. The SQLite files' size per
// candle (issue 12): that year, a day of 1s from the fake, and a year of 1m with BTCUSDT-like
// magnitudes written straight to the store. Prints `BENCH <name> <value> <unit>` lines; never
// fails on time.
//
//   candlewick-bench-history [--ccxt-dir DIR] [--no-paced] [--fetch-only]
//
// --fetch-only: the two fetches of the year (SQLite, then PostgreSQL) and their ratio, nothing
// else (for profiling and alternating runs).

#include "benchharness.h"
#include "fakebinancerest.h"
#include "postgresserver.h"
#include "processmemory.h"
#include "threadcpu.h"

#include <binance/binancerestprovider.h>
#include <candledatabase.h>
#include <candlestore.h>
#include <durations.h>
#include <historycache.h>
#include <sqlitecandlestore.h>

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QHash>
#include <QLoggingCategory>
#include <QTemporaryDir>
#include <QThread>

#include <cstdio>
#include <random>
#include <unistd.h>

using namespace Candlewick;
using Candlewick::Bench::namedThreadsCpuSeconds;
using Candlewick::Bench::namedThreadsCpuSince;
using Candlewick::Bench::peakResidentBytes;
using Candlewick::Bench::report;
using Candlewick::Bench::resetPeakResident;
using Candlewick::Bench::residentBytes;
using Candlewick::Testing::FakeBinanceRest;

namespace {

constexpr qint64 From = 1672531200000; // 2023-01-01T00:00:00Z
constexpr qint64 To = 1704067200000; // 2024-01-01T00:00:00Z

// CPU seconds (user + system) of `pid` so far, from /proc; 0 when it cannot be read.
double cpuSeconds(qint64 pid)
{
    QFile f(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!f.open(QIODevice::ReadOnly))
        return 0;
    const QByteArray stat = f.readAll();
    // Fields after the command name (which may hold spaces): state is field 3, utime 14, stime 15.
    const QList<QByteArray> fields = stat.mid(stat.lastIndexOf(')') + 2).split(' ');
    return double(fields.value(11).toLongLong() + fields.value(12).toLongLong())
        / double(sysconf(_SC_CLK_TCK));
}

// CPU seconds per process of this one and of the backends serving its connections (the children
// of the PostgreSQL server whose socket is in `socketDir` that serve a socket client; not
// autovacuum workers, which come and go): work done, whatever else loads the machine.
QHash<qint64, double> cpuWithServer(const QString &socketDir)
{
    QHash<qint64, double> out{{getpid(), cpuSeconds(getpid())}};
    QFile pidFile(socketDir + QStringLiteral("/data/postmaster.pid"));
    if (!pidFile.open(QIODevice::ReadOnly))
        return out;
    const qint64 postmaster = pidFile.readLine().trimmed().toLongLong();
    for (const QString &entry : QDir(QStringLiteral("/proc")).entryList(QDir::Dirs)) {
        bool numeric = false;
        const qint64 pid = entry.toLongLong(&numeric);
        QFile stat(QStringLiteral("/proc/%1/stat").arg(entry));
        QFile command(QStringLiteral("/proc/%1/cmdline").arg(entry));
        if (!numeric || !stat.open(QIODevice::ReadOnly) || !command.open(QIODevice::ReadOnly))
            continue;
        const QByteArray text = stat.readAll();
        if (text.mid(text.lastIndexOf(')') + 2).split(' ').value(1).toLongLong() == postmaster
            && command.readAll().contains("[local]"))
            out.insert(pid, cpuSeconds(pid));
    }
    return out;
}

// The CPU seconds spent since `before` (cpuWithServer()): what each process of now used since
// then, all of it for a new one. A backend that ended in between (a connection closed late by a
// thread) is not counted, rather than taken off.
double cpuSince(const QHash<qint64, double> &before, const QString &socketDir)
{
    double total = 0;
    const QHash<qint64, double> now = cpuWithServer(socketDir);
    for (auto it = now.cbegin(); it != now.cend(); ++it)
        total += it.value() - before.value(it.key(), 0);
    return total;
}

// The fake in a thread of its own, as an independent server would be.
class FakeServer
{
public:
    FakeServer()
    {
        m_thread.start();
        m_fake = new FakeBinanceRest();
        m_fake->moveToThread(&m_thread);
        bool ok = false;
        QMetaObject::invokeMethod(
            m_fake, [&] { ok = m_fake->listen(); }, Qt::BlockingQueuedConnection);
        if (!ok)
            qFatal("fake server did not start");
    }
    ~FakeServer()
    {
        QMetaObject::invokeMethod(m_fake, &QObject::deleteLater);
        m_thread.quit();
        m_thread.wait();
    }
    FakeBinanceRest *operator->() const { return m_fake; }

private:
    QThread m_thread;
    FakeBinanceRest *m_fake;
};

struct FillResult
{
    double seconds = 0;
    double fetchedSeconds = 0; // when the last page was queued for the store
    qint64 queuedAtFetched = 0; // candles queued but not yet stored then
    qint64 stored = 0;
    int requests = 0;
    QString error;
};

FillResult fill(HistoryCache &cache, const QList<SeriesKey> &keys, TimeRange range)
{
    FillResult result;
    QElapsedTimer timer;
    timer.start();
    QEventLoop loop;
    int open = int(keys.size());
    for (const SeriesKey &key : keys) {
        HistoryCacheJob *job = cache.ensure(key, range);
        QObject::connect(job, &Job::progress, &loop, [&, job](qint64 done, qint64 total) {
            if (done == total && total > 0 && result.fetchedSeconds == 0) {
                result.fetchedSeconds = timer.nsecsElapsed() / 1e9;
                result.queuedAtFetched = total - job->candlesStored();
            }
        });
        QObject::connect(job, &HistoryCacheJob::finished, &loop, [&, job] {
            result.stored += job->candlesStored();
            result.requests += job->requestCount();
            if (--open == 0)
                loop.quit();
        });
        QObject::connect(job, &HistoryCacheJob::failed, &loop, [&](const ProviderError &e) {
            result.error = e.message;
            loop.quit();
        });
        job->start();
    }
    loop.exec();
    result.seconds = timer.nsecsElapsed() / 1e9;
    return result;
}

// The database at `path`, or the end of the benchmark.
std::shared_ptr<CandleDatabase> openDatabase(const QString &path)
{
    QString error;
    auto database = CandleDatabase::open(path, CandleDatabase::Access::ReadWrite, &error);
    if (!database)
        qFatal("%s", qPrintable(error));
    return database;
}

// Bytes per candle of a closed database file (the last connection checkpointed the WAL into it).
double bytesPerCandle(const QString &path, qint64 candles)
{
    const QFileInfo wal(path + QStringLiteral("-wal"));
    return double(QFileInfo(path).size() + (wal.exists() ? wal.size() : 0)) / double(candles);
}

// A year of 1m candles with the magnitudes of Binance's BTCUSDT (price ~30000 with a 0.01 tick,
// 1-100 BTC a minute in steps of 0.00001, the quote volume exact at 7 decimals), written straight
// to a store: the fake's volumes are smaller, so this is the figure for real data.
double btcLikeBytesPerCandle(const QString &path)
{
    const SeriesKey key{QStringLiteral("binance"), QStringLiteral("BTCUSDT"), Interval::M1};
    std::mt19937_64 random(12);
    const auto uniform = [&random](qint64 lo, qint64 hi) {
        return std::uniform_int_distribution<qint64>(lo, hi)(random);
    };
    qint64 price = 3000000; // cents
    CandleBatch batch;
    qint64 stored = 0;
    SqliteCandleStore store;
    if (!store.open(path))
        qFatal("%s", qPrintable(store.errorString()));
    for (qint64 t = From; t < To; t += Durations::MinuteMs) {
        const qint64 open = price;
        const qint64 close = open + uniform(-2000, 2000);
        const qint64 high = std::max(open, close) + uniform(0, 1500);
        const qint64 low = std::min(open, close) - uniform(0, 1500);
        price = close;
        const qint64 volume = uniform(100000, 10000000); // 1e-5 BTC
        const qint64 taker = volume * uniform(30, 70) / 100;
        const qint64 vwap = uniform(low, high);
        Candle c;
        c.openTime = t;
        c.open = open / 100.0;
        c.high = high / 100.0;
        c.low = low / 100.0;
        c.close = close / 100.0;
        c.volume = volume / 1e5;
        c.takerBuyBase = taker / 1e5;
        c.quoteVolume = double(volume * vwap) / 1e7; // 1e-7 USDT: below 2^53, exact
        c.takerBuyQuote = double(taker * vwap) / 1e7;
        c.trades = uniform(10, 3000);
        batch.append(c);
        if (batch.size() == 1000) {
            if (!store.write(key, batch))
                qFatal("%s", qPrintable(store.errorString()));
            stored += batch.size();
            batch.clear();
        }
    }
    store.close();
    return bytesPerCandle(path, stored);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QLoggingCategory::setFilterRules(QStringLiteral("candlewick.*.debug=false"));
    const QStringList args = app.arguments();
    const qsizetype ccxtAt = args.indexOf(QStringLiteral("--ccxt-dir"));
    const QString ccxtDir = ccxtAt > 0 ? args.value(ccxtAt + 1) : QString();
    const bool fetchOnly = args.contains(QStringLiteral("--fetch-only"));
    QTemporaryDir dir;
    const SeriesKey btc{QStringLiteral("binance"), QStringLiteral("BTCUSDT"), Interval::M1};

    // fetch_unthrottled: one year, fresh database, end to end (fetch, parse, validate, store).
    FakeServer fake;
    fake->addSymbol(QStringLiteral("BTCUSDT"), QStringLiteral("BTC"), QStringLiteral("USDT"),
                    From - 86400000);
    const QString db = dir.filePath(QStringLiteral("year.sqlite"));
    double ours = 0;
    {
        BinanceRestProvider provider(fake->baseUrl());
        HistoryCache cache(&provider, openDatabase(db));
        const double cpu = cpuSeconds(getpid());
        const FillResult r = fill(cache, {btc}, {From, To});
        if (!r.error.isEmpty() || r.stored != 525600)
            qFatal("fetch failed: %s (%lld stored)", qPrintable(r.error), r.stored);
        ours = r.seconds;
        report("fetch_unthrottled", r.stored / r.seconds, "candles/s");
        // The CPU time of the whole process (the fake server included).
        report("fetch_unthrottled_cpu", cpuSeconds(getpid()) - cpu, "s");
        report("fetch_unthrottled_seconds", r.seconds, "s");
        report("fetch_unthrottled_fetched_seconds", r.fetchedSeconds, "s (last page queued)");
        report("fetch_unthrottled_queued_then", r.queuedAtFetched, "candles");
        report("fetch_unthrottled_requests", r.requests, "requests");
    }
    // store_bytes_per_candle: the file of that year once its last connection closed.
    report("store_bytes_per_candle_1m", bytesPerCandle(db, 525600), "bytes/candle");
    if (!fetchOnly) {
        const SeriesKey btc1s{QStringLiteral("binance"), QStringLiteral("BTCUSDT"), Interval::S1};
        const QString dayDb = dir.filePath(QStringLiteral("day1s.sqlite"));
        {
            BinanceRestProvider provider(fake->baseUrl());
            HistoryCache cache(&provider, openDatabase(dayDb));
            const FillResult r = fill(cache, {btc1s}, {From, From + Durations::DayMs});
            if (!r.error.isEmpty() || r.stored != 86400)
                qFatal("1s fetch failed: %s (%lld stored)", qPrintable(r.error), r.stored);
        }
        report("store_bytes_per_candle_1s", bytesPerCandle(dayDb, 86400), "bytes/candle");
        report("store_bytes_per_candle_btc_like_1m",
               btcLikeBytesPerCandle(dir.filePath(QStringLiteral("btclike.sqlite"))),
               "bytes/candle");
    }

    // read_year: the stored year back into memory.
    if (!fetchOnly) {
        SqliteCandleStore store;
        if (!store.open(db))
            qFatal("%s", qPrintable(store.errorString()));
        const qint64 before = residentBytes();
        QElapsedTimer timer;
        timer.start();
        const CandleBatch year = store.read(btc, {From, To});
        const double seconds = timer.nsecsElapsed() / 1e9;
        store.close(); // unmaps the file: what remains is the memory the candles hold
        const qint64 after = residentBytes();
        report("read_year", year.size() / seconds, "candles/s");
        report("read_year_memory", double(after - before) / year.size(), "bytes/candle");
        report("read_year_held", double(year.capacity() * sizeof(Candle)) / year.size(),
               "bytes/candle");
    }

    // pg_fetch_year / pg_read_year: the same year into PostgreSQL over its Unix socket, end to
    // end, beside the SQLite figure of this run; then read back.
    Testing::PostgresServer pg;
    if (Testing::PostgresServer::available() && pg.start()
        && pg.createDatabase(QStringLiteral("bench"))) {
        const QString url = pg.url(QStringLiteral("bench"));
        {
            BinanceRestProvider provider(fake->baseUrl());
            HistoryCache cache(&provider, openDatabase(url));
            const auto cpu = cpuWithServer(pg.socketDir());
            const double processCpu = cpuSeconds(getpid());
            const auto writerCpu = namedThreadsCpuSeconds("candlewick-db-writer");
            const FillResult r = fill(cache, {btc}, {From, To});
            if (!r.error.isEmpty() || r.stored != 525600)
                qFatal("PostgreSQL fetch failed: %s (%lld stored)", qPrintable(r.error), r.stored);
            report("pg_fetch_year", r.stored / r.seconds, "candles/s");
            report("pg_fetch_year_vs_sqlite", ours / r.seconds, "x (SQLite time / PostgreSQL)");
            report("pg_fetch_year_seconds", r.seconds, "s");
            report("pg_fetch_year_fetched_seconds", r.fetchedSeconds, "s (last page queued)");
            report("pg_fetch_year_queued_then", r.queuedAtFetched, "candles");
            const double fetchCpu = cpuSince(cpu, pg.socketDir());
            report("pg_fetch_year_cpu", fetchCpu, "s (process + server)");
            report("pg_fetch_year_server_cpu", fetchCpu - (cpuSeconds(getpid()) - processCpu), "s");
            // The store's thread: with the server's part, the chain every candle goes through.
            report("pg_fetch_year_writer_cpu",
                   namedThreadsCpuSince("candlewick-db-writer", writerCpu), "s");
        }
        if (fetchOnly)
            return 0;
        auto store = CandleDatabase::openStore(url, CandleDatabase::Access::ReadOnly);
        if (!store->isOpen())
            qFatal("%s", qPrintable(store->errorString()));
        QElapsedTimer timer;
        auto cpu = cpuWithServer(pg.socketDir());
        timer.start();
        const CandleBatch year = store->read(btc, {From, To});
        const double seconds = timer.nsecsElapsed() / 1e9;
        const double readCpu = cpuSince(cpu, pg.socketDir());
        if (year.size() != 525600)
            qFatal("PostgreSQL read %lld candles", qint64(year.size()));
        report("pg_read_year", year.size() / seconds, "candles/s");
        // The CPU time of client and server: what the machine's load does not change.
        report("pg_read_year_cpu", readCpu, "s (client + server)");

        // pg_store_year: the year written again by the store alone into a fresh database, in
        // the batches a fetch writes (1000 candles, each with its coverage): the store's part.
        if (!pg.createDatabase(QStringLiteral("benchstore")))
            qFatal("%s", qPrintable(pg.errorString()));
        auto writer = CandleDatabase::openStore(pg.url(QStringLiteral("benchstore")),
                                                CandleDatabase::Access::ReadWrite);
        cpu = cpuWithServer(pg.socketDir());
        const double clientBefore = cpuSeconds(getpid());
        timer.restart();
        for (qsizetype at = 0; at < year.size(); at += 1000) {
            const CandleBatch batch = year.mid(at, 1000);
            if (!writer->write(btc, batch,
                               {{batch.first().openTime,
                                 Intervals::next(btc.interval, batch.last().openTime)}}))
                qFatal("%s", qPrintable(writer->errorString()));
        }
        report("pg_store_year", year.size() / (timer.nsecsElapsed() / 1e9), "candles/s");
        report("pg_store_year_cpu", cpuSince(cpu, pg.socketDir()), "s (client + server)");
        report("pg_store_year_client_cpu", cpuSeconds(getpid()) - clientBefore, "s");

        // pg_write_one_cpu: 5,000 writes of one new candle each into a series of its own (a
        // recorder's closed candles, one transaction per candle), their CPU time of client and
        // server per write: what a write costs beyond its rows.
        {
            constexpr int Writes = 5000;
            const SeriesKey eth{btc.exchange, QStringLiteral("ETHUSDT"), btc.interval};
            cpu = cpuWithServer(pg.socketDir());
            timer.restart();
            for (int i = 0; i < Writes; ++i) {
                const Candle &c = year.at(year.size() - Writes + i);
                if (!writer->write(eth, {c},
                                   {{c.openTime, Intervals::next(btc.interval, c.openTime)}}))
                    qFatal("%s", qPrintable(writer->errorString()));
            }
            report("pg_write_one", Writes / (timer.nsecsElapsed() / 1e9), "writes/s");
            report("pg_write_one_cpu", cpuSince(cpu, pg.socketDir()) / Writes * 1e6,
                   "us/write (client + server)");
        }

        // pg_write_all_year: the year again into a fresh database through writeAll() (an archive
        // file's path: one transaction) in batches of 10,000; how much the resident set grew
        // beyond the year the benchmark holds (flat: each batch is sent as it comes).
        if (!pg.createDatabase(QStringLiteral("benchstream")))
            qFatal("%s", qPrintable(pg.errorString()));
        auto streamer = CandleDatabase::openStore(pg.url(QStringLiteral("benchstream")),
                                                  CandleDatabase::Access::ReadWrite);
        resetPeakResident();
        const qint64 residentBefore = residentBytes();
        timer.restart();
        qsizetype at = 0;
        if (!streamer->writeAll(btc,
                                [&](CandleBatch &batch) {
                                    if (at == year.size())
                                        return CandleStore::NextBatch::End;
                                    batch = year.mid(at, 10000);
                                    at += batch.size();
                                    return CandleStore::NextBatch::Batch;
                                },
                                {{From, To}}))
            qFatal("%s", qPrintable(streamer->errorString()));
        report("pg_write_all_year", year.size() / (timer.nsecsElapsed() / 1e9), "candles/s");
        report("pg_write_all_peak_rss_growth",
               double(peakResidentBytes() - residentBefore) / (1 << 20), "MB");
    } else {
        std::fprintf(stderr, "PostgreSQL benchmarks skipped: %s\n",
                     qPrintable(Testing::PostgresServer::available()
                                    ? pg.errorString()
                                    : QStringLiteral("not installed")));
    }

    // fetch_vs_ccxt: the same year through ccxt's fetchOHLCV loop, in this run.
    if (!ccxtDir.isEmpty()) {
        const auto ccxt = [&](bool rateLimit) {
            return Bench::runCcxt(ccxtDir, QStringLiteral("binance"), fake->baseUrl(),
                                  QStringLiteral("BTC/USDT"), From, To, 525600, rateLimit);
        };
        if (const auto free = ccxt(false))
            report("fetch_vs_ccxt_no_rate_limit", free->seconds / ours, "x (ccxt time / ours)");
        if (const auto limited = ccxt(true))
            report("fetch_vs_ccxt_rate_limit", limited->seconds / ours, "x (ccxt time / ours)");
    }

    // fetch_paced: ten symbols x one year, 50 ms latency, 1,200 weight per 10 s window.
    if (!args.contains(QStringLiteral("--no-paced"))) {
        FakeServer paced;
        paced->setWeightLimit(1200, 10, 'S');
        paced->setLatencyMs(50);
        QList<SeriesKey> keys;
        for (int i = 0; i < 10; ++i) {
            const QString symbol = QStringLiteral("SYM%1USDT").arg(i);
            paced->addSymbol(symbol, QStringLiteral("SYM%1").arg(i), QStringLiteral("USDT"),
                             From - 86400000);
            keys.append({QStringLiteral("binance"), symbol, Interval::M1});
        }
        BinanceRestProvider provider(paced->baseUrl());
        HistoryCache cache(&provider, openDatabase(dir.filePath(QStringLiteral("paced.sqlite"))));
        const FillResult r = fill(cache, keys, {From, To});
        if (!r.error.isEmpty())
            qFatal("paced fetch failed: %s", qPrintable(r.error));
        const int klines = paced->klinesRequestCount();
        const int other = paced->requestCount() - klines; // exchangeInfo, weight 20 each
        const double weight = klines * 2.0 + other * 20.0;
        const double floor = weight / 1200.0 * 10.0;
        report("fetch_paced_seconds", r.seconds, "s");
        report("fetch_paced_floor", floor, "s");
        report("fetch_paced_over_floor", (r.seconds / floor - 1) * 100, "%");
        report("fetch_paced_429", paced->rateLimitedCount(), "responses");
        report("fetch_paced_418", paced->bannedCount(), "responses");
    }
    return 0;
}
