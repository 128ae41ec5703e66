// watch latency benchmark (issue 11). Prints "BENCH <name> <value> <unit>" lines; never passes
// or fails on time.
//
// A `candlewick-cli watch` process follows one 1s series of a temporary SQLite file while this
// process commits one candle every 50 ms through its own store connection (as `record` would).
// The latency of a candle is from the moment its write transaction returned to the moment its
// JSON line arrived on watch's stdout. With `pg`, the same on a PostgreSQL server of its own
// (watch LISTENs: the poll interval does not matter there), as pg_watch_*.
//
//   watch_latency_p50_ms / watch_latency_p99_ms / watch_latency_max_ms
//   watch_lines_lost     candles committed that never came out (must be 0)
//
// Usage: candlewick-bench-watch [candles=200] [poll-ms=20] [pg]

#include <candledatabase.h>
#include <candlestore.h>
#include <postgresserver.h>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QHash>
#include <QProcess>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <cstdio>

using namespace Candlewick;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const int count = args.size() > 1 ? args.at(1).toInt() : 200;
    const QString pollMs = args.size() > 2 ? args.at(2) : QStringLiteral("20");

    const bool pg = args.size() > 3 && args.at(3) == u"pg";
    const char *prefix = pg ? "pg_" : "";

    QTemporaryDir dir;
    QString path = dir.filePath(QStringLiteral("watch.sqlite"));
    Testing::PostgresServer server;
    if (pg) {
        if (!server.start() || !server.createDatabase(QStringLiteral("watch"))) {
            std::fprintf(stderr, "%s\n", qPrintable(server.errorString()));
            return 1;
        }
        path = server.url(QStringLiteral("watch"));
    }
    const std::unique_ptr<CandleStore> opened
        = CandleDatabase::openStore(path, CandleDatabase::Access::ReadWrite);
    CandleStore &store = *opened;
    if (!store.isOpen()) {
        std::fprintf(stderr, "%s\n", qPrintable(store.errorString()));
        return 1;
    }
    const SeriesKey key{QStringLiteral("binance"), QStringLiteral("BTCUSDT"), Interval::S1};
    constexpr qint64 T0 = 1709251200000;

    QProcess watch;
    watch.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    watch.start(QStringLiteral(CANDLEWICK_CLI_PATH),
                {QStringLiteral("watch"), QStringLiteral("--db"), path, QStringLiteral("--symbols"),
                 QStringLiteral("BTCUSDT"), QStringLiteral("--interval"), QStringLiteral("1s"),
                 QStringLiteral("--from"), QString::number(T0), QStringLiteral("--poll-ms"),
                 pollMs});
    if (!watch.waitForStarted())
        return 1;

    QElapsedTimer clock;
    clock.start();
    QHash<qint64, qint64> committedAt; // open time -> ns
    QList<double> latenciesMs;
    QByteArray buffer;
    QEventLoop loop;
    QObject::connect(&watch, &QProcess::readyReadStandardOutput, &loop, [&] {
        const qint64 now = clock.nsecsElapsed();
        buffer += watch.readAllStandardOutput();
        qsizetype end;
        while ((end = buffer.indexOf('\n')) >= 0) {
            const QByteArray line = buffer.left(end);
            buffer.remove(0, end + 1);
            const qsizetype at = line.indexOf("\"timestamp\":");
            const qint64 openTime = line.mid(at + 12, 13).toLongLong();
            if (const auto it = committedAt.constFind(openTime); it != committedAt.constEnd())
                latenciesMs.append(double(now - *it) / 1e6);
        }
        if (latenciesMs.size() >= count)
            loop.quit();
    });
    int written = 0;
    QTimer writer;
    QObject::connect(&writer, &QTimer::timeout, &loop, [&] {
        if (written >= count) {
            writer.stop();
            QTimer::singleShot(2000, &loop, &QEventLoop::quit);
            return;
        }
        Candle c;
        c.openTime = T0 + written * 1000;
        c.open = c.high = c.low = c.close = 100 + written;
        c.volume = 1;
        if (!store.write(key, {c}))
            loop.quit();
        committedAt.insert(c.openTime, clock.nsecsElapsed());
        ++written;
    });
    writer.start(50);
    loop.exec();
    watch.terminate();
    watch.waitForFinished();

    std::sort(latenciesMs.begin(), latenciesMs.end());
    const auto at = [&](double q) {
        return latenciesMs.isEmpty()
            ? 0.0
            : latenciesMs.at(
                std::min<qsizetype>(latenciesMs.size() - 1, qsizetype(q * latenciesMs.size())));
    };
    std::printf("BENCH %swatch_latency_p50_ms %.2f ms\n", prefix, at(0.50));
    std::printf("BENCH %swatch_latency_p99_ms %.2f ms\n", prefix, at(0.99));
    std::printf("BENCH %swatch_latency_max_ms %.2f ms\n", prefix,
                latenciesMs.isEmpty() ? 0.0 : latenciesMs.last());
    std::printf("BENCH %swatch_lines_lost %lld candles\n", prefix,
                qint64(written - latenciesMs.size()));
    return 0;
}
