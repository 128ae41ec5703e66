#include <manualclock.h>
#include <requestratelimiter.h>
#include <requestweightlimiter.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <limits>

using namespace Candlewick;

using Headers = QList<QNetworkReply::RawHeaderPair>;

class tst_WeightLimiter : public QObject
{
    Q_OBJECT

private slots:
    void defaults();
    void retryAfterSaturates();
    void learnFromRateLimits_data();
    void learnFromRateLimits();
    void learnIgnoresOtherLimits();
    void headerNames_data();
    void headerNames();
    void headerOfOtherWindowIgnored();
    void inFlightCounting();
    void waitsForNextAlignedWindow();
    void serverReportedWeightCounts();
    void headerFromPreviousWindowIgnored();
    void retryAfterObeyed_data();
    void retryAfterObeyed();
    void fifoAndDeadContexts();
    void oversizedRequestWhenIdle();
    void abandonFreesInFlight();

    // Several limiters (processes) sharing one state file.
    void sharedBudget();
    void sharedBlock();
    void oneRequestUntilLimitsKnown();
    void sharedFileRemovedWhenIdle();
    void damagedSharedFileStartsAfresh();
    void unusableSharedFileGoesOnAlone();
    void requestRateLimitersShareOneBudget();
    void declaredBudgets_data();
    void declaredBudgets();
};

namespace {

constexpr qint64 Minute = 60000;
// 2024-01-01 00:00:30 UTC: mid-window on purpose.
constexpr qint64 Start = 1704067200000LL + 30000;

QByteArray exchangeInfo(const QByteArray &rateLimits)
{
    return R"({"timezone":"UTC","serverTime":1704067200000,"rateLimits":)" + rateLimits
        + R"(,"exchangeFilters":[],"symbols":[]})";
}

} // namespace

void tst_WeightLimiter::defaults()
{
    ManualClock clock(Start);
    RequestWeightLimiter limiter(&clock);
    QVERIFY(!limiter.limitsKnown());
    const auto windows = limiter.windows();
    QCOMPARE(windows.size(), 1);
    QCOMPARE(windows.first().limit, 6000);
    QCOMPARE(windows.first().lengthMs, Minute);
    QCOMPARE(windows.first().headerName, QByteArray("x-mbx-used-weight-1m"));
    QCOMPARE(limiter.inFlightWeight(), 0);
    QCOMPARE(limiter.usedWeight(), 0);
    QCOMPARE(limiter.reportedWeight(), -1);
}

void tst_WeightLimiter::learnFromRateLimits_data()
{
    QTest::addColumn<QByteArray>("rateLimits");
    QTest::addColumn<int>("limit");
    QTest::addColumn<qint64>("lengthMs");
    QTest::addColumn<QByteArray>("header");

    QTest::newRow("binance default") << QByteArray(
        R"([{"rateLimitType":"REQUEST_WEIGHT","interval":"MINUTE","intervalNum":1,"limit":6000},
                          {"rateLimitType":"ORDERS","interval":"SECOND","intervalNum":10,"limit":100},
                          {"rateLimitType":"RAW_REQUESTS","interval":"MINUTE","intervalNum":5,"limit":61000}])")
                                     << 6000 << Minute << QByteArray("x-mbx-used-weight-1m");
    QTest::newRow("10 seconds") << QByteArray(
        R"([{"rateLimitType":"REQUEST_WEIGHT","interval":"SECOND","intervalNum":10,"limit":50}])")
                                << 50 << qint64(10000) << QByteArray("x-mbx-used-weight-10s");
    QTest::newRow("hour") << QByteArray(
        R"([{"rateLimitType":"REQUEST_WEIGHT","interval":"HOUR","intervalNum":1,"limit":100000}])")
                          << 100000 << qint64(3600000) << QByteArray("x-mbx-used-weight-1h");
    QTest::newRow("day") << QByteArray(
        R"([{"rateLimitType":"REQUEST_WEIGHT","interval":"DAY","intervalNum":1,"limit":7}])")
                         << 7 << qint64(86400000) << QByteArray("x-mbx-used-weight-1d");
}

