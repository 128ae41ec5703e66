#include <binance/binanceerrors.h>
#include <binance/binancehistoryjob.h>
#include <binance/binancerestprovider.h>
#include <fakebinancerest.h>
#include <interval.h>
#include <manualclock.h>
#include <requestweightlimiter.h>

#include <QPointer>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

using namespace Candlewick;
using Candlewick::Testing::FakeBinanceRest;
using Fault = FakeBinanceRest::Fault;
using Kind = ProviderError::Kind;

namespace {

constexpr qint64 Second = 1000;
constexpr qint64 Minute = 60 * Second;
constexpr qint64 Hour = 60 * Minute;
constexpr qint64 Day = 24 * Hour;
// "Now" of every test: 2024-06-15 12:34:56.789 UTC.
constexpr qint64 Now = 1718454896789LL;
// BTCUSDT is listed from 2019-01-01; NEWUSDT from 2024-06-01 00:00 UTC.
constexpr qint64 BtcListed = 1546300800000LL;
constexpr qint64 NewListed = 1717200000000LL;

struct Result
{
    CandleBatch candles;
    QList<CandleBatch> batches;
    QList<QPair<qint64, qint64>> progress;
    bool finished = false;
    bool failed = false;
    ProviderError error;
    int jobRequests = 0;
    int rejected = 0;
    bool done() const { return finished || failed; }
};

} // namespace

class tst_BinanceRestProvider : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void exchangeAndBaseUrl();
    void matchesGroundTruth_data();
    void matchesGroundTruth();
    void paginationQueries();
    void keepsSeveralRequestsInFlight();
    void maintenanceGaps();
    void openCandleExcluded();
    void emptyRanges_data();
    void emptyRanges();
    void errors_data();
    void errors();
    void unknownPath();
    void connectionRefused();
    void refusedAfterAnswerIsRetried();
    void retryThenSuccess_data();
    void retryThenSuccess();
    void timeoutThenSuccess();
    void requestsCountedWhenQtResends();
    void oversizedResponse();
    void cancelWhileWaiting();
    void cancelFromBatch();
    void weightPacing();
    void sharedBudgetAcrossJobs();
    void retryAfterObeyed();
    void learnsLimitsOnce();
    void symbols();
    void errorMapping_data();
    void errorMapping();

private:
    // Starts the job and drives the ManualClock whenever nothing is on the wire, until it ends.
    Result run(HistoryJob *job, bool driveClock = true);
    HistoryJob *fetch(const QString &symbol, Interval interval, qint64 from, qint64 to);
    void compareWithGroundTruth(const Result &r, const QString &symbol, Interval interval,
                                qint64 from, qint64 to);

    ManualClock *m_clock = nullptr;
    FakeBinanceRest *m_fake = nullptr;
    BinanceRestProvider *m_provider = nullptr;
};

void tst_BinanceRestProvider::init()
{
    m_clock = new ManualClock(Now, this);
    m_fake = new FakeBinanceRest(m_clock, this);
    QVERIFY(m_fake->listen());
    m_fake->addSymbol(QStringLiteral("BTCUSDT"), QStringLiteral("BTC"), QStringLiteral("USDT"),
                      BtcListed);
    m_fake->addSymbol(QStringLiteral("NEWUSDT"), QStringLiteral("NEW"), QStringLiteral("USDT"),
                      NewListed);
    m_fake->addSymbol(QStringLiteral("OLDBTC"), QStringLiteral("OLD"), QStringLiteral("BTC"),
                      BtcListed, QStringLiteral("BREAK"));
    m_provider = new BinanceRestProvider(m_fake->baseUrl(), m_clock, this);
    m_provider->setRetryPolicy(RetryPolicy(6, 500, 30000, 12345));
}

void tst_BinanceRestProvider::cleanup()
{
    delete m_provider;
    m_provider = nullptr;
    delete m_fake;
    m_fake = nullptr;
    delete m_clock;
    m_clock = nullptr;
}

HistoryJob *tst_BinanceRestProvider::fetch(const QString &symbol, Interval interval, qint64 from,
                                           qint64 to)
{
    return m_provider->fetchHistory({QStringLiteral("binance"), symbol, interval}, from, to);
}

