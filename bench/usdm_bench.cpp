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

#include "benchharness.h"

#include <binance/binancerestprovider.h>
#include <binanceusdm/binanceusdmexchange.h>
#include <fakebinancerest.h>
#include <requestweightlimiter.h>

#include <QCoreApplication>
#include <QDateTime>
#include <QLoggingCategory>

using namespace Candlewick;
using namespace Candlewick::Bench;
using Candlewick::Testing::FakeBinanceRest;

namespace {

constexpr qint64 Day = 86400000;
constexpr qint64 To = 1704067200000; // 2024-01-01T00:00:00Z

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QLoggingCategory::setFilterRules(QStringLiteral("candlewick.*.debug=false"));
    const int days = argc > 1 ? std::max(1, QByteArray(argv[1]).toInt()) : 90;
    const qint64 from = To - days * Day;

    QList<SeriesKey> keys;
    FakeInThread<FakeBinanceRest> fake([&](FakeBinanceRest &f) {
        f.setDialect(FakeBinanceRest::Dialect::UsdM);
        f.setLatencyMs(50);
        for (int i = 0; i < 5; ++i) {
            const QString symbol = QStringLiteral("SYM%1USDT").arg(i);
            f.addSymbol(symbol, QStringLiteral("SYM%1").arg(i), QStringLiteral("USDT"), from - Day);
            keys.append({QStringLiteral("binance-usdm"), symbol, Interval::M1});
        }
    });
    BinanceRestProvider provider(fake.baseUrl(), BinanceUsdm::api(), Clock::system());
    const qint64 startedMs = QDateTime::currentMSecsSinceEpoch();
    const Run run = fetchAll(provider, keys, from, To);

    const double weight = fake.call([&] { return double(fake.fake()->weightCharged()); });
    const double floor = weight / 2400.0 * 60.0;
    const qint64 windows = (qint64(weight) + 2399) / 2400;
    const qint64 lastWindowMs = (startedMs / 60000 + windows - 1) * 60000;
    const double alignedFloor = double(lastWindowMs - startedMs) / 1000.0;
    report("fetch_binance-usdm_paced_seconds", run.seconds, "s");
    report("fetch_binance-usdm_paced_floor", floor, "s");
    report("fetch_binance-usdm_paced_over_floor", (run.seconds / floor - 1) * 100, "%");
    report("fetch_binance-usdm_paced_aligned_floor", alignedFloor, "s");
    report("fetch_binance-usdm_paced_over_aligned_floor", run.seconds - alignedFloor, "s");
    report("fetch_binance-usdm_paced_candles", double(run.candles), "candles");
    report("fetch_binance-usdm_paced_requests",
           fake.call([&] { return fake.fake()->requestCount(); }), "requests");
    report("fetch_binance-usdm_paced_weight", weight, "weight");
    report("fetch_binance-usdm_paced_429",
           fake.call([&] { return fake.fake()->rateLimitedCount(); }), "responses");
    report("fetch_binance-usdm_paced_418", fake.call([&] { return fake.fake()->bannedCount(); }),
           "responses");
    report("fetch_binance-usdm_paced_throttled", provider.weightLimiter()->throttledCount(),
           "waits");
    return 0;
}
