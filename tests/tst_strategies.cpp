#include <interval.h>
#include <manualclock.h>
#include <demo/mockcandlegenerator.h>
#include <demo/mockmarket.h>
#include <replay/replayfeed.h>
#include <runsummary.h>
#include <strategyhost.h>

#include <QFile>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Candlewick;

namespace {
constexpr qint64 Minute = 60'000;
constexpr qint64 T0 = 1709251200000; // 2024-03-01T00:00:00Z
const SeriesKey Key{QStringLiteral("binance"), QStringLiteral("BTCUSDT"), Interval::M1};

CandleBatch fromCloses(const QList<double> &closes)
{
    CandleBatch out;
    for (int i = 0; i < closes.size(); ++i) {
        Candle c;
        c.openTime = T0 + i * Minute;
        c.open = i ? closes[i - 1] : closes[i];
        c.close = closes[i];
        c.high = std::max(c.open, c.close);
        c.low = std::min(c.open, c.close);
        c.volume = 1;
        out.append(c);
    }
    return out;
}

// "buy@3:13" per signal, for compact comparisons.
QStringList describe(const QList<StrategySignal> &signals_)
{
    QStringList out;
    for (const StrategySignal &s : signals_)
        out.append(
            QStringLiteral("%1@%2:%3").arg(s.sideName()).arg((s.time - T0) / Minute).arg(s.price));
    return out;
}
} // namespace

class tst_Strategies : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void findsExamplePlugins();
    void brokenPluginsAreReportedNotFatal();
    void badParameters_data();
    void badParameters();
    void smaCross_data();
    void smaCross();
    void rsiThreshold_data();
    void rsiThreshold();
    void sameSignalsFromReplayMockAndRecording();
    void throwingPluginIsStoppedHostGoesOn();
    void directReplayFeedAtMax();
    void runAndReplayDestroyedInEitherOrder();
    void summary();
    void signalJsonLine();
    void versionOnePluginsStillRun();
    void plotWithAnUnknownIdStopsTheRun();
    void examplesPublishTheirLines();
    void equityCurve();
    void translatedMetadata();
    void reasonsFollowTheLanguage_data();
    void reasonsFollowTheLanguage();

private:
    StrategyHost *m_host = nullptr;
    QList<StrategySignal> run(const QString &name, const QVariantMap &params,
                              const CandleBatch &candles);
};

void tst_Strategies::initTestCase()
{
    m_host = new StrategyHost(this);
    m_host->setPluginDirectories(
        {QStringLiteral(CANDLEWICK_PLUGIN_BUILD_DIR), QStringLiteral(CANDLEWICK_TEST_PLUGIN_DIR)});
    QVERIFY(m_host->scan() >= 4);
    QVERIFY2(m_host->problems().isEmpty(), qPrintable(m_host->problems().value(0).message));
}

QList<StrategySignal> tst_Strategies::run(const QString &name, const QVariantMap &params,
                                          const CandleBatch &candles)
{
    QString error;
    StrategyRun *r = m_host->createRun(name, params, &error);
    if (!r) {
        qWarning() << error;
        return {};
    }
    for (const Candle &c : candles)
        r->feed(Key, c);
    r->stop();
    const auto out = r->collectedSignals();
    delete r;
    return out;
}

void tst_Strategies::findsExamplePlugins()
{
    const StrategyInfo *sma = m_host->strategy(QStringLiteral("sma_cross"));
    QVERIFY(sma);
    QCOMPARE(sma->parameters.size(), 2);
    QCOMPARE(sma->parameter(QStringLiteral("fast"))->defaultValue.toInt(), 9);
    QCOMPARE(sma->parameter(QStringLiteral("slow"))->defaultValue.toInt(), 21);
    QCOMPARE(sma->parameter(QStringLiteral("slow"))->type, StrategyParameter::Type::Int);
    const StrategyInfo *rsi = m_host->strategy(QStringLiteral("rsi_threshold"));
    QVERIFY(rsi);
    QCOMPARE(rsi->parameter(QStringLiteral("period"))->defaultValue.toInt(), 14);
    QCOMPARE(rsi->parameter(QStringLiteral("low"))->defaultValue.toDouble(), 30.0);
    QCOMPARE(rsi->parameter(QStringLiteral("high"))->defaultValue.toDouble(), 70.0);
    QVERIFY(!rsi->description.isEmpty());
}

