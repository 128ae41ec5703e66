#include <binance/binancelivefeed.h>
#include <binanceliverig.h>
#include <binance/streamconnection.h>
#include <candledatabase.h>
#include <databasefiles.h>
#include <sqlitecandlestore.h>
#include <eventwait.h>
#include <gapfreefeed.h>
#include <recorder.h>

#include <QLoggingCategory>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <future>
#include <memory>
#include <random>

using namespace Candlewick;
using namespace Candlewick::Testing;

namespace {

// 2023-11-14 22:13:00 UTC, a minute boundary, plus 30 s.
constexpr qint64 T0 = 1699999980000LL + 30000;

constexpr qint64 DayMs = 24 * 3600 * 1000;

// Every open time these tests can meet.
constexpr TimeRange AllTime{T0 - 3600 * 1000, T0 + 366 * DayMs};

SeriesKey key(const char *symbol, Interval interval = Interval::M1)
{
    return {QStringLiteral("binance"), QString::fromLatin1(symbol), interval};
}

// The soak records 20 streams, as many as a bot watching a market's leaders would.
const char *const Symbols[]
    = {"BTCUSDT", "ETHUSDT", "BNBUSDT", "SOLUSDT",  "XRPUSDT",  "ADAUSDT",  "DOGEUSDT",
       "TRXUSDT", "DOTUSDT", "LTCUSDT", "LINKUSDT", "AVAXUSDT", "ATOMUSDT", "XLMUSDT",
       "BCHUSDT", "ETCUSDT", "FILUSDT", "NEARUSDT", "APTUSDT",  "UNIUSDT"};

// The soak: simulated minutes of recording (CANDLEWICK_SOAK_MINUTES in the environment, else the
// build's default: a day, six hours in the sanitized build), the clock's stride while the feed is
// live, and the seed of its fault schedule.
#ifndef CANDLEWICK_SOAK_MINUTES
#define CANDLEWICK_SOAK_MINUTES (24 * 60)
#endif
qint64 soakMinutes()
{
    bool ok = false;
    const qint64 minutes = qEnvironmentVariableIntValue("CANDLEWICK_SOAK_MINUTES", &ok);
    return ok && minutes > 0 ? minutes : CANDLEWICK_SOAK_MINUTES;
}
constexpr qint64 SoakStrideMs = 60000;
constexpr qint64 SoakReactMs = 3000; // after a fault: second by second
constexpr quint32 SoakSeed = 20261129;

} // namespace

// The fakes (REST ground truth + WebSocket fed from it) on one ManualClock, a store in a temporary
// directory, and a gap-free live feed + Recorder that can be torn down and started again (a
// restart).
struct Rig : BinanceLiveRig
{
    QTemporaryDir dir;
    std::shared_ptr<CandleDatabase> database; // the recorder's
    SqliteCandleStore store; // the test's own connection, for checking
    QHash<SeriesKey, QList<qint64>> stored; // open times announced by candleStored, in order
    std::unique_ptr<Recorder> recorder; // after `stored`: it announces what it writes at its end
    BinanceLiveFeed::Options feedOptions; // of the feeds startRecording() makes

