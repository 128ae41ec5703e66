#include <eventwait.h>
#include <jobrun.h>
#include <fakeokxrest.h>
#include <fakeokxws.h>

#include <exchange.h>
#include <exchangeregistry.h>
#include <exchangesession.h>
#include <gapfreefeed.h>
#include <historysource.h>
#include <manualclock.h>
#include <okx/okxerrors.h>
#include <okx/okxexchange.h>
#include <okx/okxlivefeed.h>
#include <okx/okxparser.h>
#include <okx/okxrestprovider.h>
#include <requestratelimiter.h>
#include <symbolsource.h>

#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>
#include <QTest>

using namespace Candlewick;
using namespace Candlewick::Testing;

namespace {

constexpr qint64 Minute = 60 * 1000;
constexpr qint64 Day = 24 * 60 * Minute;
constexpr qint64 T0 = 1709251200000; // 2024-03-01T00:00:00Z
// "Now" for history: a year after T0, mid-minute.
constexpr qint64 Now = T0 + 365 * Day + 30 * 1000;

const QString Spot = QStringLiteral("BTC-USDT");
const QString Swap = QStringLiteral("BTC-USDT-SWAP");

QJsonArray dataOf(const QByteArray &body)
{
    QString why;
    const auto e = OkxParser::parseEnvelope(body, &why);
    return e ? e->data : QJsonArray();
}

} // namespace

// OKX v5: the exchange description, the parsers on the documented payloads, the rate limiter, and
// history and instruments against FakeOkxRest on a ManualClock.
class tst_Okx : public QObject
{
    Q_OBJECT
private:
    ManualClock *m_clock = nullptr;
    FakeOkxRest *m_fake = nullptr;
    OkxRestProvider *m_provider = nullptr;

    JobResult run(HistoryJob *job);
    JobResult fetch(const QString &instId, Interval interval, qint64 from, qint64 to)
    {
        return run(m_provider->fetchHistory({QStringLiteral("okx"), instId, interval}, from, to));
    }

private slots:
    void init();
    void cleanup();

    void registered();
    void symbolsMapToInstIds();
    void intervalsAreUtcBarsOrBuilt();
    void parsesTheDocumentedCandles();
    void parsesTheDocumentedPush();
    void refusesMalformedRows();
    void errorEnvelopesBecomeKinds();
    void limiterNeverExceedsTheWindow();
    void limiterHoldsEverythingWhileBlocked();

    void historyEqualsGroundTruth();
    void historyPagesBackwardsWithinWindows();
    void historyUnderEitherBehaviour_data();
    void historyUnderEitherBehaviour();
    void recentRangeUsesCandlesOlderUsesHistory();
    void dailyUsesTheUtcBar();
    void formingCandleIsNeverEmitted();
    void throttlingBacksOffAndCompletes_data();
    void throttlingBacksOffAndCompletes();
    void serverErrorsAreRetried();
    void unknownInstrumentFails();
    void beforeListingIsEmpty();
    void symbolsListSpotAndSwaps();

    void liveClosesByConfirmAndBackfillsMissedOnes();
    void keepaliveAnswersPingOrReconnects();
    void liveBuildsIntervalsTheStreamLacks();
    void subscriptionsWhileLiveGoTogether();
};

void tst_Okx::init()
{
    m_clock = new ManualClock(Now, this);
    m_fake = new FakeOkxRest(m_clock, this);
    m_fake->addInstrument(Spot, QStringLiteral("SPOT"), T0 - 30 * Day);
    m_fake->addInstrument(Swap, QStringLiteral("SWAP"), T0 - 30 * Day);
    m_fake->addInstrument(QStringLiteral("ETH-USDT"), QStringLiteral("SPOT"), T0 - 30 * Day,
                          QStringLiteral("suspend"));
    QVERIFY(m_fake->listen());
    m_provider = new OkxRestProvider(m_fake->baseUrl(), m_clock, this);
    m_provider->setRetryPolicy(RetryPolicy(6, 500, 30000, 1));
}

void tst_Okx::cleanup()
{
    delete m_provider;
    delete m_fake;
    delete m_clock;
    drainEvents();
}

// Starts the job and moves the ManualClock to the next pending call whenever nothing is on the
// wire, until the job ends.
JobResult tst_Okx::run(HistoryJob *job)
{
    JobResult r;
    QPointer<HistoryJob> guard(job);
    connect(job, &HistoryJob::batch, this, [&r](const SeriesKey &, const CandleBatch &candles) {
        QVERIFY(r.candles.isEmpty() || candles.first().openTime > r.candles.last().openTime);
        r.candles.append(candles);
    });
    connect(job, &HistoryJob::finished, this, [&r] { r.finished = true; });
    connect(job, &HistoryJob::failed, this, [&r](const ProviderError &e) {
        r.failed = true;
        r.error = e;
    });
    connect(job, &Job::result, this, [&r](Job *j) { r.requests = j->requestCount(); });
    job->start();
    for (int steps = 0; steps < 100000 && !r.done(); ++steps) {
        waitFor([&] { return r.done(); }, 5);
        if (r.done() || m_provider->requestsInFlight() > 0)
            continue;
        const qint64 due = m_clock->nextDue();
        if (due >= 0)
            m_clock->setNow(std::max(due, m_clock->nowMs()));
    }
    waitFor([&] { return guard.isNull(); }, 5000);
    return r;
}

