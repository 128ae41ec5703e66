#include <exactdecimal.h>
#include <tradeaggregator.h>

#include <QTest>

using namespace Candlewick;

namespace {

constexpr qint64 MinuteUs = 60'000'000;
constexpr qint64 T0Ms = 1709251200000; // 2024-03-01T00:00:00Z
constexpr qint64 T0 = T0Ms * 1000;
constexpr qint64 Grace = 2'000'000;

ExactDecimal dec(const char *text)
{
    return *ExactDecimal::parse(std::string_view(text));
}

Trade trade(qint64 timeUs, qint64 id, const char *price, const char *size,
            TradeSide side = TradeSide::Buy)
{
    return Trade{timeUs, id, dec(price), dec(size), side};
}

double num(const char *text)
{
    return QByteArray(text).toDouble();
}

// An aggregator that watched from T0 on: the minute at T0 is complete.
TradeAggregator watchedFromT0(Interval interval = Interval::M1,
                              TradeAggregator::EmptyIntervals empty
                              = TradeAggregator::EmptyIntervals::Omit)
{
    TradeAggregator a(interval, {Grace, empty});
    a.setCompleteFrom(T0);
    return a;
}

} // namespace

class TestTradeAggregator : public QObject
{
    Q_OBJECT

private slots:
    void decimalParseAndPrint_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<qint64>("units");
        QTest::addColumn<int>("scale");
        QTest::newRow("integer") << "3" << qint64(3) << 0;
        QTest::newRow("trailing zeros kept") << "0.00100000" << qint64(100000) << 8;
        QTest::newRow("price") << "66312.4" << qint64(663124) << 1;
        QTest::newRow("negative") << "-0.25" << qint64(-25) << 2;
        QTest::newRow("18 digits") << "0.000000000000000001" << qint64(1) << 18;
        QTest::newRow("qint64 max") << "9223372036854775807" << qint64(9223372036854775807) << 0;
    }
    void decimalParseAndPrint()
    {
        QFETCH(QString, text);
        QFETCH(qint64, units);
        QFETCH(int, scale);
        const auto d = ExactDecimal::parse(QStringView(text));
        QVERIFY(d);
        QCOMPARE(d->units, units);
        QCOMPARE(int(d->scale), scale);
        QCOMPARE(d->toString(), text);
        QCOMPARE(d->toDouble(), text.toDouble());
    }

    void decimalRefusesMalformed_data()
    {
        QTest::addColumn<QString>("text");
        for (const char *bad : {"", "-", ".5", "5.", "1.2.3", "1e5", " 1", "1,5", "0x10",
                                "0.0000000000000000001", "9223372036854775808", "+1"})
            QTest::newRow(bad) << QString::fromLatin1(bad);
    }
    void decimalRefusesMalformed()
    {
        QFETCH(QString, text);
        QVERIFY(!ExactDecimal::parse(QStringView(text)));
    }

    void decimalLargeToDouble()
    {
        // Beyond 2^53 units the division is no longer exact: the result still rounds correctly.
        const auto d = ExactDecimal::parse(std::string_view("92233720.36854775807"));
        QVERIFY(d);
        QCOMPARE(d->toDouble(), num("92233720.36854775807"));
    }

    void exactSums()
    {
        // 0.1 + 0.2 summed as doubles is 0.30000000000000004; the exchange's candle says 0.3.
        TradeAggregator a = watchedFromT0();
        CandleBatch closed;
        const TradeBatch trades{trade(T0 + 1, 1, "100.10", "0.1"),
                                trade(T0 + 2, 2, "100.20", "0.2", TradeSide::Sell),
                                trade(T0 + 3, 3, "100.30", "0.00000001")};
        a.addTrades(trades, closed);
        a.advanceTo(T0 + MinuteUs + Grace, closed);
        QCOMPARE(closed.size(), 1);
        const Candle &c = closed.first();
        QCOMPARE(c.openTime, T0Ms);
        QCOMPARE(c.volume, num("0.30000001"));
        QVERIFY(c.volume != 0.1 + 0.2 + 0.00000001);
        // 100.10*0.1 + 100.20*0.2 + 100.30*0.00000001
        QCOMPARE(c.quoteVolume, num("30.050001003"));
        QCOMPARE(c.takerBuyBase, num("0.10000001"));
        QCOMPARE(c.takerBuyQuote, num("10.010001003"));
        QCOMPARE(c.trades, qint64(3));
        QCOMPARE(c.open, 100.10);
        QCOMPARE(c.close, 100.30);
        QCOMPARE(c.high, 100.30);
        QCOMPARE(c.low, 100.10);
        QVERIFY(c.closed);
    }

    void equalsTheExchangeCandle()
    {
        // A Binance-style minute: 8-decimal strings; the sums are what the exchange's row says.
        TradeAggregator a = watchedFromT0();
        CandleBatch closed;
        TradeBatch trades;
        const char *sizes[]
            = {"0.00012000", "0.03310000", "1.20000000", "0.00000700", "0.50505050"};
        const char *prices[] = {"66312.40000000", "66312.41000000", "66300.00000000",
                                "66333.33000000", "66320.10000000"};
        for (int i = 0; i < 5; ++i)
            trades.append(trade(T0 + i * 7'000'000, 1000 + i, prices[i], sizes[i],
                                i % 2 ? TradeSide::Sell : TradeSide::Buy));
        a.addTrades(trades, closed);
        a.advanceTo(T0 + MinuteUs + Grace, closed);
        QCOMPARE(closed.size(), 1);
        Candle rest; // the exchange's REST row for this minute, parsed from its strings
        rest.openTime = T0Ms;
        rest.open = num("66312.40000000");
        rest.high = num("66333.33000000");
        rest.low = num("66300.00000000");
        rest.close = num("66320.10000000");
        rest.volume = num("1.73827750");
        rest.quoteVolume = num("115258.36225736");
        rest.trades = 5;
        rest.takerBuyBase = num("1.70517050");
        rest.takerBuyQuote = num("113062.95715305");
        QCOMPARE(closed.first(), rest);
    }

    void minuteBoundaries()
    {
        TradeAggregator a = watchedFromT0();
        CandleBatch closed;
        a.addTrades(TradeBatch{trade(T0 + MinuteUs - 1, 1, "1", "1"),
                               trade(T0 + MinuteUs, 2, "2", "1"),
                               trade(T0 + MinuteUs + Grace - 1, 3, "3", "1")},
                    closed);
        QVERIFY(closed.isEmpty());
        a.addTrades(TradeBatch{trade(T0 + 2 * MinuteUs + Grace, 4, "4", "1")}, closed);
        QCOMPARE(closed.size(), 2);
        QCOMPARE(closed[0].openTime, T0Ms);
        QCOMPARE(closed[0].close, 1.0);
        QCOMPARE(closed[0].trades, qint64(1));
        QCOMPARE(closed[1].openTime, T0Ms + 60'000);
        QCOMPARE(closed[1].open, 2.0);
        QCOMPARE(closed[1].close, 3.0);
        QCOMPARE(closed[1].trades, qint64(2));
    }

    void closesByTheExchangeClockOnly()
    {
        TradeAggregator a = watchedFromT0();
        CandleBatch closed;
        a.addTrades(TradeBatch{trade(T0 + 5, 1, "1", "1")}, closed);
        QVERIFY(a.forming());
        QCOMPARE(a.forming()->openTime, T0Ms);
        QVERIFY(!a.forming()->closed);
        // A trade of the next minute within the grace does not close it yet, nor a heartbeat.
        a.addTrades(TradeBatch{trade(T0 + MinuteUs + 10, 2, "2", "1")}, closed);
        a.advanceTo(T0 + MinuteUs + Grace - 1, closed);
        QVERIFY(closed.isEmpty());
        a.advanceTo(T0 + MinuteUs + Grace, closed);
        QCOMPARE(closed.size(), 1);
        QCOMPARE(closed[0].openTime, T0Ms);
        QCOMPARE(a.forming()->openTime, T0Ms + 60'000);
        QCOMPARE(a.exchangeTimeUs(), T0 + MinuteUs + Grace);
    }

    void tiesByTradeId()
    {
        TradeAggregator a = watchedFromT0();
        CandleBatch closed;
        // Same time, delivered in reverse id order: open is the lower id, close the higher.
        a.addTrades(TradeBatch{trade(T0 + 100, 8, "8", "1"), trade(T0 + 100, 7, "7", "1")}, closed);
        a.advanceTo(T0 + MinuteUs + Grace, closed);
        QCOMPARE(closed.size(), 1);
        QCOMPARE(closed[0].open, 7.0);
        QCOMPARE(closed[0].close, 8.0);
    }

    void lateTradesWithinGraceAreFoldedIn()
    {
        TradeAggregator a = watchedFromT0();
        CandleBatch closed;
        a.addTrades(TradeBatch{trade(T0 + 30'000'000, 2, "20", "1"),
                               trade(T0 + MinuteUs + 500'000, 4, "40", "1"),
                               // out of order, within the grace: belongs to the first minute
                               trade(T0 + 10'000'000, 1, "10", "1"),
                               trade(T0 + MinuteUs - 1, 3, "30", "0.5")},
                    closed);
        QVERIFY(closed.isEmpty());
        a.advanceTo(T0 + MinuteUs + Grace, closed);
        QCOMPARE(closed.size(), 1);
        QCOMPARE(closed[0].open, 10.0);
        QCOMPARE(closed[0].close, 30.0);
        QCOMPARE(closed[0].high, 30.0);
        QCOMPARE(closed[0].low, 10.0);
        QCOMPARE(closed[0].volume, 2.5);
        QCOMPARE(closed[0].trades, qint64(3));
        // Past the grace the minute is closed: a new trade for it is late, not folded in.
        a.addTrades(TradeBatch{trade(T0 + 59'000'000, 5, "99", "1")}, closed);
        QCOMPARE(closed.size(), 1);
        QCOMPARE(a.stats().late, qint64(1));
        QCOMPARE(a.stats().duplicates, qint64(0));
    }

    void duplicatesAreDropped()
    {
        TradeAggregator a = watchedFromT0();
        CandleBatch closed;
        const TradeBatch snapshot{trade(T0 + 3, 12, "3", "1"), trade(T0 + 2, 11, "2", "1"),
                                  trade(T0 + 1, 10, "1", "1")};
        a.addTrades(snapshot, closed);
        // The first update overlaps the snapshot; ids arrive out of order.
        a.addTrades(TradeBatch{trade(T0 + 2, 11, "2", "1"), trade(T0 + 5, 14, "5", "1"),
                               trade(T0 + 4, 13, "4", "1"), trade(T0 + 5, 14, "5", "1"),
                               trade(T0 + 1, 10, "1", "1")},
                    closed);
        QCOMPARE(a.stats().duplicates, qint64(3));
        a.advanceTo(T0 + MinuteUs + Grace, closed);
        QCOMPARE(closed.size(), 1);
        QCOMPARE(closed[0].trades, qint64(5));
        QCOMPARE(closed[0].volume, 5.0);
        QCOMPARE(closed[0].open, 1.0);
        QCOMPARE(closed[0].close, 5.0);
        // A snapshot replayed after the minute closed is a duplicate, not a late trade.
        a.addTrades(snapshot, closed);
        QCOMPARE(a.stats().duplicates, qint64(6));
        QCOMPARE(a.stats().late, qint64(0));
    }

    void firstIntervalIsIncomplete()
    {
        // Watching starts mid-minute: that minute is not closed, the next one is.
        TradeAggregator a(Interval::M1, {Grace, TradeAggregator::EmptyIntervals::Omit});
        CandleBatch closed;
        a.addTrades(TradeBatch{trade(T0 + 30'000'000, 1, "1", "1")}, closed);
        a.addTrades(TradeBatch{trade(T0 + MinuteUs + 30'000'000, 2, "2", "1")}, closed);
        a.advanceTo(T0 + 2 * MinuteUs + Grace, closed);
        QCOMPARE(closed.size(), 1);
        QCOMPARE(closed[0].openTime, T0Ms + 60'000);
        QCOMPARE(a.stats().incomplete, qint64(1));
    }

    void lossMakesTheMinutesIncomplete()
    {
        TradeAggregator a = watchedFromT0();
        CandleBatch closed;
        a.addTrades(TradeBatch{trade(T0 + 10'000'000, 1, "1", "1")}, closed);
        a.addTrades(TradeBatch{trade(T0 + MinuteUs + 10'000'000, 2, "2", "1")}, closed);
        // A gap: trades after 1m10s may be lost; the next message is at 2m30s.
        a.markLost(T0 + MinuteUs + 10'000'000);
        a.addTrades(TradeBatch{trade(T0 + 2 * MinuteUs + 30'000'000, 4, "4", "1")}, closed);
        a.addTrades(TradeBatch{trade(T0 + 3 * MinuteUs + 30'000'000, 5, "5", "1")}, closed);
        a.advanceTo(T0 + 4 * MinuteUs + Grace, closed);
        // Minute 0 is complete; minutes 1 and 2 are not (repaired from history); 3 is.
        QCOMPARE(closed.size(), 2);
        QCOMPARE(closed[0].openTime, T0Ms);
        QCOMPARE(closed[1].openTime, T0Ms + 3 * 60'000);
        QCOMPARE(a.stats().incomplete, qint64(2));
    }

    void lossResolvedByAHeartbeat()
    {
        TradeAggregator a = watchedFromT0();
        CandleBatch closed;
        a.addTrades(TradeBatch{trade(T0 + 10'000'000, 1, "1", "1")}, closed);
        a.markLost(T0 + 10'000'000);
        a.advanceTo(T0 + 20'000'000, closed); // the heartbeat after the reconnect
        a.addTrades(TradeBatch{trade(T0 + MinuteUs + 5'000'000, 2, "2", "1")}, closed);
        a.advanceTo(T0 + 2 * MinuteUs + Grace, closed);
        QCOMPARE(closed.size(), 1);
        QCOMPARE(closed[0].openTime, T0Ms + 60'000);
    }

    void emptyIntervalsCarryTheClose()
    {
        TradeAggregator a
            = watchedFromT0(Interval::S1, TradeAggregator::EmptyIntervals::CarryClose);
        CandleBatch closed;
        a.addTrades(TradeBatch{trade(T0 + 100, 1, "5", "1")}, closed);
        a.addTrades(TradeBatch{trade(T0 + 4'000'000, 2, "6", "2")}, closed);
        // Seconds 1..1 have ended by the clock (4 s minus the 2 s grace).
        QCOMPARE(closed.size(), 2);
        a.advanceTo(T0 + 6'000'000, closed);
        QCOMPARE(closed.size(), 4);
        for (int i = 0; i < 4; ++i)
            QCOMPARE(closed[i].openTime, T0Ms + i * 1000);
        QCOMPARE(closed[1].open, 5.0);
        QCOMPARE(closed[1].close, 5.0);
        QCOMPARE(closed[1].volume, 0.0);
        QCOMPARE(closed[1].trades, qint64(0));
        QCOMPARE(closed[3].close, 5.0);
        a.advanceTo(T0 + 7'000'000, closed);
        QCOMPARE(closed.size(), 5);
        QCOMPARE(closed[4].openTime, T0Ms + 4000);
        QCOMPARE(closed[4].open, 6.0);
        QCOMPARE(closed[4].volume, 2.0);
    }

    void emptyIntervalsOmitted()
    {
        TradeAggregator a = watchedFromT0(Interval::S1);
        CandleBatch closed;
        a.addTrades(TradeBatch{trade(T0 + 100, 1, "5", "1"), trade(T0 + 4'000'000, 2, "6", "2")},
                    closed);
        a.advanceTo(T0 + 7'000'000, closed);
        QCOMPARE(closed.size(), 2);
        QCOMPARE(closed[0].openTime, T0Ms);
        QCOMPARE(closed[1].openTime, T0Ms + 4000);
    }

    void noFlatCandleAcrossALoss()
    {
        TradeAggregator a
            = watchedFromT0(Interval::S1, TradeAggregator::EmptyIntervals::CarryClose);
        CandleBatch closed;
        a.addTrades(TradeBatch{trade(T0 + 100, 1, "5", "1")}, closed);
        a.advanceTo(T0 + 4'000'000, closed); // seconds 0 and 1 closed
        QCOMPARE(closed.size(), 2);
        a.markLost(T0 + 4'000'000);
        a.advanceTo(T0 + 10'000'000, closed);
        // The loss reaches back by the grace (to second 2) and forward to second 12;
        // nothing after it is flat-filled: the close before it is not known any more.
        a.advanceTo(T0 + 20'000'000, closed);
        QCOMPARE(closed.size(), 2);
        a.addTrades(TradeBatch{trade(T0 + 20'500'000, 3, "7", "1")}, closed);
        a.advanceTo(T0 + 24'000'000, closed);
        QCOMPARE(closed.size(), 4);
        QCOMPARE(closed[2].openTime, T0Ms + 20'000);
        QCOMPARE(closed[3].openTime, T0Ms + 21'000);
        QCOMPARE(closed[3].close, 7.0);
    }

    void wideSumsStayExact()
    {
        // Sizes at 18 decimals times prices at 8: products at 26 decimals, summed exactly.
        TradeAggregator a = watchedFromT0();
        CandleBatch closed;
        TradeBatch trades;
        for (int i = 0; i < 1000; ++i)
            trades.append(trade(T0 + i, i, "99999.99999999", "1234.567890123456789"));
        a.addTrades(trades, closed);
        a.advanceTo(T0 + MinuteUs + Grace, closed);
        QCOMPARE(closed.size(), 1);
        QCOMPARE(closed[0].volume, num("1234567.890123456789"));
        QCOMPARE(closed[0].quoteVolume, num("123456789012.33333322109876543211"));
    }
};

QTEST_GUILESS_MAIN(TestTradeAggregator)
#include "tst_tradeaggregator.moc"
