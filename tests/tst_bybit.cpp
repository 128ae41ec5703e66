#include <bybit/bybitapi.h>
#include <bybit/bybitexchange.h>
#include <bybit/bybitklinesparser.h>
#include <bybit/bybitlivefeed.h>
#include <bybit/bybitrestprovider.h>
#include <bybit/bybitsession.h>
#include <eventwait.h>
#include <jobrun.h>
#include <exchange.h>
#include <exchangeregistry.h>
#include <fakebybitrest.h>
#include <fakebybitws.h>
#include <gapfreefeed.h>
#include <historyjob.h>
#include <manualclock.h>
#include <requestratelimiter.h>
#include <resampler.h>
#include <symbolsjob.h>

#include <QPointer>
#include <QTest>

#include <memory>

using namespace Candlewick;
using namespace Candlewick::Testing;

namespace {

constexpr qint64 Minute = 60 * 1000;
constexpr qint64 Day = 24 * 60 * Minute;
// "Now" of the tests: 2024-06-15 12:34:56.789 UTC.
constexpr qint64 Now = 1718454896789LL;
constexpr qint64 Listed = 1546300800000LL; // 2019-01-01

// The kline example of Bybit's v5 documentation, verbatim.
const QByteArray DocsKlines
    = R"({"retCode":0,"retMsg":"OK","result":{"symbol":"BTCUSD","category":"inverse","list":[["1670608800000","17071","17073","17027","17055.5","268611","15.74462667"],["1670605200000","17071.5","17071.5","17061","17071","4177","0.24469757"],["1670601600000","17086.5","17088","16978","17071.5","6356","0.37288112"]]},"retExtInfo":{},"time":1672025956592})";
// An unknown symbol, as Bybit answers it.
const QByteArray DocsUnknownSymbol
    = R"({"retCode":10001,"retMsg":"Not supported symbols","result":{},"retExtInfo":{},"time":1726147060461})";

SeriesKey key(const char *symbol, Interval interval = Interval::M1, const char *exchange = "bybit")
{
    return {QString::fromLatin1(exchange), QString::fromLatin1(symbol), interval};
}

// Lets sockets on both ends in this thread talk for a moment of real time.
void settle()
{
    waitFor([] { return false; }, 30);
}

struct Rig
{
    ManualClock clock{Now};
    FakeBybitRest fake{&clock};
    std::unique_ptr<ExchangeSession> spot;
    std::unique_ptr<ExchangeSession> linear;

    Rig()
    {
        fake.addSymbol(QStringLiteral("spot"), QStringLiteral("BTCUSDT"), QStringLiteral("BTC"),
                       QStringLiteral("USDT"), Listed);
        fake.addSymbol(QStringLiteral("spot"), QStringLiteral("ETHUSDT"), QStringLiteral("ETH"),
                       QStringLiteral("USDT"), Listed);
        fake.addSymbol(QStringLiteral("linear"), QStringLiteral("BTCUSDT"), QStringLiteral("BTC"),
                       QStringLiteral("USDT"), Listed);
        fake.addSymbol(QStringLiteral("linear"), QStringLiteral("SOLUSDT"), QStringLiteral("SOL"),
                       QStringLiteral("USDT"), Now - 2 * Day);
        fake.addSymbol(QStringLiteral("linear"), QStringLiteral("BTC-28JUN24"),
                       QStringLiteral("BTC"), QStringLiteral("USDT"), Listed,
                       QStringLiteral("Trading"), QStringLiteral("LinearFutures"));
        fake.addSymbol(QStringLiteral("linear"), QStringLiteral("XRPUSDT"), QStringLiteral("XRP"),
                       QStringLiteral("USDT"), Listed);
        fake.addSymbol(QStringLiteral("linear"), QStringLiteral("DOGEUSDT"), QStringLiteral("DOGE"),
                       QStringLiteral("USDT"), Listed);
        if (!fake.listen())
            qFatal("cannot listen");
        const Endpoints endpoints{fake.baseUrl(), {}};
        spot.reset(Bybit::spot().createSession(Bybit::spot(), endpoints, &clock, nullptr));
        linear.reset(Bybit::linear().createSession(Bybit::linear(), endpoints, &clock, nullptr));
    }
    BybitRestProvider *spotRest() const
    {
        return static_cast<BybitSession *>(spot.get())->restProvider();
    }
};

} // namespace

