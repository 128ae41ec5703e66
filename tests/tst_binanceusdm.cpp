#include <binance/binanceapi.h>
#include <binance/binancerestprovider.h>
#include <binanceusdm/binanceusdmexchange.h>
#include <clocksteps.h>
#include <eventwait.h>
#include <exchange.h>
#include <exchangeregistry.h>
#include <exchangesession.h>
#include <fakebinancerest.h>
#include <fakebinancews.h>
#include <framesync.h>
#include <gapfreefeed.h>
#include <historyjob.h>
#include <manualclock.h>
#include <requestweightlimiter.h>
#include <symbolsjob.h>

#include <QPointer>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace Candlewick;
using namespace Candlewick::Testing;

namespace {

constexpr qint64 Minute = 60 * 1000;
constexpr qint64 Day = 24 * 60 * Minute;
// "Now" of the REST tests: 2024-06-15 12:34:56.789 UTC.
constexpr qint64 Now = 1718454896789LL;
constexpr qint64 BtcListed = 1546300800000LL; // 2019-01-01
// The live tests start at 2023-11-14 22:13:30 UTC, half a minute after a minute boundary.
constexpr qint64 LiveT0 = 1699999980000LL + 30000;

const Exchange &usdm()
{
    return BinanceUsdm::exchange();
}

SeriesKey key(const char *symbol, Interval interval = Interval::M1)
{
    return {QStringLiteral("binance-usdm"), QString::fromLatin1(symbol), interval};
}

struct Result
{
    CandleBatch candles;
    bool finished = false;
    bool failed = false;
    ProviderError error;
    bool done() const { return finished || failed; }
};

// Binance USD-M's live path through its session: the fake REST server in the USD-M dialect
// (ground truth and backfill) and the fake WebSocket server with the /market route, fed from
// the same ground truth, on one ManualClock.
struct LiveRig
{
    ManualClock clock{LiveT0};
    FakeBinanceRest rest{&clock};
    FakeBinanceWs ws{&clock};
    std::unique_ptr<ExchangeSession> session;
    std::unique_ptr<GapFreeFeed> live;
    QHash<SeriesKey, CandleBatch> closed;
    QStringList logs;
    FrameSync frames{ws, [this] { return live.get(); }};

    // `wsUrl` as the user would give it: resolved through the exchange (a URL without a path
    // gets /market) unless `resolve` is false.
    explicit LiveRig(bool resolve = true)
    {
        rest.setDialect(FakeBinanceRest::Dialect::UsdM);
        ws.setDialect(FakeBinanceWs::Dialect::UsdM);
        for (const char *s : {"BTCUSDT", "ETHUSDT"})
            rest.addSymbol(QString::fromLatin1(s), QString::fromLatin1(s).left(3),
                           QStringLiteral("USDT"), LiveT0 - 30 * Day);
        rest.listen();
        ws.followRest(rest);
        ws.listen();
        const Endpoints endpoints = resolve
            ? usdm().resolveEndpoints(rest.baseUrl().toString(), ws.url().toString())
            : Endpoints{rest.baseUrl(), ws.url()};
        session.reset(usdm().createSession(usdm(), endpoints, &clock, nullptr));
        live.reset(session->createGapFreeFeed());
        QObject::connect(live.get(), &LiveFeed::candleClosed, live.get(),
                         [this](const SeriesKey &k, const Candle &c) { closed[k].append(c); });
        QObject::connect(live.get(), &LiveFeed::logMessage, live.get(),
                         [this](const QString &m) { logs.append(m); });
    }