Result tst_BinanceRestProvider::run(HistoryJob *job, bool driveClock)
{
    Result r;
    QPointer<HistoryJob> guard(job);
    auto *rest = qobject_cast<BinanceHistoryJob *>(job);
    connect(job, &HistoryJob::batch, this, [&r](const SeriesKey &, const CandleBatch &candles) {
        r.batches.append(candles);
        r.candles.append(candles);
    });
    connect(job, &HistoryJob::progress, this, [&r](qint64 done, qint64 total) {
        r.progress.append({done, total});
    });
    connect(job, &HistoryJob::finished, this, [&r, job, rest] {
        r.finished = true;
        r.jobRequests = job->requestCount();
        r.rejected = rest ? rest->rejectedCount() : 0;
    });
    connect(job, &HistoryJob::failed, this, [&r, job](const ProviderError &e) {
        r.failed = true;
        r.error = e;
        r.jobRequests = job->requestCount();
    });
    job->start();
    for (int steps = 0; steps < 10000 && !r.done(); ++steps) {
        // Let the sockets settle: wait until nothing of ours is on the wire.
        (void)QTest::qWaitFor([&] { return r.done() || m_provider->requestsInFlight() == 0; },
                              20000);
        if (r.done() || !driveClock)
            break;
        if (m_provider->requestsInFlight() > 0)
            break; // stuck on the wire: the caller decides
        const qint64 due = m_clock->nextDue();
        if (due < 0) {
            (void)QTest::qWaitFor([&] { return r.done(); }, 5000);
            break;
        }
        m_clock->setNow(std::max(due, m_clock->nowMs()));
    }
    if (!driveClock)
        (void)QTest::qWaitFor([&] { return r.done(); }, 20000);
    // The job deletes itself after finishing.
    if (r.done())
        (void)QTest::qWaitFor([&] { return guard.isNull(); }, 5000);
    return r;
}

void tst_BinanceRestProvider::compareWithGroundTruth(const Result &r, const QString &symbol,
                                                     Interval interval, qint64 from, qint64 to)
{
    QVERIFY2(r.finished, qPrintable(r.error.message));
    const CandleBatch truth = m_fake->groundTruth(symbol, interval, {from, to});
    QCOMPARE(r.candles.size(), truth.size());
    QCOMPARE(r.candles, truth);
    // Strictly ascending, closed, no duplicates across batches.
    qint64 last = std::numeric_limits<qint64>::min();
    for (const Candle &c : r.candles) {
        QVERIFY(c.openTime > last);
        QVERIFY(c.closed);
        QVERIFY(c.openTime >= from && c.openTime < to);
        QVERIFY(Intervals::closeTime(interval, c.openTime) <= m_clock->nowMs());
        last = c.openTime;
    }
    if (!r.progress.isEmpty()) {
        QCOMPARE(r.progress.last().first, r.progress.last().second);
        for (int i = 1; i < r.progress.size(); ++i)
            QVERIFY(r.progress.at(i).first >= r.progress.at(i - 1).first);
    }
}

void tst_BinanceRestProvider::exchangeAndBaseUrl()
{
    QCOMPARE(m_provider->baseUrl(), m_fake->baseUrl());
    const QUrl url = m_provider->endpointUrl(QStringLiteral("/api/v3/klines"),
                                             QUrlQuery(QStringLiteral("symbol=BTCUSDT")));
    QCOMPARE(url.path(), QStringLiteral("/api/v3/klines"));
    QCOMPARE(url.query(), QStringLiteral("symbol=BTCUSDT"));
    QCOMPARE(url.host(), QStringLiteral("127.0.0.1"));
}

void tst_BinanceRestProvider::matchesGroundTruth_data()
{
    QTest::addColumn<QString>("symbol");
    QTest::addColumn<Interval>("interval");
    QTest::addColumn<qint64>("from");
    QTest::addColumn<qint64>("to");
    QTest::addColumn<int>("klinesRequests"); // -1: don't check

    const qint64 base = (Now / Day - 30) * Day; // a midnight 30 days ago
    QTest::newRow("1m one partial page")
        << "BTCUSDT" << Interval::M1 << base << base + 500 * Minute << 1;
    QTest::newRow("1m exactly 1000")
        << "BTCUSDT" << Interval::M1 << base << base + 1000 * Minute << 1;
    QTest::newRow("1m exactly 2000")
        << "BTCUSDT" << Interval::M1 << base << base + 2000 * Minute << 2;
    QTest::newRow("1m exactly 3000")
        << "BTCUSDT" << Interval::M1 << base << base + 3000 * Minute << 3;
    QTest::newRow("1m 2500, last page partial")
        << "BTCUSDT" << Interval::M1 << base << base + 2500 * Minute << 3;
    QTest::newRow("1m 1001") << "BTCUSDT" << Interval::M1 << base << base + 1001 * Minute << 2;
    QTest::newRow("1m unaligned edges")
        << "BTCUSDT" << Interval::M1 << base + 1234 << base + 1500 * Minute + 59999 << 2;
    QTest::newRow("1m 10 pages") << "BTCUSDT" << Interval::M1 << base << base + 10000 * Minute
                                 << 10;
    QTest::newRow("1s 2100") << "BTCUSDT" << Interval::S1 << base << base + 2100 * Second << 3;
    QTest::newRow("1h 1500 unaligned")
        << "BTCUSDT" << Interval::H1 << base - 1500 * Hour + 17 << base - 7 << 2;
    QTest::newRow("1d from before listing")
        << "NEWUSDT" << Interval::D1 << BtcListed << base + 20 * Day << 1;
    QTest::newRow("1m from long before listing")
        << "NEWUSDT" << Interval::M1 << BtcListed << NewListed + 1500 * Minute << 2;
    QTest::newRow("1w") << "BTCUSDT" << Interval::W1 << BtcListed << Now - 7 * Day << 1;
    QTest::newRow("1M months") << "BTCUSDT" << Interval::Mon1 << BtcListed << Now - 40 * Day << 1;
    QTest::newRow("3d") << "BTCUSDT" << Interval::D3 << BtcListed << Now << 1;
}