void tst_Okx::registered()
{
    const Exchange *okx = ExchangeRegistry::find(QStringLiteral("okx"));
    QCOMPARE(okx, &Okx::exchange());
    QCOMPARE(okx->defaultRestUrl, QUrl(QStringLiteral("https://www.okx.com")));
    QCOMPARE(okx->defaultWsUrl, QUrl(QStringLiteral("wss://ws.okx.com:8443/ws/v5/business")));
    // A WebSocket URL without a path gets /ws/v5/business; the environment names the id.
    QCOMPARE(okx->withDefaultWsPath(QUrl(QStringLiteral("ws://127.0.0.1:9000"))),
             QUrl(QStringLiteral("ws://127.0.0.1:9000/ws/v5/business")));
    QCOMPARE(okx->environmentVariable("REST_URL"), QStringLiteral("CANDLEWICK_OKX_REST_URL"));
}

void tst_Okx::symbolsMapToInstIds()
{
    const Exchange &okx = Okx::exchange();
    QCOMPARE(okx.nativeSymbol(QStringLiteral("BTC/USDT")), Spot);
    QCOMPARE(okx.nativeSymbol(QStringLiteral("btc/usdt")), Spot);
    QCOMPARE(okx.nativeSymbol(QStringLiteral("BTC/USDT:USDT")), Swap);
    QCOMPARE(okx.nativeSymbol(QStringLiteral("BTC/USD:BTC")), QStringLiteral("BTC-USD-SWAP"));
    QCOMPARE(okx.nativeSymbol(QStringLiteral("BTC/USDT:ETH")), QString());
    QCOMPARE(okx.nativeSymbol(Swap), Swap);
}

void tst_Okx::intervalsAreUtcBarsOrBuilt()
{
    const Exchange &okx = Okx::exchange();
    QCOMPARE(Okx::barName(Interval::M1), QStringLiteral("1m"));
    QCOMPARE(Okx::barName(Interval::H1), QStringLiteral("1H"));
    QCOMPARE(Okx::barName(Interval::H6), QStringLiteral("6Hutc"));
    QCOMPARE(Okx::barName(Interval::H12), QStringLiteral("12Hutc"));
    QCOMPARE(Okx::barName(Interval::D1), QStringLiteral("1Dutc"));
    QCOMPARE(Okx::barName(Interval::Mon1), QStringLiteral("1Mutc"));
    // Never the Hong Kong-aligned bars.
    for (Interval i : Intervals::all()) {
        const QString bar = Okx::barName(i);
        QVERIFY(bar.isEmpty() || bar.endsWith(QLatin1StringView("utc")) || bar.size() <= 3);
        QVERIFY(!bar.endsWith(u'D') && !bar.endsWith(u'W') && bar != QLatin1StringView("1M"));
    }
    QCOMPARE(okx.sourceInterval(Interval::H8), Interval::H4);
    QCOMPARE(okx.sourceInterval(Interval::D3), Interval::D1);
    QCOMPARE(okx.sourceInterval(Interval::W1), Interval::D1);
    QCOMPARE(okx.sourceInterval(Interval::Mon1), Interval::Mon1);
    QVERIFY(!okx.sourceInterval(Interval::S1));
    const QString why = okx.intervalError(Interval::S1);
    QVERIFY2(why.contains(QLatin1StringView("1s")) && why.contains(QLatin1StringView("1m")),
             qPrintable(why));
}

void tst_Okx::parsesTheDocumentedCandles()
{
    // The first two rows of ccxt's sample, verbatim: newest first, the first still forming.
    const QByteArray body
        = R"({"code":"0","msg":"","data":[["1678928760000","24341.4","24344","24313.2","24323","628","2.5819","62800","0"],["1678928700000","24324.1","24347.6","24321.7","24341.4","2565","10.5401","256500","1"]]})";
    QString why;
    const auto envelope = OkxParser::parseEnvelope(body, &why);
    QVERIFY2(envelope && envelope->ok(), qPrintable(why));
    QList<OkxParser::CandleRow> rows;
    QCOMPARE(OkxParser::parseCandleRows(envelope->data, true, &rows), QString());
    QCOMPARE(rows.size(), 2);
    QCOMPARE(rows[0].candle.openTime, 1678928760000);
    QVERIFY(!rows[0].confirmed);
    QCOMPARE(rows[1].candle.openTime, 1678928700000);
    QVERIFY(rows[1].confirmed);
    QCOMPARE(rows[1].candle.open, 24324.1);
    QCOMPARE(rows[1].candle.high, 24347.6);
    QCOMPARE(rows[1].candle.low, 24321.7);
    QCOMPARE(rows[1].candle.close, 24341.4);
    // A derivative's vol counts contracts: the base volume is volCcy.
    QCOMPARE(rows[1].candle.volume, 10.5401);
    QCOMPARE(rows[1].candle.quoteVolume, 256500.0);
    // Spot: vol is the base volume.
    QCOMPARE(OkxParser::parseCandleRows(envelope->data, false, &rows), QString());
    QCOMPARE(rows[1].candle.volume, 2565.0);
}