    void rebase() { frames.rebase(); }
    // Lets the frames sent so far arrive and the backfills on the wire finish.
    void settle()
    {
        frames.settle();
        waitFor([&] { return live->state() != ConnectionState::Backfilling; }, 2000);
        drainEvents();
    }
    void step(qint64 ms)
    {
        stepSeconds(clock, ms, [this] { settle(); });
    }
    bool waitLive()
    {
        return waitFor([this] { return live->state() == ConnectionState::Live; }, 5000);
    }
    bool logged(const char *text) const
    {
        return std::any_of(logs.begin(), logs.end(), [text](const QString &m) {
            return m.contains(QLatin1StringView(text));
        });
    }
};

} // namespace

class tst_BinanceUsdm : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void registered();
    void intervals();
    void oneSecondRefused();
    void unifiedSymbols_data();
    void unifiedSymbols();
    void defaultWsPath_data();
    void defaultWsPath();
    void weightByLimit_data();
    void weightByLimit();
    void pagination_data();
    void pagination();
    void pagesWeighByLimit_data();
    void pagesWeighByLimit();
    void limiterNeverHitsTheLimit();
    void fallbackLimitWithoutExchangeInfo();
    void symbols();
    void liveWithDropsThroughGapFreeFeed();
    void silentLegacyRouteIsCaught();
    void controlMessagesPacedUnderTheLimit();

private:
    Result run(HistoryJob *job);
    HistoryJob *fetch(const QString &symbol, Interval interval, qint64 from, qint64 to);

    ManualClock *m_clock = nullptr;
    FakeBinanceRest *m_fake = nullptr;
    BinanceRestProvider *m_provider = nullptr;
};

void tst_BinanceUsdm::init()
{
    m_clock = new ManualClock(Now, this);
    m_fake = new FakeBinanceRest(m_clock, this);
    m_fake->setDialect(FakeBinanceRest::Dialect::UsdM);
    QVERIFY(m_fake->listen());
    m_fake->addSymbol(QStringLiteral("BTCUSDT"), QStringLiteral("BTC"), QStringLiteral("USDT"),
                      BtcListed);
    m_provider = new BinanceRestProvider(m_fake->baseUrl(), BinanceUsdm::api(), m_clock, this);
    m_provider->setRetryPolicy(RetryPolicy(6, 500, 30000, 12345));
}

void tst_BinanceUsdm::cleanup()
{
    delete m_provider;
    m_provider = nullptr;
    delete m_fake;
    m_fake = nullptr;
    delete m_clock;
    m_clock = nullptr;
}

HistoryJob *tst_BinanceUsdm::fetch(const QString &symbol, Interval interval, qint64 from, qint64 to)
{
    return m_provider->fetchHistory({QStringLiteral("binance-usdm"), symbol, interval}, from, to);
}

// Starts the job and moves the ManualClock on whenever nothing is on the wire, until it ends.
Result tst_BinanceUsdm::run(HistoryJob *job)
{
    Result r;
    QPointer<HistoryJob> guard(job);
    connect(job, &HistoryJob::batch, this,
            [&r](const SeriesKey &, const CandleBatch &candles) { r.candles.append(candles); });
    connect(job, &HistoryJob::finished, this, [&r] { r.finished = true; });
    connect(job, &HistoryJob::failed, this, [&r](const ProviderError &e) {
        r.failed = true;
        r.error = e;
    });
    job->start();
    for (int steps = 0; steps < 10000 && !r.done(); ++steps) {
        waitFor([&] { return r.done() || m_provider->requestsInFlight() == 0; }, 20000);
        if (r.done() || m_provider->requestsInFlight() > 0)
            break;
        const qint64 due = m_clock->nextDue();
        if (due < 0) {
            waitFor([&] { return r.done(); }, 5000);
            break;
        }
        m_clock->setNow(std::max(due, m_clock->nowMs()));
    }
    if (r.done())
        waitFor([&] { return guard.isNull(); }, 5000);
    return r;
}

