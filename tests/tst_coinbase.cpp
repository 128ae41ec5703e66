#include <candledatabase.h>
#include <candlestore.h>
#include <coinbase/coinbaseapi.h>
#include <coinbase/coinbaseexchange.h>
#include <coinbase/coinbaserestprovider.h>
#include <coinbase/coinbasesession.h>
#include <coinbase/coinbasetradefeed.h>
#include <eventwait.h>
#include <jobrun.h>
#include <exchange.h>
#include <exchangeregistry.h>
#include <fakecoinbaserest.h>
#include <fakecoinbasews.h>
#include <gapfreefeed.h>
#include <historycache.h>
#include <historyjob.h>
#include <manualclock.h>
#include <requestratelimiter.h>
#include <resampler.h>
#include <symbolsjob.h>
#include <tradefeed.h>
#include <tradelivefeed.h>

#include <QPointer>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Candlewick;
using namespace Candlewick::Testing;

namespace {

constexpr qint64 Minute = 60 * 1000;
constexpr qint64 Hour = 60 * Minute;
constexpr qint64 Day = 24 * Hour;
// "Now" of the tests: 2024-06-15 12:34:56.789 UTC.
constexpr qint64 Now = 1718454896789LL;
constexpr qint64 Listed = 1546300800000LL; // 2019-01-01

// The candles example as observed from Coinbase (newest first, strings, seconds).
const QByteArray ObservedCandles
    = R"({"candles":[{"start":"1712192400","low":"66055.14","high":"66331.99","open":"66312.4","close":"66181.6","volume":"355.82896243"},{"start":"1712188800","low":"65857.35","high":"66387.77","open":"65984.18","close":"66314.59","volume":"358.74851052"}]})";

SeriesKey key(const char *symbol, Interval interval = Interval::M1)
{
    return {QStringLiteral("coinbase"), QString::fromLatin1(symbol), interval};
}

struct Rig
{
    ManualClock clock{Now};
    FakeCoinbaseRest fake{&clock};
    std::unique_ptr<ExchangeSession> session;

    Rig()
    {
        fake.addProduct(QStringLiteral("BTC-USD"), Listed);
        fake.addProduct(QStringLiteral("ETH-USD"), Listed);
        fake.addProduct(QStringLiteral("SOL-USD"), Now - 2 * Day);
        if (!fake.listen())
            qFatal("cannot listen");
        const Endpoints endpoints{fake.baseUrl(), {}};
        session.reset(
            Coinbase::exchange().createSession(Coinbase::exchange(), endpoints, &clock, nullptr));
    }
    CoinbaseRestProvider *rest() const
    {
        return static_cast<CoinbaseSession *>(session.get())->restProvider();
    }
    JobResult fetch(const SeriesKey &k, qint64 from, qint64 to)
    {
        return runJob(session->history()->fetchHistory(k, from, to), &clock);
    }
};

bool hasEmptyMinute(const CandleBatch &candles)
{
    for (qsizetype i = 1; i < candles.size(); ++i) {
        if (candles.at(i).openTime - candles.at(i - 1).openTime > Minute)
            return true;
    }
    return false;
}

// What Coinbase's REST candle has: the trade-built candle also counts trades and sums the quote
// and taker volumes.
Candle ohlcv(Candle c)
{
    c.quoteVolume = 0;
    c.trades = 0;
    c.takerBuyBase = 0;
    c.takerBuyQuote = 0;
    return c;
}

CandleBatch ohlcv(const CandleBatch &candles)
{
    CandleBatch out;
    for (const Candle &c : candles)
        out.append(ohlcv(c));
    return out;
}

// Lets sockets on both ends in this thread talk for a moment of real time.
void settle()
{
    waitFor([] { return false; }, 30);
}

// REST and WebSocket over one trade market, and a gap-free live feed of the session.
struct LiveRig
{
    // Half a minute after a minute boundary.
    ManualClock clock{1699999980000LL + 30000};
    FakeCoinbaseRest rest{&clock};
    FakeCoinbaseWs ws{&rest.market(), &clock};
    std::unique_ptr<ExchangeSession> session;
    TradeLiveFeed *live = nullptr;
    std::unique_ptr<GapFreeFeed> feed;
    CandleBatch closed;

