// Live ingest of the other exchanges (issue 9): live_bybit_ingest and live_okx_ingest. Prints
// `BENCH <name> <value> <unit>` lines; never fails on time.
//
// The exchange's fake WebSocket server, in its own thread, pushes rounds of kline messages for
// `streams` series of 1m candles: each round closes every series' candle (Bybit `confirm` true,
// OKX confirm "1") and opens the next one (a forming push), one minute later than the round
// before on the fake's own clock. A round goes out once the previous rounds but `Lookahead` have
// reached candleClosed, so no queue grows without bound. The provider parses and dispatches in
// the main thread, behind a GapFreeFeed as `record` runs it (no store).
//
//   live_<id>_ingest_msgs_per_s        kline messages parsed and dispatched per second
//   live_<id>_ingest_closed_per_s      candleClosed per second
//   live_<id>_ingest_closed_p50/p99_us round published (the fake starts writing it) ->
//                                      candleClosed of a series
//   live_<id>_ingest_lost              closed candles published that never reached candleClosed
//
//   candlewick-bench-live-exchanges [--seconds 10] [--streams 200]

#include "benchharness.h"

#include <bybit/bybitexchange.h>
#include <bybit/bybitlivefeed.h>
#include <exchange.h>
#include <fakebybitws.h>
#include <fakeokxws.h>
#include <gapfreefeed.h>
#include <manualclock.h>
#include <okx/okxexchange.h>
#include <okx/okxlivefeed.h>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QLoggingCategory>
#include <QTimer>

#include <algorithm>
#include <atomic>
#include <memory>
#include <vector>

using namespace Candlewick;
using namespace Candlewick::Bench;
using Candlewick::Testing::FakeBybitWs;
using Candlewick::Testing::FakeOkxWs;

