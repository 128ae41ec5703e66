#include <binance/binancelivefeed.h>
#include <binanceliverig.h>

#include <QDeadlineTimer>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTimer>
#include <QTest>

#include <memory>

using namespace Candlewick;
using namespace Candlewick::Testing;

namespace {

// 2023-11-14 22:13:00 UTC, a minute boundary, plus 30 s.
constexpr qint64 T0 = 1699999980000LL + 30000;

SeriesKey key(const char *symbol, Interval interval = Interval::M1)
{
    return {QStringLiteral("binance"), QString::fromLatin1(symbol), interval};
}

} // namespace

// Binance's live path end to end, on one ManualClock: the fake REST server (ground truth and
// backfill), the fake WebSocket server fed from the same ground truth, the kline feed and the
// GapFreeFeed over it that backfills through the REST provider.
struct Rig : BinanceLiveRig
{
    BinanceLiveFeed *raw = nullptr; // owned by `live`
    QHash<SeriesKey, int> updates;

    explicit Rig(BinanceLiveFeed::Options options = defaultOptions())
        : BinanceLiveRig(T0, {"BTCUSDT", "ETHUSDT", "BNBBTC", "SOLUSDT", "XRPUSDT"})
    {
        raw = new BinanceLiveFeed(ws.url(), options, &clock);
        start(raw, options.seed);
        QObject::connect(live.get(), &LiveFeed::candleUpdated, live.get(),
                         [this](const SeriesKey &k, const Candle &c) {
                             QVERIFY(!c.closed);
                             ++updates[k];
                         });
    }

    static BinanceLiveFeed::Options defaultOptions()
    {
        BinanceLiveFeed::Options o;
        o.seed = 7;
        return o;
    }

    void settle() { frames.settle(); }
    void rebase() { frames.rebase(); }
    // The closed candles received equal the ground truth from the first to the last one, once each.
    void verifySequence(const SeriesKey &k, int atLeast)
    {
        QCOMPARE(frames.unexplainedMissing(), 0);
        const CandleBatch got = closed.value(k);
        QVERIFY2(got.size() >= atLeast,
                 qPrintable(QStringLiteral("%1 closed candles").arg(got.size())));
        const CandleBatch truth = rest.groundTruth(k.symbol, k.interval,
                                                   {got.first().openTime, got.last().openTime + 1});
        QCOMPARE(got.size(), truth.size());
        for (qsizetype i = 0; i < got.size(); ++i)
            QCOMPARE(got[i], truth[i]);
    }
};

class TestBinanceLiveFeed : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void liveUpdatesAndCloses();
    void combinedStreamsAcrossConnections();
    void subscribeUnsubscribeWhileRunning();
    void badFramesAreSkipped_data();
    void badFramesAreSkipped();
    void watchdogReconnectsOnStall();
    void backfillAfterDrop();
    void serverCloseAndShutdownNotice();
    void rolloverWithoutLossOrDuplicates();
    void ageLimitIsADrop();
    void backoffGrowsAndRespectsConnectionCap();
    void connectTimeout();
    void resumePointBackfillsFirst();
    void answersServerPings();
};

void TestBinanceLiveFeed::initTestCase()
{
    qRegisterMetaType<SeriesKey>();
    qRegisterMetaType<Candle>();
    qRegisterMetaType<ConnectionState>();
}

void TestBinanceLiveFeed::liveUpdatesAndCloses()
{
    Rig rig;
    QSignalSpy states(rig.live.get(), &LiveFeed::connectionStateChanged);
    rig.live->subscribe(key("BTCUSDT"));
    QVERIFY(rig.waitLive());
    QCOMPARE(states.first().first().value<ConnectionState>(), ConnectionState::Connecting);
    QCOMPARE(rig.ws.connectionCount(), 1);
    QCOMPARE(rig.ws.streams(0), QStringList{QStringLiteral("btcusdt@kline_1m")});
    rig.step(4 * 60 * 1000);
    rig.verifySequence(key("BTCUSDT"), 4);
    QVERIFY(rig.updates.value(key("BTCUSDT")) >= 100);
    QCOMPARE(rig.live->stats().closedEmitted, 4);
    QCOMPARE(rig.live->stats().rejectedFrames, 0);
    QCOMPARE(rig.live->stats().candlesBackfilled, 0);
}

