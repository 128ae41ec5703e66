#include <candlevalidation.h>

#include <QTest>

#include <cmath>
#include <limits>

using namespace Candlewick;

class TestCandleValidation : public QObject
{
    Q_OBJECT
private:
    static Candle good()
    {
        Candle c;
        c.openTime = 1499040000000; // aligned to 1m
        c.open = 0.0163479;
        c.high = 0.8;
        c.low = 0.015758;
        c.close = 0.015771;
        c.volume = 148976.11427815;
        c.quoteVolume = 2434.19055334;
        c.trades = 308;
        c.takerBuyBase = 1756.87402397;
        c.takerBuyQuote = 28.46694368;
        return c;
    }

private slots:
    void accepts() { QCOMPARE(candleRejection(good(), Interval::M1), QString()); }

    void acceptsQuietMinute()
    {
        Candle c = good();
        c.open = c.high = c.low = c.close = 42.0;
        c.volume = c.quoteVolume = c.takerBuyBase = c.takerBuyQuote = 0;
        c.trades = 0;
        QCOMPARE(candleRejection(c, Interval::M1), QString());
    }

    void rejects_data()
    {
        QTest::addColumn<int>("field");
        QTest::addColumn<double>("value");
        QTest::addColumn<QString>("reasonPart");
        QTest::newRow("low above open") << 3 << 0.0163480 << "low above";
        QTest::newRow("low above close") << 3 << 0.015772 << "low above";
        QTest::newRow("high below open") << 2 << 0.0163 << "high below";
        QTest::newRow("negative volume") << 5 << -1.0 << "negative";
        QTest::newRow("NaN close") << 4 << std::numeric_limits<double>::quiet_NaN() << "non-finite";
        QTest::newRow("infinite high")
            << 2 << std::numeric_limits<double>::infinity() << "non-finite";
        QTest::newRow("zero open") << 1 << 0.0 << "non-positive";
        QTest::newRow("unaligned") << 0 << 1499040000500.0 << "not aligned";
    }
    void rejects()
    {
        QFETCH(int, field);
        QFETCH(double, value);
        QFETCH(QString, reasonPart);
        Candle c = good();
        switch (field) {
        case 0:
            c.openTime = qint64(value);
            break;
        case 1:
            c.open = value;
            break;
        case 2:
            c.high = value;
            break;
        case 3:
            c.low = value;
            break;
        case 4:
            c.close = value;
            break;
        case 5:
            c.volume = value;
            break;
        }
        const QString reason = candleRejection(c, Interval::M1);
        QVERIFY2(reason.contains(reasonPart), qPrintable(reason));
        // The candle's time as a UTC date (it reaches the GUI's log), never raw ms.
        QVERIFY2(reason.contains(QLatin1StringView("2017-07-03T00:00")), qPrintable(reason));
        QVERIFY2(!reason.contains(QLatin1StringView("14990400")), qPrintable(reason));
    }

    // hasValidValues() (the values alone, for a parser that checks the open time itself) is
    // isValidCandle() for a candle whose open time is plausible and aligned; without checking
    // finiteness, the same for finite values.
    void valuesAloneAsIsValidCandle()
    {
        constexpr double Nan = std::numeric_limits<double>::quiet_NaN();
        constexpr double Inf = std::numeric_limits<double>::infinity();
        QList<Candle> candles;
        for (double v : {0.016, 0.0163480, 0.015772, 0.0163, 0.0, -1.0, 1e300, Nan, Inf, -Inf}) {
            for (double Candle::*field :
                 {&Candle::open, &Candle::high, &Candle::low, &Candle::close, &Candle::volume,
                  &Candle::quoteVolume, &Candle::takerBuyBase, &Candle::takerBuyQuote}) {
                Candle c = good();
                c.*field = v;
                candles.append(c);
            }
        }
        Candle fewTrades = good();
        fewTrades.trades = -1;
        candles.append(fewTrades);
        int valid = 0;
        for (const Candle &c : std::as_const(candles)) {
            const bool finite = std::isfinite(c.open) && std::isfinite(c.high)
                && std::isfinite(c.low) && std::isfinite(c.close) && std::isfinite(c.volume)
                && std::isfinite(c.quoteVolume) && std::isfinite(c.takerBuyBase)
                && std::isfinite(c.takerBuyQuote);
            QCOMPARE(hasValidValues(c), isValidCandle(c, Interval::M1));
            if (finite)
                QCOMPARE(hasValidValues(c, false), isValidCandle(c, Interval::M1));
            else
                QVERIFY(!hasValidValues(c));
            valid += hasValidValues(c);
        }
        QVERIFY(valid > 0 && valid < candles.size());
    }

    void rejectsImplausibleTimes_data()
    {
        QTest::addColumn<qint64>("openTime");
        QTest::addColumn<int>("interval");
        QTest::addColumn<bool>("valid");
        QTest::newRow("2009-01-01") << EarliestCandleTime << int(Interval::D1) << true;
        QTest::newRow("the minute before")
            << EarliestCandleTime - 60000 << int(Interval::M1) << false;
        QTest::newRow("last minute before 2200")
            << LatestCandleTime - 60000 << int(Interval::M1) << true;
        QTest::newRow("2200-01-01") << LatestCandleTime << int(Interval::M1) << false;
        QTest::newRow("epoch") << qint64(0) << int(Interval::M1) << false;
        QTest::newRow("1s near INT64_MAX")
            << qint64(9223372036854775000) << int(Interval::S1) << false;
        QTest::newRow("1w INT64_MIN")
            << std::numeric_limits<qint64>::min() << int(Interval::W1) << false;
        QTest::newRow("1M INT64_MAX")
            << std::numeric_limits<qint64>::max() << int(Interval::Mon1) << false;
    }
    void rejectsImplausibleTimes()
    {
        QFETCH(qint64, openTime);
        QFETCH(int, interval);
        QFETCH(bool, valid);
        Candle c = good();
        c.openTime = openTime;
        const QString reason = candleRejection(c, Interval(interval));
        if (valid) {
            QCOMPARE(reason, QString());
        } else {
            QVERIFY2(reason.contains(QStringLiteral("outside 2009-01-01 .. 2200-01-01")),
                     qPrintable(reason));
            QVERIFY(reason.contains(QString::number(openTime)));
        }
        QCOMPARE(isPlausibleTime(openTime), valid);
    }

    void alignmentDependsOnInterval()
    {
        Candle c = good();
        c.openTime = 1499040000000 + 60000; // a minute past an hour boundary
        QCOMPARE(candleRejection(c, Interval::M1), QString());
        QVERIFY(!candleRejection(c, Interval::H1).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestCandleValidation)
#include "tst_candlevalidation.moc"
