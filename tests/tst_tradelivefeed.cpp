#include <gapfreefeed.h>
#include <scriptedhistory.h>
#include <historysource.h>
#include <manualclock.h>
#include <timerange.h>
#include <tradefeed.h>
#include <tradelivefeed.h>

#include <QPointer>
#include <QSignalSpy>
#include <QTest>

using namespace Candlewick;
using namespace Candlewick::Testing;

namespace {

constexpr qint64 Minute = 60'000;
constexpr qint64 T0 = 1709251200000; // 2024-03-01T00:00:00Z
constexpr qint64 Sec = 1'000'000; // µs
const QString Symbol = QStringLiteral("BTC-USD");
const SeriesKey Key{QStringLiteral("test"), Symbol, Interval::M1};
const SeriesKey Key1s{QStringLiteral("test"), Symbol, Interval::S1};

// µs at minute m, second s of the script.
qint64 at(int m, double s)
{
    return (T0 + m * Minute) * 1000 + qint64(s * Sec);
}

Trade trade(qint64 timeUs, qint64 id, const char *price, const char *size)
{
    return Trade{timeUs, id, *ExactDecimal::parse(std::string_view(price)),
                 *ExactDecimal::parse(std::string_view(size)), TradeSide::Sell};
}

Candle restCandle(int minute, const char *o, const char *h, const char *l, const char *c,
                  const char *v, const char *q, qint64 n)
{
    Candle k;
    k.openTime = T0 + minute * Minute;
    k.open = QByteArray(o).toDouble();
    k.high = QByteArray(h).toDouble();
    k.low = QByteArray(l).toDouble();
    k.close = QByteArray(c).toDouble();
    k.volume = QByteArray(v).toDouble();
    k.quoteVolume = QByteArray(q).toDouble();
    k.trades = n;
    return k;
}

// A trade feed the test drives by hand.
class ScriptedTradeFeed : public TradeFeed
{
public:
    void subscribe(const QString &symbol) override
    {
        if (!m_symbols.contains(symbol))
            m_symbols.append(symbol);
    }
    void unsubscribe(const QString &symbol) override { m_symbols.removeAll(symbol); }
    QStringList subscriptions() const override { return m_symbols; }
    TradeFeedStats stats() const override
    {
        TradeFeedStats s;
        s.frames = frames;
        return s;
    }

    using TradeFeed::setState;
    void send(const TradeBatch &trades)
    {
        ++frames;
        emit tradesReceived(Symbol, trades);
    }
    void heartbeat(qint64 timeUs) { emit exchangeTime(timeUs); }
    void lose(qint64 fromUs) { emit tradesLost(Symbol, fromUs); }

    qint64 frames = 0;

private:
    QStringList m_symbols;
};

// The script's minutes: trades whose sums are the REST candles below.
TradeBatch minuteTrades(int m)
{
    switch (m) {
    case 0:
        return {trade(at(0, 30), 1, "61000.01", "0.1"), trade(at(0, 50), 2, "61000.02", "0.2")};
    case 1:
        return {trade(at(1, 0.25), 3, "61001.10", "0.1"), trade(at(1, 20), 4, "61003.00", "0.2"),
                trade(at(1, 40), 5, "60999.99", "0.00000001"),
                trade(at(1, 59.9), 6, "61002.50", "1.5")};
    case 2:
        return {trade(at(2, 5), 7, "61010", "0.3"), trade(at(2, 40), 9, "61020", "0.7")};
    case 3:
        return {trade(at(3, 1), 10, "61030", "0.25"), trade(at(3, 59), 11, "61040", "0.05")};
    default:
        return {};
    }
}

const Candle Rest1 = restCandle(1, "61001.10", "61003.00", "60999.99", "61002.50", "1.80000001",
                                "109804.4606099999", 4);
// Trade 8 (61005 × 0.5) is the one the loss test never receives.
const Candle Rest2 = restCandle(2, "61010", "61020", "61005", "61020", "1.5", "91519.5", 3);
const Candle Rest3 = restCandle(3, "61030", "61040", "61030", "61040", "0.3", "18309.5", 2);

struct Rig
{
    ManualClock clock{T0 + 2 * Minute};
    ScriptedTradeFeed *trades = new ScriptedTradeFeed; // owned by live
    TradeLiveFeed *live = new TradeLiveFeed(trades); // owned by gapFree
    ScriptedHistory history;
    GapFreeFeed gapFree{live, &history, &clock};
    CandleBatch closed;
    QList<Candle> updated;