void tst_Strategies::brokenPluginsAreReportedNotFatal()
{
    QTemporaryDir dir;
    QFile garbage(dir.filePath(QStringLiteral("libgarbage.so")));
    QVERIFY(garbage.open(QIODevice::WriteOnly));
    garbage.write("this is not an ELF file");
    garbage.close();

    StrategyHost host;
    host.setPluginDirectories({QStringLiteral(CANDLEWICK_BROKEN_PLUGIN_DIR), dir.path(),
                               QStringLiteral(CANDLEWICK_PLUGIN_BUILD_DIR)});
    QSignalSpy problems(&host, &StrategyHost::problemFound);
    QCOMPARE(host.scan(), 2); // the two good ones are still found
    QCOMPARE(problems.size(), 3);
    const QString all = [&] {
        QStringList l;
        for (const auto &p : host.problems())
            l.append(p.file + QStringLiteral(": ") + p.message);
        return l.join(u'\n');
    }();
    QVERIFY2(all.contains(QLatin1StringView("org.example.Other/1")), qPrintable(all)); // wrong IID
    QVERIFY2(all.contains(QLatin1StringView("unknown type \"integer\"")),
             qPrintable(all)); // bad metadata
    QVERIFY2(all.contains(QLatin1StringView("libgarbage.so")), qPrintable(all)); // broken library

    QVERIFY(!host.addPluginFile(dir.filePath(QStringLiteral("libmissing.so"))));
    QVERIFY(host.problems().last().message.contains(QLatin1StringView("no such file")));
    QString error;
    QVERIFY(!host.createRun(QStringLiteral("bad_meta"), {}, &error));
    QVERIFY(error.contains(QLatin1StringView("no strategy named")));
}

void tst_Strategies::badParameters_data()
{
    QTest::addColumn<QString>("strategy");
    QTest::addColumn<QVariantMap>("params");
    QTest::addColumn<QString>("expected");
    QTest::newRow("unknown name") << "sma_cross"
                                  << QVariantMap{{QStringLiteral("fats"), QStringLiteral("5")}}
                                  << "no parameter \"fats\"";
    QTest::newRow("below min") << "sma_cross"
                               << QVariantMap{{QStringLiteral("fast"), QStringLiteral("0")}}
                               << "out of range";
    QTest::newRow("above max") << "rsi_threshold" << QVariantMap{{QStringLiteral("high"), 101}}
                               << "out of range";
    QTest::newRow("not an int (text)")
        << "sma_cross" << QVariantMap{{QStringLiteral("fast"), QStringLiteral("five")}}
        << "expects an integer";
    QTest::newRow("not an int (double)")
        << "sma_cross" << QVariantMap{{QStringLiteral("fast"), 2.5}} << "expects an integer";
    QTest::newRow("not a number") << "rsi_threshold"
                                  << QVariantMap{{QStringLiteral("low"), QStringLiteral("low")}}
                                  << "expects a number";
    QTest::newRow("not a bool") << "throwing"
                                << QVariantMap{{QStringLiteral("throwOnStart"),
                                                QStringLiteral("maybe")}}
                                << "true or false";
    QTest::newRow("plugin refuses")
        << "rsi_threshold" << QVariantMap{{QStringLiteral("low"), 80}, {QStringLiteral("high"), 20}}
        << "low must be below high";
    QTest::newRow("throws in onStart")
        << "throwing" << QVariantMap{{QStringLiteral("throwOnStart"), true}} << "refusing to start";
}

void tst_Strategies::badParameters()
{
    QFETCH(QString, strategy);
    QFETCH(QVariantMap, params);
    QFETCH(QString, expected);
    QString error;
    QVERIFY(!m_host->createRun(strategy, params, &error));
    QVERIFY2(error.contains(expected), qPrintable(error));
}

