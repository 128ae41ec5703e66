#include <binance/binancelivefeed.h>
#include <binance/binancerestprovider.h>
#include <candledatabase.h>
#include <sqlitecandlestore.h>
#include <fakebinancerest.h>
#include <eventwait.h>
#include <fakebinancews.h>
#include <framesync.h>
#include <gapfreefeed.h>
#include <manualclock.h>
#include <recorder.h>

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <memory>
#include <random>

using namespace Candlewick;
using namespace Candlewick::Testing;

namespace {

// 2023-11-14 22:13:00 UTC, a minute boundary, plus 30 s.
constexpr qint64 T0 = 1699999980000LL + 30000;

// Every open time these tests can meet.
constexpr TimeRange AllTime{T0 - 3600 * 1000, T0 + 6 * 3600 * 1000};

SeriesKey key(const char *symbol, Interval interval = Interval::M1)
{
    return {QStringLiteral("binance"), QString::fromLatin1(symbol), interval};
}

// The soak records 20 streams, as many as a bot watching a market's leaders would.
const char *const Symbols[] = {"BTCUSDT", "ETHUSDT", "BNBUSDT", "SOLUSDT", "XRPUSDT",
                               "ADAUSDT", "DOGEUSDT", "TRXUSDT", "DOTUSDT", "LTCUSDT",
                               "LINKUSDT", "AVAXUSDT", "ATOMUSDT", "XLMUSDT", "BCHUSDT",
                               "ETCUSDT", "FILUSDT", "NEARUSDT", "APTUSDT", "UNIUSDT"};

// The soak: simulated minutes of recording (scaled so the run stays well under a minute of real
// time on a loaded two-core machine) and the seed of its fault schedule.
constexpr qint64 SoakMinutes = 90;
constexpr quint32 SoakSeed = 20261129;

} // namespace

// The fakes (REST ground truth + WebSocket fed from it) on one ManualClock, a store in a temporary
// directory, and a gap-free live feed + Recorder that can be torn down and started again (a
// restart).
struct Rig
{
    ManualClock clock{T0};
    FakeBinanceRest rest{&clock};
    FakeBinanceWs ws{&clock};
    BinanceRestProvider restProvider;
    QTemporaryDir dir;
    std::shared_ptr<CandleDatabase> database; // the recorder's
    SqliteCandleStore store; // the test's own connection, for checking
    std::unique_ptr<GapFreeFeed> live;
    std::unique_ptr<Recorder> recorder;
    QHash<SeriesKey, QList<qint64>> stored; // open times announced by candleStored, in order
    FrameSync frames{ws, [this] { return live.get(); }};

    Rig()
        : restProvider(QUrl(), &clock)
    {
        for (const char *s : Symbols)
            rest.addSymbol(QString::fromLatin1(s), QString::fromLatin1(s).left(3),
                           QStringLiteral("USDT"), T0 - 30LL * 24 * 3600 * 1000);
        rest.listen();
        restProvider.setBaseUrl(rest.baseUrl());
        ws.setCandleSource([this](const QString &symbol, Interval interval, qint64 openTime,
                                  qint64 nowMs) -> std::optional<Candle> {
            return rest.candleAsOf(symbol, interval, openTime, nowMs);
        });
        ws.listen();
        QVERIFY(dir.isValid());
        QString error;
        database = CandleDatabase::open(dir.filePath(QStringLiteral("live.sqlite")),
                                        CandleDatabase::Access::ReadWrite, &error);
        QVERIFY2(database, qPrintable(error));
        QVERIFY2(store.open(database->path()), qPrintable(store.errorString()));
    }

    // A fresh provider and recorder (the program starting), recording `keys`.
    void startRecording(const QList<SeriesKey> &keys, bool partials = false)
    {
        BinanceLiveFeed::Options options;
        options.seed = 11;
        GapFreeFeed::Options gapFree;
        gapFree.seed = options.seed;
        live = std::make_unique<GapFreeFeed>(new BinanceLiveFeed(ws.url(), options, &clock),
                                             &restProvider, gapFree, &clock);
        recorder = std::make_unique<Recorder>(database, live.get(), &clock);
        recorder->setPartials(partials);
        QObject::connect(
            recorder.get(), &Recorder::candleStored, recorder.get(),
            [this](const SeriesKey &k, const Candle &c) { stored[k].append(c.openTime); });
        for (const SeriesKey &k : keys)
            recorder->addSeries(k);
        recorder->start();
        rebase();
        QVERIFY(waitFor(
            [this] {
                return live->state() == ConnectionState::Live
                    || live->state() == ConnectionState::Backfilling;
            },
            5000));
    }
    // The program going away: everything announced is already stored.
    void stopRecording()
    {
        recorder->stop();
        recorder.reset();
        live.reset();
        drainEvents();
    }