void tst_BinanceRestProvider::matchesGroundTruth()
{
    QFETCH(QString, symbol);
    QFETCH(Interval, interval);
    QFETCH(qint64, from);
    QFETCH(qint64, to);
    QFETCH(int, klinesRequests);

    const Result r = run(fetch(symbol, interval, from, to));
    compareWithGroundTruth(r, symbol, interval, from, to);
    QVERIFY(!r.candles.isEmpty());
    if (klinesRequests >= 0)
        QCOMPARE(m_fake->klinesRequestCount(), klinesRequests);
    QCOMPARE(r.jobRequests, m_fake->klinesRequestCount());
    QCOMPARE(m_fake->rateLimitedCount(), 0);
    QCOMPARE(r.rejected, 0);
}

void tst_BinanceRestProvider::paginationQueries()
{
    const qint64 from = (Now / Day - 20) * Day + 30 * Second;
    const qint64 to = from + 3500 * Minute;
    const Result r = run(fetch(QStringLiteral("BTCUSDT"), Interval::M1, from, to));
    compareWithGroundTruth(r, QStringLiteral("BTCUSDT"), Interval::M1, from, to);

    QList<QUrlQuery> queries = m_fake->klinesQueries();
    QCOMPARE(queries.size(), 4);
    std::sort(queries.begin(), queries.end(), [](const QUrlQuery &a, const QUrlQuery &b) {
        return a.queryItemValue(QStringLiteral("startTime")).toLongLong()
            < b.queryItemValue(QStringLiteral("startTime")).toLongLong();
    });
    const qint64 first = Intervals::alignUp(Interval::M1, from);
    qint64 previous = -1;
    for (int i = 0; i < queries.size(); ++i) {
        const QUrlQuery &q = queries.at(i);
        QCOMPARE(q.queryItemValue(QStringLiteral("symbol")), QStringLiteral("BTCUSDT"));
        QCOMPARE(q.queryItemValue(QStringLiteral("interval")), QStringLiteral("1m"));
        QCOMPARE(q.queryItemValue(QStringLiteral("limit")), QStringLiteral("1000"));
        const qint64 start = q.queryItemValue(QStringLiteral("startTime")).toLongLong();
        const qint64 end = q.queryItemValue(QStringLiteral("endTime")).toLongLong();
        QVERIFY(start > previous);
        previous = start;
        if (i == 0) {
            // The first page asks for the whole range from the first open time.
            QCOMPARE(start, first);
            QCOMPARE(end, to - 1);
            continue;
        }
        // The next one continues at last open time + 1, the others start on window boundaries;
        // each covers at most 1000 open times, the last one ends at to - 1.
        QCOMPARE(start, i == 1 ? first + 999 * Minute + 1 : first + i * 1000 * Minute);
        QCOMPARE(end, std::min(to, Intervals::alignUp(Interval::M1, start) + 1000 * Minute) - 1);
        QVERIFY(Intervals::countBetween(Interval::M1, start, end + 1) <= 1000);
    }
}

void tst_BinanceRestProvider::keepsSeveralRequestsInFlight()
{
    int maxInFlight = 0;
    connect(m_fake, &FakeBinanceRest::requestReceived, this,
            [&] { maxInFlight = std::max(maxInFlight, m_provider->requestsInFlight()); });
    const qint64 from = (Now / Day - 40) * Day;
    const qint64 to = from + 12000 * Minute;
    const Result r = run(fetch(QStringLiteral("BTCUSDT"), Interval::M1, from, to));
    compareWithGroundTruth(r, QStringLiteral("BTCUSDT"), Interval::M1, from, to);
    QCOMPARE(maxInFlight, m_provider->maxConcurrentRequests());
    QCOMPARE(r.batches.size(), 12);
}