// Bybit v5 spot and linear: the descriptions, the parsers on the documented payloads, history
// against FakeBybitRest (newest-first pagination, either behaviour where the documentation is
// silent), the declared rate limit, the 403 ban, retries, errors and the instrument lists.
class TestBybit : public QObject
{
    Q_OBJECT
private slots:
    void describesBothMarkets()
    {
        const Exchange *spot = ExchangeRegistry::find(QStringLiteral("bybit"));
        const Exchange *linear = ExchangeRegistry::find(QStringLiteral("bybit-linear"));
        QVERIFY(spot && linear);
        QCOMPARE(spot, &Bybit::spot());
        QCOMPARE(Bybit::category(*linear), QStringLiteral("linear"));
        QCOMPARE(Bybit::category(*spot), QStringLiteral("spot"));
        QVERIFY(spot->isNative(Interval::M1));
        QVERIFY(!spot->isNative(Interval::S1));
        QVERIFY(spot->intervalError(Interval::S1).contains(QStringLiteral("1m")));
        QCOMPARE(*spot->sourceInterval(Interval::H8), Interval::H4);
        QCOMPARE(*spot->sourceInterval(Interval::D3), Interval::D1);
        QCOMPARE(Bybit::intervalCode(Interval::H12), QStringLiteral("720"));
        QCOMPARE(Bybit::intervalCode(Interval::Mon1), QStringLiteral("M"));
        QCOMPARE(spot->nativeSymbol(QStringLiteral("BTC/USDT")), QStringLiteral("BTCUSDT"));
        QVERIFY(spot->nativeSymbol(QStringLiteral("BTC/USDT:USDT")).isEmpty());
        QCOMPARE(linear->nativeSymbol(QStringLiteral("BTC/USDT:USDT")), QStringLiteral("BTCUSDT"));
        QCOMPARE(linear->nativeSymbol(QStringLiteral("BTC/USDT")), QStringLiteral("BTCUSDT"));
        QVERIFY(linear->nativeSymbol(QStringLiteral("BTC/USD:BTC")).isEmpty());
        const Endpoints e = linear->resolveEndpoints(QStringLiteral("http://127.0.0.1:1"),
                                                     QStringLiteral("ws://127.0.0.1:2"));
        QCOMPARE(e.wsUrl.toString(), QStringLiteral("ws://127.0.0.1:2/v5/public/linear"));
    }

    void parsesTheDocumentedKlines()
    {
        QString why;
        const auto envelope = BybitApi::parseEnvelope(DocsKlines, &why);
        QVERIFY2(envelope, qPrintable(why));
        QCOMPARE(envelope->retCode, 0);
        const auto status = BybitApi::parseStatus(DocsKlines, &why);
        QVERIFY2(status, qPrintable(why));
        QCOMPARE(status->retCode, 0);
        QCOMPARE(status->retMsg, QStringLiteral("OK"));
        BybitKlinesParser parser;
        QVERIFY2(parser.parse(DocsKlines), qPrintable(parser.errorString()));
        const CandleBatch candles = parser.candles();
        QCOMPARE(candles.size(), 3);
        // Newest first on the wire, ascending here.
        QCOMPARE(candles.at(0).openTime, 1670601600000LL);
        QCOMPARE(candles.at(2).openTime, 1670608800000LL);
        QCOMPARE(candles.at(0).open, 17086.5);
        QCOMPARE(candles.at(0).high, 17088.0);
        QCOMPARE(candles.at(0).low, 16978.0);
        QCOMPARE(candles.at(0).close, 17071.5);
        QCOMPARE(candles.at(0).volume, 6356.0);
        QCOMPARE(candles.at(0).quoteVolume, 0.37288112);
    }