void tst_BinanceUsdm::registered()
{
    QCOMPARE(ExchangeRegistry::find(QStringLiteral("binance-usdm")), &usdm());
    QVERIFY(ExchangeRegistry::ids().contains(QStringLiteral("binance-usdm")));
    QCOMPARE(usdm().defaultRestUrl, QUrl(QStringLiteral("https://fapi.binance.com")));
    QCOMPARE(usdm().defaultWsUrl, QUrl(QStringLiteral("wss://fstream.binance.com/market")));
    QVERIFY(usdm().needsNetwork);
    QCOMPARE(usdm().environmentVariable("WS_URL"),
             QStringLiteral("CANDLEWICK_BINANCE_USDM_WS_URL"));
}

void tst_BinanceUsdm::intervals()
{
    for (Interval i : Intervals::all()) {
        if (i == Interval::S1)
            continue;
        QVERIFY2(usdm().isNative(i), qPrintable(Intervals::name(i)));
        QCOMPARE(usdm().sourceInterval(i), std::optional<Interval>(i));
    }
}

void tst_BinanceUsdm::oneSecondRefused()
{
    QVERIFY(!usdm().isNative(Interval::S1));
    QVERIFY(!usdm().sourceInterval(Interval::S1));
    const QString error = usdm().intervalError(Interval::S1);
    QVERIFY2(error.contains(QLatin1StringView("1s")), qPrintable(error));
    QVERIFY2(error.contains(QLatin1StringView("finest interval it offers is 1m")),
             qPrintable(error));
    QVERIFY(usdm().intervalError(Interval::M1).isEmpty());

    // The session's history refuses it too, with the same message, without a request.
    std::unique_ptr<ExchangeSession> session(
        usdm().createSession(usdm(), {m_fake->baseUrl(), {}}, m_clock, nullptr));
    HistoryJob *job
        = session->history()->fetchHistory(key("BTCUSDT", Interval::S1), Now - Minute, Now);
    ProviderError seen;
    bool failed = false;
    connect(job, &HistoryJob::failed, this, [&](const ProviderError &e) {
        failed = true;
        seen = e;
    });
    job->start();
    QVERIFY(waitFor([&] { return failed; }, 5000));
    QVERIFY2(seen.message.contains(QLatin1StringView("1m")), qPrintable(seen.message));
    QCOMPARE(m_fake->requestCount(), 0);
}

void tst_BinanceUsdm::unifiedSymbols_data()
{
    QTest::addColumn<QString>("given");
    QTest::addColumn<QString>("native");
    QTest::newRow("perpetual") << "BTC/USDT:USDT"
                               << "BTCUSDT";
    QTest::newRow("lowercase") << "eth/usdt:usdt"
                               << "ETHUSDT";
    QTest::newRow("without settle") << "BTC/USDT"
                                    << "BTCUSDT";
    QTest::newRow("USDC margined") << "BTC/USDC:USDC"
                                   << "BTCUSDC";
    QTest::newRow("native") << "BTCUSDT"
                            << "BTCUSDT";
    QTest::newRow("prefixed base") << "1000PEPE/USDT:USDT"
                                   << "1000PEPEUSDT";
    QTest::newRow("coin-margined is not here") << "BTC/USD:BTC"
                                               << "";
}

void tst_BinanceUsdm::unifiedSymbols()
{
    QFETCH(QString, given);
    QFETCH(QString, native);
    QCOMPARE(usdm().nativeSymbol(given), native);
}

void tst_BinanceUsdm::defaultWsPath_data()
{
    QTest::addColumn<QString>("given");
    QTest::addColumn<QString>("expected");
    QTest::newRow("default") << ""
                             << "wss://fstream.binance.com/market";
    QTest::newRow("no path") << "ws://127.0.0.1:4321"
                             << "ws://127.0.0.1:4321/market";
    QTest::newRow("slash") << "ws://127.0.0.1:4321/"
                           << "ws://127.0.0.1:4321/market";
    QTest::newRow("own path kept") << "ws://127.0.0.1:4321/market"
                                   << "ws://127.0.0.1:4321/market";
    QTest::newRow("legacy path kept") << "wss://fstream.binance.com/ws"
                                      << "wss://fstream.binance.com/ws";
}

