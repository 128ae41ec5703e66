// Replay benchmarks (issue 4). Prints `BENCH <name> <value> <unit>` lines; never fails on time.
// Arguments pick the parts to run (memory, store, pacing; default all), e.g. `replay_bench memory`
// under valgrind --tool=callgrind --toggle-collect='*replayMax*' to count instructions per candle.
//   replay_max_memory   one year of 1m candles from memory into a no-op plugin at max speed
//   replay_max_store    the same year from a temporary SQLite store (chunked cursor, reader thread)
//   replay_pacing       600x over 60 candles of 1m (6 s of wall time): total error and worst
//   lateness

#include <candledatabase.h>
#include <sqlitecandlestore.h>
#include <interval.h>
#include <replay/replayfeed.h>
#include <strategyhost.h>
#include <systemclock.h>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QStringList>
#include <QEventLoop>
#include <QTemporaryDir>

#include <cmath>
#include <cstdio>

using namespace Candlewick;

namespace {

constexpr qint64 Minute = 60'000;
constexpr qint64 T0 = 1704067200000; // 2024-01-01T00:00:00Z
const SeriesKey Key{QStringLiteral("binance"), QStringLiteral("BTCUSDT"), Interval::M1};

void bench(const char *name, double value, const char *unit)
{
    std::printf("BENCH %s %.6g %s\n", name, value, unit);
    std::fflush(stdout);
}

CandleBatch year()
{
    const qint64 n = 365 * 1440;
    CandleBatch out;
    out.reserve(n);
    double price = 40000;
    for (qint64 i = 0; i < n; ++i) {
        Candle c;
        c.openTime = T0 + i * Minute;
        c.open = price;
        price *= 1.0 + 0.0005 * std::sin(double(i) * 0.37);
        c.close = price;
        c.high = std::max(c.open, c.close) * 1.0002;
        c.low = std::min(c.open, c.close) * 0.9998;
        c.volume = 1.5;
        c.quoteVolume = c.volume * price;
        c.trades = 10;
        out.append(c);
    }
    return out;
}

// Replays at max into a noop strategy; returns candles/s (and the count through *delivered).
double replayMax(StrategyHost &host, ReplayFeed &replay, qint64 *delivered)
{
    QString error;
    StrategyRun *run = host.createRun(QStringLiteral("noop"), {}, &error);
    if (!run) {
        std::fprintf(stderr, "replay_bench: %s\n", qPrintable(error));
        return 0;
    }
    run->attach(&replay);
    replay.setSpeed(ReplayFeed::MaxSpeed);
    QEventLoop loop;
    QObject::connect(&replay, &ReplayFeed::finished, &loop, &QEventLoop::quit);
    QObject::connect(&replay, &ReplayFeed::errorOccurred, &loop, [&loop](const QString &m) {
        std::fprintf(stderr, "replay_bench: %s\n", qPrintable(m));
        loop.quit();
    });
    QElapsedTimer timer;
    timer.start();
    replay.play();
    if (replay.playerState() == ReplayFeed::State::Playing)
        loop.exec();
    const double seconds = double(timer.nsecsElapsed()) / 1e9;
    *delivered = run->candleCount();
    delete run;
    return double(*delivered) / seconds;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList parts = app.arguments().mid(1);
    const auto wanted = [&parts](const char *part) {
        return parts.isEmpty() || parts.contains(QLatin1StringView(part));
    };
    StrategyHost host;
    host.addPluginDirectory(QStringLiteral(CANDLEWICK_BENCH_PLUGIN_DIR));
    host.scan();

    const CandleBatch candles = year();
    if (wanted("memory")) {
        ReplayFeed replay;
        replay.setCandles(Key, candles);
        replay.setRange(T0, T0 + candles.size() * Minute);
        qint64 n = 0;
        const double rate = replayMax(host, replay, &n);
        bench("replay_max_memory_candles", double(n), "candles");
        bench("replay_max_memory", rate, "candles/s");
    }
    if (wanted("store")) {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("bench.db"));
        {
            SqliteCandleStore store;
            if (!store.open(path)) {
                std::fprintf(stderr, "replay_bench: %s\n", qPrintable(store.errorString()));
                return 1;
            }
            QElapsedTimer w;
            w.start();
            for (qsizetype i = 0; i < candles.size(); i += 50'000)
                store.write(Key, candles.mid(i, 50'000));
            bench("replay_store_write_year", double(w.nsecsElapsed()) / 1e9, "s");
        }
        QString error;
        const auto database = CandleDatabase::open(path, CandleDatabase::Access::ReadOnly, &error);
        if (!database) {
            std::fprintf(stderr, "replay_bench: %s\n", qPrintable(error));
            return 1;
        }
        ReplayFeed replay;
        replay.setDatabase(database);
        replay.addSeries(Key);
        replay.setRange(T0, T0 + candles.size() * Minute);
        qint64 n = 0;
        const double rate = replayMax(host, replay, &n);
        bench("replay_max_store_candles", double(n), "candles");
        bench("replay_max_store", rate, "candles/s");
        bench("replay_max_store_year", rate > 0 ? double(n) / rate : 0, "s");
    }
    if (wanted("pacing")) {
        // 600x: one 1m candle every 100 ms, 60 of them = 6 s of wall time on the system clock.
        ReplayFeed replay(Clock::system());
        replay.setCandles(Key, candles.mid(0, 60));
        replay.setRange(T0, T0 + 60 * Minute);
        replay.setSpeed(600);
        QElapsedTimer timer;
        qint64 worstLate = 0;
        int k = 0;
        QEventLoop loop;
        QObject::connect(&replay, &LiveFeed::candleClosed, &loop,
                         [&](const SeriesKey &, const Candle &) {
                             ++k;
                             const qint64 target = k * 100;
                             worstLate = std::max(worstLate, timer.elapsed() - target);
                         });
        QObject::connect(&replay, &ReplayFeed::finished, &loop, &QEventLoop::quit);
        timer.start();
        replay.play();
        loop.exec();
        const double wall = double(timer.nsecsElapsed()) / 1e6;
        bench("replay_pacing_wall", wall, "ms");
        bench("replay_pacing_error", std::abs(wall - 6000.0) / 6000.0 * 100.0, "%");
        bench("replay_pacing_worst_late", double(worstLate), "ms");
    }
    return 0;
}
