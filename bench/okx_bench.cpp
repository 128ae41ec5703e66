// OKX history under its documented per-IP limits. Prints `BENCH <name> <value> <unit>` lines;
// never fails on time.
//
//   fetch_okx_paced   5 instruments x `days` of 1m at once through one OkxRestProvider from
//                     FakeOkxRest in its own thread (history-candles: 20 requests per 2 s, 300
//                     rows per page), 50 ms added latency; parsed and validated, not stored.
//                     Compared with the floor the limit allows: requests / 20 x 2 s.
//
//   candlewick-bench-okx [days]   (default 30)

#include <fakeokxrest.h>
#include <requestratelimiter.h>
#include <okx/okxrestprovider.h>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QLoggingCategory>
#include <QThread>

#include <cmath>
#include <cstdio>

using namespace Candlewick;
using Candlewick::Testing::FakeOkxRest;

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
    auto *fake = new FakeOkxRest();
    fake->setLatencyMs(50);
    QList<SeriesKey> keys;
    for (int i = 0; i < 5; ++i) {
        const QString instId = QStringLiteral("SYM%1-USDT").arg(i);
        fake->addInstrument(instId, QStringLiteral("SPOT"), from - Day);
        keys.append({QStringLiteral("okx"), instId, Interval::M1});
    }
    fake->moveToThread(&thread);
    bool listening = false;
    QMetaObject::invokeMethod(
        fake, [&] { listening = fake->listen(); }, Qt::BlockingQueuedConnection);
    if (!listening)
        qFatal("the fake server could not listen on 127.0.0.1");

    OkxRestProvider provider(fake->baseUrl(), Clock::system());
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

    QMetaObject::invokeMethod(
        fake,
        [&] {
            const double requests = fake->candleRequestCount();
            // The first 20 go at once; every further 20 need another window.
            const double floor = std::max(0.0, std::ceil(requests / 20.0) - 1) * 2.0;
            bench("fetch_okx_paced_seconds", seconds, "s");
            bench("fetch_okx_paced_floor", floor, "s");
            bench("fetch_okx_paced_over_floor", (seconds / floor - 1) * 100, "%");
            bench("fetch_okx_paced_candles", double(candles), "candles");
            bench("fetch_okx_paced_requests", requests, "requests");
            bench("fetch_okx_paced_429", fake->rateLimitedCount(), "responses");
            bench("fetch_okx_paced_throttled", provider.historyLimiter()->throttledCount(),
                  "waits");
            fake->deleteLater();
        },
        Qt::BlockingQueuedConnection);
    thread.quit();
    thread.wait();
    return 0;
}
