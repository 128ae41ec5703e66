// pg_failover benchmark (issue 13). Prints "BENCH <name> <value> <unit>" lines; never passes or
// fails on time.
//
// Two `candlewick-cli record` processes record the same two 1s streams from the fake exchange
// (REST + WebSocket on loopback) into one PostgreSQL database (a server of its own): one writes,
// the other stands by. The writer is killed with -9; the time is taken from the kill to the
// standby's first candle stored (its --json line), and the stored series is compared with the
// exchange's candles from the first stored to the last.
//
//   pg_failover_seconds    kill -9 -> the standby's first stored candle (median of the rounds)
//   pg_failover_lost       candles missing from the stored series, all rounds (must be 0)
//   pg_failover_doubled    candles stored more than once, all rounds (must be 0)
//
// Usage: candlewick-bench-pg-failover [rounds=3]

#include <cliprocess.h>
#include <eventwait.h>
#include <fakebinancerest.h>
#include <fakebinancews.h>
#include <postgresserver.h>

#include <clock.h>
#include <postgrescandlestore.h>

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>
#include <limits>
#include <memory>

using namespace Candlewick;
using Candlewick::Testing::waitFor;

namespace {

const QStringList Symbols{QStringLiteral("BTCUSDT"), QStringLiteral("ETHUSDT")};

struct Recording
{
    std::unique_ptr<QProcess> process;
    QByteArray out;
    QByteArray err;
};

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const int rounds = std::max(1, app.arguments().value(1, QStringLiteral("3")).toInt());
    QTemporaryDir dir;
    Testing::PostgresServer pg;
    if (!pg.start()) {
        std::fprintf(stderr, "%s\n", qPrintable(pg.errorString()));
        return 1;
    }
    Testing::FakeBinanceRest rest(Clock::system());
    Testing::FakeBinanceWs ws(Clock::system());
    for (const QString &symbol : Symbols)
        rest.addSymbol(symbol, symbol.left(3), QStringLiteral("USDT"),
                       QDateTime::currentMSecsSinceEpoch() - 30LL * 86400000);
    ws.followRest(rest);
    if (!rest.listen() || !ws.listen())
        return 1;

    QList<double> seconds;
    qint64 lost = 0;
    qint64 doubled = 0;
    for (int round = 0; round < rounds; ++round) {
        const QString name = QStringLiteral("failover%1").arg(round);
        if (!pg.createDatabase(name)) {
            std::fprintf(stderr, "%s\n", qPrintable(pg.errorString()));
            return 1;
        }
        const QString url = pg.url(name);
        const auto start = [&](Recording &r) {
            r.process = std::make_unique<QProcess>();
            Testing::prepareCli(*r.process, dir.path());
            QObject::connect(r.process.get(), &QProcess::readyReadStandardOutput, r.process.get(),
                             [&r] { r.out += r.process->readAllStandardOutput(); });
            QObject::connect(r.process.get(), &QProcess::readyReadStandardError, r.process.get(),
                             [&r] { r.err += r.process->readAllStandardError(); });
            r.process->start(
                QStringLiteral(CANDLEWICK_CLI_PATH),
                {QStringLiteral("record"), QStringLiteral("--symbols"), Symbols.join(u','),
                 QStringLiteral("--interval"), QStringLiteral("1s"), QStringLiteral("--json"),
                 QStringLiteral("--db"), url, QStringLiteral("--ws-url"), ws.url().toString(),
                 QStringLiteral("--rest-url"), rest.baseUrl().toString()});
        };
        Recording writer, standby;
        start(writer);
        if (!waitFor([&] { return writer.err.count(" writing\n") == 2; }, 30000))
            return std::fprintf(stderr, "no writer: %s\n", writer.err.constData()), 1;
        start(standby);
        if (!waitFor([&] { return standby.err.count("standing by") == 2; }, 30000)
            || !waitFor([&] { return writer.out.count('\n') >= 6; }, 30000))
            return std::fprintf(stderr, "no standby: %s\n", standby.err.constData()), 1;

        QElapsedTimer sinceKill;
        writer.process->kill();
        sinceKill.start();
        const qint64 killedAt = QDateTime::currentMSecsSinceEpoch();
        if (!waitFor([&] { return standby.out.contains('\n'); }, 30000))
            return std::fprintf(stderr, "no takeover: %s\n", standby.err.constData()), 1;
        seconds.append(sinceKill.nsecsElapsed() / 1e9);
        // A few live candles after the takeover, then a clean stop.
        waitFor([&] { return QDateTime::currentMSecsSinceEpoch() > killedAt + 4000; }, 10000);
        standby.process->terminate();
        waitFor([&] { return standby.process->state() == QProcess::NotRunning; }, 20000);
        writer.process->waitForFinished();

        PostgresCandleStore store;
        if (!store.open(url, PostgresCandleStore::OpenMode::ReadOnly))
            return std::fprintf(stderr, "%s\n", qPrintable(store.errorString())), 1;
        for (const QString &symbol : Symbols) {
            const SeriesKey key{QStringLiteral("binance"), symbol, Interval::S1};
            const CandleBatch got = store.read(key, {0, std::numeric_limits<qint64>::max()});
            if (got.isEmpty())
                return std::fprintf(stderr, "nothing stored\n"), 1;
            const CandleBatch truth = rest.groundTruth(
                symbol, Interval::S1, {got.first().openTime, got.last().openTime + 1});
            QSet<qint64> stored;
            for (const Candle &c : got)
                doubled += stored.contains(c.openTime) ? 1 : 0, stored.insert(c.openTime);
            for (const Candle &c : truth)
                lost += stored.contains(c.openTime) ? 0 : 1;
        }
    }
    std::sort(seconds.begin(), seconds.end());
    std::printf("BENCH pg_failover_seconds %.2f s\n", seconds.at(seconds.size() / 2));
    std::printf("BENCH pg_failover_seconds_max %.2f s\n", seconds.last());
    std::printf("BENCH pg_failover_lost %lld candles\n", lost);
    std::printf("BENCH pg_failover_doubled %lld candles\n", doubled);
    return 0;
}