    void refusesMalformedKlines()
    {
        QString why;
        BybitKlinesParser parser;
        const char *const bad[] = {
            // numbers instead of strings
            R"({"retCode":0,"retMsg":"OK","result":{"list":[[1670601600000,1,2,0.5,1,3,4]]}})",
            // oldest first
            R"({"retCode":0,"retMsg":"OK","result":{"list":[["1670601600000","1","1","1","1","1","1"],["1670605200000","1","1","1","1","1","1"]]}})",
            // six fields, an absurd time, a word, no list, an error, truncated, trailing data
            R"({"retCode":0,"result":{"list":[["1670601600000","1","1","1","1","1"]]}})",
            R"({"retCode":0,"result":{"list":[["1","1","1","1","1","1","1"]]}})",
            R"({"retCode":0,"result":{"list":[["1670601600000","1","x","1","1","1","1"]]}})",
            R"({"retCode":0,"result":{}})",
            R"({"retCode":10001,"retMsg":"Not supported symbols","result":{}})",
            R"({"retCode":0,"result":{"list":[["1670601600000","1","1","1","1","1","1"]])",
            R"({"retCode":0,"result":{"list":[]}} [])", "<html>"};
        for (const char *body : bad)
            QVERIFY2(!parser.parse(QByteArrayView(body)), body);
        QVERIFY(parser.candles().isEmpty());
        QVERIFY(!parser.errorString().isEmpty());
        QVERIFY(!BybitApi::parseEnvelope("<html>", &why));
        QVERIFY(!BybitApi::parseEnvelope(R"({"code":0})", &why));
        QVERIFY(!BybitApi::parseStatus("<html>", &why));
        QVERIFY(!BybitApi::parseStatus(R"({"code":0})", &why));
        QVERIFY(!BybitApi::parseStatus(R"({"retCode":0,"result":{)", &why));
    }

    void mapsTheErrorEnvelope()
    {
        QString why;
        const auto envelope = BybitApi::parseEnvelope(DocsUnknownSymbol, &why);
        QVERIFY(envelope);
        const ProviderError e = BybitApi::fromRetCode(
            *envelope, {QStringLiteral("NOPEUSDT"), QStringLiteral("1m"), {}});
        QCOMPARE(e.kind, ProviderError::Kind::InvalidSymbol);
        QCOMPARE(e.exchangeCode, 10001);
        QVERIFY(e.message.contains(QStringLiteral("NOPEUSDT")));
        QCOMPARE(BybitApi::fromRetCode({10006, QStringLiteral("Too many visits!"), {}}, {}).kind,
                 ProviderError::Kind::RateLimited);
        QCOMPARE(BybitApi::fromRetCode({10016, QStringLiteral("Server error."), {}}, {}).kind,
                 ProviderError::Kind::ServerError);
        QCOMPARE(BybitApi::fromHttpStatus(403, "access too frequent", {}).kind,
                 ProviderError::Kind::Banned);
        QCOMPARE(BybitApi::fromHttpStatus(403, {}, {}).retryAfterMs, BybitApi::BanMs);
    }

    void parsesInstruments()
    {
        const QByteArray body
            = R"({"retCode":0,"retMsg":"OK","result":{"category":"linear","list":[{"symbol":"BTCUSDT","contractType":"LinearPerpetual","status":"Trading","baseCoin":"BTC","quoteCoin":"USDT","settleCoin":"USDT","priceFilter":{"minPrice":"0.10","maxPrice":"199999.80","tickSize":"0.10"},"lotSizeFilter":{"qtyStep":"0.001"}},{"symbol":"BTC-28JUN24","contractType":"LinearFutures","status":"Trading","baseCoin":"BTC","quoteCoin":"USDT","settleCoin":"USDT"},{"symbol":"BTCPERP","contractType":"LinearPerpetual","status":"Trading","baseCoin":"BTC","quoteCoin":"USD","settleCoin":"USDC"}],"nextPageCursor":"first%3DBTCUSDT"},"retExtInfo":{},"time":1707186451514})";
        QString why;
        const auto envelope = BybitApi::parseEnvelope(body, &why);
        QVERIFY(envelope);
        SymbolList symbols;
        QString next;
        QCOMPARE(
            BybitApi::parseInstruments(envelope->result, QStringLiteral("linear"), &symbols, &next),
            QString());
        QCOMPARE(symbols.size(), 1);
        QCOMPARE(symbols.at(0).symbol, QStringLiteral("BTCUSDT"));
        QVERIFY(symbols.at(0).isTrading());
        QCOMPARE(symbols.at(0).tickSize, 0.1);
        QCOMPARE(Bybit::linear().unifiedSymbol(symbols.at(0)), QStringLiteral("BTC/USDT:USDT"));
        QCOMPARE(Bybit::spot().unifiedSymbol(symbols.at(0)), QStringLiteral("BTC/USDT"));
        QCOMPARE(next, QStringLiteral("first%3DBTCUSDT"));
        QCOMPARE(
            BybitApi::parseInstruments(envelope->result, QStringLiteral("spot"), &symbols, &next),
            QString());
        QCOMPARE(symbols.size(), 3);
    }