void tst_BinanceRestProvider::maintenanceGaps()
{
    const qint64 from = (Now / Day - 10) * Day;
    const qint64 to = from + 5000 * Minute;
    // A short gap, and one covering a whole page window and more.
    m_fake->addMaintenanceGap({from + 100 * Minute + 7, from + 161 * Minute});
    m_fake->addMaintenanceGap({from + 1500 * Minute, from + 3200 * Minute});
    const Result r = run(fetch(QStringLiteral("BTCUSDT"), Interval::M1, from, to));
    compareWithGroundTruth(r, QStringLiteral("BTCUSDT"), Interval::M1, from, to);
    QCOMPARE(r.candles.size(), 5000 - 60 - 1700);
    for (const Candle &c : r.candles)
        QVERIFY(c.openTime < from + 1500 * Minute || c.openTime >= from + 3200 * Minute);
}

void tst_BinanceRestProvider::openCandleExcluded()
{
    const qint64 from = Now - 3 * Hour;
    const qint64 to = Now + Hour;
    const Result r = run(fetch(QStringLiteral("BTCUSDT"), Interval::M1, from, to));
    compareWithGroundTruth(r, QStringLiteral("BTCUSDT"), Interval::M1, from, to);
    // The still-open candle of Now was served by the fake but never emitted.
    QCOMPARE(r.candles.last().openTime, Intervals::alignDown(Interval::M1, Now) - Minute);
    QCOMPARE(r.candles.size(), 179); // 09:35 .. 12:33 of 12:34:56 (from 09:34:56)

    const Result h = run(fetch(QStringLiteral("BTCUSDT"), Interval::H1, Now - 5 * Day, Now + Day));
    compareWithGroundTruth(h, QStringLiteral("BTCUSDT"), Interval::H1, Now - 5 * Day, Now + Day);
    QCOMPARE(h.candles.last().openTime, Intervals::alignDown(Interval::H1, Now) - Hour);
}

void tst_BinanceRestProvider::emptyRanges_data()
{
    QTest::addColumn<QString>("symbol");
    QTest::addColumn<qint64>("from");
    QTest::addColumn<qint64>("to");

    QTest::newRow("from == to") << "BTCUSDT" << Now - Day << Now - Day;
    QTest::newRow("to before from") << "BTCUSDT" << Now - Day << Now - 2 * Day;
    QTest::newRow("inside one minute")
        << "BTCUSDT" << (Now - Day) / Minute * Minute + 1 << (Now - Day) / Minute * Minute + 59999;
    QTest::newRow("future") << "BTCUSDT" << Now + Day << Now + 2 * Day;
    QTest::newRow("before listing") << "NEWUSDT" << NewListed - 10 * Day << NewListed - Day;
}

void tst_BinanceRestProvider::emptyRanges()
{
    QFETCH(QString, symbol);
    QFETCH(qint64, from);
    QFETCH(qint64, to);
    const Result r = run(fetch(symbol, Interval::M1, from, to));
    QVERIFY2(r.finished, qPrintable(r.error.message));
    QVERIFY(r.candles.isEmpty());
    QVERIFY(r.batches.isEmpty());
    QVERIFY(m_fake->klinesRequestCount() <= 1);
}

void tst_BinanceRestProvider::errors_data()
{
    QTest::addColumn<QString>("symbol");
    QTest::addColumn<int>("fault"); // -1: none
    QTest::addColumn<int>("kind");
    QTest::addColumn<int>("klinesRequests");
    QTest::addColumn<QString>("messagePart");

    QTest::newRow("unknown symbol")
        << "BTCUSDX" << -1 << int(Kind::InvalidSymbol) << 1
        << "Unknown symbol BTCUSDX on Binance: check the spelling or run `candlewick-cli symbols`";
    QTest::newRow("lowercase symbol, no request")
        << "btcusdt" << -1 << int(Kind::InvalidSymbol) << 0 << "uppercase";
    QTest::newRow("empty symbol") << "" << -1 << int(Kind::InvalidSymbol) << 0 << "symbol";
    QTest::newRow("403 not retried")
        << "BTCUSDT" << int(Fault::Forbidden) << int(Kind::Forbidden) << 1 << "403";
    QTest::newRow("malformed JSON, retried twice")
        << "BTCUSDT" << int(Fault::MalformedJson) << int(Kind::BadResponse) << 3 << "Bad response";
    QTest::newRow("wrong shape, retried twice")
        << "BTCUSDT" << int(Fault::WrongShape) << int(Kind::BadResponse) << 3 << "fields";
    QTest::newRow("5xx, retries exhausted")
        << "BTCUSDT" << int(Fault::ServerError) << int(Kind::ServerError) << 6
        << "gave up after 6 attempts";
    QTest::newRow("dropped mid-body, retries exhausted")
        << "BTCUSDT" << int(Fault::DropMidBody) << int(Kind::Network) << 6
        << "gave up after 6 attempts";
}