void tst_Okx::parsesTheDocumentedPush()
{
    const QByteArray push
        = R"({"arg":{"channel":"candle1D","instId":"BTC-USDT"},"data":[["1597026383085","8533.02","8553.74","8527.17","8548.26","45247","529.5858061","5529.5858061","0"]]})";
    const QJsonArray data
        = QJsonDocument::fromJson(push).object().value(QStringLiteral("data")).toArray();
    QList<OkxParser::CandleRow> rows;
    QCOMPARE(OkxParser::parseCandleRows(data, false, &rows), QString());
    QCOMPARE(rows.size(), 1);
    QCOMPARE(rows[0].candle.openTime, 1597026383085);
    QCOMPARE(rows[0].candle.close, 8548.26);
    QVERIFY(!rows[0].confirmed);
}

void tst_Okx::refusesMalformedRows()
{
    QList<OkxParser::CandleRow> rows;
    // Numbers instead of strings, a short row, a confirm that is neither "0" nor "1".
    QVERIFY(
        !OkxParser::parseCandleRows(
             dataOf(
                 R"({"code":"0","msg":"","data":[[1678928700000,"1","1","1","1","1","1","1","1"]]})"),
             false, &rows)
             .isEmpty());
    QVERIFY(!OkxParser::parseCandleRows(
                 dataOf(R"({"code":"0","msg":"","data":[["1678928700000","1","1","1","1"]]})"),
                 false, &rows)
                 .isEmpty());
    QVERIFY(
        !OkxParser::parseCandleRows(
             dataOf(
                 R"({"code":"0","msg":"","data":[["1678928700000","1","1","1","1","1","1","1","2"]]})"),
             false, &rows)
             .isEmpty());
    QString why;
    QVERIFY(!OkxParser::parseEnvelope("{\"code\":0,\"data\":[]}", &why));
    QVERIFY(!OkxParser::parseEnvelope("[1,2", &why));
}

void tst_Okx::errorEnvelopesBecomeKinds()
{
    using Kind = ProviderError::Kind;
    const RequestInfo info{Spot, QStringLiteral("1m"), QStringLiteral("u")};
    QCOMPARE(OkxErrors::fromResponse(200, QStringLiteral("50011"),
                                     QStringLiteral("Rate limit reached"), info)
                 .kind,
             Kind::RateLimited);
    QCOMPARE(OkxErrors::fromResponse(429, QStringLiteral("50011"),
                                     QStringLiteral("Too Many Requests"), info)
                 .kind,
             Kind::RateLimited);
    QCOMPARE(OkxErrors::fromResponse(503, QStringLiteral("50001"), {}, info).kind,
             Kind::ServerError);
    const ProviderError unknown = OkxErrors::fromResponse(
        200, QStringLiteral("51001"), QStringLiteral("Instrument ID does not exist"), info);
    QCOMPARE(unknown.kind, Kind::InvalidSymbol);
    QVERIFY(unknown.message.contains(Spot));
    QCOMPARE(OkxErrors::fromResponse(400, QStringLiteral("51000"),
                                     QStringLiteral("Parameter bar error"), info)
                 .kind,
             Kind::InvalidInterval);
}

void tst_Okx::limiterNeverExceedsTheWindow()
{
    ManualClock clock(1000);
    RequestRateLimiter limiter(&clock, 20, 2000);
    QList<qint64> grants;
    QObject context;
    // Each request is answered the moment it is sent.
    for (int i = 0; i < 65; ++i) {
        limiter.acquire(&context, [&] {
            grants.append(clock.nowMs());
            limiter.release();
        });
    }
    for (int step = 0; step < 1000 && grants.size() < 65; ++step) {
        drainEvents();
        if (clock.nextDue() >= 0)
            clock.setNow(clock.nextDue());
    }
    drainEvents();
    QCOMPARE(grants.size(), 65);
    QCOMPARE(grants.first(), 1000);
    // No span of the window ever holds more than the limit.
    for (qsizetype i = 20; i < grants.size(); ++i)
        QVERIFY(grants[i] - grants[i - 20] >= 2000);
    // ... and the pace is the limit's: 65 requests need three full windows, no more.
    QCOMPARE(grants.last(), 1000 + 3 * 2000);
    QVERIFY(limiter.throttledCount() >= 1);
}

