// Coinbase Advanced Trade history under its public request limit. Prints
// `BENCH <name> <value> <unit>` lines; never fails on time.
//
//   fetch_coinbase_paced   3 products x `days` of 1m at once through one CoinbaseRestProvider from
//                          FakeCoinbaseRest in its own thread (10 requests in any 1 s, 429 beyond;
//                          candles built from the fake's trades, minutes without trades left
//                          out), 50 ms added latency; parsed and validated, not stored. Compared
//                          with the floor the public limit allows: requests / 10 per second.
//
//   candlewick-bench-coinbase [days]   (default 30)

#include <coinbase/coinbaserestprovider.h>
#include <fakecoinbaserest.h>
#include <historyjob.h>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QLoggingCategory>
#include <QThread>

#include <cstdio>

using namespace Candlewick;
using Candlewick::Testing::FakeCoinbaseRest;

namespace {

constexpr qint64 Day = 86400000;
constexpr qint64 To = 1704067200000; // 2024-01-01T00:00:00Z

void bench(const char *name, double value, const char *unit)
{
    std::printf("BENCH %s %.2f %s\n", name, value, unit);
    std::fflush(stdout);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QLoggingCategory::setFilterRules(QStringLiteral("candlewick.*.debug=false"));
    const int days = argc > 1 ? std::max(1, QByteArray(argv[1]).toInt()) : 30;
    const qint64 from = To - days * Day;

    // The fake in a thread of its own, as an independent server would be.
    QThread thread;
    thread.start();
    auto *fake = new FakeCoinbaseRest();
    fake->setLatencyMs(50);
    QList<SeriesKey> keys;
    for (const char *product : {"BTC-USD", "ETH-USD", "SOL-USD"}) {
        fake->addProduct(QString::fromLatin1(product), from - Day);
        keys.append({QStringLiteral("coinbase"), QString::fromLatin1(product), Interval::M1});
    }
    fake->moveToThread(&thread);
    bool listening = false;
    QMetaObject::invokeMethod(
        fake, [&] { listening = fake->listen(); }, Qt::BlockingQueuedConnection);
    if (!listening)
        qFatal("the fake server could not listen on 127.0.0.1");

    CoinbaseRestProvider provider(fake->baseUrl(), Clock::system());
    qint64 candles = 0;
    int open = int(keys.size());
    QString error;
    QEventLoop loop;
    QElapsedTimer timer;
    timer.start();
    for (const SeriesKey &key : std::as_const(keys)) {
        HistoryJob *job = provider.fetchHistory(key, from, To);
        QObject::connect(job, &HistoryJob::batch, &loop,
                         [&](const SeriesKey &, const CandleBatch &b) { candles += b.size(); });
        QObject::connect(job, &HistoryJob::finished, &loop, [&] {
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
    const double seconds = timer.nsecsElapsed() / 1e9;
    if (!error.isEmpty())
        qFatal("paced fetch failed: %s", qPrintable(error));

    int requests = 0;
    int throttled = 0;
    int maxInWindow = 0;
    QMetaObject::invokeMethod(
        fake,
        [&] {
            requests = fake->requestCount();
            throttled = fake->throttledCount();
            maxInWindow = fake->maxRequestsInWindow();
        },
        Qt::BlockingQueuedConnection);
    const double floor = requests / double(CoinbaseRestProvider::DefaultMaxRequests)
        * CoinbaseRestProvider::DefaultWindowMs / 1000.0;
    bench("fetch_coinbase_paced_seconds", seconds, "s");
    bench("fetch_coinbase_paced_floor", floor, "s");
    bench("fetch_coinbase_paced_over_floor", (seconds / floor - 1) * 100, "%");
    bench("fetch_coinbase_paced_candles", double(candles), "candles");
    bench("fetch_coinbase_paced_requests", requests, "requests");
    bench("fetch_coinbase_paced_max_in_1s", maxInWindow, "requests");
    bench("fetch_coinbase_paced_429", throttled, "responses");

    QMetaObject::invokeMethod(fake, &QObject::deleteLater);
    thread.quit();
    thread.wait();
    return 0;
}