    Rig()
    {
        history.candles = {Rest1, Rest2, Rest3};
        QObject::connect(&gapFree, &LiveFeed::candleClosed, &gapFree,
                         [this](const SeriesKey &, const Candle &c) { closed.append(c); });
        QObject::connect(&gapFree, &LiveFeed::candleUpdated, &gapFree,
                         [this](const SeriesKey &, const Candle &c) { updated.append(c); });
    }
};

} // namespace

class tst_TradeLiveFeed : public QObject
{
    Q_OBJECT
private slots:
    void closedCandlesEqualTheRestCandles();
    void heartbeatClosesAQuietMinute();
    void lateAndOutOfOrderTradesWithinTheGrace();
    void lossIsRepairedFromHistory();
    void reconnectIsRepairedFromHistory();
    void intervalsOfOneSymbolShareTheSubscription();
    void statsAndState();
};

void tst_TradeLiveFeed::closedCandlesEqualTheRestCandles()
{
    Rig rig;
    rig.gapFree.subscribe(Key);
    QCOMPARE(rig.trades->subscriptions(), QStringList{Symbol});
    rig.trades->setState(ConnectionState::Live);
    rig.trades->send(minuteTrades(0)); // watching began mid-minute 0: never closed
    rig.trades->send(minuteTrades(1));
    QVERIFY(rig.closed.isEmpty());
    rig.trades->send(minuteTrades(2));
    QCOMPARE(rig.closed.size(), 1);
    Candle built = rig.closed.first();
    QCOMPARE(built.openTime, T0 + Minute);
    built.takerBuyBase = built.takerBuyQuote = 0; // the script's trades are all sells
    QCOMPARE(built, Rest1);
    QVERIFY(rig.history.requests.isEmpty());
    // One forming update per trade batch, the newest minute.
    QCOMPARE(rig.updated.size(), 3);
    QCOMPARE(rig.updated.last().openTime, T0 + 2 * Minute);
    QVERIFY(!rig.updated.last().closed);
    QCOMPARE(rig.updated.last().trades, 2);
}

void tst_TradeLiveFeed::heartbeatClosesAQuietMinute()
{
    Rig rig;
    rig.gapFree.subscribe(Key);
    rig.trades->setState(ConnectionState::Live);
    rig.trades->send(minuteTrades(0));
    rig.trades->send(minuteTrades(1));
    rig.trades->heartbeat(at(2, 1.999));
    QVERIFY(rig.closed.isEmpty()); // within the 2 s grace
    rig.trades->heartbeat(at(2, 2));
    QCOMPARE(rig.closed.size(), 1);
    QCOMPARE(rig.closed.first().openTime, T0 + Minute);
    QCOMPARE(rig.closed.first().volume, QByteArray("1.80000001").toDouble());
}

void tst_TradeLiveFeed::lateAndOutOfOrderTradesWithinTheGrace()
{
    Rig rig;
    rig.gapFree.subscribe(Key);
    QSignalSpy log(&rig.gapFree, &LiveFeed::logMessage);
    rig.trades->setState(ConnectionState::Live);
    rig.trades->send(minuteTrades(0));
    TradeBatch m1 = minuteTrades(1);
    // The last trade of minute 1 arrives after one of minute 2, the first one last of all.
    rig.trades->send({m1[1], m1[2]});
    rig.trades->send({trade(at(2, 0.5), 7, "61010", "0.3"), m1[3]});
    rig.trades->send({m1[0]});
    rig.trades->heartbeat(at(2, 2));
    QCOMPARE(rig.closed.size(), 1);
    Candle built = rig.closed.first();
    built.takerBuyBase = built.takerBuyQuote = 0;
    QCOMPARE(built, Rest1);
    // Past the grace a trade of minute 1 cannot change it any more: it is logged.
    rig.trades->send({trade(at(1, 30), 99, "1", "1")});
    QCOMPARE(rig.closed.size(), 1);
    QVERIFY(log.size() >= 1);
    QVERIFY(log.last().first().toString().contains(QStringLiteral("after their candle")));
}