    Rig()
        : BinanceLiveRig(T0, Symbols)
    {
        feedOptions.seed = 11;
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
        GapFreeFeed::Options gapFree;
        gapFree.seed = feedOptions.seed;
        live = std::make_unique<GapFreeFeed>(new BinanceLiveFeed(ws.url(), feedOptions, &clock),
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
    // Whether step() waits for the recorder's writes at its end (they run on the database's
    // writer thread, beside this one).
    enum class Writes { Wait, Overlap };
    // Moves the clock by `ms`, in strides of `strideMs` while the feed is live (the fake sends
    // every second of a stride, and the frames arrive together after it), else second by second
    // (a connection or a backfill under way has its timeouts on the clock).
    void step(qint64 ms, qint64 strideMs = 1000, Writes writes = Writes::Wait)
    {
        for (qint64 done = 0; done < ms;) {
            const bool live = this->live && this->live->state() == ConnectionState::Live;
            const qint64 stride = std::min(ms - done, live ? strideMs : 1000);
            clock.advance(stride);
            done += stride;
            settle();
        }
        // Backfills run over HTTP: let them finish, unless they wait on the clock (a ban, a
        // retry's backoff): then nothing is in flight once the posted events have run.
        const auto backfilling
            = [this] { return live && live->state() == ConnectionState::Backfilling; };
        while (backfilling()
               && waitFor([&] { return !backfilling() || restProvider.requestsInFlight() == 0; },
                          5000)) {
            drainEvents();
            if (restProvider.requestsInFlight() == 0)
                break;
        }
        drainEvents();
        if (writes == Writes::Wait)
            waitWritten();
    }
    // What came is written and announced.
    void waitWritten()
    {
        QVERIFY(waitFor([this] { return !recorder || !recorder->writesPending(); }, 5000));
    }

    // The store holds exactly the ground truth from its first candle to its last, each candle
    // announced once and in order, and its coverage is one range over them. Returns the number
    // of candles compared (read a day at a time: a week of 1s candles is 604,800 a series).
    qint64 verifyStore(const SeriesKey &k, qint64 atLeast)
    {
        [&] { QCOMPARE(frames.unexplainedMissing(), 0); }();
        const TimeRange span = store.storedSpan(k, AllTime);
        const std::optional<qint64> last = store.lastOpenTime(k);
        const QList<qint64> announced = stored.value(k);
        qint64 compared = 0;
        // A day's stored candles are read on a thread of its own (a connection belongs to its
        // thread) while this one computes the day's ground truth.
        const auto readDay = [path = database->path(), k](TimeRange day) {
            SqliteCandleStore reader;
            return reader.open(path, SqliteCandleStore::OpenMode::ReadOnly) ? reader.read(k, day)
                                                                            : CandleBatch();
        };
        [&] {
            QVERIFY(last.has_value());
            for (qint64 from = span.from; from <= *last; from += DayMs) {
                const TimeRange day{from, std::min(from + DayMs, *last + 1)};
                std::future<CandleBatch> reading = std::async(std::launch::async, readDay, day);
                const CandleBatch truth = rest.groundTruth(k.symbol, k.interval, day);
                const CandleBatch got = reading.get();
                QCOMPARE(got.size(), truth.size());
                for (qsizetype i = 0; i < got.size(); ++i, ++compared) {
                    if (got[i] != truth[i])
                        QCOMPARE(got[i], truth[i]);
                    // Announced once each, in order.
                    if (announced.value(compared, -1) != got[i].openTime)
                        QCOMPARE(announced.value(compared, -1), got[i].openTime);
                }
            }
            QCOMPARE(qsizetype(compared), announced.size());
            QVERIFY2(compared >= atLeast,
                     qPrintable(QStringLiteral("%1 candles stored").arg(compared)));
            const TimeRanges covered = store.coverage(k);
            QCOMPARE(covered.size(), 1);
            QVERIFY(covered.first().from <= span.from);
            QCOMPARE(covered.first().to, Intervals::next(k.interval, *last));
        }();
        return compared;
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
    void burstOfManySeriesIsOneCommit();
    void countersCountFramesAndReconnects();
    void failedWritesComeAgain();
    void stopWritesWhatIsPending();
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
    rig.waitWritten();
    const Recorder::Counters c = rig.recorder->counters();
    QCOMPARE(c.closedStored, 600);
    QCOMPARE(c.commits, 1);
    QCOMPARE(c.writeErrors, 0);
    rig.verifyStore(eth, 609);
}

// The closed candles of every series that arrive together go in one transaction.
void TestRecorder::burstOfManySeriesIsOneCommit()
{
    Rig rig;
    QList<SeriesKey> keys;
    for (const char *s : Symbols)
        keys.append(key(s, Interval::S1));
    rig.startRecording(keys);
    QVERIFY(rig.waitLive());
    rig.step(3000);
    const Recorder::Counters before = rig.recorder->counters();
    // Each second the fake writes one closing update per stream at once: one burst of 20 series
    // (a socket read may split it in two).
    constexpr int Seconds = 5;
    rig.step(Seconds * 1000);
    const Recorder::Counters after = rig.recorder->counters();
    QCOMPARE(after.closedStored - before.closedStored, Seconds * keys.size());
    QVERIFY2(after.commits - before.commits <= 2 * Seconds,
             qPrintable(QStringLiteral("%1 commits").arg(after.commits - before.commits)));
    QCOMPARE(after.writeErrors, 0);
    rig.stopRecording();
    for (const SeriesKey &k : std::as_const(keys))
        rig.verifyStore(k, Seconds);
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

// While another program's trigger refuses new candles, every burst fails: nothing of it is
// announced or covered, and the feed delivers those candles again. Once writes work, the store
// ends exact: one coverage range, no hole.
void TestRecorder::failedWritesComeAgain()
{
    Rig rig;
    const SeriesKey eth = key("ETHUSDT", Interval::S1);
    rig.startRecording({eth, key("BTCUSDT")});
    rig.step(30000);
    const qint64 before = rig.recorder->counters().closedStored;
    QSignalSpy failed(rig.recorder.get(), &Recorder::writeFailed);
    QVERIFY(execSql(rig.database->path(),
                    "CREATE TRIGGER refuse BEFORE INSERT ON candles "
                    "BEGIN SELECT RAISE(ABORT, 'refused'); END"));
    rig.step(10000);
    QVERIFY(!failed.isEmpty());
    QCOMPARE(rig.recorder->counters().closedStored, before);
    QVERIFY(execSql(rig.database->path(), "DROP TRIGGER refuse"));
    rig.step(60000);
    const Recorder::Counters c = rig.recorder->counters();
    QCOMPARE(c.writeErrors, failed.size());
    QCOMPARE(rig.live->state(), ConnectionState::Live);
    rig.verifyStore(eth, 95);
    rig.verifyStore(key("BTCUSDT"), 1);
}

// stop() writes what is collected and in flight and announces it before it returns; nothing is
// announced after.
void TestRecorder::stopWritesWhatIsPending()
{
    Rig rig;
    const SeriesKey eth = key("ETHUSDT", Interval::S1);
    rig.startRecording({eth});
    rig.step(10000);
    rig.clock.advance(5000);
    QVERIFY(waitFor([&rig] { return rig.recorder->writesPending(); }, 5000));
    rig.recorder->stop();
    QVERIFY(!rig.recorder->writesPending());
    const qsizetype announced = rig.stored.value(eth).size();
    drainEvents();
    QCOMPARE(rig.stored.value(eth).size(), announced);
    QCOMPARE(rig.store.count(eth, AllTime), announced);
    rig.verifyStore(eth, 11);
}

// Twenty 1s streams recorded for soakMinutes() simulated minutes with a random fault every 70 s to
// 5 min: a drop, a stall (longer than the watchdog: it reconnects), garbage frames, a
// serverShutdown event, REST 5xx answers during the backfill that follows a drop, and a 429 during
// such a backfill (the server's budget shrinks for 10 s below what the client learnt). The clock
// moves in strides of SoakStrideMs while the feed is live; the client's timeouts are longer than a
// stride (frames only arrive once a stride is over). The recorder's writes overlap the steps.
// Every stream ends exact.
void TestRecorder::soakWithRandomFaults()
{
    // Thousands of reconnects and backfills: their lines would push the summary past QTest's
    // message limit. Warnings (429, 418) still show.
    QLoggingCategory::setFilterRules(QStringLiteral("candlewick.*.info=false\n"
                                                    "candlewick.*.debug=false"));
    const auto restoreLogging = qScopeGuard([] { QLoggingCategory::setFilterRules({}); });
    Rig rig;
    rig.rest.setBanDurationMs(30000);
    StreamConnection::Options &connection = rig.feedOptions.connection;
    // A handshake needs a few turns of the event loop, and a stride gives one or two.
    connection.connectTimeoutMs = 10 * SoakStrideMs;
    connection.watchdogMs = 2 * SoakStrideMs;
    connection.pongTimeoutMs = 2 * SoakStrideMs;
    const qint64 stallMs = connection.watchdogMs + 2 * SoakStrideMs;
    rig.ws.setPongTimeoutMs(3 * SoakStrideMs); // the server's deadline: pongs come after a stride
    QList<SeriesKey> keys;
    for (const char *s : Symbols)
        keys.append(key(s, Interval::S1));
    rig.startRecording(keys);
    std::mt19937 random(SoakSeed);
    std::uniform_int_distribution<qint64> pause(70, 300);
    enum Fault { Drop, Stall, Garbage, Shutdown, RestErrors, RateLimited, FaultCount };
    const char *const faultNames[]
        = {"drop", "stall", "garbage", "serverShutdown", "REST 5xx", "REST 429"};
    std::uniform_int_distribution<int> pick(0, FaultCount - 1);
    QList<int> injected(FaultCount, 0);
    const qint64 end = T0 + soakMinutes() * 60 * 1000;
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
            rig.clock.callAfter(stallMs, &faultEnds, [&rig] { rig.ws.setStalled(false); });
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
        // Second by second while the client reacts, then in strides.
        const qint64 pauseMs = std::min(pause(random) * 1000, end - rig.clock.nowMs());
        const qint64 reactMs = std::min(SoakReactMs, pauseMs);
        rig.step(reactMs, 1000, Rig::Writes::Overlap);
        rig.step(pauseMs - reactMs, SoakStrideMs, Rig::Writes::Overlap);
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
    const qint64 expected = (rig.clock.nowMs() - T0) / 1000 - 10;
    qint64 verified = 0;
    for (const SeriesKey &k : std::as_const(keys))
        verified += rig.verifyStore(k, expected);
    QStringList faults;
    for (int f = 0; f < FaultCount; ++f)
        faults.append(
            QStringLiteral("%1 %2").arg(injected[f]).arg(QLatin1StringView(faultNames[f])));
    qInfo().noquote() << QStringLiteral(
                             "soak: %1 simulated hours of %2 streams in strides of %3 s; "
                             "faults: %4; %5 commits; %6 candles verified exact")
                             .arg(double(rig.clock.nowMs() - T0) / 3600000.0, 0, 'f', 1)
                             .arg(keys.size())
                             .arg(SoakStrideMs / 1000)
                             .arg(faults.join(QLatin1StringView(", ")))
                             .arg(c.commits)
                             .arg(verified);
}

QTEST_GUILESS_MAIN(TestRecorder)
#include "tst_recorder.moc"