void tst_Okx::limiterHoldsEverythingWhileBlocked()
{
    ManualClock clock(1000);
    RequestRateLimiter limiter(&clock, 20, 2000);
    limiter.blockUntil(5000);
    int granted = 0;
    QObject context;
    limiter.acquire(&context, [&] { ++granted; });
    drainEvents();
    QCOMPARE(granted, 0);
    clock.setNow(4999);
    drainEvents();
    QCOMPARE(granted, 0);
    clock.setNow(5000);
    drainEvents();
    QCOMPARE(granted, 1);
}

void tst_Okx::historyEqualsGroundTruth()
{
    const JobResult r = fetch(Spot, Interval::M1, T0, T0 + 2 * Day);
    QVERIFY2(r.finished, qPrintable(r.error.message));
    const CandleBatch truth = m_fake->groundTruth(Spot, Interval::M1, {T0, T0 + 2 * Day});
    QCOMPARE(truth.size(), 2 * 24 * 60);
    QCOMPARE(r.candles.size(), truth.size());
    for (qsizetype i = 0; i < truth.size(); ++i) {
        QCOMPARE(r.candles[i].openTime, truth[i].openTime);
        QCOMPARE(r.candles[i].open, truth[i].open);
        QCOMPARE(r.candles[i].high, truth[i].high);
        QCOMPARE(r.candles[i].low, truth[i].low);
        QCOMPARE(r.candles[i].close, truth[i].close);
        QCOMPARE(r.candles[i].volume, truth[i].volume);
        QCOMPARE(r.candles[i].quoteVolume, truth[i].quoteVolume);
    }
    // 2880 rows in pages of 300: ten requests, none throttled.
    QCOMPARE(r.requests, 10);
    QCOMPARE(m_fake->rateLimitedCount(), 0);
}

void tst_Okx::historyPagesBackwardsWithinWindows()
{
    const JobResult r = fetch(Swap, Interval::M1, T0, T0 + 600 * Minute);
    QVERIFY2(r.finished, qPrintable(r.error.message));
    QCOMPARE(r.candles.size(), 600);
    const auto queries = m_fake->candleQueries();
    QCOMPARE(queries.size(), 2);
    // The first page asks backwards from the range's end with `after`; what its 300 rows did
    // not reach is one window, asked backwards from below the oldest row.
    QCOMPARE(queries[0].second.queryItemValue(QStringLiteral("after")),
             QString::number(T0 + 600 * Minute));
    QCOMPARE(queries[1].second.queryItemValue(QStringLiteral("after")),
             QString::number(T0 + 300 * Minute));
    for (const auto &q : queries) {
        QCOMPARE(q.second.queryItemValue(QStringLiteral("limit")), QStringLiteral("300"));
        QCOMPARE(q.second.queryItemValue(QStringLiteral("bar")), QStringLiteral("1m"));
        QCOMPARE(q.second.queryItemValue(QStringLiteral("instId")), Swap);
        QVERIFY(!q.second.hasQueryItem(QStringLiteral("before")));
    }
    // The swap's base volume is volCcy, not the contracts of vol.
    QCOMPARE(r.candles.first().volume,
             m_fake->groundTruth(Swap, Interval::M1, {T0, T0 + Minute}).first().volume);
}

void tst_Okx::historyUnderEitherBehaviour_data()
{
    QTest::addColumn<int>("cap");
    QTest::addColumn<bool>("omitQuiet");
    QTest::newRow("300 rows, quiet buckets served") << 300 << false;
    QTest::newRow("100 rows, quiet buckets served") << 100 << false;
    QTest::newRow("300 rows, quiet buckets omitted") << 300 << true;
    QTest::newRow("100 rows, quiet buckets omitted") << 100 << true;
}

void tst_Okx::historyUnderEitherBehaviour()
{
    QFETCH(int, cap);
    QFETCH(bool, omitQuiet);
    m_fake->setHistoryPageCap(cap);
    m_fake->setQuietBucketsOmitted(omitQuiet);
    m_fake->addMaintenanceGap({T0 + 500 * Minute, T0 + 1000 * Minute});
    const JobResult r = fetch(Spot, Interval::M1, T0, T0 + Day);
    QVERIFY2(r.finished, qPrintable(r.error.message));
    const CandleBatch truth = m_fake->groundTruth(Spot, Interval::M1, {T0, T0 + Day});
    QVERIFY(truth.size() < 1440 - 400);
    QCOMPARE(r.candles.size(), truth.size());
    for (qsizetype i = 0; i < truth.size(); ++i) {
        QCOMPARE(r.candles[i].openTime, truth[i].openTime);
        QCOMPARE(r.candles[i].close, truth[i].close);
    }
    if (omitQuiet)
        QVERIFY(std::none_of(r.candles.cbegin(), r.candles.cend(),
                             [](const Candle &c) { return c.volume == 0; }));
}