    void rebase() { frames.rebase(); }
    void settle() { frames.settle(); }
    void step(qint64 ms)
    {
        for (qint64 done = 0; done < ms; done += 1000) {
            clock.advance(std::min<qint64>(1000, ms - done));
            settle();
        }
        // Backfills run over HTTP: let them finish.
        waitFor([this] { return !live || live->state() != ConnectionState::Backfilling; }, 5000);
        drainEvents();
    }

    // The store holds exactly the ground truth from its first candle to its last, each candle
    // announced once, and its coverage is one range over them.
    void verifyStore(const SeriesKey &k, int atLeast)
    {
        QCOMPARE(frames.unexplainedMissing(), 0);
        const CandleBatch got = store.read(k, AllTime);
        QVERIFY2(got.size() >= atLeast,
                 qPrintable(QStringLiteral("%1 candles stored").arg(got.size())));
        const CandleBatch truth = rest.groundTruth(k.symbol, k.interval,
                                                   {got.first().openTime, got.last().openTime + 1});
        QCOMPARE(got.size(), truth.size());
        for (qsizetype i = 0; i < got.size(); ++i)
            QCOMPARE(got[i], truth[i]);
        // Announced once each, in order.
        const QList<qint64> announced = stored.value(k);
        QCOMPARE(announced.size(), got.size());
        for (qsizetype i = 0; i < got.size(); ++i)
            QCOMPARE(announced[i], got[i].openTime);
        const TimeRanges covered = store.coverage(k);
        QCOMPARE(covered.size(), 1);
        QVERIFY(covered.first().from <= got.first().openTime);
        QCOMPARE(covered.first().to, Intervals::next(k.interval, got.last().openTime));
    }
};

class TestRecorder : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void storesEachClosedCandleOnce();
    void partialsAreStoredApart_data();
    void partialsAreStoredApart();
    void backfillAfterDrop();
    void backfillAfterRestart();
    void burstIsOneCommit();
    void countersCountFramesAndReconnects();
    void soakWithRandomFaults();
};

void TestRecorder::initTestCase()
{
    qRegisterMetaType<SeriesKey>();
    qRegisterMetaType<Candle>();
    qRegisterMetaType<ConnectionState>();
}

void TestRecorder::storesEachClosedCandleOnce()
{
    Rig rig;
    rig.startRecording({key("BTCUSDT"), key("ETHUSDT", Interval::S1)});
    QSignalSpy closedSpy(rig.live.get(), &LiveFeed::candleClosed);
    rig.step(3 * 60 * 1000);
    rig.verifyStore(key("BTCUSDT"), 3);
    rig.verifyStore(key("ETHUSDT", Interval::S1), 170);
    // Committed at the turn of the event loop they came in: nothing is left waiting.
    QCOMPARE(rig.recorder->counters().closedStored, closedSpy.size());
    QCOMPARE(rig.recorder->counters().closedStored,
             rig.stored.value(key("BTCUSDT")).size()
                 + rig.stored.value(key("ETHUSDT", Interval::S1)).size());
    QCOMPARE(rig.recorder->counters().writeErrors, 0);
    QCOMPARE(rig.recorder->counters().partialsStored, 0);
    QVERIFY(!rig.store.partial(key("BTCUSDT")).has_value());
    QCOMPARE(rig.recorder->counters().lastOpenTime,
             rig.stored.value(key("ETHUSDT", Interval::S1)).last());
}

void TestRecorder::partialsAreStoredApart_data()
{
    QTest::addColumn<bool>("partials");
    QTest::newRow("off") << false;
    QTest::newRow("on") << true;
}

