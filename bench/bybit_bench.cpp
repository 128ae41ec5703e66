// Bybit v5 history under its declared per-IP request limit. Prints `BENCH <name> <value> <unit>`
// lines; never fails on time.
//
//   fetch_bybit_paced   5 symbols x `days` of 1m at once through one BybitRestProvider (spot)
//                       from FakeBybitRest in its own thread (600 requests in any 5 s, a 403 ban
//                       beyond), 50 ms added latency; parsed and validated, not stored. Compared
//                       with the floor the documented limit allows: requests / 600 x 5 s.
//
//   candlewick-bench-bybit [days]   (default 90)

#include <bybit/bybitrestprovider.h>
#include <fakebybitrest.h>
#include <historyjob.h>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QLoggingCategory>
#include <QThread>

#include <cstdio>

using namespace Candlewick;
using Candlewick::Testing::FakeBybitRest;

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
    const int days = argc > 1 ? std::max(1, QByteArray(argv[1]).toInt()) : 90;
    const qint64 from = To - days * Day;

    // The fake in a thread of its own, as an independent server would be.
    QThread thread;
    thread.start();
    auto *fake = new FakeBybitRest();
    fake->setLatencyMs(50);
    QList<SeriesKey> keys;
    for (int i = 0; i < 5; ++i) {
        const QString symbol = QStringLiteral("SYM%1USDT").arg(i);
        fake->addSymbol(QStringLiteral("spot"), symbol, QStringLiteral("SYM%1").arg(i),
                        QStringLiteral("USDT"), from - Day);
        keys.append({QStringLiteral("bybit"), symbol, Interval::M1});
    }
    fake->moveToThread(&thread);
    bool listening = false;
    QMetaObject::invokeMethod(
        fake, [&] { listening = fake->listen(); }, Qt::BlockingQueuedConnection);
    if (!listening)
        qFatal("the fake server could not listen on 127.0.0.1");

    BybitRestProvider provider(fake->baseUrl(), QStringLiteral("spot"), Clock::system());
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
    int banned = 0;
    int maxInWindow = 0;
    QMetaObject::invokeMethod(
        fake,
        [&] {
            requests = fake->requestCount();
            banned = fake->bannedCount();
            maxInWindow = fake->maxRequestsInWindow();
        },
        Qt::BlockingQueuedConnection);
    const double floor = requests / 600.0 * 5.0;
    bench("fetch_bybit_paced_seconds", seconds, "s");
    bench("fetch_bybit_paced_floor", floor, "s");
    bench("fetch_bybit_paced_over_floor", (seconds / floor - 1) * 100, "%");
    bench("fetch_bybit_paced_candles", double(candles), "candles");
    bench("fetch_bybit_paced_requests", requests, "requests");
    bench("fetch_bybit_paced_max_in_5s", maxInWindow, "requests");
    bench("fetch_bybit_paced_403", banned, "responses");

    QMetaObject::invokeMethod(fake, &QObject::deleteLater);
    thread.quit();
    thread.wait();
    return 0;
}
