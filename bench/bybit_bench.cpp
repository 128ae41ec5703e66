// Bybit v5 history. Prints `BENCH <name> <value> <unit>` lines; never fails on time.
//
//   fetch_bybit_paced         5 symbols x `days` of 1m at once through one BybitRestProvider
//                             (spot) from FakeBybitRest in its own thread (600 requests in any
//                             5 s, a 403 ban beyond), 50 ms added latency; parsed and validated,
//                             not stored. Compared with the floor the documented limit allows:
//                             requests / 600 x 5 s.
//   fetch_bybit_unthrottled   one year of 1m of one symbol (525,600 candles) with the limit off
//                             (the fake's and ours), no added latency, the oldest rows of a
//                             range served first (what ccxt's loop needs), end to end into a fresh
//                             SQLite file; with --ccxt-dir, ccxt's fetchOHLCV loop for the same
//                             year from the same fake in this run (fetch_bybit_vs_ccxt: ccxt's
//                             time / ours).
//
//   candlewick-bench-bybit [--days N] [--ccxt-dir DIR] [--no-paced] [--no-unthrottled]

#include "benchharness.h"

#include <bybit/bybitrestprovider.h>
#include <fakebybitrest.h>

#include <QCoreApplication>
#include <QLoggingCategory>

#include <limits>

using namespace Candlewick;
using namespace Candlewick::Bench;
using Candlewick::Testing::FakeBybitRest;

namespace {

constexpr qint64 Day = 86400000;
constexpr qint64 To = 1704067200000; // 2024-01-01T00:00:00Z

void paced(int days)
{
    const qint64 from = To - days * Day;
    QList<SeriesKey> keys;
    FakeInThread<FakeBybitRest> fake([&](FakeBybitRest &f) {
        f.setLatencyMs(50);
        for (int i = 0; i < 5; ++i) {
            const QString symbol = QStringLiteral("SYM%1USDT").arg(i);
            f.addSymbol(QStringLiteral("spot"), symbol, QStringLiteral("SYM%1").arg(i),
                        QStringLiteral("USDT"), from - Day);
            keys.append({QStringLiteral("bybit"), symbol, Interval::M1});
        }
    });
    BybitRestProvider provider(fake.baseUrl(), QStringLiteral("spot"), Clock::system());
    const Run run = fetchAll(provider, keys, from, To);

    const int requests = fake.call([&] { return fake.fake()->requestCount(); });
    const double floor = requests / 600.0 * 5.0;
    report("fetch_bybit_paced_seconds", run.seconds, "s");
    report("fetch_bybit_paced_floor", floor, "s");
    report("fetch_bybit_paced_over_floor", (run.seconds / floor - 1) * 100, "%");
    report("fetch_bybit_paced_candles", double(run.candles), "candles");
    report("fetch_bybit_paced_requests", requests, "requests");
    report("fetch_bybit_paced_max_in_5s",
           fake.call([&] { return fake.fake()->maxRequestsInWindow(); }), "requests");
    report("fetch_bybit_paced_403", fake.call([&] { return fake.fake()->bannedCount(); }),
           "responses");
}

void unthrottled(const QString &ccxtDir)
{
    const qint64 from = To - 365 * Day;
    FakeInThread<FakeBybitRest> fake([&](FakeBybitRest &f) {
        f.setRequestLimit(std::numeric_limits<int>::max(), 1);
        // A start without an end gets the oldest rows from it (UNVERIFIED on Bybit; ccxt's loop
        // relies on it, ours works under either answer).
        f.setOldestRowsFirst(true);
        f.addSymbol(QStringLiteral("spot"), QStringLiteral("BTCUSDT"), QStringLiteral("BTC"),
                    QStringLiteral("USDT"), from - Day);
    });
    BybitRestProvider provider(fake.baseUrl(), QStringLiteral("spot"), Clock::system());
    provider.setRequestBudget(1000000, 1000);
    unthrottledBesideCcxt("bybit", provider,
                          {QStringLiteral("bybit"), QStringLiteral("BTCUSDT"), Interval::M1}, from,
                          To, fake.baseUrl(), ccxtDir, QStringLiteral("BTC/USDT"));
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QLoggingCategory::setFilterRules(QStringLiteral("candlewick.*.debug=false"));
    const QStringList args = app.arguments();
    if (!args.contains(QStringLiteral("--no-paced")))
        paced(std::max(1, intArgument(args, QStringLiteral("--days"), 90)));
    if (!args.contains(QStringLiteral("--no-unthrottled")))
        unthrottled(stringArgument(args, QStringLiteral("--ccxt-dir")));
    return 0;
}
