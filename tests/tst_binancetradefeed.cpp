#include <binance/binancetradefeed.h>
#include <binanceliverig.h>
#include <tradelivefeed.h>

#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace Candlewick;
using namespace Candlewick::Testing;

namespace {

// 2023-11-14 22:13:00 UTC, a minute boundary, plus 30 s.
constexpr qint64 T0 = 1699999980000LL + 30000;

SeriesKey key(const char *symbol, Interval interval = Interval::S1)
{
    return {QStringLiteral("binance"), QString::fromLatin1(symbol), interval};
}

// What trades can say about a candle: the synthetic market's quote and taker volumes are not
// sums over trades, nor is its trade count when a candle needs more prices than it has trades.
void compareCandle(const Candle &built, const Candle &truth)
{
    QCOMPARE(built.openTime, truth.openTime);
    QCOMPARE(built.open, truth.open);
    QCOMPARE(built.high, truth.high);
    QCOMPARE(built.low, truth.low);
    QCOMPARE(built.close, truth.close);
    QCOMPARE(built.volume, truth.volume);
    QVERIFY(built.closed);
}

} // namespace

// Binance's trade stream end to end on one ManualClock: the fake WebSocket sends the trades of
// the fake REST server's 1s candles; BinanceTradeFeed, TradeLiveFeed and a GapFreeFeed backfilling
// over the REST provider turn them into closed candles.
struct Rig : BinanceLiveRig
{
    BinanceTradeFeed *trades = nullptr; // owned by `live`

    Rig()
        : BinanceLiveRig(T0, {"BTCUSDT", "ETHUSDT"})
    {
        BinanceTradeFeed::Options options;
        options.seed = 7;
        trades = new BinanceTradeFeed(ws.url(), options, &clock);
        start(new TradeLiveFeed(trades), 7);
    }

    // Closed candles once each, consecutive, equal to the ground truth; returns how many.
    qsizetype verifySequence(const SeriesKey &k)
    {
        const CandleBatch got = closed.value(k);
        if (got.isEmpty())
            return 0;
        const CandleBatch truth = rest.groundTruth(k.symbol, k.interval,
                                                   {got.first().openTime, got.last().openTime + 1});
        if (got.size() != truth.size())
            return -1;
        for (qsizetype i = 0; i < got.size(); ++i) {
            compareCandle(got[i], truth[i]);
            if (QTest::currentTestFailed())
                return -1;
        }
        return got.size();
    }
};

class TestBinanceTradeFeed : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase()
    {
        qRegisterMetaType<SeriesKey>();
        qRegisterMetaType<Candle>();
        qRegisterMetaType<ConnectionState>();
    }

    void tradesBuildTheExchangeCandles()
    {
        Rig rig;
        rig.live->subscribe(key("BTCUSDT"));
        rig.live->subscribe(key("BTCUSDT", Interval::M1));
        rig.live->subscribe(key("ETHUSDT"));
        QVERIFY(rig.waitLive());
        QCOMPARE(rig.ws.allStreams().size(), 2); // one trade stream per symbol
        QVERIFY(rig.ws.allStreams().contains(QStringLiteral("btcusdt@trade")));
        rig.step(40000);
        QVERIFY(rig.ws.tradeEventsSent() > 40);
        QCOMPARE(rig.frames.unexplainedMissing(), 0);
        // 40 s of 1s candles, less the one joined mid-way and those still within the grace;
        // quiet seconds (no trades) come as flat candles, as Binance's own klines have them.
        QVERIFY(rig.verifySequence(key("BTCUSDT")) >= 30);
        QVERIFY(rig.verifySequence(key("ETHUSDT")) >= 30);
        // The 1m candle is rebuilt from trades only for minutes watched whole.
        QCOMPARE(rig.closed.value(key("BTCUSDT", Interval::M1)).size(), 0);
        QCOMPARE(rig.trades->subscriptions(),
                 (QStringList{QStringLiteral("BTCUSDT"), QStringLiteral("ETHUSDT")}));
        QCOMPARE(rig.trades->stats().losses, 0);
        QCOMPARE(rig.trades->stats().trades, rig.ws.tradeEventsSent());
    }

    void dropIsALossRepairedFromHistory()
    {
        Rig rig;
        rig.live->subscribe(key("BTCUSDT"));
        QVERIFY(rig.waitLive());
        rig.step(10000);
        const qsizetype before = rig.closed.value(key("BTCUSDT")).size();
        QVERIFY2(before >= 4,
                 qPrintable(QString::number(before) + QStringLiteral(" closed, trades sent ")
                            + QString::number(rig.ws.tradeEventsSent())));
        QSignalSpy lost(rig.trades, &TradeFeed::tradesLost);
        rig.ws.dropAll();
        rig.frames.rebase();
        rig.step(5000); // reconnects after a backoff of at most 500 ms
        QTRY_COMPARE(rig.live->state(), ConnectionState::Live);
        rig.step(10000);
        QCOMPARE(lost.size(), 1);
        QCOMPARE(lost.first().at(0).toString(), QStringLiteral("BTCUSDT"));
        QVERIFY(lost.first().at(1).toLongLong() > T0 * 1000);
        QCOMPARE(rig.trades->stats().reconnects, 1);
        QVERIFY(rig.live->stats().candlesBackfilled >= 3);
        // Nothing missing, nothing twice, every candle the exchange's.
        QVERIFY(rig.verifySequence(key("BTCUSDT")) >= before + 12);
    }

    void unsubscribeLeavesTheStream()
    {
        Rig rig;
        rig.live->subscribe(key("BTCUSDT"));
        rig.live->subscribe(key("ETHUSDT"));
        QVERIFY(rig.waitLive());
        rig.live->unsubscribe(key("ETHUSDT"));
        rig.step(2000);
        QTRY_COMPARE(rig.ws.allStreams(), QStringList{QStringLiteral("btcusdt@trade")});
        QCOMPARE(rig.trades->subscriptions(), QStringList{QStringLiteral("BTCUSDT")});
    }
};

QTEST_GUILESS_MAIN(TestBinanceTradeFeed)
#include "tst_binancetradefeed.moc"
