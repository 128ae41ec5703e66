// OKX v5 history. Prints `BENCH <name> <value> <unit>` lines; never fails on time.
//
//   fetch_okx_paced         5 instruments x `days` of 1m at once through one OkxRestProvider
//                           from FakeOkxRest in its own thread (its documented per-endpoint
//                           limits: history-candles 20 per 2 s, 429 beyond), 50 ms added
//                           latency; parsed and validated, not stored. Compared with the floor
//                           the limit allows: the first 20 go at once, every further 20 need
//                           another window.
//   fetch_okx_unthrottled   one year of 1m of one instrument (525,600 candles) with the limits
//                           off (the fake's and ours), no added latency, end to end into a fresh
//                           SQLite file; with --ccxt-dir, ccxt's fetchOHLCV loop for the same
//                           year from the same fake in this run (fetch_okx_vs_ccxt: ccxt's time /
//                           ours).
//
//   candlewick-bench-okx [--days N] [--ccxt-dir DIR] [--no-paced] [--no-unthrottled]

#include "benchharness.h"

#include <fakeokxrest.h>
#include <okx/okxrestprovider.h>
#include <requestratelimiter.h>

#include <QCoreApplication>
#include <QLoggingCategory>

#include <cmath>

using namespace Candlewick;
using namespace Candlewick::Bench;
using Candlewick::Testing::FakeOkxRest;

namespace {

constexpr qint64 Day = 86400000;
constexpr qint64 To = 1704067200000; // 2024-01-01T00:00:00Z

void paced(int days)
{
    const qint64 from = To - days * Day;
    QList<SeriesKey> keys;
    FakeInThread<FakeOkxRest> fake([&](FakeOkxRest &f) {
        f.setLatencyMs(50);
        for (int i = 0; i < 5; ++i) {
            const QString instId = QStringLiteral("SYM%1-USDT").arg(i);
            f.addInstrument(instId, QStringLiteral("SPOT"), from - Day);
            keys.append({QStringLiteral("okx"), instId, Interval::M1});
        }
    });
    OkxRestProvider provider(fake.baseUrl(), Clock::system());
    const Run run = fetchAll(provider, keys, from, To);

    const double requests = fake.call([&] { return fake.fake()->candleRequestCount(); });
    const double floor = std::max(0.0, std::ceil(requests / 20.0) - 1) * 2.0;
    report("fetch_okx_paced_seconds", run.seconds, "s");
    report("fetch_okx_paced_floor", floor, "s");
    report("fetch_okx_paced_over_floor", (run.seconds / floor - 1) * 100, "%");
    report("fetch_okx_paced_candles", double(run.candles), "candles");
    report("fetch_okx_paced_requests", requests, "requests");
    report("fetch_okx_paced_429", fake.call([&] { return fake.fake()->rateLimitedCount(); }),
           "responses");
    report("fetch_okx_paced_throttled", provider.historyLimiter()->throttledCount(), "waits");
}

void unthrottled(const QString &ccxtDir)
{
    const qint64 from = To - 365 * Day;
    FakeInThread<FakeOkxRest> fake([&](FakeOkxRest &f) {
        for (const char *path : {"/api/v5/market/candles", "/api/v5/market/history-candles",
                                 "/api/v5/public/instruments"})
            f.setLimit(QString::fromLatin1(path), 0);
        f.addInstrument(QStringLiteral("BTC-USDT"), QStringLiteral("SPOT"), from - Day);
    });
    OkxRestProvider provider(fake.baseUrl(), Clock::system());
    provider.setRequestBudget(1000000, 1000);
    unthrottledBesideCcxt("okx", provider,
                          {QStringLiteral("okx"), QStringLiteral("BTC-USDT"), Interval::M1}, from,
                          To, fake.baseUrl(), ccxtDir, QStringLiteral("BTC/USDT"));
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QLoggingCategory::setFilterRules(QStringLiteral("candlewick.*.debug=false"));
    const QStringList args = app.arguments();
    if (!args.contains(QStringLiteral("--no-paced")))
        paced(std::max(1, intArgument(args, QStringLiteral("--days"), 30)));
    if (!args.contains(QStringLiteral("--no-unthrottled")))
        unthrottled(stringArgument(args, QStringLiteral("--ccxt-dir")));
    return 0;
}