void TestRecorder::partialsAreStoredApart()
{
    QFETCH(bool, partials);
    Rig rig;
    rig.startRecording({key("BTCUSDT")}, partials);
    rig.step(120 * 1000); // to the start minute + 2:30: the third minute is forming
    rig.verifyStore(key("BTCUSDT"), 2);
    const qint64 forming = Intervals::alignDown(Interval::M1, rig.clock.nowMs());
    const std::optional<Candle> partial = rig.store.partial(key("BTCUSDT"));
    QCOMPARE(partial.has_value(), partials);
    QCOMPARE(rig.recorder->counters().partialsStored > 0, partials);
    if (partials) {
        QVERIFY(!partial->closed);
        QCOMPARE(partial->openTime, forming);
        // The latest update, sent at this very second.
        QCOMPARE(*partial,
                 rig.rest.candleAsOf(QStringLiteral("BTCUSDT"), Interval::M1, forming,
                                     rig.clock.nowMs()));
    }
    // The forming candle is not among the closed ones.
    const CandleBatch closed = rig.store.read(key("BTCUSDT"), {forming, forming + 60000});
    QVERIFY(closed.isEmpty());
    QCOMPARE(rig.store.count(key("BTCUSDT"), AllTime), rig.recorder->counters().closedStored);
}

void TestRecorder::backfillAfterDrop()
{
    Rig rig;
    rig.startRecording({key("BTCUSDT"), key("ETHUSDT", Interval::S1)});
    rig.step(2 * 60 * 1000);

    // Down for three minutes (drops, then handshakes that hang), then back.
    rig.ws.setRefuseConnections(true);
    rig.ws.dropAll();
    rig.rebase();
    rig.step(3 * 60 * 1000);
    QCOMPARE(rig.live->state(), ConnectionState::Reconnecting);
    const qint64 storedWhileDown = rig.recorder->counters().closedStored;
    rig.ws.setRefuseConnections(false);
    rig.rebase();
    rig.step(40000);
    QTRY_COMPARE(rig.live->state(), ConnectionState::Live);
    rig.step(2 * 60 * 1000);

    const Recorder::Counters c = rig.recorder->counters();
    QCOMPARE(c.reconnects, 1);
    QVERIFY(c.gapsBackfilled >= 2);
    QVERIFY(c.candlesBackfilled >= 3 + 180);
    QVERIFY(c.closedStored > storedWhileDown + 180);
    rig.verifyStore(key("BTCUSDT"), 6);
    rig.verifyStore(key("ETHUSDT", Interval::S1), 400);
}

void TestRecorder::backfillAfterRestart()
{
    Rig rig;
    rig.startRecording({key("BTCUSDT"), key("ETHUSDT", Interval::S1)});
    rig.step(3 * 60 * 1000);
    const qint64 firstRun = rig.recorder->counters().closedStored;
    QVERIFY(firstRun >= 3 + 170);
    rig.stopRecording();

    // Ten minutes with the program not running.
    rig.step(10 * 60 * 1000);
    QCOMPARE(rig.store.count(key("BTCUSDT"), AllTime), rig.stored.value(key("BTCUSDT")).size());

    // Started again on the same database: what was missed comes first, then live candles.
    const qint64 resume = rig.store.coverage(key("BTCUSDT")).last().to;
    rig.startRecording({key("BTCUSDT"), key("ETHUSDT", Interval::S1)});
    QCOMPARE(rig.live->resumePoint(key("BTCUSDT")) >= resume, true);
    rig.step(2 * 60 * 1000);
    QCOMPARE(rig.live->state(), ConnectionState::Live);
    const Recorder::Counters c = rig.recorder->counters();
    QVERIFY2(c.candlesBackfilled >= 10 + 600, qPrintable(QString::number(c.candlesBackfilled)));
    QCOMPARE(c.reconnects, 0);
    rig.verifyStore(key("BTCUSDT"), 15);
    rig.verifyStore(key("ETHUSDT", Interval::S1), 890);
}

// Group commit: the ten minutes missed while the program was down come back in one page of the
// history, and go into the store in one transaction, each candle announced after it.
void TestRecorder::burstIsOneCommit()
{
    Rig rig;
    const SeriesKey eth = key("ETHUSDT", Interval::S1);
    rig.startRecording({eth});
    rig.step(10000);
    rig.stopRecording();
    rig.step(10 * 60 * 1000);

    rig.startRecording({eth});
    QVERIFY(waitFor([&rig] { return rig.live->state() == ConnectionState::Live; }, 5000));
    drainEvents();
    const Recorder::Counters c = rig.recorder->counters();
    QCOMPARE(c.closedStored, 600);
    QCOMPARE(c.commits, 1);
    QCOMPARE(c.writeErrors, 0);
    rig.verifyStore(eth, 609);
}