void tst_Strategies::smaCross_data()
{
    QTest::addColumn<QVariantMap>("params");
    QTest::addColumn<QList<double>>("closes");
    QTest::addColumn<QStringList>("expected");
    // fast=2, slow=3. SMAs from i=2: (10,10) (11.5,11) (10,10) (7,9) (8.5,8) (10,9).
    // i=3: previous averages equal, now fast above -> buy. i=4: equal now -> nothing.
    // i=5: previous equal, now below -> sell. i=6: cross above -> buy.
    const QList<double> closes{10, 10, 10, 13, 7, 7, 10, 10};
    QTest::newRow("crosses and equal averages")
        << QVariantMap{{QStringLiteral("fast"), QStringLiteral("2")},
                       {QStringLiteral("slow"), QStringLiteral("3")}}
        << closes
        << QStringList{QStringLiteral("buy@3:13"), QStringLiteral("sell@5:7"),
                       QStringLiteral("buy@6:10")};
    QTest::newRow("not enough candles")
        << QVariantMap{{QStringLiteral("fast"), 2}, {QStringLiteral("slow"), 3}}
        << QList<double>{10, 13, 7} << QStringList{};
    QTest::newRow("averages exist only at the last candle")
        << QVariantMap{{QStringLiteral("fast"), 2}, {QStringLiteral("slow"), 3}}
        << QList<double>{1, 1, 50} << QStringList{};
    QTest::newRow("flat prices never cross")
        << QVariantMap{{QStringLiteral("fast"), 2}, {QStringLiteral("slow"), 3}}
        << QList<double>(20, 5.0) << QStringList{};
    QTest::newRow("defaults 9/21") << QVariantMap{} << [] {
        QList<double> l(21, 100.0);
        l += QList<double>{100, 130, 131};
        return l;
    }() << QStringList{QStringLiteral("buy@22:130")};
}

void tst_Strategies::smaCross()
{
    QFETCH(QVariantMap, params);
    QFETCH(QList<double>, closes);
    QFETCH(QStringList, expected);
    QCOMPARE(describe(run(QStringLiteral("sma_cross"), params, fromCloses(closes))), expected);
}

void tst_Strategies::rsiThreshold_data()
{
    QTest::addColumn<QVariantMap>("params");
    QTest::addColumn<QList<double>>("closes");
    QTest::addColumn<QStringList>("expected");
    // period 2: RSI from i=2: 0, 50, 75, 87.5, 43.75, 21.875.
    QTest::newRow("up through low, down through high")
        << QVariantMap{{QStringLiteral("period"), 2},
                       {QStringLiteral("low"), 30},
                       {QStringLiteral("high"), 70}}
        << QList<double>{10, 9, 8, 9, 10, 11, 10, 9}
        << QStringList{QStringLiteral("buy@3:9"), QStringLiteral("sell@6:10")};
    QTest::newRow("not enough candles")
        << QVariantMap{{QStringLiteral("period"), 2}} << QList<double>{10, 9, 8} << QStringList{};
    // RSI exactly at the threshold then above it: 0 -> 50 with low = 50 is not a cross (must go
    // above).
    QTest::newRow("touching the threshold is not crossing")
        << QVariantMap{{QStringLiteral("period"), 2},
                       {QStringLiteral("low"), 50},
                       {QStringLiteral("high"), 90}}
        << QList<double>{10, 9, 8, 9} << QStringList{};
    QTest::newRow("flat: RSI 50 throughout")
        << QVariantMap{{QStringLiteral("period"), 3}} << QList<double>(10, 7.0) << QStringList{};
}

void tst_Strategies::rsiThreshold()
{
    QFETCH(QVariantMap, params);
    QFETCH(QList<double>, closes);
    QFETCH(QStringList, expected);
    QCOMPARE(describe(run(QStringLiteral("rsi_threshold"), params, fromCloses(closes))), expected);
}