    void historyEqualsGroundTruth_data()
    {
        QTest::addColumn<int>("variant");
        QTest::newRow("documented") << 0;
        QTest::newRow("end exclusive") << 1;
        QTest::newRow("forming row left out") << 2;
        QTest::newRow("no-trade buckets omitted") << 3;
        QTest::newRow("oldest rows of a range") << 4;
    }
    void historyEqualsGroundTruth()
    {
        QFETCH(int, variant);
        Rig rig;
        rig.fake.setEndExclusive(variant == 1);
        rig.fake.setFormingRowServed(variant != 2);
        rig.fake.setQuietBucketsOmitted(variant == 3);
        rig.fake.setOldestRowsFirst(variant == 4);
        const qint64 from = Intervals::alignDown(Interval::M1, Now) - 3 * Day;
        // Asks past now: the forming candle must not come back.
        const JobResult r = runJob(
            rig.spot->history()->fetchHistory(key("BTCUSDT"), from, Now + Day), &rig.clock);
        QVERIFY2(r.finished, qPrintable(r.error.message));
        // The job asks for what had closed when it started; runJob() may move the clock on
        // meanwhile.
        const CandleBatch truth
            = rig.fake.groundTruth(QStringLiteral("BTCUSDT"), Interval::M1,
                                   {from, Intervals::alignDown(Interval::M1, Now)});
        QVERIFY(truth.size() > 4000);
        QCOMPARE(r.candles.size(), truth.size());
        QVERIFY(r.candles == truth);
        QVERIFY(r.candles.last().openTime < Intervals::alignDown(Interval::M1, Now));
        QVERIFY2(r.requests >= 5 && r.requests <= 6, qPrintable(QString::number(r.requests)));
        const QList<QUrlQuery> queries = rig.fake.klineQueries();
        QCOMPARE(queries.size(), r.requests);
        // The first request is the newest page of the whole range.
        QCOMPARE(queries.first().queryItemValue(QStringLiteral("start")), QString::number(from));
        for (const QUrlQuery &q : queries) {
            QCOMPARE(q.queryItemValue(QStringLiteral("category")), QStringLiteral("spot"));
            QCOMPARE(q.queryItemValue(QStringLiteral("interval")), QStringLiteral("1"));
            QCOMPARE(q.queryItemValue(QStringLiteral("limit")), QStringLiteral("1000"));
            QVERIFY(q.hasQueryItem(QStringLiteral("end")));
        }
    }

    void linearAsksItsCategory()
    {
        Rig rig;
        const qint64 from = Intervals::alignDown(Interval::H1, Now) - 10 * Day;
        const JobResult r = runJob(rig.linear->history()->fetchHistory(
                                       key("BTCUSDT", Interval::H1, "bybit-linear"), from, Now),
                                   &rig.clock);
        QVERIFY2(r.finished, qPrintable(r.error.message));
        QCOMPARE(r.candles.size(), 240);
        QCOMPARE(r.requests, 1);
        QCOMPARE(rig.fake.klineQueries().first().queryItemValue(QStringLiteral("category")),
                 QStringLiteral("linear"));
        QCOMPARE(rig.fake.klineQueries().first().queryItemValue(QStringLiteral("interval")),
                 QStringLiteral("60"));
    }

    void skipsTheTimeBeforeTheListing()
    {
        Rig rig;
        // SOLUSDT has candles for two days only; a year and more is asked.
        const qint64 from = Intervals::alignDown(Interval::M1, Now) - 400 * Day;
        const JobResult r = runJob(rig.linear->history()->fetchHistory(
                                       key("SOLUSDT", Interval::M1, "bybit-linear"), from, Now),
                                   &rig.clock);
        QVERIFY2(r.finished, qPrintable(r.error.message));
        const CandleBatch truth
            = rig.fake.groundTruth(QStringLiteral("SOLUSDT"), Interval::M1,
                                   {from, Intervals::alignDown(Interval::M1, Now)});
        QVERIFY(truth.size() > 2000);
        QVERIFY(r.candles == truth);
        // The newest page, one daily request for the first candle, then two days and one of
        // margin in windows of 1000: not 576 requests.
        QVERIFY2(r.requests <= 7, qPrintable(QString::number(r.requests)));
        QCOMPARE(rig.fake.klineQueries().at(1).queryItemValue(QStringLiteral("interval")),
                 QStringLiteral("D"));
    }