void tst_BinanceRestProvider::errors()
{
    QFETCH(QString, symbol);
    QFETCH(int, fault);
    QFETCH(int, kind);
    QFETCH(int, klinesRequests);
    QFETCH(QString, messagePart);

    if (fault >= 0)
        m_fake->injectFault(Fault(fault), 100);
    const qint64 from = (Now / Day - 3) * Day;
    const Result r = run(fetch(symbol, Interval::M1, from, from + 2500 * Minute));
    QVERIFY(r.failed);
    QVERIFY(!r.finished);
    QCOMPARE(ProviderError::kindName(r.error.kind), ProviderError::kindName(Kind(kind)));
    QVERIFY2(r.error.message.contains(messagePart), qPrintable(r.error.message));
    QCOMPARE(m_fake->klinesRequestCount(), klinesRequests);
    QVERIFY(r.candles.isEmpty());
    QCOMPARE(m_provider->requestsInFlight(), 0);
}

void tst_BinanceRestProvider::unknownPath()
{
    QUrl url = m_fake->baseUrl();
    url.setPath(QStringLiteral("/not-binance"));
    m_provider->setBaseUrl(url);
    const Result r = run(fetch(QStringLiteral("BTCUSDT"), Interval::M1, Now - Day, Now));
    QVERIFY(r.failed);
    QCOMPARE(r.error.kind, Kind::InvalidRequest);
    QCOMPARE(r.error.httpStatus, 404);
    QVERIFY2(r.error.message.contains(QStringLiteral("--rest-url")), qPrintable(r.error.message));
}

void tst_BinanceRestProvider::connectionRefused()
{
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost));
    const quint16 port = probe.serverPort();
    probe.close();
    m_provider->setBaseUrl(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port)));
    const Result r = run(fetch(QStringLiteral("BTCUSDT"), Interval::M1, Now - Day, Now));
    QVERIFY(r.failed);
    QCOMPARE(r.error.kind, Kind::Network);
    QVERIFY2(r.error.message.contains(QStringLiteral("refused")), qPrintable(r.error.message));
    // Nothing ever answered there: no retry, no backoff (exchangeInfo once, then the 6000/1M
    // fallback, and klines once).
    QVERIFY2(!r.error.message.contains(QStringLiteral("gave up")), qPrintable(r.error.message));
    QCOMPARE(r.jobRequests, 1);
    QCOMPARE(m_clock->nowMs(), Now);
}

void tst_BinanceRestProvider::refusedAfterAnswerIsRetried()
{
    const qint64 from = (Now / Day - 5) * Day;
    const Result first = run(fetch(QStringLiteral("BTCUSDT"), Interval::M1, from, from + Day));
    QVERIFY(first.finished);
    QVERIFY(m_provider->hostAnswered());
    delete m_fake; // the server goes away: its port refuses connections now
    m_fake = nullptr;
    const Result r
        = run(fetch(QStringLiteral("BTCUSDT"), Interval::M1, from + Day, from + 2 * Day));
    QVERIFY(r.failed);
    QCOMPARE(r.error.kind, Kind::Network);
    QVERIFY2(r.error.message.contains(QStringLiteral("gave up after 6 attempts")),
             qPrintable(r.error.message));
    QCOMPARE(r.jobRequests, 6);
}

void tst_BinanceRestProvider::retryThenSuccess_data()
{
    QTest::addColumn<int>("fault");
    QTest::addColumn<int>("count");

    QTest::newRow("5xx x2") << int(Fault::ServerError) << 2;
    QTest::newRow("5xx x5") << int(Fault::ServerError) << 5;
    QTest::newRow("malformed x2") << int(Fault::MalformedJson) << 2;
    QTest::newRow("wrong shape x1") << int(Fault::WrongShape) << 1;
    QTest::newRow("drop mid-body x3") << int(Fault::DropMidBody) << 3;
    QTest::newRow("delay on the clock") << int(Fault::Delay) << 2;
}

void tst_BinanceRestProvider::retryThenSuccess()
{
    QFETCH(int, fault);
    QFETCH(int, count);

    m_provider->setMaxConcurrentRequests(1); // faults hit the same page
    m_fake->injectFault(Fault(fault), count, 1500);
    const qint64 from = (Now / Day - 5) * Day;
    const qint64 to = from + 2200 * Minute;
    HistoryJob *job = fetch(QStringLiteral("BTCUSDT"), Interval::M1, from, to);
    Result r;
    if (Fault(fault) == Fault::Delay) {
        // The fake holds those answers on the clock: move it once each delayed request arrived.
        QPointer<HistoryJob> guard(job);
        connect(job, &HistoryJob::batch, this,
                [&r](const SeriesKey &, const CandleBatch &c) { r.candles.append(c); });
        connect(job, &HistoryJob::finished, this, [&r] { r.finished = true; });
        connect(job, &HistoryJob::failed, this, [&r](const ProviderError &e) {
            r.failed = true;
            r.error = e;
        });
        job->start();
        for (int i = 1; i <= count; ++i) {
            QTRY_COMPARE(m_fake->klinesRequestCount(), i);
            QCOMPARE(m_provider->requestsInFlight(), 1);
            m_clock->advance(1499);
            QCOMPARE(m_provider->requestsInFlight(), 1);
            m_clock->advance(1);
        }
        QTRY_VERIFY(r.done());
    } else {
        r = run(job);
    }
    compareWithGroundTruth(r, QStringLiteral("BTCUSDT"), Interval::M1, from, to);
    const int extra = Fault(fault) == Fault::Delay ? 0 : count;
    QCOMPARE(m_fake->klinesRequestCount(), 3 + extra);
}

