// Live ingest benchmark (issue 3). Prints "BENCH <name> <value> <unit>" lines; never passes or
// fails on time.
//
// The fake Binance WebSocket server, in its own thread, floods kline events for 1,000 streams
// (four forming updates, then the closing one, per candle) over loopback as fast as the socket
// takes them, for 10 s. The BinanceLiveFeed parses and dispatches them in the main thread
// and a Recorder stores every closed candle into a temporary SQLite file, one transaction each.
//
//   live_ingest_msgs_per_s          kline events parsed and dispatched per second
//   live_ingest_closed_per_s        closed candles stored per second (through the Recorder)
//   live_ingest_closed_p50/p99_us   frame received -> candleClosed emitted
//   live_ingest_stored_p50/p99_us   frame received -> candle stored (Recorder::candleStored)
//   live_ingest_lost                events the fake sent that never reached a consumer (must be 0)
//
// Usage: candlewick-bench-live [seconds=10] [streams=1000] [nostore] [--ccxt-dir DIR]
//   nostore: no Recorder (the provider alone); the names get a _nostore suffix.
//   --ccxt-dir DIR: live_vs_ccxt. After our run (forced to nostore: ccxt stores nothing either),
//   the same fake floods the same number of streams for the same time to ccxt.pro's
//   watchOHLCVForSymbols (node DIR/watch_ohlcv.mjs as a child process; DIR/node_modules holds
//   ccxt, see bench/ccxt/install.sh), with a FakeBinanceRest for its loadMarkets. Prints
//   live_vs_ccxt (our msgs/s / ccxt msgs/s) and both rates.

#include "benchharness.h"

#include <binance/binancelivefeed.h>
#include <candledatabase.h>
#include <clock.h>
#include <fakebinancerest.h>
#include <fakebinancews.h>
#include <gapfreefeed.h>
#include <recorder.h>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace Candlewick;
using Candlewick::Bench::percentileUs;
using Candlewick::Bench::steadyNs;
using Candlewick::Bench::waitUntil;
using Candlewick::Testing::FakeBinanceRest;
using Candlewick::Testing::FakeBinanceWs;