    void buildsEightHoursFromFourHours()
    {
        Rig rig;
        const qint64 from = Intervals::alignDown(Interval::D1, Now) - 20 * Day;
        const qint64 to = Intervals::alignDown(Interval::D1, Now);
        const JobResult r = runJob(
            rig.spot->history()->fetchHistory(key("BTCUSDT", Interval::H8), from, to), &rig.clock);
        QVERIFY2(r.finished, qPrintable(r.error.message));
        QCOMPARE(r.candles.size(), 60);
        const CandleBatch fourHours
            = rig.fake.groundTruth(QStringLiteral("BTCUSDT"), Interval::H4, {from, to});
        QCOMPARE(r.candles.first().open, fourHours.at(0).open);
        QCOMPARE(r.candles.first().close, fourHours.at(1).close);
        QCOMPARE(r.candles.first().high, std::max(fourHours.at(0).high, fourHours.at(1).high));
        for (const QUrlQuery &q : rig.fake.klineQueries())
            QCOMPARE(q.queryItemValue(QStringLiteral("interval")), QStringLiteral("240"));
    }

    void limiterHoldsTheWindow()
    {
        ManualClock clock(Now);
        RequestRateLimiter limiter(&clock, 10, 5000);
        QObject context;
        int granted = 0;
        for (int i = 0; i < 25; ++i)
            limiter.acquire(&context, [&granted] { ++granted; });
        QCOMPARE(granted, 10);
        QCOMPARE(limiter.inFlight(), 10);
        // A slot is held until a window after the answer, not after the send.
        clock.advance(3000);
        for (int i = 0; i < 10; ++i)
            limiter.release();
        clock.advance(4999);
        QCOMPARE(granted, 10);
        clock.advance(1);
        QCOMPARE(granted, 20);
        for (int i = 0; i < 10; ++i)
            limiter.release();
        limiter.blockUntil(clock.nowMs() + 60000);
        clock.advance(5000);
        QCOMPARE(granted, 20);
        clock.advance(55000);
        QCOMPARE(granted, 25);
    }

    void staysUnderTheLimitWithoutBans()
    {
        Rig rig;
        rig.fake.setRequestLimit(10, 5000);
        rig.spotRest()->setRequestBudget(10, 5000);
        const qint64 from = Intervals::alignDown(Interval::M1, Now) - 20 * Day;
        const JobResult r
            = runJob(rig.spot->history()->fetchHistory(key("BTCUSDT"), from, Now), &rig.clock, 500);
        QVERIFY2(r.finished, qPrintable(r.error.message));
        QCOMPARE(r.candles.size(), 20 * 24 * 60);
        QVERIFY(r.requests >= 29);
        QCOMPARE(rig.fake.bannedCount(), 0);
        QCOMPARE(rig.fake.maxRequestsInWindow(), 10);
    }

    void aBanStopsEveryRequestUntilItHasPassed()
    {
        Rig rig;
        rig.fake.setRequestLimit(10, 5000);
        rig.spotRest()->setRequestBudget(100, 5000); // more than the server allows
        const qint64 from = Intervals::alignDown(Interval::M1, Now) - 20 * Day;
        JobResult r
            = runJob(rig.spot->history()->fetchHistory(key("BTCUSDT"), from, Now), &rig.clock);
        QVERIFY(r.failed);
        QCOMPARE(r.error.kind, ProviderError::Kind::Banned);
        QVERIFY(r.error.message.contains(QStringLiteral("10 minutes")));
        QVERIFY(rig.fake.bannedCount() >= 1);

        // Nothing is sent while the ban lasts, by any job of the provider (requests of the failed
        // job that were on the wire arrive first).
        settle();
        const int sent = rig.fake.requestCount();
        HistoryJob *job = rig.spot->history()->fetchHistory(key("ETHUSDT"), Now - Day, Now);
        bool done = false;
        connect(job, &Job::result, this, [&done] { done = true; });
        job->start();
        for (int i = 0; i < 9; ++i) {
            QVERIFY(!waitFor([&] { return rig.fake.requestCount() > sent; }, 20));
            QCOMPARE(job->requestCount(), 0);
            rig.clock.advance(Minute);
        }
        QVERIFY(!done);
        rig.clock.advance(Minute);
        QVERIFY(waitFor([&done] { return done; }, 5000));
        QVERIFY(rig.fake.requestCount() > sent);
    }