void tst_Okx::recentRangeUsesCandlesOlderUsesHistory()
{
    const qint64 end = Intervals::alignDown(Interval::M1, Now);
    JobResult r = fetch(Spot, Interval::M1, end - 200 * Minute, end);
    QVERIFY2(r.finished, qPrintable(r.error.message));
    QCOMPARE(r.candles.size(), 200);
    QCOMPARE(m_fake->candleQueries().last().first, QStringLiteral("/api/v5/market/candles"));
    r = fetch(Spot, Interval::M1, end - 3000 * Minute, end - 2700 * Minute);
    QVERIFY2(r.finished, qPrintable(r.error.message));
    QCOMPARE(r.candles.size(), 300);
    QCOMPARE(m_fake->candleQueries().last().first,
             QStringLiteral("/api/v5/market/history-candles"));
}

void tst_Okx::dailyUsesTheUtcBar()
{
    const JobResult r = fetch(Spot, Interval::D1, T0, T0 + 20 * Day);
    QVERIFY2(r.finished, qPrintable(r.error.message));
    QCOMPARE(m_fake->candleQueries().first().second.queryItemValue(QStringLiteral("bar")),
             QStringLiteral("1Dutc"));
    const CandleBatch truth = m_fake->groundTruth(Spot, Interval::D1, {T0, T0 + 20 * Day});
    QCOMPARE(r.candles.size(), 20);
    for (qsizetype i = 0; i < truth.size(); ++i) {
        // OKX rows have no trade counts or taker volumes.
        QCOMPARE(r.candles[i].openTime, truth[i].openTime);
        QCOMPARE(r.candles[i].open, truth[i].open);
        QCOMPARE(r.candles[i].close, truth[i].close);
        QCOMPARE(r.candles[i].volume, truth[i].volume);
        QCOMPARE(r.candles[i].trades, 0);
    }
}

void tst_Okx::formingCandleIsNeverEmitted()
{
    // Up to "now": the forming minute (served first, confirm "0") is left out.
    const qint64 forming = Intervals::alignDown(Interval::M1, Now);
    const JobResult r = fetch(Spot, Interval::M1, forming - 10 * Minute, forming + Minute);
    QVERIFY2(r.finished, qPrintable(r.error.message));
    QCOMPARE(r.candles.size(), 10);
    QCOMPARE(r.candles.last().openTime, forming - Minute);
    QVERIFY(std::all_of(r.candles.cbegin(), r.candles.cend(),
                        [](const Candle &c) { return c.closed; }));
}

void tst_Okx::throttlingBacksOffAndCompletes_data()
{
    QTest::addColumn<int>("status");
    QTest::newRow("HTTP 429") << 429;
    QTest::newRow("HTTP 200 with code 50011") << 200;
}

void tst_Okx::throttlingBacksOffAndCompletes()
{
    // The exchange is stricter than documented: 3 per 2 s. The client is throttled, waits
    // and still gets everything.
    QFETCH(int, status);
    m_fake->setThrottleStatus(status);
    m_fake->setLimit(QStringLiteral("/api/v5/market/history-candles"), 3);
    const JobResult r = fetch(Spot, Interval::M1, T0, T0 + 3000 * Minute);
    QVERIFY2(r.finished, qPrintable(r.error.message));
    QCOMPARE(r.candles.size(),
             m_fake->groundTruth(Spot, Interval::M1, {T0, T0 + 3000 * Minute}).size());
    QVERIFY(m_fake->rateLimitedCount() >= 1);
    QVERIFY(m_provider->historyLimiter()->blockedUntil() > Now);
}

void tst_Okx::serverErrorsAreRetried()
{
    m_fake->injectServerErrors(2);
    const JobResult r = fetch(Spot, Interval::M1, T0, T0 + 100 * Minute);
    QVERIFY2(r.finished, qPrintable(r.error.message));
    QCOMPARE(r.candles.size(), 100);
    QCOMPARE(m_fake->candleRequestCount(), 3);
}

void tst_Okx::unknownInstrumentFails()
{
    const JobResult r = fetch(QStringLiteral("NOPE-USDT"), Interval::M1, T0, T0 + Day);
    QVERIFY(r.failed);
    QCOMPARE(r.error.kind, ProviderError::Kind::InvalidSymbol);
    QCOMPARE(r.error.exchangeCode, 51001);
    QVERIFY(r.error.message.contains(QLatin1StringView("NOPE-USDT")));
    QCOMPARE(m_fake->candleRequestCount(), 1);
}