void tst_WeightLimiter::learnFromRateLimits()
{
    QFETCH(QByteArray, rateLimits);
    QFETCH(int, limit);
    QFETCH(qint64, lengthMs);
    QFETCH(QByteArray, header);

    const auto windows = RequestWeightLimiter::windowsFromExchangeInfo(exchangeInfo(rateLimits));
    QVERIFY(windows.has_value());
    QCOMPARE(windows->size(), 1);
    QCOMPARE(windows->first().limit, limit);
    QCOMPARE(windows->first().lengthMs, lengthMs);
    QCOMPARE(windows->first().headerName, header);

    ManualClock clock(Start);
    RequestWeightLimiter limiter(&clock);
    limiter.setWindows(*windows);
    QVERIFY(limiter.limitsKnown());
    QCOMPARE(limiter.windows(), *windows);
}

void tst_WeightLimiter::learnIgnoresOtherLimits()
{
    QVERIFY(!RequestWeightLimiter::windowsFromExchangeInfo(exchangeInfo(
        R"([{"rateLimitType":"RAW_REQUESTS","interval":"MINUTE","intervalNum":5,"limit":61000}])")));
    QVERIFY(!RequestWeightLimiter::windowsFromExchangeInfo(exchangeInfo("[]")));
    QVERIFY(!RequestWeightLimiter::windowsFromExchangeInfo("not json"));
    QVERIFY(!RequestWeightLimiter::windowsFromExchangeInfo(exchangeInfo(
        R"([{"rateLimitType":"REQUEST_WEIGHT","interval":"WEEK","intervalNum":1,"limit":5}])")));
    const auto two = RequestWeightLimiter::windowsFromExchangeInfo(exchangeInfo(
        R"([{"rateLimitType":"REQUEST_WEIGHT","interval":"MINUTE","intervalNum":1,"limit":6000},
            {"rateLimitType":"REQUEST_WEIGHT","interval":"SECOND","intervalNum":1,"limit":20}])"));
    QVERIFY(two.has_value());
    QCOMPARE(two->size(), 2);
}

void tst_WeightLimiter::headerNames_data()
{
    QTest::addColumn<QByteArray>("name");
    QTest::addColumn<bool>("counts");

    QTest::newRow("upper") << QByteArray("X-MBX-USED-WEIGHT-1M") << true;
    QTest::newRow("lower (HTTP/2)") << QByteArray("x-mbx-used-weight-1m") << true;
    QTest::newRow("mixed") << QByteArray("X-Mbx-Used-Weight-1m") << true;
    QTest::newRow("generic fallback") << QByteArray("x-mbx-used-weight") << true;
    QTest::newRow("generic fallback upper") << QByteArray("X-MBX-USED-WEIGHT") << true;
    QTest::newRow("other window") << QByteArray("X-MBX-USED-WEIGHT-1H") << false;
    QTest::newRow("unrelated") << QByteArray("X-MBX-ORDER-COUNT-10S") << false;
}

void tst_WeightLimiter::headerNames()
{
    QFETCH(QByteArray, name);
    QFETCH(bool, counts);

    ManualClock clock(Start);
    RequestWeightLimiter limiter(&clock);
    bool granted = false;
    limiter.acquire(2, this, [&] { granted = true; });
    QVERIFY(granted);
    limiter.release(2, clock.nowMs(), 200,
                    Headers{{name, "1234"}, {"Content-Type", "application/json"}});
    QCOMPARE(limiter.inFlightWeight(), 0);
    QCOMPARE(limiter.reportedWeight(), counts ? 1234 : -1);
    QCOMPARE(limiter.usedWeight(), counts ? 1234 : 2);
}

void tst_WeightLimiter::headerOfOtherWindowIgnored()
{
    ManualClock clock(Start);
    RequestWeightLimiter limiter(&clock);
    limiter.setWindows({{100, Minute, "x-mbx-used-weight-1m"}});
    limiter.acquire(2, this, [] {});
    // The specific header wins over the generic one.
    limiter.release(2, clock.nowMs(), 200,
                    Headers{{"x-mbx-used-weight", "90"}, {"X-MBX-USED-WEIGHT-1M", "40"}});
    QCOMPARE(limiter.reportedWeight(), 40);
    QCOMPARE(limiter.usedWeight(), 40);
}