void TestBinanceLiveFeed::combinedStreamsAcrossConnections()
{
    auto options = Rig::defaultOptions();
    options.maxStreamsPerConnection = 2;
    Rig rig(options);
    rig.ws.setMaxStreamsPerConnection(2);
    for (const char *s : {"BTCUSDT", "ETHUSDT", "BNBBTC", "SOLUSDT", "XRPUSDT"})
        rig.live->subscribe(key(s));
    QVERIFY(rig.waitLive());
    QTRY_COMPARE(rig.ws.connectionCount(), 3);
    QStringList all = rig.ws.allStreams();
    all.sort();
    QCOMPARE(all,
             (QStringList{QStringLiteral("bnbbtc@kline_1m"), QStringLiteral("btcusdt@kline_1m"),
                          QStringLiteral("ethusdt@kline_1m"), QStringLiteral("solusdt@kline_1m"),
                          QStringLiteral("xrpusdt@kline_1m")}));
    for (int i = 0; i < 3; ++i)
        QVERIFY(rig.ws.streams(i).size() <= 2);
    QVERIFY(rig.ws.serverCloseReasons().isEmpty());
    rig.step(2 * 60 * 1000);
    for (const char *s : {"BTCUSDT", "ETHUSDT", "BNBBTC", "SOLUSDT", "XRPUSDT"})
        rig.verifySequence(key(s), 2);
}

void TestBinanceLiveFeed::subscribeUnsubscribeWhileRunning()
{
    Rig rig;
    rig.live->subscribe(key("BTCUSDT"));
    QVERIFY(rig.waitLive());
    rig.step(2000);

    // Twelve more streams, one call each: four messages go at once, the rest wait for the budget.
    QStringList expected{QStringLiteral("btcusdt@kline_1m")};
    const QList<Interval> intervals{Interval::S1, Interval::M3, Interval::M5, Interval::M15};
    for (const char *s : {"ETHUSDT", "BNBBTC", "SOLUSDT"}) {
        for (Interval i : intervals) {
            rig.live->subscribe(key(s, i));
            expected.append(BinanceLiveFeed::streamName(key(s, i)));
        }
    }
    QTRY_COMPARE(rig.ws.controlMessages().size(), 4);
    rig.step(1000);
    QTRY_COMPARE(rig.ws.allStreams().size(), 13);
    QStringList all = rig.ws.allStreams();
    all.sort();
    expected.sort();
    QCOMPARE(all, expected);
    QVERIFY(rig.ws.controlMessages().size() <= 6);
    QVERIFY(rig.ws.serverCloseReasons().isEmpty()); // never over 5 messages per second
    QCOMPARE(rig.ws.connectionCount(), 1);

    rig.step(61000);
    QVERIFY(rig.closed.value(key("ETHUSDT", Interval::S1)).size() >= 50);
    rig.verifySequence(key("ETHUSDT", Interval::S1), 50);

    rig.live->unsubscribe(key("BTCUSDT"));
    QTRY_VERIFY(!rig.ws.allStreams().contains(QStringLiteral("btcusdt@kline_1m")));
    const qsizetype before = rig.closed.value(key("BTCUSDT")).size();
    rig.step(61000);
    QCOMPARE(rig.closed.value(key("BTCUSDT")).size(), before);
    QCOMPARE(rig.live->stats().controlErrors, 0);
    QVERIFY(rig.ws.controlMessages().last().contains(QLatin1StringView("UNSUBSCRIBE")));
}

void TestBinanceLiveFeed::badFramesAreSkipped_data()
{
    QTest::addColumn<QString>("frame");
    QTest::newRow("garbage") << "}{ not json";
    QTest::newRow("truncated")
        << R"({"stream":"btcusdt@kline_1m","data":{"e":"kline","E":1,"k":{"t":)";
    QTest::newRow("unknown event")
        << R"({"stream":"btcusdt@trade","data":{"e":"trade","E":1,"s":"BTCUSDT"}})";
    QTest::newRow("wrong symbol")
        << R"({"stream":"btcusdt@kline_1m","data":{"e":"kline","E":1,"s":"ETHUSDT","k":{"t":1699999980000,"T":1700000039999,"s":"ETHUSDT","i":"1m","o":"1","c":"1","h":"1","l":"1","v":"1","n":1,"x":true,"q":"1","V":"1","Q":"1"}}})";
    QTest::newRow("invalid candle")
        << R"({"stream":"btcusdt@kline_1m","data":{"e":"kline","E":1,"s":"BTCUSDT","k":{"t":1699999980000,"T":1700000039999,"s":"BTCUSDT","i":"1m","o":"1","c":"1","h":"0.5","l":"1","v":"1","n":1,"x":true,"q":"1","V":"1","Q":"1"}}})";
}

