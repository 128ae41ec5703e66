// Trade aggregation benchmark (issue 10). Prints "BENCH <name> <value> <unit>" lines; never passes
// or fails on time.
//
// Folds a day of synthetic trades (8-decimal prices and sizes like Binance's, ids consecutive, 5 %
// delivered out of order within the grace, 1 % duplicated as a snapshot overlap would) through one
// TradeAggregator on one core, closing candles by the trades' own clock.
//
//   trades_aggregate      trades/s into closed 1m candles
//   trades_aggregate_1s   trades/s into closed 1s candles (Binance's live 1s from trades)
//   trades_aggregate_candles  closed 1m candles (a check: 1440 for the day)
//
// Usage: candlewick-bench-trades [trades=5000000] [rounds=3]

#include <tradeaggregator.h>

#include <QCoreApplication>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <random>

using namespace Candlewick;

namespace {

void report(const char *name, double value, const char *unit)
{
    std::printf("BENCH %s %.1f %s\n", name, value, unit);
    std::fflush(stdout);
}

TradeBatch makeTrades(qsizetype count)
{
    constexpr qint64 dayUs = 86'400'000'000;
    constexpr qint64 t0 = 1709251200000000; // 2024-03-01T00:00:00Z
    std::mt19937_64 rng(42);
    std::uniform_int_distribution<qint64> step(-500'000, 500'000); // price, 1e-8 units
    std::uniform_int_distribution<qint64> size(1, 200'000'000); // up to 2.0
    std::uniform_int_distribution<int> percent(0, 99);
    TradeBatch trades;
    trades.reserve(count + count / 50);
    qint64 price = 6'631'240'000'000; // 66312.4
    for (qsizetype i = 0; i < count; ++i) {
        price = std::max<qint64>(100'000'000, price + step(rng));
        Trade t;
        t.timeUs = t0 + dayUs * i / count;
        t.id = i + 1;
        t.price = {price, 8};
        t.size = {size(rng), 8};
        t.side = percent(rng) < 50 ? TradeSide::Buy : TradeSide::Sell;
        trades.append(t);
        if (percent(rng) == 0 && i > 0)
            trades.append(trades[trades.size() - 2]); // a duplicate
    }
    // 5 % swapped with a neighbour: out of order by a few ms at most.
    for (qsizetype i = 1; i < trades.size(); ++i) {
        if (percent(rng) < 5)
            std::swap(trades[i], trades[i - 1]);
    }
    return trades;
}

struct Run
{
    double tradesPerSecond = 0;
    qint64 closed = 0;
};

Run aggregate(const TradeBatch &trades, Interval interval)
{
    TradeAggregator aggregator(interval, {2'000'000, TradeAggregator::EmptyIntervals::Omit});
    aggregator.setCompleteFrom(trades.first().timeUs);
    CandleBatch closed;
    closed.reserve(100'000);
    qint64 count = 0;
    constexpr qsizetype batch = 64; // trades per stream message, about
    const auto start = std::chrono::steady_clock::now();
    for (qsizetype i = 0; i < trades.size(); i += batch) {
        const qsizetype n = std::min(batch, trades.size() - i);
        aggregator.addTrades(trades.constData() + i, n, closed);
        count += closed.size();
        closed.clear();
    }
    aggregator.advanceTo(trades.last().timeUs + 120'000'000, closed);
    count += closed.size();
    const double seconds
        = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return {double(trades.size()) / seconds, count};
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const qsizetype count = args.size() > 1 ? args.at(1).toLongLong() : 5'000'000;
    const int rounds = args.size() > 2 ? args.at(2).toInt() : 3;
    const TradeBatch trades = makeTrades(std::max<qsizetype>(count, 1000));

    Run best1m;
    Run best1s;
    for (int r = 0; r < std::max(1, rounds); ++r) {
        const Run m = aggregate(trades, Interval::M1);
        if (m.tradesPerSecond > best1m.tradesPerSecond)
            best1m = m;
        const Run s = aggregate(trades, Interval::S1);
        if (s.tradesPerSecond > best1s.tradesPerSecond)
            best1s = s;
    }
    report("trades_aggregate", best1m.tradesPerSecond, "trades/s");
    report("trades_aggregate_1s", best1s.tradesPerSecond, "trades/s");
    report("trades_aggregate_candles", double(best1m.closed), "candles");
    return 0;
}