void tst_WeightLimiter::inFlightCounting()
{
    ManualClock clock(Start);
    RequestWeightLimiter limiter(&clock);
    limiter.setWindows({{10, Minute, "x-mbx-used-weight-1m"}});
    int granted = 0;
    for (int i = 0; i < 6; ++i)
        limiter.acquire(2, this, [&] { ++granted; });
    QCOMPARE(granted, 5);
    QCOMPARE(limiter.inFlightWeight(), 10);
    QCOMPARE(limiter.inFlightRequests(), 5);
    QCOMPARE(limiter.waitingCount(), 1);

    // An answered request still used its weight in this window: nothing more fits.
    limiter.release(2, clock.nowMs(), 200, {});
    QCOMPARE(granted, 5);
    QCOMPARE(limiter.inFlightWeight(), 8);
    QCOMPARE(limiter.usedWeight(), 2);
}

void tst_WeightLimiter::waitsForNextAlignedWindow()
{
    ManualClock clock(Start);
    RequestWeightLimiter limiter(&clock);
    limiter.setWindows({{4, Minute, "x-mbx-used-weight-1m"}});
    QSignalSpy throttled(&limiter, &RequestWeightLimiter::throttled);
    int granted = 0;
    for (int i = 0; i < 3; ++i)
        limiter.acquire(2, this, [&] { ++granted; });
    QCOMPARE(granted, 2);
    limiter.release(2, clock.nowMs(), 200, {});
    limiter.release(2, clock.nowMs(), 200, {});
    QCOMPARE(granted, 2);

    const qint64 nextWindow = (Start / Minute + 1) * Minute;
    QCOMPARE(throttled.count(), 1);
    QCOMPARE(throttled.first().first().toLongLong(), nextWindow);
    QCOMPARE(clock.nextDue(), nextWindow);
    clock.setNow(nextWindow - 1);
    QCOMPARE(granted, 2);
    clock.setNow(nextWindow);
    QCOMPARE(granted, 3);
    QCOMPARE(limiter.usedWeight(), 0);
    QCOMPARE(limiter.inFlightWeight(), 2);
    QCOMPARE(limiter.throttledCount(), 1);
}

void tst_WeightLimiter::serverReportedWeightCounts()
{
    ManualClock clock(Start);
    RequestWeightLimiter limiter(&clock);
    limiter.setWindows({{10, Minute, "x-mbx-used-weight-1m"}});
    int granted = 0;
    limiter.acquire(2, this, [&] { ++granted; });
    // Someone else on the same IP used most of the budget.
    limiter.release(2, clock.nowMs(), 200, Headers{{"X-MBX-USED-WEIGHT-1M", "9"}});
    limiter.acquire(2, this, [&] { ++granted; });
    QCOMPARE(granted, 1);
    QCOMPARE(limiter.usedWeight(), 9);
    clock.setNow(clock.nextDue());
    QCOMPARE(granted, 2);
}

void tst_WeightLimiter::headerFromPreviousWindowIgnored()
{
    ManualClock clock((Start / Minute + 1) * Minute - 100);
    RequestWeightLimiter limiter(&clock);
    limiter.setWindows({{10, Minute, "x-mbx-used-weight-1m"}});
    limiter.acquire(2, this, [] {});
    const qint64 sentAt = clock.nowMs();
    clock.advance(200); // the answer arrives in the next window
    limiter.release(2, sentAt, 200, Headers{{"X-MBX-USED-WEIGHT-1M", "10"}});
    QCOMPARE(limiter.reportedWeight(), 10);
    // Its header speaks of the old window; the request itself may have reached the server in
    // the new one, so its own weight counts there.
    QCOMPARE(limiter.usedWeight(), 2);
    bool granted = false;
    limiter.acquire(2, this, [&] { granted = true; });
    QVERIFY(granted);
}

void tst_WeightLimiter::retryAfterObeyed_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("retryAfter");
    QTest::addColumn<qint64>("waitMs");

    QTest::newRow("429 7 s") << 429 << QByteArray("7") << qint64(7000);
    QTest::newRow("418 120 s") << 418 << QByteArray("120") << qint64(120000);
    QTest::newRow("418 without header") << 418 << QByteArray() << qint64(120000);
    // Without Retry-After a 429 waits for the end of the current window (30 s from Start).
    QTest::newRow("429 without header") << 429 << QByteArray() << qint64(30000);
}