void tst_Strategies::sameSignalsFromReplayMockAndRecording()
{
    const CandleBatch recorded = MockCandleGenerator(11).range(Key, T0, T0 + 600 * Minute);
    const QVariantMap params{{QStringLiteral("fast"), 5}, {QStringLiteral("slow"), 20}};

    // 1. A recorded live session handed over candle by candle.
    const QStringList direct = describe(run(QStringLiteral("sma_cross"), params, recorded));
    QVERIFY(direct.size() >= 4);

    QString error;
    // 2. Replay at max speed.
    ReplayFeed replay;
    replay.setCandles(Key, recorded);
    replay.setRange(T0, T0 + 600 * Minute);
    replay.setSpeed(ReplayFeed::MaxSpeed);
    StrategyRun *viaReplay = m_host->createRun(QStringLiteral("sma_cross"), params, &error);
    QVERIFY2(viaReplay, qPrintable(error));
    viaReplay->attach(&replay);
    QSignalSpy finished(&replay, &ReplayFeed::finished);
    replay.play();
    QTRY_COMPARE(finished.size(), 1);
    QCOMPARE(describe(viaReplay->collectedSignals()), direct);

    // 3. The mock provider's scripted live feed, paced on a driven clock, with partial updates
    // forwarded (the strategy ignores candles that are not closed).
    ManualClock clock(T0);
    MockMarket mock(1, &clock);
    CandleBatch withPartials;
    for (const Candle &c : recorded) {
        Candle p = c;
        p.closed = false;
        p.close = p.open;
        withPartials += {p, c};
    }
    mock.setScript(Key, withPartials);
    StrategyRun *viaMock = m_host->createRun(QStringLiteral("sma_cross"), params, &error);
    QVERIFY(viaMock);
    viaMock->setForwardUpdates(true);
    viaMock->attach(&mock, {Key});
    mock.subscribe(Key);
    clock.setNow(T0 + 600 * Minute);
    QCOMPARE(viaMock->candleCount(), 1200);
    QCOMPARE(describe(viaMock->collectedSignals()), direct);
    QCOMPARE(viaMock->collectedSignals().first().key, Key);
}

void tst_Strategies::throwingPluginIsStoppedHostGoesOn()
{
    ManualClock clock(T0);
    MockMarket mock(5, &clock);
    mock.setPartialUpdates(false);
    QString error;
    StrategyRun *thrower = m_host->createRun(
        QStringLiteral("throwing"), {{QStringLiteral("after"), QStringLiteral("3")}}, &error);
    QVERIFY2(thrower, qPrintable(error));
    StrategyRun *healthy = m_host->createRun(QStringLiteral("noop"), {}, &error);
    QVERIFY(healthy);
    QSignalSpy hostFailures(m_host, &StrategyHost::runFailed);
    thrower->attach(&mock);
    healthy->attach(&mock);
    mock.subscribe(Key);
    clock.setNow(T0 + 10 * Minute);
    QCOMPARE(hostFailures.size(), 1);
    QCOMPARE(thrower->state(), StrategyRun::State::Failed);
    QVERIFY(thrower->errorString().contains(QLatin1StringView("boom")));
    QCOMPARE(thrower->collectedSignals().size(), 3);
    QCOMPARE(thrower->candleCount(), 4);
    QCOMPARE(healthy->state(), StrategyRun::State::Running);
    QCOMPARE(healthy->candleCount(), 10);
}

// A ReplayFeed feeds runs directly (CandleConsumer), not through its signals: a throwing
// plugin is detached from inside the dispatch, the healthy run and signal receivers go on.
void tst_Strategies::directReplayFeedAtMax()
{
    const CandleBatch candles = MockCandleGenerator(3).range(Key, T0, T0 + 200 * Minute);
    const SeriesKey other{QStringLiteral("binance"), QStringLiteral("ETHUSDT"), Interval::M1};
    ManualClock clock(T0);
    ReplayFeed replay(&clock);
    replay.setCandles(Key, candles);
    replay.setCandles(other, MockCandleGenerator(4).range(other, T0, T0 + 200 * Minute));
    replay.setRange(T0, T0 + 200 * Minute);
    replay.setSpeed(ReplayFeed::MaxSpeed);
    QString error;
    StrategyRun *thrower = m_host->createRun(
        QStringLiteral("throwing"), {{QStringLiteral("after"), QStringLiteral("3")}}, &error);
    QVERIFY2(thrower, qPrintable(error));
    StrategyRun *healthy
        = m_host->createRun(QStringLiteral("sma_cross"),
                            {{QStringLiteral("fast"), 5}, {QStringLiteral("slow"), 20}}, &error);
    QVERIFY2(healthy, qPrintable(error));
    StrategyRun *filtered = m_host->createRun(QStringLiteral("noop"), {}, &error);
    QVERIFY2(filtered, qPrintable(error));
    thrower->attach(&replay);
    healthy->attach(&replay, {Key});
    filtered->attach(&replay, {other});
    int received = 0;
    connect(&replay, &LiveFeed::candleClosed, this, [&received] { ++received; });
    replay.play();
    QTRY_COMPARE(replay.playerState(), ReplayFeed::State::Finished);
    QCOMPARE(received, 400);
    QCOMPARE(thrower->state(), StrategyRun::State::Failed);
    QCOMPARE(thrower->candleCount(), 4);
    QCOMPARE(healthy->state(), StrategyRun::State::Running);
    QCOMPARE(healthy->candleCount(), 200);
    QCOMPARE(filtered->candleCount(), 200);
    // The same signals as handing the candles over one by one.
    QCOMPARE(describe(healthy->collectedSignals()),
             describe(run(QStringLiteral("sma_cross"),
                          {{QStringLiteral("fast"), 5}, {QStringLiteral("slow"), 20}}, candles)));
    QVERIFY(!healthy->collectedSignals().isEmpty());
    delete thrower;
    delete healthy;
    delete filtered;
}