    void retriesWhatIsWorthRetrying()
    {
        Rig rig;
        rig.fake.injectFault(FakeBybitRest::Fault::ServerError);
        rig.fake.injectFault(FakeBybitRest::Fault::Throttle429);
        rig.fake.injectFault(FakeBybitRest::Fault::TooManyVisits);
        rig.fake.injectFault(FakeBybitRest::Fault::SystemError);
        rig.fake.injectFault(FakeBybitRest::Fault::MalformedJson);
        const qint64 from = Intervals::alignDown(Interval::M1, Now) - Day / 2;
        const qint64 to = Intervals::alignDown(Interval::M1, Now);
        const JobResult r
            = runJob(rig.spot->history()->fetchHistory(key("BTCUSDT"), from, to), &rig.clock);
        QVERIFY2(r.finished, qPrintable(r.error.message));
        QVERIFY(r.candles
                == rig.fake.groundTruth(QStringLiteral("BTCUSDT"), Interval::M1, {from, to}));
        QCOMPARE(rig.fake.klineRequestCount(), 6);
        QCOMPARE(rig.fake.bannedCount(), 0);
    }

    void unknownSymbolsAndIntervals()
    {
        Rig rig;
        JobResult r = runJob(rig.spot->history()->fetchHistory(key("NOPEUSDT"), Now - Day, Now),
                             &rig.clock);
        QVERIFY(r.failed);
        QCOMPARE(r.error.kind, ProviderError::Kind::InvalidSymbol);
        QVERIFY(r.error.message.contains(QStringLiteral("NOPEUSDT")));
        // SOLUSDT is a linear market only.
        r = runJob(rig.spot->history()->fetchHistory(key("SOLUSDT"), Now - Day, Now), &rig.clock);
        QCOMPARE(r.error.kind, ProviderError::Kind::InvalidSymbol);
        r = runJob(rig.spot->history()->fetchHistory(key("btc usdt"), Now - Day, Now), &rig.clock);
        QCOMPARE(r.error.kind, ProviderError::Kind::InvalidSymbol);
        QCOMPARE(rig.fake.klineRequestCount(), 2);
    }

    void listsInstrumentsPageByPage()
    {
        Rig rig;
        rig.fake.setInstrumentsPageSize(2);
        SymbolsJob *job = rig.linear->symbols()->fetchSymbols();
        SymbolList symbols;
        int requests = 0;
        connect(job, &Job::finished, this, [&] {
            symbols = job->symbols();
            requests = job->requestCount();
        });
        QVERIFY(job->exec());
        QCOMPARE(requests, 3);
        QStringList names;
        for (const SymbolInfo &s : symbols)
            names.append(s.symbol);
        names.sort();
        QCOMPARE(names,
                 (QStringList{QStringLiteral("BTCUSDT"), QStringLiteral("DOGEUSDT"),
                              QStringLiteral("SOLUSDT"), QStringLiteral("XRPUSDT")}));

        job = rig.spot->symbols()->fetchSymbols();
        connect(job, &Job::finished, this, [&] { symbols = job->symbols(); });
        QVERIFY(job->exec());
        QCOMPARE(symbols.size(), 2);
    }
    void liveThroughGapFreeFeedAcrossDropsAndStalls()
    {
        // Half a minute after a minute boundary.
        ManualClock clock(1699999980000LL + 30000);
        FakeBybitRest rest(&clock);
        rest.addSymbol(QStringLiteral("spot"), QStringLiteral("BTCUSDT"), QStringLiteral("BTC"),
                       QStringLiteral("USDT"), Listed);
        QVERIFY(rest.listen());
        FakeBybitWs ws(&clock);
        ws.followRest(rest);
        QVERIFY(ws.listen());
        const Exchange &e = Bybit::spot();
        // A WebSocket URL without a path gets /v5/public/spot.
        const Endpoints endpoints
            = e.resolveEndpoints(rest.baseUrl().toString(), ws.url().toString());
        std::unique_ptr<ExchangeSession> session(e.createSession(e, endpoints, &clock, nullptr));
        std::unique_ptr<GapFreeFeed> feed(session->createGapFreeFeed());
        QVERIFY(feed);
        const SeriesKey k = key("BTCUSDT");
        CandleBatch closed;
        connect(feed.get(), &LiveFeed::candleClosed, this,
                [&closed](const SeriesKey &, const Candle &c) { closed.append(c); });
        const qint64 resume = Intervals::alignDown(Interval::M1, clock.nowMs()) - 5 * Minute;
        feed->setResumePoint(k, resume);
        feed->subscribe(k);
        QVERIFY(waitFor([&ws] { return ws.subscribeRequests() == 1; }, 5000));

        auto step = [&](int halfMinutes, bool publish) {
            for (int i = 0; i < halfMinutes; ++i) {
                clock.advance(30000);
                settle();
                if (publish)
                    ws.publish();
                settle();
            }
        };
        step(10, true);
        // A drop: minutes pass unseen; the feed reconnects and the gap is backfilled over REST.
        ws.dropAll();
        step(6, true);
        // A stall: the connection stays, pongs go on, no kline comes.
        ws.setStalled(true);
        step(6, true);
        ws.setStalled(false);
        step(6, true);

        QVERIFY(ws.acceptedConnections() >= 3);
        QVERIFY(ws.pingsReceived() >= 1);
        QVERIFY(!closed.isEmpty());
        const CandleBatch truth = rest.groundTruth(QStringLiteral("BTCUSDT"), Interval::M1,
                                                   {resume, closed.last().openTime + 1});
        QCOMPARE(closed.first().openTime, resume);
        QCOMPARE(closed.size(), truth.size());
        QVERIFY(closed == truth);
        QVERIFY(closed.size() >= 18);
        QVERIFY(feed->stats().gapsBackfilled >= 2);
    }