void tst_Okx::beforeListingIsEmpty()
{
    const qint64 listed = T0 - 30 * Day;
    const JobResult r = fetch(Spot, Interval::M1, listed - 200 * Minute, listed + 200 * Minute);
    QVERIFY2(r.finished, qPrintable(r.error.message));
    QCOMPARE(r.candles.size(), 200);
    QCOMPARE(r.candles.first().openTime, listed);
}

void tst_Okx::symbolsListSpotAndSwaps()
{
    SymbolsJob *job = m_provider->fetchSymbols();
    QPointer<SymbolsJob> guard(job);
    SymbolList symbols;
    bool ok = false;
    connect(job, &SymbolsJob::finished, this, [&] {
        ok = true;
        symbols = job->symbols();
    });
    job->start();
    QVERIFY(waitFor([&] { return guard.isNull(); }, 5000));
    QVERIFY(ok);
    QCOMPARE(m_fake->instrumentRequestCount(), 2);
    QCOMPARE(symbols.size(), 3);
    QCOMPARE(symbols[0].symbol, Spot);
    QCOMPARE(symbols[0].baseAsset, QStringLiteral("BTC"));
    QCOMPARE(symbols[0].quoteAsset, QStringLiteral("USDT"));
    QVERIFY(symbols[0].isTrading());
    QCOMPARE(symbols[0].tickSize, 0.1);
    QCOMPARE(symbols[1].symbol, QStringLiteral("ETH-USDT"));
    QVERIFY(!symbols[1].isTrading());
    QCOMPARE(symbols[2].symbol, Swap);
    QCOMPARE(symbols[2].baseAsset, QStringLiteral("BTC"));
    QCOMPARE(symbols[2].quoteAsset, QStringLiteral("USDT"));
}

namespace {

// A GapFreeFeed of an OKX session over the fakes, recording what it delivers.
struct LiveRig
{
    FakeOkxWs ws;
    std::unique_ptr<ExchangeSession> session;
    GapFreeFeed *feed = nullptr;
    CandleBatch closed;
    CandleBatch updated;
};

// Moves the clock to `t` a second at a time, letting each keepalive ping get its pong.
void advanceLive(ManualClock *clock, FakeOkxWs &ws, LiveFeed *inner, qint64 t)
{
    while (clock->nowMs() < t) {
        const int pings = ws.pingsReceived();
        const qint64 frames = inner->stats().frames;
        clock->setNow(std::min(t, clock->nowMs() + 1000));
        if (waitFor([&] { return ws.pingsReceived() > pings; }, 5))
            waitFor([&] { return inner->stats().frames > frames; }, 5000);
    }
}

} // namespace