void tst_WeightLimiter::retryAfterObeyed()
{
    QFETCH(int, status);
    QFETCH(QByteArray, retryAfter);
    QFETCH(qint64, waitMs);

    ManualClock clock(Start);
    RequestWeightLimiter limiter(&clock);
    QSignalSpy hits(&limiter, &RequestWeightLimiter::rateLimitHit);
    limiter.acquire(2, this, [] {});
    Headers headers;
    if (!retryAfter.isEmpty())
        headers.append({"Retry-After", retryAfter});
    limiter.release(2, clock.nowMs(), status, headers);
    QCOMPARE(hits.count(), 1);
    QCOMPARE(hits.first().at(0).toInt(), status);
    QCOMPARE(hits.first().at(1).toLongLong(), Start + waitMs);
    QCOMPARE(limiter.blockedUntil(), Start + waitMs);
    QVERIFY(limiter.isBlocked());
    QCOMPARE(limiter.rateLimitHits(), 1);

    bool granted = false;
    limiter.acquire(2, this, [&] { granted = true; });
    QVERIFY(!granted);
    clock.setNow(Start + waitMs - 1);
    QVERIFY(!granted);
    clock.setNow(Start + waitMs);
    QVERIFY(granted);
    QVERIFY(!limiter.isBlocked());
}

void tst_WeightLimiter::fifoAndDeadContexts()
{
    ManualClock clock(Start);
    RequestWeightLimiter limiter(&clock);
    limiter.setWindows({{2, Minute, "x-mbx-used-weight-1m"}});
    QList<int> order;
    limiter.acquire(2, this, [&] { order.append(0); });
    auto *dead = new QObject;
    auto *cancelled = new QObject(this);
    limiter.acquire(2, dead, [&] { order.append(1); });
    limiter.acquire(2, cancelled, [&] { order.append(2); });
    limiter.acquire(2, this, [&] { order.append(3); });
    limiter.acquire(2, this, [&] { order.append(4); });
    delete dead;
    limiter.cancelWaiting(cancelled);
    QCOMPARE(limiter.waitingCount(), 2);
    for (int i = 0; i < 2; ++i) {
        limiter.release(2, clock.nowMs(), 200, {});
        clock.setNow(clock.nextDue());
    }
    QCOMPARE(order, (QList<int>{0, 3, 4}));
    delete cancelled;
}

void tst_WeightLimiter::oversizedRequestWhenIdle()
{
    ManualClock clock(Start);
    RequestWeightLimiter limiter(&clock);
    limiter.setWindows({{10, Minute, "x-mbx-used-weight-1m"}});
    bool granted = false;
    limiter.acquire(20, this, [&] { granted = true; });
    QVERIFY(granted); // never waits forever
    bool second = false;
    limiter.acquire(1, this, [&] { second = true; });
    QVERIFY(!second);
}

void tst_WeightLimiter::abandonFreesInFlight()
{
    ManualClock clock(Start);
    RequestWeightLimiter limiter(&clock);
    limiter.acquire(5, this, [] {});
    limiter.acquire(5, this, [] {});
    QCOMPARE(limiter.inFlightWeight(), 10);
    limiter.abandon(5, clock.nowMs());
    QCOMPARE(limiter.inFlightWeight(), 5);
    QCOMPARE(limiter.inFlightRequests(), 1);
    QCOMPARE(limiter.usedWeight(), 5); // the server may have counted it
}

void tst_WeightLimiter::sharedBudget()
{
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("weight.state"));
    ManualClock clock(Start);
    RequestWeightLimiter a(&clock);
    QVERIFY(a.shareWith(file));
    a.setWindows({{10, Minute, "x-mbx-used-weight-1m"}});
    int grantedA = 0;
    for (int i = 0; i < 3; ++i)
        a.acquire(2, this, [&] { ++grantedA; });
    QCOMPARE(grantedA, 3);

    RequestWeightLimiter b(&clock);
    QSignalSpy learned(&b, &RequestWeightLimiter::limitsLearnedElsewhere);
    QVERIFY(b.shareWith(file));
    QVERIFY(b.limitsKnown());
    QCOMPARE(learned.count(), 1);
    QCOMPARE(b.windows().first().limit, 10);
    QCOMPARE(b.othersInFlightWeight(), 6);
    int grantedB = 0;
    for (int i = 0; i < 3; ++i)
        b.acquire(2, this, [&] { ++grantedB; });
    QCOMPARE(grantedB, 2); // 6 + 4 = 10
    // A's answers do not reach B: B looks again soon.
    QCOMPARE(clock.nextDue(), Start + RequestWeightLimiter::SharedPollMs);

    // A's answers leave the window full; the next window lets B's third request go.
    for (int i = 0; i < 3; ++i)
        a.release(2, Start, 200, {});
    clock.advance(RequestWeightLimiter::SharedPollMs);
    QCOMPARE(grantedB, 2);
    QCOMPARE(b.usedWeight(), 6);
    clock.setNow((Start / Minute + 1) * Minute);
    QCOMPARE(grantedB, 3);
}