void tst_BinanceUsdm::defaultWsPath()
{
    QFETCH(QString, given);
    QFETCH(QString, expected);
    QCOMPARE(usdm().resolveEndpoints({}, given).wsUrl, QUrl(expected));
    // The environment follows the same rule.
    if (!given.isEmpty()) {
        qputenv("CANDLEWICK_BINANCE_USDM_WS_URL", given.toUtf8());
        QCOMPARE(usdm().resolveEndpoints().wsUrl, QUrl(expected));
        qunsetenv("CANDLEWICK_BINANCE_USDM_WS_URL");
    }
}

void tst_BinanceUsdm::weightByLimit_data()
{
    QTest::addColumn<int>("limit");
    QTest::addColumn<int>("weight");
    QTest::newRow("1") << 1 << 1;
    QTest::newRow("99") << 99 << 1;
    QTest::newRow("100") << 100 << 2;
    QTest::newRow("499") << 499 << 2;
    QTest::newRow("500") << 500 << 5;
    QTest::newRow("1000") << 1000 << 5;
    QTest::newRow("1001") << 1001 << 10;
    QTest::newRow("1500") << 1500 << 10;
}

void tst_BinanceUsdm::weightByLimit()
{
    QFETCH(int, limit);
    QFETCH(int, weight);
    QCOMPARE(BinanceUsdm::klinesWeight(limit), weight);
    QCOMPARE(BinanceUsdm::api().klinesWeight(limit), weight);
}

void tst_BinanceUsdm::pagination_data()
{
    // Where the USD-M documentation is silent, the fake serves either behaviour.
    QTest::addColumn<bool>("endExclusive");
    QTest::addColumn<bool>("formingServed");
    QTest::newRow("as Spot") << false << true;
    QTest::newRow("endTime exclusive") << true << true;
    QTest::newRow("no forming row") << false << false;
}

void tst_BinanceUsdm::pagination()
{
    QFETCH(bool, endExclusive);
    QFETCH(bool, formingServed);
    m_fake->setEndTimeExclusive(endExclusive);
    m_fake->setFormingRowServed(formingServed);

    // Up to now, forming candle included: the still-open minute is never delivered.
    const qint64 now = (Now / Minute) * Minute + 30 * 1000;
    m_clock->setNow(now);
    const Result recent
        = run(fetch(QStringLiteral("BTCUSDT"), Interval::M1, now - 10 * Minute, now + Minute));
    QVERIFY2(recent.finished, qPrintable(recent.error.message));
    QCOMPARE(recent.candles,
             m_fake->groundTruth(QStringLiteral("BTCUSDT"), Interval::M1,
                                 {now - 10 * Minute, now + Minute}));
    QCOMPARE(recent.candles.last().openTime, now / Minute * Minute - Minute);
    const qint64 weightBefore = m_fake->weightCharged();
    const int requestsBefore = m_fake->requestCount();
    const qsizetype queriesBefore = m_fake->klinesQueries().size();

    // 2500 minutes: the first request asks for all of it and gets 1000 rows; the rest is cut
    // into two independent windows.
    const qint64 from = (Now / Day - 3) * Day;
    const qint64 to = from + 2500 * Minute;
    const Result r = run(fetch(QStringLiteral("BTCUSDT"), Interval::M1, from, to));
    QVERIFY2(r.finished, qPrintable(r.error.message));
    QCOMPARE(r.candles, m_fake->groundTruth(QStringLiteral("BTCUSDT"), Interval::M1, {from, to}));
    QCOMPARE(r.candles.size(), 2500);

    const QList<QUrlQuery> queries = m_fake->klinesQueries().mid(queriesBefore);
    QCOMPARE(queries.size(), 3);
    QCOMPARE(queries.first().queryItemValue(QStringLiteral("startTime")), QString::number(from));
    QCOMPARE(queries.first().queryItemValue(QStringLiteral("endTime")), QString::number(to - 1));
    QList<qint64> starts;
    for (const QUrlQuery &q : queries) {
        QCOMPARE(q.queryItemValue(QStringLiteral("limit")), QStringLiteral("1000"));
        QCOMPARE(q.queryItemValue(QStringLiteral("symbol")), QStringLiteral("BTCUSDT"));
        QCOMPARE(q.queryItemValue(QStringLiteral("interval")), QStringLiteral("1m"));
        starts.append(q.queryItemValue(QStringLiteral("startTime")).toLongLong());
    }
    std::sort(starts.begin(), starts.end());
    // The continuation starts just after the last row received (open time + 1 ms).
    QCOMPARE(starts, (QList<qint64>{from, from + 999 * Minute + 1, from + 2000 * Minute}));
    // Three pages of limit=1000 (5 each), after exchangeInfo (1) taught the limits.
    QCOMPARE(m_fake->weightCharged() - weightBefore, 3 * 5);
    QCOMPARE(m_fake->requestCount() - requestsBefore, 3);
    QCOMPARE(weightBefore, 1 + 5);
    QCOMPARE(m_provider->weightLimiter()->windows().first().limit, 2400);
}