void TestBinanceLiveFeed::badFramesAreSkipped()
{
    QFETCH(QString, frame);
    Rig rig;
    rig.live->subscribe(key("BTCUSDT"));
    QVERIFY(rig.waitLive());
    rig.step(30000);
    for (int i = 0; i < 3; ++i)
        rig.ws.sendToAll(frame);
    rig.step(60000);
    QCOMPARE(rig.live->stats().rejectedFrames, 3);
    QCOMPARE(rig.live->stats().reconnects, 0);
    QCOMPARE(rig.live->state(), ConnectionState::Live);
    rig.verifySequence(key("BTCUSDT"), 1);
}

void TestBinanceLiveFeed::watchdogReconnectsOnStall()
{
    auto options = Rig::defaultOptions();
    options.connection.watchdogMs = 5000;
    Rig rig(options);
    rig.live->subscribe(key("BTCUSDT"));
    QVERIFY(rig.waitLive());
    rig.step(30000);
    QCOMPARE(rig.live->stats().reconnects, 0);

    // The socket stays open, pings go on, no data comes. The last frame came at most 2 s ago:
    // the watchdog (5 s, checked every 1.25 s) replaces the connection within 8 s, and the
    // replacement (opened at most 500 ms later) has not been stalled for 5 s yet.
    QSignalSpy logs(rig.live.get(), &LiveFeed::logMessage);
    rig.ws.setStalled(true);
    rig.step(8000);
    QCOMPARE(rig.live->stats().reconnects, 1);
    bool stallSeen = false;
    for (const QList<QVariant> &args : std::as_const(logs))
        stallSeen = stallSeen || args.first().toString().contains(QLatin1StringView("no data for"));
    QVERIFY(stallSeen);
    QTRY_COMPARE(rig.ws.acceptedConnections(), 2);
    QTRY_COMPARE(rig.ws.connectionCount(), 1); // the stalled one is gone
    rig.ws.setStalled(false);
    rig.rebase();
    rig.step(1000);
    QVERIFY(rig.waitLive());
    rig.step(90000);
    QCOMPARE(rig.live->stats().reconnects, 1);
    QCOMPARE(rig.ws.acceptedConnections(), 2);
    rig.verifySequence(key("BTCUSDT"), 2);
}

void TestBinanceLiveFeed::backfillAfterDrop()
{
    Rig rig;
    QList<ConnectionState> seen;
    QObject::connect(rig.live.get(), &LiveFeed::connectionStateChanged, rig.live.get(),
                     [&seen](ConnectionState s) { seen.append(s); });
    rig.live->subscribe(key("BTCUSDT"));
    rig.live->subscribe(key("ETHUSDT", Interval::S1));
    QVERIFY(rig.waitLive());
    rig.step(2 * 60 * 1000);

    // Down for three minutes: the handshake hangs (connect timeouts), then comes back.
    rig.ws.setRefuseConnections(true);
    rig.ws.dropAll();
    rig.rebase();
    rig.step(3 * 60 * 1000);
    QVERIFY(rig.live->state() == ConnectionState::Reconnecting);
    rig.ws.setRefuseConnections(false);
    rig.rebase();
    rig.step(40000); // the backoff is capped at 30 s
    QTRY_COMPARE(rig.live->state(), ConnectionState::Live);
    rig.step(2 * 60 * 1000);

    QVERIFY(seen.contains(ConnectionState::Reconnecting));
    QVERIFY(seen.contains(ConnectionState::Backfilling));
    QCOMPARE(rig.live->stats().reconnects, 1);
    QVERIFY(rig.live->stats().gapsBackfilled >= 2);
    QVERIFY(rig.live->stats().candlesBackfilled >= 3 + 180);
    rig.verifySequence(key("BTCUSDT"), 6);
    rig.verifySequence(key("ETHUSDT", Interval::S1), 400);
}