void tst_WeightLimiter::sharedBlock()
{
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("weight.state"));
    ManualClock clock(Start);
    RequestWeightLimiter a(&clock);
    RequestWeightLimiter b(&clock);
    QVERIFY(a.shareWith(file));
    QVERIFY(b.shareWith(file));
    a.acquire(2, this, [] {});
    a.release(2, Start, 429, Headers{{"Retry-After", "7"}});
    QCOMPARE(a.rateLimitHits(), 1);

    // B never saw the 429 and still stops.
    QSignalSpy throttled(&b, &RequestWeightLimiter::throttled);
    bool granted = false;
    b.acquire(2, this, [&] { granted = true; });
    QVERIFY(!granted);
    QCOMPARE(b.blockedUntil(), Start + 7000);
    QCOMPARE(throttled.count(), 1);
    QCOMPARE(throttled.first().first().toLongLong(), Start + 7000);
    clock.setNow(Start + 6999);
    QVERIFY(!granted);
    clock.setNow(Start + 7000);
    QVERIFY(granted);
}

void tst_WeightLimiter::oneRequestUntilLimitsKnown()
{
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("weight.state"));
    ManualClock clock(Start);
    RequestWeightLimiter a(&clock);
    RequestWeightLimiter b(&clock);
    QVERIFY(a.shareWith(file));
    QVERIFY(b.shareWith(file));
    bool grantedA = false;
    bool grantedB = false;
    a.acquire(20, this, [&] { grantedA = true; }); // A's exchangeInfo
    b.acquire(20, this, [&] { grantedB = true; }); // B's, or anything else
    QVERIFY(grantedA);
    QVERIFY(!grantedB);

    a.setWindows({{60, Minute, "x-mbx-used-weight-1m"}});
    a.release(20, Start, 200, Headers{{"X-MBX-USED-WEIGHT-1M", "20"}});
    QVERIFY(!grantedB); // A's answer does not wake B
    clock.advance(RequestWeightLimiter::SharedPollMs);
    QVERIFY(grantedB);
    QVERIFY(b.limitsKnown());
    QCOMPARE(b.usedWeight(), 20);
}

void tst_WeightLimiter::sharedFileRemovedWhenIdle()
{
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("weight.state"));
    ManualClock clock(Start);
    {
        RequestWeightLimiter a(&clock);
        QVERIFY(a.shareWith(file));
        a.acquire(2, this, [] {});
        a.release(2, Start, 200, {});
        QVERIFY(QFile::exists(file));
    }
    // The window A spent weight in is not over: the next process must know.
    QVERIFY(QFile::exists(file));
    clock.setNow((Start / Minute + 1) * Minute);
    {
        RequestWeightLimiter b(&clock);
        QVERIFY(b.shareWith(file));
        b.acquire(2, this, [] {});
        b.release(2, clock.nowMs(), 429, Headers{{"Retry-After", "90"}});
    }
    QVERIFY(QFile::exists(file)); // a block in force
    clock.advance(90 * 1000);
    {
        RequestWeightLimiter c(&clock);
        QVERIFY(c.shareWith(file));
        QCOMPARE(c.blockedUntil(), clock.nowMs());
        clock.advance(Minute);
    }
    QVERIFY(!QFile::exists(file));
}

void tst_WeightLimiter::damagedSharedFileStartsAfresh()
{
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("weight.state"));
    QFile f(file);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(QByteArray(100, '\xff'));
    f.close();
    ManualClock clock(Start);
    RequestWeightLimiter a(&clock);
    QVERIFY(a.shareWith(file));
    QVERIFY(!a.limitsKnown());
    bool granted = false;
    a.acquire(2, this, [&] { granted = true; });
    QVERIFY(granted);
    QCOMPARE(a.othersInFlightWeight(), 0);
}