void tst_Okx::liveClosesByConfirmAndBackfillsMissedOnes()
{
    LiveRig rig;
    QVERIFY(rig.ws.listen());
    const Exchange &okx = Okx::exchange();
    rig.session.reset(okx.createSession(
        okx, {m_fake->baseUrl(), okx.withDefaultWsPath(rig.ws.url())}, m_clock, nullptr));
    rig.feed = rig.session->createGapFreeFeed(rig.session.get());
    QVERIFY(rig.feed);
    const SeriesKey key{QStringLiteral("okx"), Spot, Interval::M1};
    connect(rig.feed, &LiveFeed::candleClosed, this,
            [&rig](const SeriesKey &, const Candle &c) { rig.closed.append(c); });
    connect(rig.feed, &LiveFeed::candleUpdated, this,
            [&rig](const SeriesKey &, const Candle &c) { rig.updated.append(c); });
    const qint64 f = Intervals::alignDown(Interval::M1, Now);
    const QString channel = QStringLiteral("candle1m");
    auto truth = [&](qint64 open) {
        return m_fake->candleAsOf(Spot, Interval::M1, open, m_clock->nowMs());
    };

    rig.feed->subscribe(key);
    QVERIFY(waitFor([&] { return rig.ws.isSubscribed(channel, Spot); }, 5000));
    QCOMPARE(
        rig.ws.controlMessages().first(),
        QByteArray(R"({"args":[{"channel":"candle1m","instId":"BTC-USDT"}],"op":"subscribe"})"));

    // A forming candle, then its confirm "1".
    QCOMPARE(rig.ws.push(channel, Spot, truth(f), false), 1);
    QVERIFY(waitFor([&] { return rig.updated.size() == 1; }, 5000));
    advanceLive(m_clock, rig.ws, rig.feed->inner(), f + Minute + 100);
    QCOMPARE(rig.ws.push(channel, Spot, truth(f), true), 1);
    QVERIFY(waitFor([&] { return rig.closed.size() == 1; }, 5000));
    QCOMPARE(rig.closed.first().openTime, f);
    QCOMPARE(rig.closed.first().close, m_fake->candleAsOf(Spot, Interval::M1, f, Now + Day).close);

    // The next candle forms but its confirm never comes: once the one after it starts, its final
    // values come over REST.
    rig.ws.push(channel, Spot, truth(f + Minute), false);
    advanceLive(m_clock, rig.ws, rig.feed->inner(), f + 2 * Minute + 100);
    const int before = m_fake->candleRequestCount();
    rig.ws.push(channel, Spot, truth(f + 2 * Minute), false);
    QVERIFY(waitFor([&] { return rig.closed.size() == 2; }, 5000));
    QCOMPARE(m_fake->candleRequestCount(), before + 1);
    QCOMPARE(rig.closed[1].openTime, f + Minute);
    QCOMPARE(rig.closed[1].close,
             m_fake->candleAsOf(Spot, Interval::M1, f + Minute, Now + Day).close);

    // A drop: three minutes pass before the reconnect; the first confirm after it is preceded by
    // the missed candles, backfilled over REST.
    rig.ws.dropAll();
    QVERIFY(
        waitFor([&] { return rig.ws.openConnections() == 0 && m_clock->nextDue() >= 0; }, 5000));
    m_clock->setNow(f + 5 * Minute + 100);
    QVERIFY(waitFor([&] { return rig.ws.isSubscribed(channel, Spot); }, 5000));
    QCOMPARE(rig.ws.acceptedConnections(), 2);
    QVERIFY(waitFor([&] { return rig.closed.size() == 5; }, 5000));
    rig.ws.push(channel, Spot, truth(f + 5 * Minute), false);
    advanceLive(m_clock, rig.ws, rig.feed->inner(), f + 6 * Minute + 100);
    rig.ws.push(channel, Spot, truth(f + 5 * Minute), true);
    QVERIFY(waitFor([&] { return rig.closed.size() == 6; }, 5000));
    for (qsizetype i = 0; i < rig.closed.size(); ++i) {
        QCOMPARE(rig.closed[i].openTime, f + i * Minute);
        QCOMPARE(rig.closed[i].close,
                 m_fake->candleAsOf(Spot, Interval::M1, f + i * Minute, Now + Day).close);
        QVERIFY(rig.closed[i].closed);
    }
    QCOMPARE(rig.feed->stats().gapsAbandoned, 0);
}

void tst_Okx::keepaliveAnswersPingOrReconnects()
{
    FakeOkxWs ws;
    QVERIFY(ws.listen());
    OkxLiveFeed feed(Okx::exchange().withDefaultWsPath(ws.url()), m_clock);
    feed.subscribe({QStringLiteral("okx"), Spot, Interval::M1});
    QVERIFY(waitFor([&] { return ws.isSubscribed(QStringLiteral("candle1m"), Spot); }, 5000));
    drainEvents();
    // Idle: a text ping, answered with pong; the connection stays.
    m_clock->advance(OkxLiveFeed::IdlePingMs);
    QVERIFY(waitFor([&] { return ws.pingsReceived() == 1; }, 5000));
    // The subscription acknowledgement and the pong.
    QVERIFY(waitFor([&] { return feed.stats().frames == 2; }, 5000));
    m_clock->advance(OkxLiveFeed::PongTimeoutMs);
    drainEvents();
    QCOMPARE(ws.acceptedConnections(), 1);
    QCOMPARE(feed.state(), ConnectionState::Live);
    // No pong: the connection is dropped and replaced.
    ws.setPongs(false);
    m_clock->advance(OkxLiveFeed::IdlePingMs - OkxLiveFeed::PongTimeoutMs);
    QVERIFY(waitFor([&] { return ws.pingsReceived() == 2; }, 5000));
    m_clock->advance(OkxLiveFeed::PongTimeoutMs);
    QVERIFY(waitFor([&] { return feed.state() == ConnectionState::Reconnecting; }, 5000));
    QVERIFY(waitFor([&] { return m_clock->nextDue() >= 0; }, 5000));
    m_clock->setNow(m_clock->nextDue());
    QVERIFY(waitFor(
        [&] { return ws.acceptedConnections() == 2 && feed.state() == ConnectionState::Live; },
        5000));
    QCOMPARE(feed.stats().reconnects, 1);
}