    LiveRig()
    {
        rest.addProduct(QStringLiteral("BTC-USD"), Listed);
        rest.addProduct(QStringLiteral("ETH-USD"), Listed);
        if (!rest.listen() || !ws.listen())
            qFatal("cannot listen");
        const Exchange &e = Coinbase::exchange();
        // A WebSocket URL without a path is used as it is.
        const Endpoints endpoints
            = e.resolveEndpoints(rest.baseUrl().toString(), ws.url().toString());
        session.reset(e.createSession(e, endpoints, &clock, nullptr));
        live = qobject_cast<TradeLiveFeed *>(session->createLiveFeed());
        if (!live)
            qFatal("the Coinbase live feed is not built from trades");
        // The steps below move the clock by half a minute: heartbeats come every second.
        qobject_cast<CoinbaseTradeFeed *>(live->tradeFeed())->setStallTimeoutMs(45000);
        feed = std::make_unique<GapFreeFeed>(live, session->history(), &clock);
        QObject::connect(feed.get(), &LiveFeed::candleClosed, feed.get(),
                         [this](const SeriesKey &, const Candle &c) { closed.append(c); });
    }
    // Half-minute steps of the exchange's clock, each published (trades and a heartbeat).
    void step(int halfMinutes, bool publish = true)
    {
        for (int i = 0; i < halfMinutes; ++i) {
            clock.advance(30000);
            settle();
            if (publish)
                ws.publish();
            settle();
        }
    }
    TradeFeedStats tradeStats() const { return live->tradeFeed()->stats(); }
    CandleBatch truth(const QString &product = QStringLiteral("BTC-USD")) const
    {
        if (closed.isEmpty())
            return {};
        return ohlcv(rest.groundTruth(product, Interval::M1,
                                      {closed.first().openTime, closed.last().openTime + 1}));
    }
};

} // namespace

// Coinbase Advanced Trade: the description, the parsers on the observed payloads, history against
// FakeCoinbaseRest (windows under the cap, either behaviour where the documentation is silent,
// buckets without trades, built intervals, 1s refused), throttling, errors and products.
class TestCoinbase : public QObject
{
    Q_OBJECT
private slots:
    void describesTheExchange()
    {
        const Exchange *e = ExchangeRegistry::find(QStringLiteral("coinbase"));
        QVERIFY(e);
        QCOMPARE(e, &Coinbase::exchange());
        QCOMPARE(e->nativeSymbol(QStringLiteral("BTC/USD")), QStringLiteral("BTC-USD"));
        QCOMPARE(e->nativeSymbol(QStringLiteral("ETH-USD")), QStringLiteral("ETH-USD"));
        QVERIFY(e->nativeSymbol(QStringLiteral("BTC/USD:USD")).isEmpty());
        for (Interval i : {Interval::M1, Interval::M5, Interval::M15, Interval::M30, Interval::H1,
                           Interval::H2, Interval::H6, Interval::D1})
            QVERIFY(e->isNative(i));
        QCOMPARE(e->sourceInterval(Interval::M3), Interval::M1);
        QCOMPARE(e->sourceInterval(Interval::H4), Interval::H2);
        QCOMPARE(e->sourceInterval(Interval::H8), Interval::H2);
        QCOMPARE(e->sourceInterval(Interval::H12), Interval::H6);
        QCOMPARE(e->sourceInterval(Interval::D3), Interval::D1);
        QCOMPARE(e->sourceInterval(Interval::W1), Interval::D1);
        QCOMPARE(e->sourceInterval(Interval::Mon1), Interval::D1);
        QVERIFY(!e->sourceInterval(Interval::S1));
        QVERIFY(e->intervalError(Interval::S1).contains(QStringLiteral("1m")));
        // A WebSocket URL without a path is used as it is (Coinbase's has none).
        QCOMPARE(e->withDefaultWsPath(QUrl(QStringLiteral("ws://127.0.0.1:9"))),
                 QUrl(QStringLiteral("ws://127.0.0.1:9")));
        QCOMPARE(e->environmentVariable("REST_URL"),
                 QStringLiteral("CANDLEWICK_COINBASE_REST_URL"));
    }

    void parsesTheObservedCandles()
    {
        CandleBatch candles;
        QCOMPARE(CoinbaseApi::parseCandles(ObservedCandles, &candles), QString());
        QCOMPARE(candles.size(), 2);
        // Ascending, in ms.
        QCOMPARE(candles.at(0).openTime, 1712188800000LL);
        QCOMPARE(candles.at(1).openTime, 1712192400000LL);
        QCOMPARE(candles.at(1).open, 66312.4);
        QCOMPARE(candles.at(1).low, 66055.14);
        QCOMPARE(candles.at(0).volume, 358.74851052);
    }