void tst_WeightLimiter::unusableSharedFileGoesOnAlone()
{
    QTemporaryDir dir;
    ManualClock clock(Start);
    RequestWeightLimiter a(&clock);
    // A directory where the file should be.
    QVERIFY(!a.shareWith(dir.path()));
    QVERIFY(!a.isShared());
    QVERIFY2(a.errorString().contains(dir.path()), qPrintable(a.errorString()));
    bool granted = false;
    a.acquire(2, this, [&] { granted = true; });
    QVERIFY(granted);
}

// Found by fuzz_exchangeinfo: an absurd Retry-After overflowed when turned into milliseconds.
void tst_WeightLimiter::retryAfterSaturates()
{
    QCOMPARE(RequestWeightLimiter::parseRetryAfterMs("120"), 120000);
    QCOMPARE(RequestWeightLimiter::parseRetryAfterMs("-5"), -1);
    QCOMPARE(RequestWeightLimiter::parseRetryAfterMs("soon"), -1);
    const qint64 huge = RequestWeightLimiter::parseRetryAfterMs("11111111111111111");
    QVERIFY(huge > 0);
    QVERIFY(huge >= std::numeric_limits<qint64>::max() - 1000);
}

// Two request-count limiters (two processes, or Bybit's spot and linear providers) on one state
// file: one budget, requests in flight counted across them, one ban for both.
void tst_WeightLimiter::requestRateLimitersShareOneBudget()
{
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("requests.state"));
    ManualClock clock(Start);
    RequestRateLimiter a(&clock, 5, 1000);
    RequestRateLimiter b(&clock, 5, 1000);
    QVERIFY(a.shareWith(file));
    QVERIFY(b.shareWith(file));
    QObject context;
    int grantedA = 0;
    int grantedB = 0;
    for (int i = 0; i < 3; ++i)
        a.acquire(&context, [&] { ++grantedA; });
    for (int i = 0; i < 3; ++i)
        b.acquire(&context, [&] { ++grantedB; });
    QCOMPARE(grantedA, 3);
    QCOMPARE(grantedB, 2); // 3 of A's in flight + 2
    QCOMPARE(b.waitingCount(), 1);

    // A's answers free nothing for a window; B looks again while A holds requests.
    clock.advance(100);
    for (int i = 0; i < 3; ++i)
        a.release();
    clock.advance(RequestRateLimiter::SharedPollMs);
    QCOMPARE(grantedB, 2);
    clock.advance(1000);
    QCOMPARE(grantedB, 3);

    // A ban seen by one holds the other.
    for (int i = 0; i < 3; ++i)
        b.release();
    a.blockUntil(clock.nowMs() + 60000);
    clock.advance(5000);
    b.acquire(&context, [&] { ++grantedB; });
    QCOMPARE(grantedB, 3);
    QCOMPARE(b.blockedUntil(), a.blockedUntil());
    clock.advance(55000);
    QCOMPARE(grantedB, 4);
}

void tst_WeightLimiter::declaredBudgets_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("requests");
    QTest::addColumn<qint64>("windowMs");
    QTest::newRow("requests per seconds") << QStringLiteral("20/5") << 20 << qint64(5000);
    QTest::newRow("fraction of a second") << QStringLiteral(" 8 / 0.5 ") << 8 << qint64(500);
    QTest::newRow("no slash") << QStringLiteral("20") << 0 << qint64(0);
    QTest::newRow("zero requests") << QStringLiteral("0/5") << 0 << qint64(0);
    QTest::newRow("zero seconds") << QStringLiteral("20/0") << 0 << qint64(0);
    QTest::newRow("words") << QStringLiteral("many/often") << 0 << qint64(0);
}

void tst_WeightLimiter::declaredBudgets()
{
    QFETCH(QString, text);
    QFETCH(int, requests);
    QFETCH(qint64, windowMs);
    const auto budget = RequestRateLimiter::parseBudget(text);
    QCOMPARE(budget.has_value(), requests > 0);
    if (budget) {
        QCOMPARE(budget->requests, requests);
        QCOMPARE(budget->windowMs, windowMs);
    }
}

QTEST_GUILESS_MAIN(tst_WeightLimiter)
#include "tst_weightlimiter.moc"
