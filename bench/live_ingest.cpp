// Live ingest benchmark (issue 3). Prints "BENCH <name> <value> <unit>" lines; never passes or
// fails on time.
//
// The fake Binance WebSocket server, in its own thread, floods kline events for 1,000 streams
// (four forming updates, then the closing one, per candle) over loopback as fast as the socket
// takes them, for 10 s. The BinanceWebSocketProvider parses and dispatches them in the main thread
// and a Recorder stores every closed candle into a temporary SQLite file, one transaction each.
//
//   live_ingest_msgs_per_s          kline events parsed and dispatched per second
//   live_ingest_closed_per_s        closed candles stored per second (through the Recorder)
//   live_ingest_closed_p50/p99_us   frame received -> candleClosed emitted
//   live_ingest_stored_p50/p99_us   frame received -> candle stored (Recorder::candleStored)
//   live_ingest_lost                events the fake sent that never reached a consumer (must be 0)
//
// Usage: candlewick-bench-live [seconds=10] [streams=1000] [nostore]
//   nostore: no Recorder (the provider alone); the names get a _nostore suffix.

#include <binancewebsocketprovider.h>
#include <candlestore.h>
#include <clock.h>
#include <fakebinancews.h>
#include <recorder.h>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <vector>

using namespace Candlewick;
using Candlewick::Testing::FakeBinanceWs;

namespace {

void report(const QByteArray &name, double value, const char *unit)
{
    std::printf("BENCH %s %.1f %s\n", name.constData(), value, unit);
    std::fflush(stdout);
}

qint64 steadyNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

template<typename Pred>
bool waitFor(Pred pred, int timeoutMs)
{
    QElapsedTimer timer;
    timer.start();
    while (!pred()) {
        if (timer.elapsed() > timeoutMs)
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents | QEventLoop::WaitForMoreEvents, 10);
    }
    return true;
}

// Runs fn in the fake's thread and returns its result.
template<typename Fn>
auto inFake(FakeBinanceWs *fake, Fn fn)
{
    decltype(fn()) result{};
    QMetaObject::invokeMethod(fake, [&] { result = fn(); }, Qt::BlockingQueuedConnection);
    return result;
}

double percentileUs(std::vector<qint64> &ns, double p)
{
    if (ns.empty())
        return 0;
    const size_t k = std::min(ns.size() - 1, size_t(p * double(ns.size())));
    std::nth_element(ns.begin(), ns.begin() + qsizetype(k), ns.end());
    return double(ns[k]) / 1000.0;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const int seconds = argc > 1 ? std::max(1, atoi(argv[1])) : 10;
    const int streams = argc > 2 ? std::clamp(atoi(argv[2]), 1, 1024) : 1000;
    const bool noStore = argc > 3 && qstrcmp(argv[3], "nostore") == 0;

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

    QTemporaryDir dir;
    CandleStore store;
    if (!store.open(dir.filePath(QStringLiteral("live-bench.sqlite"))))
        qFatal("cannot open the store: %s", qPrintable(store.errorString()));

    BinanceWebSocketProvider live(url);
    Recorder recorder(&store, &live);
    for (int i = 0; i < streams; ++i) {
        const SeriesKey key{QStringLiteral("binance"),
                            QStringLiteral("S%1USDT").arg(i, 4, 10, QLatin1Char('0')), Interval::M1};
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
    QObject::connect(&live, &MarketDataProvider::candleClosed, &live, [&](const SeriesKey &, const Candle &) {
        if (measuring)
            closedNs.push_back(steadyNs() - live.currentFrameReceivedNs());
    });
    QObject::connect(&recorder, &Recorder::candleStored, &recorder, [&](const SeriesKey &, const Candle &) {
        if (measuring)
            storedNs.push_back(steadyNs() - live.currentFrameReceivedNs());
    });
    if (!noStore)
        recorder.start();

    if (!waitFor([&] { return live.state() == ConnectionState::Live; }, 20000))
        qFatal("the provider did not go live");
    // The streams beyond the URL's are subscribed by paced messages.
    if (!waitFor([&] { return inFake(fake, [fake] { return int(fake->allStreams().size()); }) == streams; },
                 20000))
        qFatal("not all streams were subscribed");

    // Flood: candles from a fixed start, one minute further per closing event.
    const qint64 firstOpen = 1700000000000LL - 1700000000000LL % 60000;
    const qint64 eventsBefore = live.stats().klineEvents;
    const qint64 closedBefore = noStore ? live.stats().closedEmitted : recorder.counters().closedStored;
    inFake(fake, [fake, firstOpen] {
        fake->startFlood(4, firstOpen);
        return true;
    });
    measuring = true;
    QElapsedTimer timer;
    timer.start();
    QTimer::singleShot(seconds * 1000, &app, [&] { measuring = false; });
    waitFor([&] { return !measuring; }, seconds * 1000 + 60000);
    const double elapsedS = double(timer.nsecsElapsed()) / 1e9;
    const qint64 events = live.stats().klineEvents - eventsBefore;
    const qint64 closed = (noStore ? live.stats().closedEmitted : recorder.counters().closedStored)
        - closedBefore;

    // Stop, let everything in flight arrive, count what never did.
    const qint64 sent = inFake(fake, [fake] {
        fake->stopFlood();
        return fake->floodEventsSent();
    });
    const qint64 closedSent = inFake(fake, [fake] { return fake->floodClosedSent(); });
    waitFor([&] { return live.stats().klineEvents - eventsBefore >= sent; }, 30000);
    const qint64 received = live.stats().klineEvents - eventsBefore;
    const qint64 closedEmitted = live.stats().closedEmitted;

    const QByteArray suffix = noStore ? "_nostore" : "";
    auto name = [&suffix](const char *base) { return QByteArray(base) + suffix; };
    report(name("live_ingest_msgs_per_s"), double(events) / elapsedS, "msg/s");
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
                 static_cast<long long>(closed), static_cast<long long>(live.stats().duplicatesDropped),
                 static_cast<long long>(live.stats().reconnects),
                 static_cast<long long>(recorder.counters().writeErrors));

    if (!noStore)
        recorder.stop();
    fakeThread.quit();
    fakeThread.wait();
    return 0;
}