void TestRecorder::countersCountFramesAndReconnects()
{
    Rig rig;
    rig.startRecording({key("BTCUSDT"), key("ETHUSDT", Interval::S1)});
    rig.step(10000);
    for (int i = 0; i < 4; ++i)
        rig.ws.sendToAll(QStringLiteral("}{ not json"));
    rig.step(20000);
    Recorder::Counters c = rig.recorder->counters();
    QCOMPARE(c.rejectedFrames, 4);
    QCOMPARE(c.messages, rig.live->stats().frames);
    QVERIFY(c.messages >= 30 + 15 + 4);
    // ETHUSDT@1s pushes one update a second, BTCUSDT@1m one every two seconds (+ closes).
    QVERIFY2(c.messagesPerSecond >= 1.0 && c.messagesPerSecond <= 4.0,
             qPrintable(QString::number(c.messagesPerSecond)));
    QCOMPARE(c.reconnects, 0);

    rig.ws.closeAll(QWebSocketProtocol::CloseCodeGoingAway, QStringLiteral("maintenance"));
    rig.rebase();
    rig.step(5000);
    QTRY_COMPARE(rig.live->state(), ConnectionState::Live);
    c = rig.recorder->counters();
    QCOMPARE(c.reconnects, 1);
    QCOMPARE(c.writeErrors, 0);
    QCOMPARE(rig.recorder->state(), ConnectionState::Live);
}

// Twenty 1s streams recorded for SoakMinutes simulated minutes with a random fault every 70 s to
// 5 min: a drop, a 20 s stall (the watchdog reconnects), garbage frames, a serverShutdown event,
// REST 5xx answers during the backfill that follows a drop, and a 429 during such a backfill (the
// server's budget shrinks for 10 s below what the client learnt). Every stream ends exact.
void TestRecorder::soakWithRandomFaults()
{
    Rig rig;
    rig.rest.setBanDurationMs(30000);
    QList<SeriesKey> keys;
    for (const char *s : Symbols)
        keys.append(key(s, Interval::S1));
    rig.startRecording(keys);
    std::mt19937 random(SoakSeed);
    std::uniform_int_distribution<qint64> pause(70, 300);
    enum Fault { Drop, Stall, Garbage, Shutdown, RestErrors, RateLimited, FaultCount };
    std::uniform_int_distribution<int> pick(0, FaultCount - 1);
    QList<int> injected(FaultCount, 0);
    const qint64 end = T0 + SoakMinutes * 60 * 1000;
    // Faults that last end on the clock, in the middle of the next step.
    QObject faultEnds;
    while (rig.clock.nowMs() < end) {
        const int fault = pick(random);
        ++injected[fault];
        switch (fault) {
        case Drop:
            rig.ws.dropAll();
            break;
        case Stall:
            rig.ws.setStalled(true);
            rig.clock.callAfter(20000, &faultEnds, [&rig] { rig.ws.setStalled(false); });
            break;
        case Garbage:
            rig.ws.sendToAll(QStringLiteral("}{ not json"));
            rig.ws.sendToAll(QStringLiteral("{\"e\":\"kline\",\"k\":{\"t\":\"x\"}}"));
            break;
        case Shutdown:
            rig.ws.sendServerShutdown();
            break;
        case RestErrors:
            rig.rest.injectFault(FakeBinanceRest::Fault::ServerError, 2);
            rig.ws.dropAll();
            break;
        case RateLimited:
            rig.rest.setWeightLimit(1, 1, 'M');
            rig.ws.dropAll();
            rig.clock.callAfter(10000, &faultEnds,
                                [&rig] { rig.rest.setWeightLimit(6000, 1, 'M'); });
            break;
        }
        rig.rebase();
        rig.step(pause(random) * 1000);
    }
    QTRY_COMPARE(rig.live->state(), ConnectionState::Live);
    rig.step(5000);

    for (int count : std::as_const(injected))
        QVERIFY(count > 0);
    const Recorder::Counters c = rig.recorder->counters();
    QCOMPARE(c.writeErrors, 0);
    QVERIFY(c.reconnects >= injected[Drop] + injected[RestErrors] + injected[RateLimited]);
    QVERIFY(rig.rest.rateLimitedCount() >= injected[RateLimited]);
    // A 418 only for the other streams' backfill requests already on the wire when the 429 came.
    QVERIFY2(rig.rest.bannedCount() <= (keys.size() - 1) * injected[RateLimited],
             qPrintable(QString::number(rig.rest.bannedCount())));
    const int expected = int((rig.clock.nowMs() - T0) / 1000) - 10;
    for (const SeriesKey &k : std::as_const(keys))
        rig.verifyStore(k, expected);
}

QTEST_GUILESS_MAIN(TestRecorder)
#include "tst_recorder.moc"