namespace {

constexpr qint64 Minute = 60000;
constexpr qint64 FirstOpen = 1700000000000LL - 1700000000000LL % Minute;
constexpr int Lookahead = 1;
constexpr int MaxRounds = 1 << 20;

Candle syntheticCandle(qint64 openTime, bool closed)
{
    Candle c;
    c.openTime = openTime;
    c.open = 100.0 + double(openTime / Minute % 50);
    c.high = c.open + 2;
    c.low = c.open - 1;
    c.close = c.open + 1;
    c.volume = 3.5;
    c.quoteVolume = c.volume * c.close;
    c.closed = closed;
    return c;
}

// Rounds published and their start times, shared by the fake's thread and ours.
struct Rounds
{
    std::vector<std::atomic<qint64>> startNs = std::vector<std::atomic<qint64>>(MaxRounds);
    std::atomic<int> published{0};
    std::atomic<qint64> closedSeen{0};
};

// Runs `publish(round)` in `context`'s thread as fast as the consumer keeps up, until the
// returned timer (living in that thread) is deleted there.
QTimer *startRounds(QObject *context, Rounds &rounds, int streams,
                    const std::function<void(int round)> &publish)
{
    QTimer *timer = nullptr;
    QMetaObject::invokeMethod(
        context,
        [&] {
            timer = new QTimer(context);
            timer->setInterval(0);
            QObject::connect(timer, &QTimer::timeout, context, [&rounds, streams, publish] {
                const int round = rounds.published;
                if (round + 1 >= MaxRounds || round - rounds.closedSeen / streams > Lookahead)
                    return;
                rounds.startNs[size_t(round)] = steadyNs();
                publish(round);
                rounds.published = round + 1;
            });
            timer->start();
        },
        Qt::BlockingQueuedConnection);
    return timer;
}

// The provider behind a GapFreeFeed against the rounds; prints the figures under `name`.
void measure(const char *name, LiveFeed *raw, const QList<SeriesKey> &keys, QObject *fakeContext,
             const std::function<bool()> &allSubscribed,
             const std::function<void(int round)> &publish, int seconds)
{
    GapFreeFeed live(raw, nullptr);
    for (const SeriesKey &key : keys)
        live.subscribe(key);
    if (!waitUntil([&] { return live.state() == ConnectionState::Live && allSubscribed(); }, 60000))
        qFatal("%s: the provider did not subscribe every stream", name);

    Rounds rounds;
    std::vector<qint64> closedNs;
    closedNs.reserve(size_t(keys.size()) * 200000);
    bool measuring = true;
    QObject::connect(&live, &LiveFeed::candleClosed, &live,
                     [&](const SeriesKey &, const Candle &c) {
                         const qint64 round = (c.openTime - FirstOpen) / Minute;
                         if (round >= 0 && round < rounds.published && measuring)
                             closedNs.push_back(steadyNs() - rounds.startNs[size_t(round)]);
                         ++rounds.closedSeen;
                     });
    const qint64 framesBefore = live.stats().frames;
    QElapsedTimer timer;
    timer.start();
    QTimer *pump = startRounds(fakeContext, rounds, int(keys.size()), publish);
    QTimer::singleShot(seconds * 1000, &live, [&] { measuring = false; });
    waitUntil([&] { return !measuring; }, seconds * 1000 + 60000);
    const double elapsed = timer.nsecsElapsed() / 1e9;
    const qint64 frames = live.stats().frames - framesBefore;
    const qint64 closed = qint64(closedNs.size());
    QMetaObject::invokeMethod(
        fakeContext, [pump] { delete pump; }, Qt::BlockingQueuedConnection);
    // Everything published but the forming pushes of the last round closes in time.
    const int published = rounds.published;
    waitUntil([&] { return rounds.closedSeen >= qint64(published - 1) * keys.size(); }, 30000);
    const qint64 lost
        = std::max<qint64>(0, qint64(published - 1) * keys.size() - rounds.closedSeen);

    auto line = [name](const char *figure, double value, const char *unit) {
        report((QByteArray("live_") + name + "_ingest_" + figure).constData(), value, unit);
    };
    line("msgs_per_s", frames / elapsed, "msg/s");
    line("closed_per_s", closed / elapsed, "candles/s");
    line("closed_p50_us", percentileUs(closedNs, 0.50), "us");
    line("closed_p99_us", percentileUs(closedNs, 0.99), "us");
    line("lost", double(lost), "candles");
    line("rejected", double(live.stats().rejectedFrames), "msgs");
}

QString bybitSymbol(int i)
{
    return QStringLiteral("S%1USDT").arg(i, 4, 10, QLatin1Char('0'));
}

QString okxInstrument(int i)
{
    return QStringLiteral("S%1-USDT").arg(i, 4, 10, QLatin1Char('0'));
}

void bybit(int streams, int seconds)
{
    // The fake's clock: one minute further per round, set in the fake's thread only.
    ManualClock fakeClock(FirstOpen + 1);
    FakeInThread<FakeBybitWs> fake(
        [](FakeBybitWs &f) {
            f.setCandleSource([](const QString &, Interval, qint64 openTime, qint64 nowMs) {
                return syntheticCandle(openTime, openTime + Minute <= nowMs);
            });
        },
        &fakeClock);
    QList<SeriesKey> keys;
    for (int i = 0; i < streams; ++i)
        keys.append({QStringLiteral("bybit"), bybitSymbol(i), Interval::M1});
    // The fake's URL has no path: the exchange's default one (/v5/public/spot) is added.
    const QUrl url = Bybit::spot().withDefaultWsPath(fake.call([&] { return fake.fake()->url(); }));
    auto *raw = new BybitLiveFeed(Bybit::spot(), url, Clock::system());
    measure(
        "bybit", raw, keys, fake.fake(),
        [&] { return fake.call([&] { return fake.fake()->topicCount(); }) == streams; },
        [&fake, &fakeClock](int round) {
            // Round r closes minute r - 1 and opens minute r.
            fakeClock.setNow(FirstOpen + qint64(round) * Minute + 1);
            fake.fake()->publish();
        },
        seconds);
}

void okx(int streams, int seconds)
{
    FakeInThread<FakeOkxWs> fake({});
    QList<SeriesKey> keys;
    for (int i = 0; i < streams; ++i)
        keys.append({QStringLiteral("okx"), okxInstrument(i), Interval::M1});
    const QUrl url
        = Okx::exchange().withDefaultWsPath(fake.call([&] { return fake.fake()->url(); }));
    auto *raw = new OkxLiveFeed(url, Clock::system());
    measure(
        "okx", raw, keys, fake.fake(),
        [&] {
            return fake.call([&] {
                for (int i = 0; i < streams; ++i) {
                    if (!fake.fake()->isSubscribed(QStringLiteral("candle1m"), okxInstrument(i)))
                        return false;
                }
                return true;
            });
        },
        [&fake, streams](int round) {
            const qint64 open = FirstOpen + qint64(round) * Minute;
            for (int i = 0; i < streams; ++i) {
                const QString instId = okxInstrument(i);
                if (round > 0) {
                    fake.fake()->push(QStringLiteral("candle1m"), instId,
                                      syntheticCandle(open - Minute, true), true);
                }
                fake.fake()->push(QStringLiteral("candle1m"), instId, syntheticCandle(open, false),
                                  false);
            }
        },
        seconds);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QLoggingCategory::setFilterRules(
        QStringLiteral("candlewick.*.debug=false\ncandlewick.*.info=false"));
    const QStringList args = app.arguments();
    const int streams = std::max(1, intArgument(args, QStringLiteral("--streams"), 200));
    const int seconds = std::max(1, intArgument(args, QStringLiteral("--seconds"), 10));
    bybit(streams, seconds);
    okx(streams, seconds);
    return 0;
}