    void refusesMalformedCandles()
    {
        CandleBatch candles;
        QVERIFY(!CoinbaseApi::parseCandles("{\"candles\":[{\"start\":\"17", &candles).isEmpty());
        QVERIFY(!CoinbaseApi::parseCandles("{\"rows\":[]}", &candles).isEmpty());
        QVERIFY(
            !CoinbaseApi::parseCandles(
                 R"({"candles":[{"start":1712192400,"low":"1","high":"1","open":"1","close":"1","volume":"1"}]})",
                 &candles)
                 .isEmpty());
        QVERIFY(
            !CoinbaseApi::parseCandles(
                 R"({"candles":[{"start":"1712192400","low":1,"high":"1","open":"1","close":"1","volume":"1"}]})",
                 &candles)
                 .isEmpty());
        QVERIFY(CoinbaseApi::parseCandles(R"({"candles":[]})", &candles).isEmpty());
        QVERIFY(candles.isEmpty());
    }

    void mapsTheErrorBodies()
    {
        const RequestInfo info{QStringLiteral("BTC-USD"), QStringLiteral("1m"),
                               QStringLiteral("http://x/candles")};
        const ProviderError cap = CoinbaseApi::fromHttpStatus(
            400,
            R"({"error":"INVALID_ARGUMENT","error_details":"start and end argument is invalid - number of candles requested should be less than 350","message":"start and end argument is invalid - number of candles requested should be less than 350"})",
            info);
        QCOMPARE(cap.kind, ProviderError::Kind::InvalidRequest);
        QCOMPARE(CoinbaseApi::bucketCapFromError(cap), 350);
        const ProviderError throttled = CoinbaseApi::fromHttpStatus(
            429, R"({"errors":[{"id":"rate_limit_exceeded","message":"Too many requests"}]})",
            info);
        QCOMPARE(throttled.kind, ProviderError::Kind::RateLimited);
        QVERIFY(throttled.message.contains(QStringLiteral("Too many requests")));
        QCOMPARE(CoinbaseApi::fromHttpStatus(401, {}, info).kind, ProviderError::Kind::RateLimited);
        const ProviderError unknown = CoinbaseApi::fromHttpStatus(
            404, R"({"error":"NOT_FOUND","error_details":"ProductID is invalid"})", info);
        QCOMPARE(unknown.kind, ProviderError::Kind::InvalidSymbol);
        QVERIFY(unknown.message.contains(QStringLiteral("BTC-USD")));
        const ProviderError invalid = CoinbaseApi::fromHttpStatus(
            400, R"({"error":"invalid_request","error_description":"bad thing"})", info);
        QVERIFY(invalid.message.contains(QStringLiteral("bad thing")));
        QVERIFY(!CoinbaseApi::bucketCapFromError(invalid));
    }

    void parsesTimes()
    {
        QCOMPARE(CoinbaseApi::parseTimeUs("2019-08-14T20:42:27.265Z"), 1565815347265000LL);
        QCOMPARE(CoinbaseApi::parseTimeUs("2023-02-09T20:19:35.39625135Z"), 1675973975396251LL);
        QCOMPARE(CoinbaseApi::parseTimeUs("2023-02-09T20:19:35Z"), 1675973975000000LL);
        QVERIFY(!CoinbaseApi::parseTimeUs("2023-06-23 20:31:56.121961769 +0000 UTC m=+91717.5"));
        QVERIFY(!CoinbaseApi::parseTimeUs("2023-02-09T20:19:35."));
        QVERIFY(!CoinbaseApi::parseTimeUs(""));
    }

