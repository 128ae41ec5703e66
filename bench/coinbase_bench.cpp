// Coinbase Advanced Trade history under its public request limit. Prints
// `BENCH <name> <value> <unit>` lines; never fails on time.
//
//   fetch_coinbase_paced   3 products x `days` of 1m at once through one CoinbaseRestProvider from
//                          FakeCoinbaseRest in its own thread (10 requests in any 1 s, 429 beyond;
//                          candles built from the fake's trades, minutes without trades left
//                          out), 50 ms added latency; parsed and validated, not stored. Compared
//                          with the floor the public limit allows: requests / 10 per second.
//
//   candlewick-bench-coinbase [--days N]   (default 30)

#include "benchharness.h"

#include <coinbase/coinbaserestprovider.h>
#include <fakecoinbaserest.h>

#include <QCoreApplication>
#include <QLoggingCategory>

using namespace Candlewick;
using namespace Candlewick::Bench;
using Candlewick::Testing::FakeCoinbaseRest;

namespace {

constexpr qint64 Day = 86400000;
constexpr qint64 To = 1704067200000; // 2024-01-01T00:00:00Z

void paced(int days)
{
    const qint64 from = To - days * Day;
    QList<SeriesKey> keys;
    FakeInThread<FakeCoinbaseRest> fake([&](FakeCoinbaseRest &f) {
        f.setLatencyMs(50);
        for (const char *product : {"BTC-USD", "ETH-USD", "SOL-USD"}) {
            f.addProduct(QString::fromLatin1(product), from - Day);
            keys.append({QStringLiteral("coinbase"), QString::fromLatin1(product), Interval::M1});
        }
    });
    CoinbaseRestProvider provider(fake.baseUrl(), Clock::system());
    const Run run = fetchAll(provider, keys, from, To);

    const int requests = fake.call([&] { return fake.fake()->requestCount(); });
    const double floor = requests / double(CoinbaseRestProvider::DefaultMaxRequests)
        * CoinbaseRestProvider::DefaultWindowMs / 1000.0;
    report("fetch_coinbase_paced_seconds", run.seconds, "s");
    report("fetch_coinbase_paced_floor", floor, "s");
    report("fetch_coinbase_paced_over_floor", (run.seconds / floor - 1) * 100, "%");
    report("fetch_coinbase_paced_candles", double(run.candles), "candles");
    report("fetch_coinbase_paced_requests", requests, "requests");
    report("fetch_coinbase_paced_max_in_1s",
           fake.call([&] { return fake.fake()->maxRequestsInWindow(); }), "requests");
    report("fetch_coinbase_paced_429", fake.call([&] { return fake.fake()->throttledCount(); }),
           "responses");
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QLoggingCategory::setFilterRules(QStringLiteral("candlewick.*.debug=false"));
    paced(std::max(1, intArgument(app.arguments(), QStringLiteral("--days"), 30)));
    return 0;
}