    void buildsEightHoursLiveFromTheFourHourTopic()
    {
        // Five hours into an 8h bucket, after its first 4h candle closed: that bucket cannot be
        // built live and is never closed (GapFreeFeed backfills it).
        const qint64 b = Intervals::alignDown(Interval::H8, Now);
        ManualClock clock(b + 5 * 60 * Minute);
        FakeBybitRest rest(&clock);
        rest.addSymbol(QStringLiteral("spot"), QStringLiteral("BTCUSDT"), QStringLiteral("BTC"),
                       QStringLiteral("USDT"), Listed);
        FakeBybitWs ws(&clock);
        ws.followRest(rest);
        QVERIFY(ws.listen());
        const Exchange &e = Bybit::spot();
        BybitLiveFeed feed(e, e.withDefaultWsPath(ws.url()), &clock);
        feed.setStallTimeoutMs(Day); // the test jumps an hour at a time
        const SeriesKey h8 = key("BTCUSDT", Interval::H8);
        const SeriesKey h4 = key("BTCUSDT", Interval::H4);
        QHash<SeriesKey, CandleBatch> closed;
        int updates8h = 0;
        connect(&feed, &LiveFeed::candleClosed, this,
                [&closed](const SeriesKey &k, const Candle &c) { closed[k].append(c); });
        connect(&feed, &LiveFeed::candleUpdated, this, [&](const SeriesKey &k, const Candle &c) {
            if (k == h8) {
                ++updates8h;
                QCOMPARE(c.openTime % (8 * 60 * Minute), 0);
            }
        });
        feed.subscribe(h8);
        feed.subscribe(h4);
        QVERIFY(waitFor([&ws] { return ws.subscribeRequests() == 1; }, 5000));
        settle();
        QCOMPARE(ws.maxArgsSeen(), 1); // one topic feeds both
        for (int hour = 0; hour < 24; ++hour) {
            clock.advance(60 * Minute);
            settle();
            ws.publish();
            settle();
        }
        QCOMPARE(ws.acceptedConnections(), 1);
        QVERIFY(updates8h > 0);
        const qint64 hour = 60 * Minute;
        QCOMPARE(closed.value(h4),
                 rest.groundTruth(QStringLiteral("BTCUSDT"), Interval::H4,
                                  {b + 4 * hour, b + 28 * hour}));
        // Built like history builds it, without the bucket joined late.
        const CandleBatch eightHours = Resampler::resample(
            rest.groundTruth(QStringLiteral("BTCUSDT"), Interval::H4, {b, b + 24 * hour}),
            Interval::H4, Interval::H8);
        QCOMPARE(closed.value(h8).size(), 2);
        QCOMPARE(closed.value(h8).at(0), eightHours.at(1));
        QCOMPARE(closed.value(h8).at(1), eightHours.at(2));
    }