void tst_Strategies::runAndReplayDestroyedInEitherOrder()
{
    const CandleBatch candles = MockCandleGenerator(3).range(Key, T0, T0 + 50 * Minute);
    ManualClock clock(T0);
    QString error;
    {
        // The run goes first: the replay must not call it any more.
        ReplayFeed replay(&clock);
        replay.setCandles(Key, candles);
        replay.setRange(T0, T0 + 50 * Minute);
        replay.setSpeed(ReplayFeed::MaxSpeed);
        StrategyRun *r = m_host->createRun(QStringLiteral("noop"), {}, &error);
        QVERIFY2(r, qPrintable(error));
        r->attach(&replay);
        QSignalSpy closed(&replay, &LiveFeed::candleClosed);
        replay.step();
        QCOMPARE(r->candleCount(), 1);
        delete r;
        replay.play();
        QTRY_COMPARE(replay.playerState(), ReplayFeed::State::Finished);
        QCOMPARE(closed.size(), 50);
    }
    {
        // The replay goes first: the run forgets it and stops cleanly.
        auto *replay = new ReplayFeed(&clock);
        replay->setCandles(Key, candles);
        replay->setRange(T0, T0 + 50 * Minute);
        StrategyRun *r = m_host->createRun(QStringLiteral("noop"), {}, &error);
        QVERIFY2(r, qPrintable(error));
        r->attach(replay);
        replay->step();
        QCOMPARE(r->candleCount(), 1);
        delete replay;
        r->stop();
        QCOMPARE(r->state(), StrategyRun::State::Stopped);
        delete r;
    }
}

void tst_Strategies::summary()
{
    RunSummary s;
    s.addSignal(StrategySignal::Side::Sell, 50); // flat: ignored
    s.addSignal(StrategySignal::Side::Buy, 100);
    s.mark(T0, 90); // -10 % inside the trade
    s.addSignal(StrategySignal::Side::Buy, 95); // already long: ignored
    s.addSignal(StrategySignal::Side::Sell, 110);
    QCOMPARE(s.trades(), 1);
    QVERIFY(qFuzzyCompare(s.totalReturnPercent(), 10.0));
    QVERIFY(qFuzzyCompare(s.maxDrawdownPercent(), 10.0));
    s.addSignal(StrategySignal::Side::Note, 1);
    s.addSignal(StrategySignal::Side::Buy, 110);
    s.addSignal(StrategySignal::Side::Sell, 88); // equity 1.1 * 0.8 = 0.88
    QCOMPARE(s.trades(), 2);
    QCOMPARE(s.winningTrades(), 1);
    QCOMPARE(s.signalCount(), 7);
    QVERIFY(qFuzzyCompare(s.totalReturnPercent(), -12.0));
    QVERIFY(qFuzzyCompare(s.maxDrawdownPercent(), 20.0));
    QVERIFY(!s.inPosition());
    const QJsonObject json = s.toJson();
    QCOMPARE(json.value(QLatin1StringView("trades")).toInt(), 2);
    QCOMPARE(json.value(QLatin1StringView("signals")).toInt(), 7);

    RunSummary empty;
    QCOMPARE(empty.totalReturnPercent(), 0.0);
    QCOMPARE(empty.maxDrawdownPercent(), 0.0);
}