void tst_BinanceUsdm::pagesWeighByLimit_data()
{
    QTest::addColumn<int>("pageLimit");
    QTest::addColumn<int>("weight");
    QTest::newRow("99") << 99 << 1;
    QTest::newRow("499") << 499 << 2;
    QTest::newRow("1500 (the maximum)") << 1500 << 10;
    QTest::newRow("above the maximum") << 5000 << 10;
}

void tst_BinanceUsdm::pagesWeighByLimit()
{
    QFETCH(int, pageLimit);
    QFETCH(int, weight);
    m_provider->setPageLimit(pageLimit);
    const int rows = m_provider->pageLimit();
    QVERIFY(rows <= 1500);
    const qint64 from = (Now / Day - 5) * Day;
    const qint64 to = from + 3 * rows * Minute;
    const Result r = run(fetch(QStringLiteral("BTCUSDT"), Interval::M1, from, to));
    QVERIFY2(r.finished, qPrintable(r.error.message));
    QCOMPARE(r.candles, m_fake->groundTruth(QStringLiteral("BTCUSDT"), Interval::M1, {from, to}));
    QCOMPARE(m_fake->klinesRequestCount(), 3);
    QCOMPARE(m_fake->weightCharged(), 1 + 3 * weight);
}

void tst_BinanceUsdm::limiterNeverHitsTheLimit()
{
    // 2400 per minute at limit=500 (weight 5): at most 479 pages besides exchangeInfo in the
    // first minute; 520 pages need a second one, and not one request may be refused.
    m_provider->setPageLimit(500);
    m_provider->setMaxConcurrentRequests(8);
    const qint64 from = (Now / Day - 200) * Day;
    const qint64 to = from + 520 * 500 * Minute;
    const qint64 started = m_clock->nowMs();
    const Result r = run(fetch(QStringLiteral("BTCUSDT"), Interval::M1, from, to));
    QVERIFY2(r.finished, qPrintable(r.error.message));
    QCOMPARE(r.candles.size(), qsizetype(520 * 500));
    QCOMPARE(r.candles.first().openTime, from);
    QCOMPARE(r.candles.last().openTime, to - Minute);
    QCOMPARE(m_fake->klinesRequestCount(), 520);
    QCOMPARE(m_fake->rateLimitedCount(), 0);
    QCOMPARE(m_fake->bannedCount(), 0);
    QVERIFY(m_provider->weightLimiter()->throttledCount() > 0);
    QCOMPARE(m_provider->weightLimiter()->rateLimitHits(), 0);
    QVERIFY(m_clock->nowMs() >= (started / Minute + 1) * Minute);
}