void TestBinanceLiveFeed::serverCloseAndShutdownNotice()
{
    Rig rig;
    rig.live->subscribe(key("BTCUSDT"));
    QVERIFY(rig.waitLive());
    rig.step(70000);

    rig.ws.closeAll(QWebSocketProtocol::CloseCodeGoingAway, QStringLiteral("upgrade"));
    rig.rebase();
    rig.step(1000);
    QVERIFY(rig.waitLive());
    QCOMPARE(rig.live->stats().reconnects, 1);
    rig.step(60000);

    // A serverShutdown notice: a new connection first, then the old one goes.
    rig.ws.sendServerShutdown();
    rig.settle();
    QTRY_COMPARE(rig.ws.connectionCount(), 2);
    rig.rebase();
    rig.step(10000);
    QTRY_COMPARE(rig.ws.connectionCount(), 1);
    QCOMPARE(rig.live->stats().rollovers, 1);
    QCOMPARE(rig.live->stats().reconnects, 1);
    rig.step(60000);
    rig.verifySequence(key("BTCUSDT"), 3);
}

void TestBinanceLiveFeed::rolloverWithoutLossOrDuplicates()
{
    auto options = Rig::defaultOptions();
    options.rolloverAfterMs = 4 * 60 * 1000; // scaled down from 23 h
    Rig rig(options);
    rig.ws.setMaxConnectionAgeMs(5 * 60 * 1000); // scaled down from 24 h
    rig.live->subscribe(key("BTCUSDT"));
    rig.live->subscribe(key("ETHUSDT", Interval::S1));
    QVERIFY(rig.waitLive());
    rig.step(13 * 60 * 1000);
    QCOMPARE(rig.live->stats().rollovers, 3);
    QCOMPARE(rig.live->stats().reconnects, 0);
    QVERIFY(!rig.ws.serverCloseReasons().contains(QStringLiteral("age limit")));
    QCOMPARE(rig.ws.connectionCount(), 1);
    // The overlap delivered some closes twice; they were dropped, not passed on.
    QVERIFY(rig.live->stats().duplicatesDropped > 0);
    rig.verifySequence(key("BTCUSDT"), 12);
    rig.verifySequence(key("ETHUSDT", Interval::S1), 700);
}

void TestBinanceLiveFeed::ageLimitIsADrop()
{
    Rig rig;
    rig.ws.setMaxConnectionAgeMs(2 * 60 * 1000);
    rig.ws.setShutdownNoticeAtAgeLimit(false);
    rig.live->subscribe(key("BTCUSDT"));
    QVERIFY(rig.waitLive());
    rig.step(3 * 60 * 1000);
    QVERIFY(rig.ws.serverCloseReasons().contains(QStringLiteral("age limit")));
    QCOMPARE(rig.live->stats().reconnects, 1);
    rig.step(60000);
    rig.verifySequence(key("BTCUSDT"), 3);
}