void tst_Okx::liveBuildsIntervalsTheStreamLacks()
{
    QCOMPARE(OkxLiveFeed::channelName(Interval::M1), QStringLiteral("candle1m"));
    QCOMPARE(OkxLiveFeed::channelName(Interval::D1), QStringLiteral("candle1Dutc"));
    QCOMPARE(OkxLiveFeed::channelName(Interval::H8), QString());

    FakeOkxWs ws;
    QVERIFY(ws.listen());
    OkxLiveFeed feed(Okx::exchange().withDefaultWsPath(ws.url()), m_clock);
    const SeriesKey h8{QStringLiteral("okx"), Spot, Interval::H8};
    const SeriesKey h4{QStringLiteral("okx"), Spot, Interval::H4};
    QList<QPair<SeriesKey, Candle>> closed;
    QList<SeriesKey> connected;
    connect(&feed, &LiveFeed::candleClosed, this, [&](const SeriesKey &k, const Candle &c) {
        closed.append({k, c});
    });
    connect(&feed, &LiveFeed::seriesConnected, this,
            [&](const QList<SeriesKey> &keys) { connected.append(keys); });
    feed.subscribe(h8);
    feed.subscribe(h4);
    const QString channel = QStringLiteral("candle4H");
    QVERIFY(waitFor([&] { return ws.isSubscribed(channel, Spot); }, 5000));
    QVERIFY(waitFor([&] { return connected.size() == 2; }, 5000));
    // One channel for both series.
    QCOMPARE(ws.controlMessages(),
             QList<QByteArray>{
                 R"({"args":[{"channel":"candle4H","instId":"BTC-USDT"}],"op":"subscribe"})"});

    // An 8h bucket seen from its first 4h part on: closed once both parts closed.
    const qint64 b = T0 + 8 * 3600 * 1000;
    const qint64 h = 4 * 3600 * 1000;
    auto part = [&](qint64 open) { return m_fake->candleAsOf(Spot, Interval::H4, open, Now); };
    ws.push(channel, Spot, part(b), true);
    ws.push(channel, Spot, part(b + h), false);
    ws.push(channel, Spot, part(b + h), true);
    QVERIFY(waitFor([&] { return closed.size() == 3; }, 5000));
    // (The series of one frame come in no particular order.)
    const auto h8Closed = std::find_if(closed.cbegin(), closed.cend(),
                                       [&](const auto &c) { return c.first == h8; });
    QVERIFY(h8Closed != closed.cend());
    QCOMPARE(
        std::count_if(closed.cbegin(), closed.cend(), [&](const auto &c) { return c.first == h4; }),
        2);
    const Candle built = h8Closed->second;
    const CandleBatch truth = m_fake->groundTruth(Spot, Interval::H4, {b, b + 2 * h});
    QCOMPARE(built.openTime, b);
    QCOMPARE(built.open, truth[0].open);
    QCOMPARE(built.close, truth[1].close);
    QCOMPARE(built.high, std::max(truth[0].high, truth[1].high));
    QCOMPARE(built.low, std::min(truth[0].low, truth[1].low));
    QCOMPARE(built.volume, truth[0].volume + truth[1].volume);
    QVERIFY(built.closed);

    // A bucket joined midway is never closed from the stream; when the next one starts, the
    // gap-free layer is told to take it over REST.
    ws.push(channel, Spot, part(b + 3 * h), true);
    ws.push(channel, Spot, part(b + 4 * h), false);
    QVERIFY(waitFor([&] { return closed.size() == 4; }, 5000));
    QVERIFY(waitFor([&] { return connected.size() == 3; }, 5000));
    QCOMPARE(connected.last(), h8);
    QCOMPARE(closed.last().first, h4);
}

void tst_Okx::subscriptionsWhileLiveGoTogether()
{
    FakeOkxWs ws;
    QVERIFY(ws.listen());
    OkxLiveFeed feed(Okx::exchange().withDefaultWsPath(ws.url()), m_clock);
    feed.subscribe({QStringLiteral("okx"), Spot, Interval::M1});
    QVERIFY(waitFor([&] { return ws.isSubscribed(QStringLiteral("candle1m"), Spot); }, 5000));
    // Three series asked for in one turn: one message; one dropped again before it went out.
    feed.subscribe({QStringLiteral("okx"), Swap, Interval::M1});
    feed.subscribe({QStringLiteral("okx"), Swap, Interval::H6});
    feed.subscribe({QStringLiteral("okx"), Swap, Interval::D1});
    feed.unsubscribe({QStringLiteral("okx"), Swap, Interval::H6});
    QVERIFY(waitFor([&] { return ws.isSubscribed(QStringLiteral("candle1Dutc"), Swap); }, 5000));
    QCOMPARE(ws.controlMessages().size(), 2);
    QCOMPARE(
        ws.controlMessages().last(),
        QByteArray(R"({"args":[{"channel":"candle1m","instId":"BTC-USDT-SWAP"},)"
                   R"({"channel":"candle1Dutc","instId":"BTC-USDT-SWAP"}],"op":"subscribe"})"));
    feed.unsubscribe({QStringLiteral("okx"), Swap, Interval::M1});
    QVERIFY(waitFor([&] { return !ws.isSubscribed(QStringLiteral("candle1m"), Swap); }, 5000));
    QCOMPARE(ws.controlMessages().size(), 3);
    QCOMPARE(feed.subscriptions().size(), 2);
}

QTEST_GUILESS_MAIN(tst_Okx)
#include "tst_okx.moc"