void tst_BinanceUsdm::fallbackLimitWithoutExchangeInfo()
{
    // A server whose exchangeInfo cannot be had (here: it answers 404 for every path but
    // klines' own) leaves the provider on USD-M's documented 2400 per minute, not Spot's 6000.
    BinanceApi broken = BinanceUsdm::api();
    broken.exchangeInfoPath = QStringLiteral("/fapi/v1/missing");
    BinanceRestProvider provider(m_fake->baseUrl(), broken, m_clock);
    HistoryJob *job = provider.fetchHistory(key("BTCUSDT"), Now - 10 * Minute, Now);
    bool finished = false;
    connect(job, &HistoryJob::finished, this, [&] { finished = true; });
    job->start();
    QVERIFY(waitFor([&] { return finished; }, 10000));
    QCOMPARE(provider.weightLimiter()->windows().first().limit, 2400);
}

void tst_BinanceUsdm::symbols()
{
    m_fake->addSymbol(QStringLiteral("ETHUSDT"), QStringLiteral("ETH"), QStringLiteral("USDT"),
                      BtcListed);
    m_fake->addSymbol(QStringLiteral("BTCUSDT_240628"), QStringLiteral("BTC"),
                      QStringLiteral("USDT"), BtcListed);
    m_fake->setContractType(QStringLiteral("BTCUSDT_240628"), QStringLiteral("CURRENT_QUARTER"));
    m_fake->addSymbol(QStringLiteral("OLDUSDT"), QStringLiteral("OLD"), QStringLiteral("USDT"),
                      BtcListed, QStringLiteral("SETTLING"));
    m_fake->setWeightLimit(2000, 1, 'M');

    SymbolsJob *job = m_provider->fetchSymbols();
    QVERIFY2(job->exec(), qPrintable(job->errorString()));
    QStringList names;
    for (const SymbolInfo &s : job->symbols())
        names.append(s.symbol);
    names.sort();
    // Perpetuals only; the quarterly contract is not a market of this exchange.
    QCOMPARE(names,
             (QStringList{QStringLiteral("BTCUSDT"), QStringLiteral("ETHUSDT"),
                          QStringLiteral("OLDUSDT")}));
    for (const SymbolInfo &s : job->symbols()) {
        QCOMPARE(s.quoteAsset, QStringLiteral("USDT"));
        QVERIFY(s.tickSize > 0);
        QCOMPARE(s.isTrading(), s.symbol != QLatin1StringView("OLDUSDT"));
        QCOMPARE(usdm().nativeSymbol(s.baseAsset + u'/' + s.quoteAsset + u':' + s.quoteAsset),
                 s.symbol);
    }
    // exchangeInfo weighs 1 here and teaches the limiter.
    QCOMPARE(m_fake->weightCharged(), 1);
    QCOMPARE(m_provider->weightLimiter()->windows().first().limit, 2000);
}

void tst_BinanceUsdm::liveWithDropsThroughGapFreeFeed()
{
    LiveRig rig;
    rig.live->subscribe(key("BTCUSDT"));
    rig.live->subscribe(key("ETHUSDT", Interval::M3));
    QVERIFY(rig.waitLive());
    rig.step(3 * Minute);

    // Down for three minutes (handshakes refused), then back.
    rig.ws.setRefuseConnections(true);
    rig.ws.dropAll();
    rig.rebase();
    rig.step(3 * Minute);
    QCOMPARE(rig.live->state(), ConnectionState::Reconnecting);
    rig.ws.setRefuseConnections(false);
    rig.rebase();
    rig.step(40000); // the backoff is capped at 30 s
    QVERIFY(rig.waitLive());
    // A second, short drop.
    rig.step(2 * Minute);
    rig.ws.dropAll();
    rig.rebase();
    rig.step(3 * Minute);
    QVERIFY(rig.waitLive());

    // Every connection went to the /market route; none to the silent legacy one.
    QCOMPARE(rig.ws.silentConnections(), 0);
    QVERIFY(rig.ws.acceptedConnections() >= 3);
    QVERIFY(rig.live->stats().gapsBackfilled >= 2);
    QVERIFY(rig.live->stats().candlesBackfilled >= 3);
    for (const SeriesKey &k : {key("BTCUSDT"), key("ETHUSDT", Interval::M3)}) {
        const CandleBatch got = rig.closed.value(k);
        QVERIFY2(got.size() >= (k.interval == Interval::M1 ? 10 : 3),
                 qPrintable(QString::number(got.size())));
        const CandleBatch truth = rig.rest.groundTruth(
            k.symbol, k.interval, {got.first().openTime, got.last().openTime + 1});
        QCOMPARE(got, truth);
    }
    // The backfills asked the fapi klines endpoint.
    QVERIFY(rig.rest.klinesRequestCount() >= 2);
    QCOMPARE(rig.rest.rateLimitedCount(), 0);
}