void TestBinanceLiveFeed::backoffGrowsAndRespectsConnectionCap()
{
    // Nothing listens on this port: every attempt fails at once.
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost));
    const quint16 port = probe.serverPort();
    probe.close();

    ManualClock clock(T0);
    BinanceLiveFeed::Options options;
    options.seed = 3;
    options.maxConnectsPer5Min = 6;
    BinanceLiveFeed live(QUrl(QStringLiteral("ws://127.0.0.1:%1").arg(port)), options, &clock);
    // Each failure (and each attempt the budget holds back) logs what comes next.
    int scheduled = 0;
    int budgetWaits = 0;
    bool lastWasBudget = false;
    QObject::connect(&live, &LiveFeed::logMessage, &live,
                     [&scheduled, &budgetWaits, &lastWasBudget](const QString &m) {
                         if (m.startsWith(QLatin1StringView("reconnecting in"))) {
                             ++scheduled;
                             lastWasBudget = false;
                         }
                         if (m.contains(QLatin1StringView("budget"))) {
                             ++scheduled;
                             ++budgetWaits;
                             lastWasBudget = true;
                         }
                     });
    live.subscribe(key("BTCUSDT"));
    QCOMPARE(live.state(), ConnectionState::Connecting);
    QTRY_COMPARE(live.stats().connectAttempts, 1);

    QList<qint64> attempts{clock.nowMs()};
    QList<qint64> backoffs; // the delays chosen after a failed attempt
    int handled = 0;
    while (attempts.size() < 9) {
        // The failure is seen (or the budget hit) and what follows scheduled: it is the only
        // pending call. Move the clock to it.
        QTRY_VERIFY(scheduled > handled);
        QCOMPARE(scheduled, handled + 1);
        handled = scheduled;
        QCOMPARE(clock.pendingCount(), 1);
        const qint64 due = clock.nextDue();
        const qint64 attemptsBefore = live.stats().connectAttempts;
        if (!lastWasBudget)
            backoffs.append(due - clock.nowMs());
        clock.setNow(due);
        if (live.stats().connectAttempts > attemptsBefore)
            attempts.append(clock.nowMs());
        QCOMPARE(live.stats().connectAttempts, qint64(attempts.size()));
    }
    QVERIFY2(backoffs.size() >= 6, qPrintable(QString::number(backoffs.size())));
    for (int i = 0; i < 5; ++i) {
        const qint64 ceiling = std::min<qint64>(500LL << i, 30000);
        QVERIFY2(backoffs[i] >= ceiling / 2 && backoffs[i] <= ceiling,
                 qPrintable(QStringLiteral("delay %1 = %2").arg(i).arg(backoffs[i])));
    }
    for (qint64 d : std::as_const(backoffs))
        QVERIFY(d <= 30000); // capped
    // Six attempts per five minutes: the seventh waits for the window, once.
    QCOMPARE(budgetWaits, 1);
    QVERIFY(attempts[5] - attempts[0] < 5 * 60 * 1000);
    QCOMPARE(attempts[6] - attempts[0], 5 * 60 * 1000);
    for (qsizetype i = 6; i < attempts.size(); ++i) {
        const qint64 inWindow = std::count_if(attempts.begin(), attempts.end(), [&](qint64 t) {
            return t <= attempts[i] && t > attempts[i] - 5 * 60 * 1000;
        });
        QVERIFY(inWindow <= 6);
    }
    QCOMPARE(live.state(), ConnectionState::Connecting);
    QCOMPARE(live.stats().reconnects, 0);
}

void TestBinanceLiveFeed::connectTimeout()
{
    Rig rig;
    rig.ws.setRefuseConnections(true);
    QSignalSpy logs(rig.live.get(), &LiveFeed::logMessage);
    rig.live->subscribe(key("BTCUSDT"));
    QTRY_COMPARE(rig.live->stats().connectAttempts, 1);
    rig.step(9000);
    QCOMPARE(rig.live->stats().connectAttempts, 1);
    rig.step(2000);
    bool timedOut = false;
    for (const QList<QVariant> &args : std::as_const(logs))
        timedOut
            = timedOut || args.first().toString().contains(QLatin1StringView("connect timeout"));
    QVERIFY(timedOut);
    rig.ws.setRefuseConnections(false);
    rig.step(1000);
    QVERIFY(rig.waitLive());
    QVERIFY(rig.live->stats().connectAttempts >= 2);
}

void TestBinanceLiveFeed::resumePointBackfillsFirst()
{
    // A restart: the consumer has everything before T0 - 10 min.
    Rig rig;
    const qint64 resume = Intervals::alignDown(Interval::M1, T0) - 10 * 60 * 1000;
    rig.live->setResumePoint(key("BTCUSDT"), resume);
    rig.live->subscribe(key("BTCUSDT"));
    QVERIFY(rig.waitLive() || rig.live->state() == ConnectionState::Backfilling);
    rig.step(2 * 60 * 1000);
    QTRY_COMPARE(rig.live->state(), ConnectionState::Live);
    const CandleBatch got = rig.closed.value(key("BTCUSDT"));
    QVERIFY(!got.isEmpty());
    QCOMPARE(got.first().openTime, resume);
    rig.verifySequence(key("BTCUSDT"), 12);
    QCOMPARE(rig.live->stats().candlesBackfilled, 10);
}

void TestBinanceLiveFeed::answersServerPings()
{
    Rig rig;
    rig.live->subscribe(key("BTCUSDT"));
    QVERIFY(rig.waitLive());
    rig.step(3 * 60 * 1000);
    QVERIFY(rig.ws.pingsSent() >= 8);
    QTRY_VERIFY(rig.ws.pongsReceived() >= rig.ws.pingsSent() - 1);
    QVERIFY(!rig.ws.serverCloseReasons().contains(QStringLiteral("pong timeout")));
    QCOMPARE(rig.live->stats().reconnects, 0);
}

QTEST_GUILESS_MAIN(TestBinanceLiveFeed)
#include "tst_binancelivefeed.moc"