void tst_BinanceRestProvider::requestsCountedWhenQtResends()
{
    // A connection closed before any byte of the answer: Qt's HTTP client sends the request
    // again by itself. Every request that reached the server is counted.
    m_provider->setMaxConcurrentRequests(1);
    const qint64 from = (Now / Day - 5) * Day;
    const qint64 to = from + 2200 * Minute;
    QVERIFY(run(fetch(QStringLiteral("BTCUSDT"), Interval::M1, from, from + Minute)).finished);
    const int before = m_fake->klinesRequestCount();
    m_fake->injectFault(Fault::CloseUnanswered, 2);
    const Result r = run(fetch(QStringLiteral("BTCUSDT"), Interval::M1, from + Minute, to));
    compareWithGroundTruth(r, QStringLiteral("BTCUSDT"), Interval::M1, from + Minute, to);
    QCOMPARE(m_fake->klinesRequestCount() - before, 3 + 2);
    QCOMPARE(r.jobRequests, m_fake->klinesRequestCount() - before);
}

void tst_BinanceRestProvider::timeoutThenSuccess()
{
    m_fake->injectFault(Fault::Stall, 1);
    const qint64 from = (Now / Day - 5) * Day;
    const qint64 to = from + 800 * Minute;
    HistoryJob *job = fetch(QStringLiteral("BTCUSDT"), Interval::M1, from, to);
    QSignalSpy finished(job, &HistoryJob::finished);
    Result r;
    connect(job, &HistoryJob::batch, this,
            [&r](const SeriesKey &, const CandleBatch &c) { r.candles.append(c); });
    job->start();
    QTRY_COMPARE(m_fake->klinesRequestCount(), 1);
    QCOMPARE(m_provider->requestsInFlight(), 1);
    // Nothing happens before the timeout...
    m_clock->advance(m_provider->requestTimeoutMs() - 1);
    QCOMPARE(m_fake->klinesRequestCount(), 1);
    QCOMPARE(m_provider->requestsInFlight(), 1);
    // ...then the request is aborted and retried after a backoff.
    m_clock->advance(1);
    QCOMPARE(m_provider->requestsInFlight(), 0);
    m_clock->setNow(m_clock->nextDue());
    QTRY_COMPARE(finished.count(), 1);
    QCOMPARE(m_fake->klinesRequestCount(), 2);
    r.finished = true;
    compareWithGroundTruth(r, QStringLiteral("BTCUSDT"), Interval::M1, from, to);
}

void tst_BinanceRestProvider::oversizedResponse()
{
    m_provider->setMaxResponseBytes(4096);
    const qint64 from = (Now / Day - 5) * Day;
    const Result r
        = run(fetch(QStringLiteral("BTCUSDT"), Interval::M1, from, from + 1000 * Minute));
    QVERIFY(r.failed);
    QCOMPARE(r.error.kind, Kind::BadResponse);
    QVERIFY2(r.error.message.contains(QStringLiteral("larger than 4096")),
             qPrintable(r.error.message));
    QCOMPARE(m_fake->klinesRequestCount(), 3);
}

void tst_BinanceRestProvider::cancelWhileWaiting()
{
    m_fake->injectFault(Fault::Stall, 100);
    const qint64 from = (Now / Day - 5) * Day;
    HistoryJob *job = fetch(QStringLiteral("BTCUSDT"), Interval::M1, from, from + 5000 * Minute);
    QPointer<HistoryJob> guard(job);
    QSignalSpy failed(job, &HistoryJob::failed);
    QSignalSpy batches(job, &HistoryJob::batch);
    job->start();
    QTRY_COMPARE(m_fake->klinesRequestCount(), 1);
    job->kill();
    QCOMPARE(failed.count(), 1);
    QCOMPARE(failed.first().first().value<ProviderError>().kind, Kind::Cancelled);
    QCOMPARE(job->error().kind, Kind::Cancelled);
    QCOMPARE(m_provider->requestsInFlight(), 0);
    QCOMPARE(batches.count(), 0);
    QTRY_VERIFY(guard.isNull());
    // Nothing is left waiting on the clock that could send later.
    m_clock->advance(10 * Minute);
    QCOMPARE(m_fake->klinesRequestCount(), 1);
}