void tst_Strategies::signalJsonLine()
{
    StrategySignal s;
    s.strategy = QStringLiteral("sma_cross");
    s.side = StrategySignal::Side::Buy;
    s.key = Key;
    s.time = T0 + 5 * Minute;
    s.price = 61234.5;
    s.reason = QStringLiteral("a \"quoted\" reason");
    const QByteArray expected = "{\"time\":\"2024-03-01T00:05:00.000Z\",\"symbol\":\"BTCUSDT\","
                                "\"side\":\"buy\",\"price\":61234.5,"
                                "\"reason\":\"a \\\"quoted\\\" reason\",\"interval\":\"1m\","
                                "\"exchange\":\"binance\",\"strategy\":\"sma_cross\"}";
    QCOMPARE(s.toJsonLine(), expected);
}

void tst_Strategies::versionOnePluginsStillRun()
{
    // The test plugins are built against API version 1 (IID org.candlewick.Strategy/1).
    const StrategyInfo *noop = m_host->strategy(QStringLiteral("noop"));
    QVERIFY(noop);
    QCOMPARE(noop->apiVersion, 1);
    QCOMPARE(m_host->strategy(QStringLiteral("sma_cross"))->apiVersion, 2);
    QString error;
    std::unique_ptr<StrategyRun> r(m_host->createRun(QStringLiteral("noop"), {}, &error));
    QVERIFY2(r, qPrintable(error));
    for (const Candle &c : fromCloses({1, 2, 3}))
        r->feed(Key, c);
    QCOMPARE(r->candleCount(), 3);
    QVERIFY(r->plots().isEmpty());
    QVERIFY(r->plotLines(Key).isEmpty());
    QCOMPARE(r->state(), StrategyRun::State::Running);
}

void tst_Strategies::plotWithAnUnknownIdStopsTheRun()
{
    QString error;
    std::unique_ptr<StrategyRun> r(m_host->createRun(QStringLiteral("bad_plot"), {}, &error));
    QVERIFY2(r, qPrintable(error));
    QSignalSpy failed(r.get(), &StrategyRun::failed);
    for (const Candle &c : fromCloses({1, 2, 3, 4}))
        r->feed(Key, c);
    QCOMPARE(r->state(), StrategyRun::State::Failed);
    QCOMPARE(failed.size(), 1);
    QVERIFY2(r->errorString().contains(QLatin1StringView("no plot has the id 99")),
             qPrintable(r->errorString()));
    QCOMPARE(r->plotLines(Key).value(0).values, (QList<double>{1, 2})); // what came before stays
}