void tst_TradeLiveFeed::lossIsRepairedFromHistory()
{
    Rig rig;
    rig.gapFree.subscribe(Key);
    rig.trades->setState(ConnectionState::Live);
    QSignalSpy connected(rig.live, &LiveFeed::seriesConnected);
    rig.trades->send(minuteTrades(0));
    rig.trades->send(minuteTrades(1));
    rig.trades->send({minuteTrades(2).first()});
    QCOMPARE(rig.closed.size(), 1);
    // A sequence gap after 2:05: trade 8 of minute 2 is lost.
    rig.clock.setNow(T0 + 2 * Minute + 30'000);
    rig.trades->lose(at(2, 5));
    QCOMPARE(connected.size(), 1);
    QCOMPARE(connected.first().first().value<QList<SeriesKey>>(), QList<SeriesKey>{Key});
    QVERIFY(rig.history.requests.isEmpty()); // minute 2 is still forming: nothing to fetch yet
    rig.trades->send({minuteTrades(2).last()});
    rig.trades->send(minuteTrades(3));
    rig.clock.setNow(T0 + 4 * Minute + 2000);
    rig.trades->heartbeat(at(4, 2));
    // Minute 2 was built from part of its trades: it comes from history, then minute 3 live.
    QCOMPARE(rig.history.requests, (QList<TimeRange>{{T0 + 2 * Minute, T0 + 3 * Minute}}));
    QTRY_COMPARE(rig.closed.size(), 3);
    QCOMPARE(rig.closed[1], Rest2);
    QCOMPARE(rig.closed[2].openTime, T0 + 3 * Minute);
    Candle built = rig.closed[2];
    built.takerBuyBase = built.takerBuyQuote = 0;
    QCOMPARE(built, Rest3);
    QCOMPARE(rig.gapFree.stats().candlesBackfilled, 1);
}

void tst_TradeLiveFeed::reconnectIsRepairedFromHistory()
{
    // Recorded up to minute 1 before a restart; the exchange is at minute 3 now.
    Rig rig;
    rig.clock.setNow(T0 + 3 * Minute + 10'000);
    rig.gapFree.setResumePoint(Key, T0 + Minute);
    rig.gapFree.subscribe(Key);
    QVERIFY(rig.history.requests.isEmpty());
    rig.trades->setState(ConnectionState::Live); // announced as seriesConnected: catch up
    QCOMPARE(rig.history.requests, (QList<TimeRange>{{T0 + Minute, T0 + 3 * Minute}}));
    QTRY_COMPARE(rig.closed.size(), 2);
    QCOMPARE(rig.closed[0], Rest1);
    QCOMPARE(rig.closed[1], Rest2);
    // Minute 3 was joined mid-way: it is not closed from its partial trades but from history.
    rig.trades->send({trade(at(3, 30), 11, "61040", "0.05")});
    rig.trades->send({trade(at(4, 30), 12, "61050", "1")});
    rig.trades->heartbeat(at(5, 2));
    QTRY_COMPARE(rig.closed.size(), 4);
    QCOMPARE(rig.closed[2], Rest3);
    QCOMPARE(rig.closed[3].openTime, T0 + 4 * Minute);
    QCOMPARE(rig.closed[3].volume, 1.0);
}

void tst_TradeLiveFeed::intervalsOfOneSymbolShareTheSubscription()
{
    auto *trades = new ScriptedTradeFeed;
    TradeLiveFeed live(trades);
    QList<SeriesKey> closedKeys;
    connect(&live, &LiveFeed::candleClosed, &live,
            [&](const SeriesKey &key, const Candle &) { closedKeys.append(key); });
    live.subscribe(Key);
    live.subscribe(Key1s);
    live.subscribe(Key1s);
    QCOMPARE(trades->subscriptions(), QStringList{Symbol});
    QCOMPARE(live.subscriptions(), (QList<SeriesKey>{Key, Key1s}));
    trades->send({trade(at(0, 0.5), 1, "1", "1")});
    trades->send({trade(at(1, 1), 2, "1", "1")});
    trades->send({trade(at(1, 30), 3, "1", "1")});
    // 1s: second 1:01 closed (0:00 was joined mid-way); 1m: nothing complete yet.
    QCOMPARE(closedKeys, QList<SeriesKey>{Key1s});
    live.unsubscribe(Key1s);
    QCOMPARE(trades->subscriptions(), QStringList{Symbol});
    live.unsubscribe(Key);
    QVERIFY(trades->subscriptions().isEmpty());
}

void tst_TradeLiveFeed::statsAndState()
{
    auto *trades = new ScriptedTradeFeed;
    TradeLiveFeed live(trades);
    QSignalSpy states(&live, &LiveFeed::connectionStateChanged);
    QSignalSpy connected(&live, &LiveFeed::seriesConnected);
    live.subscribe(Key);
    trades->setState(ConnectionState::Connecting);
    trades->setState(ConnectionState::Live);
    QCOMPARE(live.state(), ConnectionState::Live);
    QCOMPARE(states.size(), 2);
    QCOMPARE(connected.size(), 1);
    trades->send({trade(at(0, 1), 1, "1", "1"), trade(at(0, 1), 1, "1", "1")});
    QCOMPARE(live.stats().frames, 1);
    QCOMPARE(live.stats().duplicatesDropped, 1);
    QCOMPARE(live.stats().updatesEmitted, 1);
    QCOMPARE(live.tradeFeed(), trades);
}

QTEST_GUILESS_MAIN(tst_TradeLiveFeed)
#include "tst_tradelivefeed.moc"