    void historyEqualsGroundTruth_data()
    {
        QTest::addColumn<bool>("oldestFirst");
        QTest::addColumn<bool>("endExclusive");
        QTest::addColumn<bool>("formingServed");
        QTest::newRow("documented") << false << false << true;
        QTest::newRow("oldest first") << true << false << true;
        QTest::newRow("end exclusive") << false << true << true;
        QTest::newRow("no forming row") << false << false << false;
    }
    void historyEqualsGroundTruth()
    {
        QFETCH(bool, oldestFirst);
        QFETCH(bool, endExclusive);
        QFETCH(bool, formingServed);
        Rig rig;
        rig.fake.setOldestFirst(oldestFirst);
        rig.fake.setEndExclusive(endExclusive);
        rig.fake.setFormingServed(formingServed);
        // Two days of 1m up to now: ten windows of 300 buckets, the last one with the forming
        // minute.
        const qint64 from = Now - 2 * Day;
        const JobResult r = rig.fetch(key("BTC-USD"), from, Now + Hour);
        QVERIFY2(r.finished, qPrintable(r.error.message));
        const CandleBatch truth
            = rig.fake.groundTruth(QStringLiteral("BTC-USD"), Interval::M1, {from, Now + Hour});
        QVERIFY(truth.size() > 2000);
        QCOMPARE(r.candles, truth);
        QVERIFY(hasEmptyMinute(r.candles)); // minutes without trades have no candle
        QVERIFY(r.candles.last().openTime < Intervals::alignDown(Interval::M1, Now));
        QCOMPARE(r.requests, 10);
        QCOMPARE(rig.fake.refusedSpans(), 0);
        // Every request spans at most 300 buckets, in seconds.
        for (const QUrlQuery &q : rig.fake.candleQueries()) {
            const qint64 start = q.queryItemValue(QStringLiteral("start")).toLongLong();
            const qint64 end = q.queryItemValue(QStringLiteral("end")).toLongLong();
            QVERIFY(end - start < 300 * 60);
            QVERIFY(start < 10'000'000'000LL);
            QCOMPARE(q.queryItemValue(QStringLiteral("granularity")), QStringLiteral("ONE_MINUTE"));
        }
    }

    void emptyBucketsServedAreKept()
    {
        Rig rig;
        rig.fake.setEmptyBucketsServed(true);
        const qint64 from = Now - Day;
        const JobResult r = rig.fetch(key("ETH-USD"), from, Now);
        QVERIFY2(r.finished, qPrintable(r.error.message));
        // Every minute has a row, the quiet ones with volume 0.
        QCOMPARE(r.candles.size(),
                 Intervals::countBetween(Interval::M1, Intervals::alignUp(Interval::M1, from),
                                         Intervals::alignDown(Interval::M1, Now)));
        QVERIFY(std::any_of(r.candles.begin(), r.candles.end(),
                            [](const Candle &c) { return c.volume == 0; }));
    }

    void learnsALowerCap()
    {
        // A cap of 300 refuses 300 buckets: the provider asks for 299 from then on.
        Rig rig;
        rig.fake.setCandleCap(300);
        const qint64 from = Now - Day;
        const JobResult r = rig.fetch(key("BTC-USD"), from, Now);
        QVERIFY2(r.finished, qPrintable(r.error.message));
        QCOMPARE(r.candles,
                 rig.fake.groundTruth(QStringLiteral("BTC-USD"), Interval::M1, {from, Now}));
        QVERIFY(rig.fake.refusedSpans() >= 1);
        QCOMPARE(rig.rest()->pageLimit(), 299);
        const int refused = rig.fake.refusedSpans();
        const JobResult again = rig.fetch(key("ETH-USD"), from, Now);
        QVERIFY(again.finished);
        QCOMPARE(rig.fake.refusedSpans(), refused);
    }

    void emptyIntervalsAreCoveredNeverRefetched()
    {
        Rig rig;
        QTemporaryDir dir;
        QString error;
        auto database = CandleDatabase::open(dir.filePath(QStringLiteral("cb.sqlite")),
                                             CandleDatabase::Access::ReadWrite, &error);
        QVERIFY2(database, qPrintable(error));
        HistoryCache cache(rig.session->history(), database, &rig.clock);
        const SeriesKey k = key("BTC-USD");
        const qint64 minute = Intervals::alignDown(Interval::M1, Now);
        const TimeRange range{minute - Day, minute - Hour};
        const JobResult first = runJob(cache.ensure(k, range), &rig.clock);
        QVERIFY2(first.finished, qPrintable(first.error.message));
        const int requests = rig.fake.candleRequestCount();
        QVERIFY(requests > 0);
        const CandleBatch stored = database->reader()->read(k, range);
        QVERIFY(hasEmptyMinute(stored));
        QCOMPARE(stored, rig.fake.groundTruth(QStringLiteral("BTC-USD"), Interval::M1, range));
        // The whole range is covered, minutes without trades included.
        QVERIFY(database->reader()->missing(k, range).isEmpty());
        const JobResult second = runJob(cache.ensure(k, range), &rig.clock);
        QVERIFY(second.finished);
        QCOMPARE(rig.fake.candleRequestCount(), requests);
    }

    void buildsIntervalsCoinbaseLacks_data()
    {
        QTest::addColumn<Interval>("interval");
        QTest::addColumn<Interval>("source");
        QTest::newRow("3m") << Interval::M3 << Interval::M1;
        QTest::newRow("4h") << Interval::H4 << Interval::H2;
        QTest::newRow("8h") << Interval::H8 << Interval::H2;
        QTest::newRow("12h") << Interval::H12 << Interval::H6;
        QTest::newRow("1w") << Interval::W1 << Interval::D1;
    }
    void buildsIntervalsCoinbaseLacks()
    {
        QFETCH(Interval, interval);
        QFETCH(Interval, source);
        Rig rig;
        const qint64 span = Intervals::nominalMs(interval) * 6;
        const qint64 to = Intervals::alignDown(interval, Now);
        const qint64 from = to - span;
        const JobResult r = rig.fetch(key("BTC-USD", interval), from, to);
        QVERIFY2(r.finished, qPrintable(r.error.message));
        QVERIFY(!r.candles.isEmpty());
        for (const QUrlQuery &q : rig.fake.candleQueries())
            QCOMPARE(q.queryItemValue(QStringLiteral("granularity")),
                     Coinbase::granularity(source));
        // Equal to the exchange's aggregate of its finer candles.
        const CandleBatch fine
            = rig.fake.groundTruth(QStringLiteral("BTC-USD"), source, {from, to});
        const CandleBatch expected = Resampler::resample(fine, source, interval);
        QCOMPARE(r.candles.size(), expected.size());
        for (qsizetype i = 0; i < expected.size(); ++i) {
            QCOMPARE(r.candles.at(i).openTime, expected.at(i).openTime);
            QCOMPARE(r.candles.at(i).open, expected.at(i).open);
            QCOMPARE(r.candles.at(i).close, expected.at(i).close);
            QCOMPARE(r.candles.at(i).high, expected.at(i).high);
            QCOMPARE(r.candles.at(i).low, expected.at(i).low);
            QVERIFY(qAbs(r.candles.at(i).volume - expected.at(i).volume) < 1e-6);
        }
    }

    void refusesOneSecondHistory()
    {
        Rig rig;
        const JobResult r = rig.fetch(key("BTC-USD", Interval::S1), Now - Hour, Now);
        QVERIFY(r.failed);
        QCOMPARE(r.error.kind, ProviderError::Kind::InvalidInterval);
        QVERIFY(r.error.message.contains(QStringLiteral("1m")));
        QCOMPARE(rig.fake.requestCount(), 0);
    }

    void aDeclaredBudgetReplacesTheDefault()
    {
        {
            Rig rig;
            QCOMPARE(rig.rest()->rateLimiter()->maxRequests(),
                     CoinbaseRestProvider::DefaultMaxRequests);
            QCOMPARE(rig.rest()->rateLimiter()->windowMs(), CoinbaseRestProvider::DefaultWindowMs);
        }
        qputenv("CANDLEWICK_COINBASE_REQUEST_BUDGET", "4/2");
        Rig rig;
        qunsetenv("CANDLEWICK_COINBASE_REQUEST_BUDGET");
        QCOMPARE(rig.rest()->rateLimiter()->maxRequests(), 4);
        QCOMPARE(rig.rest()->rateLimiter()->windowMs(), 2000);
        // Paced by it: 12 windows against a server taking 4 in any 2 s, never throttled.
        rig.fake.setRequestLimit(4, 2000);
        rig.rest()->setMaxConcurrentRequests(8);
        const JobResult r = runJob(rig.session->history()->fetchHistory(
                                       key("BTC-USD"), Now - Day - 12 * 5 * Hour, Now - Day),
                                   &rig.clock, 100);
        QVERIFY2(r.finished, qPrintable(r.error.message));
        QCOMPARE(r.requests, 12);
        QCOMPARE(rig.fake.throttledCount(), 0);
        QVERIFY(rig.fake.maxRequestsInWindow() <= 4);
    }

    void pacesUnderTheLimit()
    {
        Rig rig;
        rig.rest()->setMaxConcurrentRequests(8);
        // 30 windows: three seconds at 10 requests per second, never an 11th in one second.
        const JobResult r = runJob(
            rig.session->history()->fetchHistory(key("BTC-USD"), Now - 6 * Day - Hour, Now - Hour),
            &rig.clock, 100);
        QVERIFY2(r.finished, qPrintable(r.error.message));
        QVERIFY(r.requests >= 29);
        QCOMPARE(rig.fake.throttledCount(), 0);
        QVERIFY(rig.fake.maxRequestsInWindow() <= 10);
    }

    void throttlingBacksOff_data()
    {
        QTest::addColumn<int>("fault");
        QTest::newRow("429") << int(FakeCoinbaseRest::Fault::Throttle429);
        QTest::newRow("401") << int(FakeCoinbaseRest::Fault::Throttle401);
        QTest::newRow("500") << int(FakeCoinbaseRest::Fault::ServerError);
        QTest::newRow("malformed") << int(FakeCoinbaseRest::Fault::MalformedJson);
    }
    void throttlingBacksOff()
    {
        QFETCH(int, fault);
        Rig rig;
        rig.rest()->setRetryPolicy(RetryPolicy(6, 500, 30000, 1));
        rig.fake.injectFault(FakeCoinbaseRest::Fault(fault), 2);
        const TimeRange range{Now - 3 * Hour, Now - Hour};
        const JobResult r = rig.fetch(key("BTC-USD"), range.from, range.to);
        QVERIFY2(r.finished, qPrintable(r.error.message));
        QCOMPARE(r.candles, rig.fake.groundTruth(QStringLiteral("BTC-USD"), Interval::M1, range));
        QCOMPARE(rig.fake.candleRequestCount(), 3);
    }

    void aThrottleThatLastsFails()
    {
        Rig rig;
        rig.rest()->setRetryPolicy(RetryPolicy(3, 100, 1000, 1));
        rig.fake.injectFault(FakeCoinbaseRest::Fault::Throttle401, 10);
        const JobResult r = rig.fetch(key("BTC-USD"), Now - 3 * Hour, Now - Hour);
        QVERIFY(r.failed);
        QCOMPARE(r.error.kind, ProviderError::Kind::RateLimited);
        QVERIFY(r.error.message.contains(QStringLiteral("401")));
    }

    void unknownProductsAndBadNames()
    {
        Rig rig;
        const JobResult unknown = rig.fetch(key("DOGE-USD"), Now - 3 * Hour, Now - Hour);
        QVERIFY(unknown.failed);
        QCOMPARE(unknown.error.kind, ProviderError::Kind::InvalidSymbol);
        QVERIFY(unknown.error.message.contains(QStringLiteral("DOGE-USD")));
        const int requests = rig.fake.requestCount();
        const JobResult bad = rig.fetch(key("btcusd"), Now - 3 * Hour, Now - Hour);
        QVERIFY(bad.failed);
        QCOMPARE(bad.error.kind, ProviderError::Kind::InvalidSymbol);
        QCOMPARE(rig.fake.requestCount(), requests);
    }

    void listsProducts()
    {
        Rig rig;
        SymbolsJob *job = rig.session->symbols()->fetchSymbols();
        SymbolList symbols;
        QObject::connect(job, &SymbolsJob::finished, job, [&] { symbols = job->symbols(); });
        const JobResult r = runJob(job, &rig.clock);
        QVERIFY2(r.finished, qPrintable(r.error.message));
        QCOMPARE(symbols.size(), 3);
        QCOMPARE(symbols.first().symbol, QStringLiteral("BTC-USD"));
        QCOMPARE(symbols.first().baseAsset, QStringLiteral("BTC"));
        QCOMPARE(symbols.first().quoteAsset, QStringLiteral("USD"));
        QCOMPARE(symbols.first().status, QStringLiteral("TRADING"));
        QCOMPARE(symbols.first().tickSize, 0.01);
        QCOMPARE(Coinbase::exchange().unifiedSymbol(symbols.first()), QStringLiteral("BTC/USD"));
    }

    void liveCandlesFromTradesEqualRest()
    {
        LiveRig rig;
        const SeriesKey k = key("BTC-USD");
        const qint64 resume = Intervals::alignDown(Interval::M1, rig.clock.nowMs()) - 5 * Minute;
        rig.feed->setResumePoint(k, resume);
        rig.feed->subscribe(k);
        QVERIFY(waitFor([&rig] { return rig.ws.subscribeMessages() == 2; }, 5000));
        // One channel per message: heartbeats, then market_trades.
        rig.step(4);
        const int requests = rig.rest.candleRequestCount();
        const qsizetype before = rig.closed.size();
        rig.step(12);
        // Six more minutes closed from the trades alone, by the exchange's clock.
        QVERIFY(rig.closed.size() >= before + 5);
        QCOMPARE(rig.rest.candleRequestCount(), requests);
        QCOMPARE(rig.closed.first().openTime, resume);
        QCOMPARE(ohlcv(rig.closed), rig.truth());
        QVERIFY(rig.closed.last().trades > 0); // built from trades
        QCOMPARE(rig.ws.closedForSilence(), 0);
        QCOMPARE(rig.ws.errorsSent(), 0);
        QCOMPARE(rig.tradeStats().losses, 0);
    }

    void lostMessagesAreRepairedFromRest_data()
    {
        QTest::addColumn<bool>("perProduct");
        QTest::newRow("sequence per connection") << false;
        QTest::newRow("sequence per product") << true;
    }
    void lostMessagesAreRepairedFromRest()
    {
        QFETCH(bool, perProduct);
        LiveRig rig;
        rig.ws.setSequencePerProduct(perProduct);
        const SeriesKey btc = key("BTC-USD");
        const SeriesKey eth = key("ETH-USD");
        CandleBatch ethClosed;
        QObject::disconnect(rig.feed.get(), &LiveFeed::candleClosed, rig.feed.get(), nullptr);
        QObject::connect(rig.feed.get(), &LiveFeed::candleClosed, rig.feed.get(),
                         [&](const SeriesKey &k, const Candle &c) {
                             (k == btc ? rig.closed : ethClosed).append(c);
                         });
        rig.feed->subscribe(btc);
        rig.feed->subscribe(eth);
        rig.step(8);
        const int requests = rig.rest.candleRequestCount();
        QCOMPARE(rig.tradeStats().losses, 0);
        // An update of trades never arrives; the next message shows the gap.
        rig.ws.loseUpdates(1);
        rig.step(8);
        QVERIFY(rig.tradeStats().losses >= 1);
        QVERIFY(rig.rest.candleRequestCount() > requests);
        QVERIFY(rig.closed.size() >= 6);
        QCOMPARE(ohlcv(rig.closed), rig.truth());
        QVERIFY(ethClosed.size() >= 4); // ETH-USD had a minute without trades
        QCOMPARE(ohlcv(ethClosed),
                 ohlcv(rig.rest.groundTruth(
                     QStringLiteral("ETH-USD"), Interval::M1,
                     {ethClosed.first().openTime, ethClosed.last().openTime + 1})));
    }

    void dropsStallsAndMalformedMessages()
    {
        LiveRig rig;
        const SeriesKey k = key("BTC-USD");
        rig.feed->subscribe(k);
        rig.step(6);
        // A drop: minutes pass unseen; the feed reconnects and the minutes come from REST.
        rig.ws.dropAll();
        rig.step(6);
        // A stall: the connection stays, nothing comes; the watchdog replaces it.
        rig.ws.setStalled(true);
        rig.step(2, false);
        rig.ws.setStalled(false);
        rig.step(4);
        // A frame that is not JSON is counted and skipped.
        rig.ws.sendMalformedNext();
        rig.step(6);
        // A message again (an old sequence_num): its trades are not counted twice, nothing lost.
        const qint64 losses = rig.tradeStats().losses;
        const qsizetype closedBefore = rig.closed.size();
        rig.ws.repeatNextUpdate();
        rig.step(6);
        QCOMPARE(rig.tradeStats().losses, losses);
        QVERIFY(rig.closed.size() > closedBefore);
        QVERIFY(rig.live->stats().duplicatesDropped >= 1);
        QVERIFY(rig.ws.acceptedConnections() >= 3);
        QVERIFY(rig.tradeStats().reconnects >= 2);
        QVERIFY(rig.tradeStats().rejectedFrames >= 1);
        QVERIFY(rig.closed.size() >= 10);
        QCOMPARE(ohlcv(rig.closed), rig.truth());
        QVERIFY(rig.feed->stats().gapsBackfilled >= 2);
    }

    void pacesSubscribeMessages()
    {
        LiveRig rig;
        for (int i = 0; i < 12; ++i)
            rig.rest.addProduct(QStringLiteral("C%1-USD").arg(i), Listed);
        rig.feed->subscribe(key("BTC-USD"));
        QVERIFY(waitFor([&rig] { return rig.ws.subscribeMessages() == 2; }, 5000));
        settle();
        for (int i = 0; i < 12; ++i)
            rig.feed->subscribe(
                {QStringLiteral("coinbase"), QStringLiteral("C%1-USD").arg(i), Interval::M1});
        settle();
        // At most eight messages a second: the rest wait for the clock.
        QVERIFY(rig.ws.subscribeMessages() <= 2 + 8);
        for (int i = 0; i < 3; ++i) {
            rig.clock.advance(1000);
            settle();
        }
        QVERIFY(waitFor([&rig] { return rig.ws.subscribeMessages() == 14; }, 2000));
        QCOMPARE(rig.ws.errorsSent(), 0);
        QCOMPARE(rig.ws.connectionCount(), 1);
    }

    void refusedSubscriptionsAreLoggedNotFatal()
    {
        LiveRig rig;
        QStringList log;
        QObject::connect(rig.feed.get(), &LiveFeed::logMessage, rig.feed.get(),
                         [&log](const QString &m) { log.append(m); });
        rig.feed->subscribe(key("BTC-USD"));
        rig.feed->subscribe(key("NOPE-USD"));
        rig.step(6);
        QVERIFY(rig.ws.errorsSent() >= 1);
        QVERIFY(rig.tradeStats().controlErrors >= 1);
        QVERIFY(std::any_of(log.begin(), log.end(), [](const QString &m) {
            return m.contains(QStringLiteral("failure to subscribe"));
        }));
        // BTC-USD goes on on the same connection.
        QCOMPARE(rig.ws.acceptedConnections(), 1);
        QVERIFY(rig.closed.size() >= 1);
        QCOMPARE(ohlcv(rig.closed), rig.truth());
    }

    void parsesTheDocumentedMessages()
    {
        CoinbaseApi::StreamMessage m;
        QCOMPARE(
            CoinbaseApi::parseStreamMessage(
                R"({"channel":"market_trades","client_id":"","timestamp":"2023-02-09T20:19:35.39625135Z","sequence_num":0,"events":[{"type":"snapshot","trades":[{"trade_id":"000000000","product_id":"ETH-USD","price":"1260.01","size":"0.3","side":"BUY","time":"2019-08-14T20:42:27.265Z"}]}]})",
                &m),
            QString());
        QCOMPARE(m.type, CoinbaseApi::StreamMessage::Type::Trades);
        QVERIFY(m.snapshot);
        QCOMPARE(m.sequenceNum, 0);
        QCOMPARE(m.trades.size(), 1);
        QCOMPARE(m.trades.first().price, QByteArray("1260.01"));
        QCOMPARE(m.trades.first().timeUs, 1565815347265000LL);
        QCOMPARE(
            CoinbaseApi::parseStreamMessage(
                R"({"channel":"heartbeats","client_id":"","timestamp":"2023-06-23T20:31:26.122969572Z","sequence_num":0,"events":[{"current_time":"2023-06-23 20:31:56.121961769 +0000 UTC m=+91717.525857105","heartbeat_counter":"3049"}]})",
                &m),
            QString());
        QCOMPARE(m.type, CoinbaseApi::StreamMessage::Type::Heartbeat);
        QCOMPARE(m.timestampUs, 1687552286122969LL);
        QCOMPARE(
            CoinbaseApi::parseStreamMessage(
                R"({"channel":"subscriptions","client_id":"","timestamp":"2023-02-09T20:19:35.39625135Z","sequence_num":1,"events":[{"subscriptions":{"market_trades":["BTC-USD"]}}]})",
                &m),
            QString());
        QCOMPARE(m.subscriptions.value(QStringLiteral("market_trades")),
                 QStringList{QStringLiteral("BTC-USD")});
        QCOMPARE(CoinbaseApi::parseStreamMessage(
                     R"({"type":"error","message":"failure to subscribe"})", &m),
                 QString());
        QCOMPARE(m.type, CoinbaseApi::StreamMessage::Type::Error);
        // Found by fuzz_coinbase: a sequence_num beyond qint64 was converted unchecked.
        QVERIFY(
            !CoinbaseApi::parseStreamMessage(
                 R"({"channel":"heartbeats","timestamp":"2023-06-23T20:31:26Z","sequence_num":3.3e67,"events":[]})",
                 &m)
                 .isEmpty());
        QVERIFY(
            !CoinbaseApi::parseStreamMessage(
                 R"({"channel":"heartbeats","timestamp":"2023-06-23T20:31:26Z","sequence_num":-1,"events":[]})",
                 &m)
                 .isEmpty());
        QVERIFY(
            !CoinbaseApi::parseStreamMessage(
                 R"({"channel":"market_trades","timestamp":"2023-02-09T20:19:35Z","events":[{"type":"update","trades":[{"trade_id":"1","product_id":"ETH-USD","price":"x","size":"0.3","side":"BUY","time":"2019-08-14T20:42:27.265Z"}]}]})",
                 &m)
                 .isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestCoinbase)
#include "tst_coinbase.moc"