void tst_Strategies::examplesPublishTheirLines()
{
    QString error;
    std::unique_ptr<StrategyRun> sma(
        m_host->createRun(QStringLiteral("sma_cross"),
                          {{QStringLiteral("fast"), 2}, {QStringLiteral("slow"), 3}}, &error));
    QVERIFY2(sma, qPrintable(error));
    for (const Candle &c : fromCloses({10, 10, 10, 13, 7, 7}))
        sma->feed(Key, c);
    QCOMPARE(sma->plots().size(), 2);
    const QList<StrategyPlotLine> lines = sma->plotLines(Key);
    QCOMPARE(lines.size(), 2);
    QCOMPARE(lines[0].style.name, QStringLiteral("SMA(2)"));
    QCOMPARE(lines[1].style.name, QStringLiteral("SMA(3)"));
    QVERIFY(lines[0].style.pane.isEmpty()); // over the candles
    // Both from the third candle on (when the slow one exists): 10, 11.5, 10, 7 / 10, 11, 10, 9.
    QCOMPARE(lines[0].times,
             (QList<qint64>{T0 + 2 * Minute, T0 + 3 * Minute, T0 + 4 * Minute, T0 + 5 * Minute}));
    QCOMPARE(lines[0].values, (QList<double>{10, 11.5, 10, 7}));
    QCOMPARE(lines[1].values, (QList<double>{10, 11, 10, 9}));
    QVERIFY(sma->plotLines({QStringLiteral("binance"), QStringLiteral("ETHUSDT"), Interval::M1})
                .isEmpty());

    std::unique_ptr<StrategyRun> rsi(
        m_host->createRun(QStringLiteral("rsi_threshold"),
                          {{QStringLiteral("period"), 2}, {QStringLiteral("low"), 25}}, &error));
    QVERIFY2(rsi, qPrintable(error));
    for (const Candle &c : fromCloses({10, 9, 8, 9, 10}))
        rsi->feed(Key, c);
    const QList<StrategyPlotLine> rsiLines = rsi->plotLines(Key);
    QCOMPARE(rsiLines.size(), 1);
    QCOMPARE(rsiLines[0].style.name, QStringLiteral("RSI(2)"));
    QCOMPARE(rsiLines[0].style.pane, QStringLiteral("RSI(2)")); // a pane of its own
    QCOMPARE(rsiLines[0].style.levels, (QList<double>{25, 70}));
    QCOMPARE(rsiLines[0].style.minimum, 0.0);
    QCOMPARE(rsiLines[0].style.maximum, 100.0);
    QCOMPARE(rsiLines[0].values, (QList<double>{0, 50, 75}));

    // Not collecting (the CLI): nothing kept.
    std::unique_ptr<StrategyRun> quiet(m_host->createRun(QStringLiteral("sma_cross"), {}, &error));
    quiet->setCollectSignals(false);
    for (const Candle &c : fromCloses(QList<double>(30, 5.0)))
        quiet->feed(Key, c);
    QVERIFY(quiet->plotLines(Key).isEmpty());
}

void tst_Strategies::equityCurve()
{
    QString error;
    std::unique_ptr<StrategyRun> r(
        m_host->createRun(QStringLiteral("sma_cross"),
                          {{QStringLiteral("fast"), 2}, {QStringLiteral("slow"), 3}}, &error));
    QVERIFY2(r, qPrintable(error));
    // buy@3 at 13, then 7 (-46 %), sell@5 at 7, buy@6 at 10, then 12.
    for (const Candle &c : fromCloses({10, 10, 10, 13, 7, 7, 10, 12}))
        r->feed(Key, c);
    const QList<RunSummary::CurvePoint> curve = r->summary(Key).curve();
    // From the first signal's candle on, one point per closed candle.
    QCOMPARE(curve.size(), 5);
    QCOMPARE(curve[0].time, T0 + 3 * Minute);
    QCOMPARE(curve[0].equity, 1.0);
    QVERIFY(qFuzzyCompare(curve[1].equity, 7.0 / 13));
    QVERIFY(qFuzzyCompare(curve[1].drawdownPercent, (1 - 7.0 / 13) * 100));
    QVERIFY(qFuzzyCompare(curve[4].equity, 7.0 / 13 * 1.2));
    QVERIFY(qFuzzyCompare(curve[4].drawdownPercent, (1 - 7.0 / 13 * 1.2) * 100));
    QVERIFY(qFuzzyCompare(r->summary(Key).maxDrawdownPercent(), curve[1].drawdownPercent));

    RunSummary bare; // the curve is kept only when asked
    bare.addSignal(StrategySignal::Side::Buy, 1);
    bare.mark(T0, 2);
    QVERIFY(bare.curve().isEmpty());
}