namespace {

void report(const QByteArray &name, double value, const char *unit)
{
    std::printf("BENCH %s %.1f %s\n", name.constData(), value, unit);
    std::fflush(stdout);
}

// Runs fn in the fake's thread and returns its result.
template<typename Fn> auto inFake(FakeBinanceWs *fake, Fn fn)
{
    decltype(fn()) result{};
    QMetaObject::invokeMethod(
        fake, [&] { result = fn(); }, Qt::BlockingQueuedConnection);
    return result;
}

// Candles from a fixed start, one minute further per closing event.
constexpr qint64 FirstOpen = 1700000000000LL - 1700000000000LL % 60000;

QString symbolAt(int i)
{
    return QStringLiteral("S%1USDT").arg(i, 4, 10, QLatin1Char('0'));
}

// Our provider (and the Recorder unless noStore) against the flood. Returns messages/s.
double runOurs(FakeBinanceWs *fake, const QUrl &url, int seconds, int streams, bool noStore)
{
    QTemporaryDir dir;
    QString error;
    const auto database = CandleDatabase::open(dir.filePath(QStringLiteral("live-bench.sqlite")),
                                               CandleDatabase::Access::ReadWrite, &error);
    if (!database)
        qFatal("cannot open the store: %s", qPrintable(error));

    // The recording path as the record command builds it: the kline feed behind a GapFreeFeed.
    auto *raw = new BinanceLiveFeed(url);
    GapFreeFeed live(raw, nullptr);
    Recorder recorder(database, &live);
    for (int i = 0; i < streams; ++i) {
        const SeriesKey key{QStringLiteral("binance"), symbolAt(i), Interval::M1};
        if (noStore)
            live.subscribe(key);
        else
            recorder.addSeries(key);
    }

    std::vector<qint64> closedNs;
    std::vector<qint64> storedNs;
    closedNs.reserve(4'000'000);
    storedNs.reserve(4'000'000);
    bool measuring = false;
    // Connected before the Recorder starts, so this runs first: dispatch latency alone.
    QObject::connect(&live, &LiveFeed::candleClosed, &live, [&](const SeriesKey &, const Candle &) {
        if (measuring)
            closedNs.push_back(steadyNs() - raw->currentFrameReceivedNs());
    });
    QObject::connect(&recorder, &Recorder::candleStored, &recorder,
                     [&](const SeriesKey &, const Candle &) {
                         if (measuring)
                             storedNs.push_back(steadyNs() - raw->currentFrameReceivedNs());
                     });
    if (!noStore)
        recorder.start();

    if (!waitUntil([&] { return live.state() == ConnectionState::Live; }, 20000))
        qFatal("the provider did not go live");
    // The streams beyond the URL's are subscribed by paced messages.
    if (!waitUntil(
            [&] {
                return inFake(fake, [fake] { return int(fake->allStreams().size()); }) == streams;
            },
            20000))
        qFatal("not all streams were subscribed");

    const qint64 eventsBefore = live.stats().frames;
    const qint64 closedBefore
        = noStore ? live.stats().closedEmitted : recorder.counters().closedStored;
    const qint64 sentBefore = inFake(fake, [fake] { return fake->floodEventsSent(); });
    const qint64 closedSentBefore = inFake(fake, [fake] { return fake->floodClosedSent(); });
    inFake(fake, [fake] {
        fake->startFlood(4, FirstOpen);
        return true;
    });
    measuring = true;
    QElapsedTimer timer;
    timer.start();
    QTimer::singleShot(seconds * 1000, &live, [&] { measuring = false; });
    waitUntil([&] { return !measuring; }, seconds * 1000 + 60000);
    const double elapsedS = double(timer.nsecsElapsed()) / 1e9;
    const qint64 events = live.stats().frames - eventsBefore;
    const qint64 closed
        = (noStore ? live.stats().closedEmitted : recorder.counters().closedStored) - closedBefore;

    // Stop, let everything in flight arrive, count what never did.
    const qint64 sent = inFake(fake,
                               [fake] {
                                   fake->stopFlood();
                                   return fake->floodEventsSent();
                               })
        - sentBefore;
    const qint64 closedSent
        = inFake(fake, [fake] { return fake->floodClosedSent(); }) - closedSentBefore;
    waitUntil([&] { return live.stats().frames - eventsBefore >= sent; }, 30000);
    const qint64 received = live.stats().frames - eventsBefore;
    const qint64 closedEmitted = live.stats().closedEmitted;

    const QByteArray suffix = noStore ? "_nostore" : "";
    auto name = [&suffix](const char *base) { return QByteArray(base) + suffix; };
    const double msgsPerS = double(events) / elapsedS;
    report(name("live_ingest_msgs_per_s"), msgsPerS, "msg/s");
    report(name(noStore ? "live_ingest_closed_emitted_per_s" : "live_ingest_closed_per_s"),
           double(closed) / elapsedS, "candles/s");
    report(name("live_ingest_closed_p50_us"), percentileUs(closedNs, 0.50), "us");
    report(name("live_ingest_closed_p99_us"), percentileUs(closedNs, 0.99), "us");
    if (!noStore) {
        report("live_ingest_stored_p50_us", percentileUs(storedNs, 0.50), "us");
        report("live_ingest_stored_p99_us", percentileUs(storedNs, 0.99), "us");
    }
    report(name("live_ingest_lost"), double(sent - received), "msgs");
    report(name("live_ingest_closed_lost"), double(closedSent - closedEmitted), "candles");
    report(name("live_ingest_rejected"), double(live.stats().rejectedFrames), "msgs");
    std::fprintf(stderr,
                 "%d streams, %.1f s: %lld events (%lld sent in all), %lld closed stored, %lld "
                 "duplicates dropped, %lld reconnects, %lld write errors\n",
                 streams, elapsedS, static_cast<long long>(events), static_cast<long long>(sent),
                 static_cast<long long>(closed),
                 static_cast<long long>(live.stats().duplicatesDropped),
                 static_cast<long long>(live.stats().reconnects),
                 static_cast<long long>(recorder.counters().writeErrors));

    if (!noStore)
        recorder.stop();
    return msgsPerS;
}

// ccxt.pro's watchOHLCVForSymbols (node, DIR/watch_ohlcv.mjs) against the same flood. Returns
// the kline events ccxt handled per second, or -1.
double runCcxt(FakeBinanceWs *fake, const QUrl &wsUrl, const QString &ccxtDir, int seconds,
               int streams)
{
    // loadMarkets needs exchangeInfo: the REST fake lists the same symbols.
    FakeBinanceRest rest(Clock::system());
    if (!rest.listen())
        qFatal("the REST fake cannot listen");
    QTemporaryDir dir;
    const QString symbolsFile = dir.filePath(QStringLiteral("symbols.txt"));
    {
        QFile f(symbolsFile);
        if (!f.open(QIODevice::WriteOnly))
            qFatal("cannot write %s", qPrintable(symbolsFile));
        for (int i = 0; i < streams; ++i) {
            const QString base = QStringLiteral("S%1").arg(i, 4, 10, QLatin1Char('0'));
            rest.addSymbol(symbolAt(i), base, QStringLiteral("USDT"), FirstOpen - 86400000);
            f.write((base + QStringLiteral("/USDT\n")).toLatin1());
        }
    }

    // Our provider is gone; the regular 2 s updates stay off so the first event ccxt sees (which
    // starts its clock) is from the flood.
    if (!waitUntil([&] { return inFake(fake, [fake] { return fake->connectionCount(); }) == 0; },
                   20000))
        qFatal("our provider's connection did not close");
    const qsizetype controlBefore = inFake(fake, [fake] {
        fake->setStalled(true);
        return fake->controlMessages().size();
    });
    const qsizetype closesBefore
        = inFake(fake, [fake] { return fake->serverCloseReasons().size(); });
    const qint64 sentBefore = inFake(fake, [fake] { return fake->floodEventsSent(); });

    QProcess node;
    node.setWorkingDirectory(ccxtDir);
    node.start(QStringLiteral("node"),
               {QStringLiteral("watch_ohlcv.mjs"), rest.baseUrl().toString(), wsUrl.toString(),
                symbolsFile, QString::number(seconds)});
    auto nodeDone = [&node] { return node.state() == QProcess::NotRunning; };
    auto failed = [&](const char *what) {
        std::fprintf(stderr, "ccxt run failed (%s): exit %d\n%s\n", what, node.exitCode(),
                     node.readAllStandardError().constData());
        const QStringList closes = inFake(fake, [fake] { return fake->serverCloseReasons(); });
        for (qsizetype i = closesBefore; i < closes.size(); ++i)
            std::fprintf(stderr, "the fake closed a ccxt connection: %s\n", qPrintable(closes[i]));
        return -1.0;
    };
    if (!node.waitForStarted(10000))
        return failed("node did not start");
    if (!waitUntil(
            [&] {
                return nodeDone()
                    || inFake(fake, [fake] { return fake->allStreams().size(); }) == streams;
            },
            60000)
        || nodeDone()) {
        node.kill();
        node.waitForFinished();
        return failed("subscription");
    }
    inFake(fake, [fake] {
        fake->startFlood(4, FirstOpen);
        return true;
    });
    const bool finished = waitUntil(nodeDone, seconds * 1000 + 60000);
    const qint64 sent = inFake(fake,
                               [fake] {
                                   fake->stopFlood();
                                   fake->setStalled(false);
                                   return fake->floodEventsSent();
                               })
        - sentBefore;
    if (!finished) {
        node.kill();
        node.waitForFinished();
        return failed("timeout");
    }
    if (node.exitStatus() != QProcess::NormalExit || node.exitCode() != 0)
        return failed("exit");

    const QJsonObject o = QJsonDocument::fromJson(node.readAllStandardOutput().trimmed()).object();
    const double handled = o.value(QStringLiteral("handled")).toDouble();
    const double elapsed = o.value(QStringLiteral("seconds")).toDouble();
    if (elapsed <= 0)
        return failed("no result");
    const QStringList control = inFake(fake, [fake] { return fake->controlMessages(); });
    const QStringList closes = inFake(fake, [fake] { return fake->serverCloseReasons(); });
    for (qsizetype i = controlBefore; i < control.size(); ++i) {
        const QJsonObject m = QJsonDocument::fromJson(control[i].toUtf8()).object();
        std::fprintf(stderr, "ccxt control message: %s with %lld params\n",
                     qPrintable(m.value(QStringLiteral("method")).toString()),
                     static_cast<long long>(m.value(QStringLiteral("params")).toArray().size()));
    }
    for (qsizetype i = closesBefore; i < closes.size(); ++i)
        std::fprintf(stderr, "the fake closed a ccxt connection: %s\n", qPrintable(closes[i]));
    std::fprintf(
        stderr,
        "ccxt: %d streams, %.1f s: %.0f events handled, %.0f watch results (%.0f candles); "
        "%lld sent by the fake; %.2f s to the first event (loadMarkets, connect, subscribe)\n",
        streams, elapsed, handled, o.value(QStringLiteral("delivered")).toDouble(),
        o.value(QStringLiteral("rows")).toDouble(), static_cast<long long>(sent),
        o.value(QStringLiteral("ready")).toDouble());
    const double rate = handled / elapsed;
    report("live_vs_ccxt_ccxt_msgs_per_s", rate, "msg/s");
    report("live_vs_ccxt_ccxt_watch_results_per_s",
           o.value(QStringLiteral("delivered")).toDouble() / elapsed, "results/s");
    return rate;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QStringList args = app.arguments().mid(1);
    QString ccxtDir;
    if (const qsizetype at = args.indexOf(QStringLiteral("--ccxt-dir")); at >= 0) {
        ccxtDir = args.value(at + 1);
        args.remove(at, std::min<qsizetype>(2, args.size() - at));
        if (ccxtDir.isEmpty())
            qFatal("--ccxt-dir needs a directory");
    }
    const int seconds = !args.isEmpty() ? std::max(1, args[0].toInt()) : 10;
    const int streams = args.size() > 1 ? std::clamp(args[1].toInt(), 1, 1024) : 1000;
    const bool noStore
        = !ccxtDir.isEmpty() || (args.size() > 2 && args[2] == QLatin1StringView("nostore"));

    // The fake, in its own thread, on the real clock.
    QThread fakeThread;
    fakeThread.setObjectName(QStringLiteral("fake-binance-ws"));
    auto *fake = new FakeBinanceWs(Clock::system());
    fake->moveToThread(&fakeThread);
    QObject::connect(&fakeThread, &QThread::finished, fake, &QObject::deleteLater);
    fakeThread.start();
    if (!inFake(fake, [fake] { return fake->listen(); }))
        qFatal("the fake cannot listen");
    const QUrl url = inFake(fake, [fake] { return fake->url(); });

    const double ours = runOurs(fake, url, seconds, streams, noStore);
    int rc = 0;
    if (!ccxtDir.isEmpty()) {
        const double theirs = runCcxt(fake, url, ccxtDir, seconds, streams);
        if (theirs > 0) {
            report("live_vs_ccxt_our_msgs_per_s", ours, "msg/s");
            report("live_vs_ccxt", ours / theirs, "x (our msgs/s / ccxt msgs/s)");
        } else {
            rc = 1;
        }
    }

    fakeThread.quit();
    fakeThread.wait();
    return rc;
}