    void subscribesAtMostTenTopicsPerRequest()
    {
        ManualClock clock(Now);
        FakeBybitWs ws(&clock);
        QVERIFY(ws.listen());
        const Exchange &e = Bybit::linear();
        std::unique_ptr<ExchangeSession> session(e.createSession(
            e, e.resolveEndpoints(QStringLiteral("http://127.0.0.1:1"), ws.url().toString()),
            &clock, nullptr));
        std::unique_ptr<LiveFeed> feed(session->createLiveFeed());
        for (int i = 0; i < 25; ++i) {
            feed->subscribe({e.id, QStringLiteral("SYM%1USDT").arg(i), Interval::M1});
        }
        QVERIFY(waitFor([&ws] { return ws.subscribeRequests() == 3; }, 5000));
        settle();
        QCOMPARE(ws.maxArgsSeen(), 10);
        QCOMPARE(ws.refusedRequests(), 0);
        QCOMPARE(feed->stats().controlErrors, 0);
        QCOMPARE(feed->subscriptions().size(), 25);
    }

    void parsesTheDocumentedKlinePush()
    {
        const QByteArray push
            = R"({"topic":"kline.5.BTCUSDT","data":[{"start":1672324800000,"end":1672325099999,"interval":"5","open":"16649.5","close":"16677","high":"16677","low":"16608","volume":"2.081","turnover":"34666.4005","confirm":false,"timestamp":1672324988882}],"ts":1672324988882,"type":"snapshot"})";
        BybitApi::StreamMessage m;
        QCOMPARE(BybitApi::parseStreamMessage(push, &m), QString());
        QCOMPARE(m.type, BybitApi::StreamMessage::Type::Kline);
        QCOMPARE(m.topic, QStringLiteral("kline.5.BTCUSDT"));
        QCOMPARE(m.candles.size(), 1);
        QCOMPARE(m.candles.at(0).openTime, 1672324800000LL);
        QCOMPARE(m.candles.at(0).close, 16677.0);
        QCOMPARE(m.candles.at(0).quoteVolume, 34666.4005);
        QVERIFY(!m.candles.at(0).closed);
        const QByteArray ack
            = R"({"success":true,"ret_msg":"subscribe","conn_id":"2324d924-aa4d-45b0-a858-7b8be29ab52b","req_id":"10001","op":"subscribe"})";
        QCOMPARE(BybitApi::parseStreamMessage(ack, &m), QString());
        QCOMPARE(m.type, BybitApi::StreamMessage::Type::OpAnswer);
        QVERIFY(m.success);
        const QByteArray refused
            = R"({"success":false,"ret_msg":"args size >10","conn_id":"x","op":"subscribe"})";
        QCOMPARE(BybitApi::parseStreamMessage(refused, &m), QString());
        QVERIFY(!m.success);
        QCOMPARE(m.retMsg, QStringLiteral("args size >10"));
        QVERIFY(!BybitApi::parseStreamMessage(
                     R"({"topic":"kline.1.BTCUSDT","data":[{"start":"x"}]})", &m)
                     .isEmpty());
    }

    // Found by fuzz_bybitstream: a start beyond qint64 was converted without a check (undefined
    // behaviour); it and any time outside 2009 .. 2200 are refused.
    void refusesAbsurdPushTimes_data()
    {
        QTest::addColumn<QByteArray>("start");
        QTest::newRow("beyond qint64") << QByteArray("16723248000025099999");
        QTest::newRow("negative") << QByteArray("-1672324800000");
        QTest::newRow("seconds, not ms") << QByteArray("1672324800");
        QTest::newRow("year 2300") << QByteArray("10413792000000");
    }
    void refusesAbsurdPushTimes()
    {
        QFETCH(QByteArray, start);
        const QByteArray push = R"({"topic":"kline.5.BTCUSDT","data":[{"start":)" + start
            + R"(,"interval":"5","open":"1","close":"1","high":"1","low":"1","volume":"1","turnover":"1","confirm":true}]})";
        BybitApi::StreamMessage m;
        QVERIFY(!BybitApi::parseStreamMessage(push, &m).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestBybit)
#include "tst_bybit.moc"