void tst_Strategies::translatedMetadata()
{
    const StrategyInfo *sma = m_host->strategy(QStringLiteral("sma_cross"));
    QVERIFY(sma);
    QCOMPARE(sma->displayName.in(QLocale(QLocale::English)), QStringLiteral("SMA cross"));
    QCOMPARE(sma->displayName.in(QLocale(QLocale::German, QLocale::Germany)),
             QStringLiteral("SMA-Kreuzung"));
    QCOMPARE(sma->displayName.in(QLocale(QLocale::Chinese, QLocale::China)),
             QStringLiteral("SMA 交叉"));
    const StrategyParameter *fast = sma->parameter(QStringLiteral("fast"));
    QCOMPARE(fast->label.in(QLocale(QLocale::English)), QStringLiteral("Fast SMA"));
    QCOMPARE(fast->label.in(QLocale(QLocale::German)), QStringLiteral("Schneller SMA"));
    QVERIFY(fast->description.in(QLocale(QLocale::German)).contains(u"Kerzen"));

    QString error;
    const auto bare = StrategyInfo::fromJson(
        QJsonDocument::fromJson(R"({"name": "x", "displayName[fr]": "Croix",
                                    "parameters": [{"name": "n", "type": "int", "default": 1}]})")
            .object(),
        &error);
    QVERIFY2(bare, qPrintable(error));
    QCOMPARE(bare->displayName.in(QLocale(QLocale::German)), QStringLiteral("x")); // the name
    QCOMPARE(bare->displayName.in(QLocale(QLocale::French)), QStringLiteral("Croix"));
    QCOMPARE(bare->parameters[0].label.in(QLocale(QLocale::German)), QStringLiteral("n"));
}

void tst_Strategies::reasonsFollowTheLanguage_data()
{
    QTest::addColumn<QString>("language");
    QTest::addColumn<QString>("strategy");
    QTest::addColumn<QStringList>("expected");
    const QStringList sma{QStringLiteral("SMA(2) 11.5 crossed above SMA(3) 11"),
                          QStringLiteral("SMA(2) 7 crossed below SMA(3) 9")};
    const QStringList rsi{QStringLiteral("RSI(2) rose through 30: 50.00"),
                          QStringLiteral("RSI(2) fell through 70: 43.75")};
    QTest::newRow("sma en") << "en"
                            << "sma_cross" << sma;
    QTest::newRow("sma de") << "de"
                            << "sma_cross"
                            << QStringList{
                                   QStringLiteral("SMA(2) 11.5 kreuzte SMA(3) 11 nach oben"),
                                   QStringLiteral("SMA(2) 7 kreuzte SMA(3) 9 nach unten")};
    QTest::newRow("sma zh_CN") << "zh_CN"
                               << "sma_cross"
                               << QStringList{QStringLiteral("SMA(2) 11.5 上穿 SMA(3) 11"),
                                              QStringLiteral("SMA(2) 7 下穿 SMA(3) 9")};
    QTest::newRow("rsi en") << "en"
                            << "rsi_threshold" << rsi;
    QTest::newRow("rsi de") << "de"
                            << "rsi_threshold"
                            << QStringList{QStringLiteral("RSI(2) stieg über 30: 50.00"),
                                           QStringLiteral("RSI(2) fiel unter 70: 43.75")};
    QTest::newRow("rsi zh_CN") << "zh_CN"
                               << "rsi_threshold"
                               << QStringList{QStringLiteral("RSI(2) 向上穿越 30：50.00"),
                                              QStringLiteral("RSI(2) 向下穿越 70：43.75")};
    QTest::newRow("back to en after zh_CN") << "en"
                                            << "rsi_threshold" << rsi;
}

// The example plugins carry their messages' translations; a run speaks QLocale()'s language.
void tst_Strategies::reasonsFollowTheLanguage()
{
    QFETCH(QString, language);
    QFETCH(QString, strategy);
    QFETCH(QStringList, expected);
    const bool sma = strategy == u"sma_cross";
    const QVariantMap params = sma
        ? QVariantMap{{QStringLiteral("fast"), 2}, {QStringLiteral("slow"), 3}}
        : QVariantMap{{QStringLiteral("period"), 2},
                      {QStringLiteral("low"), 30},
                      {QStringLiteral("high"), 70}};
    const QList<double> closes
        = sma ? QList<double>{10, 10, 10, 13, 7, 7} : QList<double>{10, 9, 8, 9, 10, 11, 10, 9};
    const QLocale before;
    QLocale::setDefault(QLocale(language));
    const QList<StrategySignal> signals_ = run(strategy, params, fromCloses(closes));
    QLocale::setDefault(before);
    QStringList reasons;
    for (const StrategySignal &s : signals_)
        reasons.append(s.reason);
    QCOMPARE(reasons, expected);
}

QTEST_GUILESS_MAIN(tst_Strategies)
#include "tst_strategies.moc"