void tst_BinanceRestProvider::cancelFromBatch()
{
    const qint64 from = (Now / Day - 30) * Day;
    HistoryJob *job = fetch(QStringLiteral("BTCUSDT"), Interval::M1, from, from + 20000 * Minute);
    int batches = 0;
    connect(job, &HistoryJob::batch, this, [&batches, job] {
        if (++batches == 2)
            job->kill();
    });
    const Result r = run(job);
    QVERIFY(r.failed);
    QCOMPARE(r.error.kind, Kind::Cancelled);
    QCOMPARE(batches, 2);
    QCOMPARE(m_provider->requestsInFlight(), 0);
    QVERIFY(m_fake->klinesRequestCount() < 20);
}

void tst_BinanceRestProvider::weightPacing()
{
    // 30 per minute: exchangeInfo (20) and then 5 klines requests fit in a minute.
    m_fake->setWeightLimit(30, 1, 'M');
    const qint64 from = (Now / Day - 60) * Day;
    const qint64 to = from + 12000 * Minute;
    const qint64 started = m_clock->nowMs();
    const Result r = run(fetch(QStringLiteral("BTCUSDT"), Interval::M1, from, to));
    compareWithGroundTruth(r, QStringLiteral("BTCUSDT"), Interval::M1, from, to);
    QCOMPARE(m_fake->rateLimitedCount(), 0);
    QCOMPARE(m_fake->bannedCount(), 0);
    QCOMPARE(m_provider->weightLimiter()->windows().first().limit, 30);
    QVERIFY(m_provider->weightLimiter()->throttledCount() > 0);
    QCOMPARE(m_fake->klinesRequestCount(), 12);
    // 20 + 12 * 2 = 44 weight: at least one window boundary had to pass.
    QVERIFY(m_clock->nowMs() >= (started / Minute + 1) * Minute);
}

void tst_BinanceRestProvider::sharedBudgetAcrossJobs()
{
    m_fake->setWeightLimit(25, 1, 'S');
    const qint64 from = (Now / Day - 60) * Day;
    const qint64 to = from + 9000 * Minute;
    HistoryJob *a = fetch(QStringLiteral("BTCUSDT"), Interval::M1, from, to);
    HistoryJob *b
        = fetch(QStringLiteral("NEWUSDT"), Interval::M1, NewListed, NewListed + 9000 * Minute);
    QSignalSpy bDone(b, &HistoryJob::finished);
    CandleBatch bCandles;
    connect(b, &HistoryJob::batch, this,
            [&bCandles](const SeriesKey &, const CandleBatch &c) { bCandles.append(c); });
    b->start();
    const Result r = run(a);
    compareWithGroundTruth(r, QStringLiteral("BTCUSDT"), Interval::M1, from, to);
    for (int i = 0; i < 1000 && bDone.isEmpty(); ++i) {
        (void)QTest::qWaitFor(
            [&] { return !bDone.isEmpty() || m_provider->requestsInFlight() == 0; }, 5000);
        if (bDone.isEmpty() && m_clock->nextDue() >= 0)
            m_clock->setNow(m_clock->nextDue());
    }
    QCOMPARE(bDone.count(), 1);
    QCOMPARE(bCandles,
             m_fake->groundTruth(QStringLiteral("NEWUSDT"), Interval::M1,
                                 {NewListed, NewListed + 9000 * Minute}));
    QCOMPARE(m_fake->rateLimitedCount(), 0);
    QCOMPARE(m_fake->bannedCount(), 0);
}

void tst_BinanceRestProvider::retryAfterObeyed()
{
    // The provider believes in 6000 per minute, the server allows 10: it runs into a 429 and
    // must then send nothing before Retry-After (the fake answers any early request with 418).
    m_fake->setWeightLimit(10, 1, 'M');
    m_provider->weightLimiter()->setWindows(RequestWeightLimiter::defaultWindows());
    m_provider->setMaxConcurrentRequests(1);
    QSignalSpy hits(m_provider->weightLimiter(), &RequestWeightLimiter::rateLimitHit);
    const qint64 from = (Now / Day - 60) * Day;
    const qint64 to = from + 8000 * Minute;
    const Result r = run(fetch(QStringLiteral("BTCUSDT"), Interval::M1, from, to));
    compareWithGroundTruth(r, QStringLiteral("BTCUSDT"), Interval::M1, from, to);
    QVERIFY(m_fake->rateLimitedCount() >= 1);
    QCOMPARE(m_fake->bannedCount(), 0);
    QCOMPARE(hits.count(), m_fake->rateLimitedCount());
    QCOMPARE(hits.first().first().toInt(), 429);
}

