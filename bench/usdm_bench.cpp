// Binance USD-M history under its documented request-weight limit. Prints
// `BENCH <name> <value> <unit>` lines; never fails on time.
//
//   fetch_binance-usdm_paced   5 symbols x 90 days of 1m (648,000 candles) at once through one
//                              provider from the fake in its USD-M dialect (REQUEST_WEIGHT 2400
//                              per minute, klines weighed by limit) in its own thread, 50 ms
//                              added latency; parsed and validated, not stored. Compared with
//                              the floor the limit allows: total weight / 2400 x 60 s, and,
//                              since the windows are fixed and aligned to the minute (the first
//                              one counts fully however late the run starts in it), with the
//                              aligned floor: the start of the last window the weight needs.
//
//   candlewick-bench-usdm [days]   (default 90)

#include <binance/binancerestprovider.h>
#include <binanceusdm/binanceusdmexchange.h>
#include <fakebinancerest.h>
#include <requestweightlimiter.h>

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QLoggingCategory>
#include <QThread>

#include <cstdio>

using namespace Candlewick;
using Candlewick::Testing::FakeBinanceRest;

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
    auto *fake = new FakeBinanceRest();
    fake->setDialect(FakeBinanceRest::Dialect::UsdM);
    fake->setLatencyMs(50);
    QList<SeriesKey> keys;
    for (int i = 0; i < 5; ++i) {
        const QString symbol = QStringLiteral("SYM%1USDT").arg(i);
        fake->addSymbol(symbol, QStringLiteral("SYM%1").arg(i), QStringLiteral("USDT"), from - Day);
        keys.append({QStringLiteral("binance-usdm"), symbol, Interval::M1});
    }
    fake->moveToThread(&thread);
    bool listening = false;
    QMetaObject::invokeMethod(
        fake, [&] { listening = fake->listen(); }, Qt::BlockingQueuedConnection);
    if (!listening)
        qFatal("the fake server could not listen on 127.0.0.1");

    BinanceRestProvider provider(fake->baseUrl(), BinanceUsdm::api(), Clock::system());
    qint64 candles = 0;
    int open = int(keys.size());
    QString error;
    QEventLoop loop;
    QElapsedTimer timer;
    timer.start();
    const qint64 startedMs = QDateTime::currentMSecsSinceEpoch();
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

    const double weight = double(fake->weightCharged());
    const double floor = weight / 2400.0 * 60.0;
    const qint64 windows = (qint64(weight) + 2399) / 2400;
    const qint64 lastWindowMs = (startedMs / 60000 + windows - 1) * 60000;
    const double alignedFloor = double(lastWindowMs - startedMs) / 1000.0;
    bench("fetch_binance-usdm_paced_seconds", seconds, "s");
    bench("fetch_binance-usdm_paced_floor", floor, "s");
    bench("fetch_binance-usdm_paced_over_floor", (seconds / floor - 1) * 100, "%");
    bench("fetch_binance-usdm_paced_aligned_floor", alignedFloor, "s");
    bench("fetch_binance-usdm_paced_over_aligned_floor", seconds - alignedFloor, "s");
    bench("fetch_binance-usdm_paced_candles", double(candles), "candles");
    bench("fetch_binance-usdm_paced_requests", fake->requestCount(), "requests");
    bench("fetch_binance-usdm_paced_weight", weight, "weight");
    bench("fetch_binance-usdm_paced_429", fake->rateLimitedCount(), "responses");
    bench("fetch_binance-usdm_paced_418", fake->bannedCount(), "responses");
    bench("fetch_binance-usdm_paced_throttled", provider.weightLimiter()->throttledCount(),
          "waits");

    QMetaObject::invokeMethod(fake, &QObject::deleteLater);
    thread.quit();
    thread.wait();
    return 0;
}