void tst_BinanceUsdm::silentLegacyRouteIsCaught()
{
    // The WebSocket URL is used as given, without the /market route: the legacy route completes
    // the handshake and acknowledges SUBSCRIBE, and then sends nothing.
    LiveRig rig(false);
    rig.live->subscribe(key("BTCUSDT"));
    QVERIFY(waitFor([&] { return rig.ws.acceptedConnections() >= 1; }, 5000));
    rig.step(2000);
    rig.live->subscribe(key("ETHUSDT")); // acknowledged, then silence
    rig.step(2000);
    QVERIFY(waitFor([&] { return !rig.ws.controlMessages().isEmpty(); }, 5000));
    QVERIFY(rig.ws.controlMessages().first().contains(QLatin1StringView("SUBSCRIBE")));
    rig.step(20000);

    QVERIFY(rig.ws.silentConnections() >= 1);
    QCOMPARE(rig.ws.klineEventsSent(), 0);
    QVERIFY2(rig.logged("no kline event since connecting"), qPrintable(rig.logs.join(u'\n')));
    QVERIFY(rig.live->stats().reconnects >= 1);
    QVERIFY(rig.ws.acceptedConnections() >= 2);
}

void tst_BinanceUsdm::controlMessagesPacedUnderTheLimit()
{
    // 29 subscriptions made one by one while open: USD-M closes a connection that sends more
    // than 10 messages a second, so they go out at most 8 a second (the rest batched).
    LiveRig rig;
    rig.live->subscribe(key("BTCUSDT"));
    QVERIFY(rig.waitLive());
    QList<SeriesKey> more;
    for (const char *symbol : {"BTCUSDT", "ETHUSDT"}) {
        for (Interval i : Intervals::all()) {
            if (usdm().isNative(i) && !(i == Interval::M1 && symbol == QByteArrayView("BTCUSDT")))
                more.append(key(symbol, i));
        }
    }
    QCOMPARE(more.size(), 29);
    for (const SeriesKey &k : std::as_const(more)) {
        rig.live->subscribe(k);
        const qsizetype sent = rig.ws.controlMessages().size();
        waitFor([&] { return rig.ws.controlMessages().size() > sent; }, 20); // one at a time
    }
    QCOMPARE(rig.ws.controlMessages().size(), 8);
    rig.step(3000);

    QVERIFY(rig.ws.controlMessages().size() > 8);
    QVERIFY2(!rig.ws.serverCloseReasons().contains(QStringLiteral("too many messages")),
             qPrintable(rig.ws.serverCloseReasons().join(u',')));
    QCOMPARE(rig.ws.acceptedConnections(), 1);
    QCOMPARE(rig.live->stats().reconnects, 0);
    QCOMPARE(rig.ws.allStreams().size(), 30);
}

QTEST_GUILESS_MAIN(tst_BinanceUsdm)
#include "tst_binanceusdm.moc"