void tst_BinanceRestProvider::learnsLimitsOnce()
{
    const qint64 from = (Now / Day - 5) * Day;
    QVERIFY(!m_provider->weightLimiter()->limitsKnown());
    run(fetch(QStringLiteral("BTCUSDT"), Interval::M1, from, from + 100 * Minute));
    QVERIFY(m_provider->weightLimiter()->limitsKnown());
    QCOMPARE(m_fake->requestCount(), 2); // exchangeInfo + klines
    run(fetch(QStringLiteral("BTCUSDT"), Interval::H1, from, from + 100 * Hour));
    QCOMPARE(m_fake->requestCount(), 3);
    QVERIFY(m_provider->weightLimiter()->reportedWeight() > 0);
}

void tst_BinanceRestProvider::symbols()
{
    m_fake->setWeightLimit(1200, 1, 'M');
    SymbolsJob *job = m_provider->fetchSymbols();
    QVERIFY(job->exec());
    const SymbolList list = job->symbols();
    QCOMPARE(list.size(), 3);
    auto find = [&](const QString &name) {
        return *std::find_if(list.begin(), list.end(),
                             [&](const SymbolInfo &s) { return s.symbol == name; });
    };
    const SymbolInfo btc = find(QStringLiteral("BTCUSDT"));
    QCOMPARE(btc.baseAsset, QStringLiteral("BTC"));
    QCOMPARE(btc.quoteAsset, QStringLiteral("USDT"));
    QVERIFY(btc.isTrading());
    QVERIFY(btc.tickSize > 0);
    QCOMPARE(find(QStringLiteral("OLDBTC")).status, QStringLiteral("BREAK"));
    QVERIFY(m_provider->weightLimiter()->limitsKnown());
    QCOMPARE(m_provider->weightLimiter()->windows().first().limit, 1200);
}

void tst_BinanceRestProvider::errorMapping_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("kind");
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("messagePart");

    QTest::newRow("-1121") << 400 << QByteArray(R"({"code":-1121,"msg":"Invalid symbol."})")
                           << int(Kind::InvalidSymbol) << -1121 << "candlewick-cli symbols";
    QTest::newRow("-1120") << 400 << QByteArray(R"({"code":-1120,"msg":"Invalid interval."})")
                           << int(Kind::InvalidInterval) << -1120 << "1s 1m";
    QTest::newRow("-1100")
        << 400
        << QByteArray(R"({"code":-1100,"msg":"Illegal characters found in parameter 'startTime'"})")
        << int(Kind::InvalidRequest) << -1100 << "startTime";
    QTest::newRow("-1104") << 400
                           << QByteArray(
                                  R"({"code":-1104,"msg":"Not all sent parameters were read"})")
                           << int(Kind::InvalidRequest) << -1104 << "-1104";
    QTest::newRow("429") << 429
                         << QByteArray(R"({"code":-1003,"msg":"Too much request weight used"})")
                         << int(Kind::RateLimited) << -1003 << "wait 12 s";
    QTest::newRow("418")
        << 418
        << QByteArray(R"({"code":-1003,"msg":"Way too much request weight used; IP banned"})")
        << int(Kind::Banned) << -1003 << "banned";
    QTest::newRow("403 html") << 403 << QByteArray("<html>403 Forbidden</html>")
                              << int(Kind::Forbidden) << 0 << "--rest-url";
    QTest::newRow("500") << 500 << QByteArray(R"({"code":-1000,"msg":"An unknown error occurred"})")
                         << int(Kind::ServerError) << -1000 << "try again later";
    QTest::newRow("503 html") << 503 << QByteArray("<html>Service Unavailable</html>")
                              << int(Kind::ServerError) << 0 << "Service Unavailable";
    QTest::newRow("400 -1007 timeout")
        << 400 << QByteArray(R"({"code":-1007,"msg":"Timeout waiting for response"})")
        << int(Kind::ServerError) << -1007 << "try again later";
    QTest::newRow("404") << 404 << QByteArray() << int(Kind::InvalidRequest) << 0 << "--rest-url";
    QTest::newRow("400 garbage") << 400 << QByteArray("\x01\x02garbage")
                                 << int(Kind::InvalidRequest) << 0 << "HTTP 400";
}

void tst_BinanceRestProvider::errorMapping()
{
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(int, kind);
    QFETCH(int, code);
    QFETCH(QString, messagePart);
    const ProviderError e = BinanceErrors::fromHttpResponse(
        status, body, 12000,
        {QStringLiteral("BTCUSDX"), QStringLiteral("7m"), QStringLiteral("http://127.0.0.1/x")});
    QCOMPARE(ProviderError::kindName(e.kind), ProviderError::kindName(Kind(kind)));
    QCOMPARE(e.exchangeCode, code);
    QCOMPARE(e.httpStatus, status);
    QVERIFY2(e.message.contains(messagePart), qPrintable(e.message));
}

QTEST_GUILESS_MAIN(tst_BinanceRestProvider)
#include "tst_binancerestprovider.moc"
