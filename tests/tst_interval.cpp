#include <interval.h>
#include <serieskey.h>

#include <QDateTime>
#include <QTest>

#include <limits>

using namespace Candlewick;

namespace {
qint64 utc(const char *iso)
{
    return QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODateWithMs).toMSecsSinceEpoch();
}
} // namespace

class TestInterval : public QObject
{
    Q_OBJECT
private slots:
    void parseAndName_data()
    {
        QTest::addColumn<QString>("text");
        for (Interval i : Intervals::all())
            QTest::newRow(qPrintable(Intervals::name(i))) << Intervals::name(i);
    }
    void parseAndName()
    {
        QFETCH(QString, text);
        const auto parsed = Intervals::parse(text);
        QVERIFY(parsed.has_value());
        QCOMPARE(Intervals::name(*parsed), text);
    }

    void rejectsUnknown_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("empty") << QString();
        QTest::newRow("uppercase minute") << QStringLiteral("1H");
        QTest::newRow("2m") << QStringLiteral("2m");
        QTest::newRow("lowercase month is minute") << QStringLiteral("1mo");
        QTest::newRow("spaces") << QStringLiteral(" 1m");
    }
    void rejectsUnknown()
    {
        QFETCH(QString, text);
        QVERIFY(!Intervals::parse(text).has_value());
    }

    void allSixteen() { QCOMPARE(Intervals::all().size(), 16); }

    void alignDown_data()
    {
        QTest::addColumn<QString>("interval");
        QTest::addColumn<qint64>("t");
        QTest::addColumn<qint64>("expected");
        QTest::newRow("1s") << "1s" << utc("2024-03-01T10:15:42.123Z")
                            << utc("2024-03-01T10:15:42Z");
        QTest::newRow("1m") << "1m" << utc("2024-03-01T10:15:42Z") << utc("2024-03-01T10:15:00Z");
        QTest::newRow("1m exact") << "1m" << utc("2024-03-01T10:15:00Z")
                                  << utc("2024-03-01T10:15:00Z");
        QTest::newRow("15m") << "15m" << utc("2024-03-01T10:44:59Z") << utc("2024-03-01T10:30:00Z");
        QTest::newRow("4h") << "4h" << utc("2024-03-01T10:15:00Z") << utc("2024-03-01T08:00:00Z");
        QTest::newRow("12h") << "12h" << utc("2024-03-01T13:00:00Z") << utc("2024-03-01T12:00:00Z");
        QTest::newRow("1d") << "1d" << utc("2024-03-01T23:59:59Z") << utc("2024-03-01T00:00:00Z");
        QTest::newRow("3d epoch-anchored")
            << "3d" << utc("1970-01-05T00:00:00Z") << utc("1970-01-04T00:00:00Z");
        QTest::newRow("1w Monday (Fri)")
            << "1w" << utc("2024-03-01T10:00:00Z") << utc("2024-02-26T00:00:00Z");
        QTest::newRow("1w Monday itself")
            << "1w" << utc("2024-02-26T00:00:00Z") << utc("2024-02-26T00:00:00Z");
        QTest::newRow("1w Sunday night")
            << "1w" << utc("2024-03-03T23:59:59Z") << utc("2024-02-26T00:00:00Z");
        QTest::newRow("1w before epoch week")
            << "1w" << utc("1970-01-01T00:00:00Z") << utc("1969-12-29T00:00:00Z");
        QTest::newRow("1M leap February")
            << "1M" << utc("2024-02-29T12:00:00Z") << utc("2024-02-01T00:00:00Z");
        QTest::newRow("1M December")
            << "1M" << utc("2023-12-31T23:59:59Z") << utc("2023-12-01T00:00:00Z");
    }
    void alignDown()
    {
        QFETCH(QString, interval);
        QFETCH(qint64, t);
        QFETCH(qint64, expected);
        const Interval i = *Intervals::parse(interval);
        QCOMPARE(Intervals::alignDown(i, t), expected);
        QVERIFY(Intervals::isAligned(i, expected));
        QCOMPARE(Intervals::isAligned(i, t), t == expected);
        QVERIFY(Intervals::alignUp(i, t) >= t);
    }

    void monthLengths_data()
    {
        QTest::addColumn<qint64>("open");
        QTest::addColumn<qint64>("next");
        QTest::newRow("Feb leap") << utc("2024-02-01T00:00:00Z") << utc("2024-03-01T00:00:00Z");
        QTest::newRow("Feb common") << utc("2023-02-01T00:00:00Z") << utc("2023-03-01T00:00:00Z");
        QTest::newRow("Dec to Jan") << utc("2023-12-01T00:00:00Z") << utc("2024-01-01T00:00:00Z");
        QTest::newRow("April 30 days")
            << utc("2024-04-01T00:00:00Z") << utc("2024-05-01T00:00:00Z");
    }
    void monthLengths()
    {
        QFETCH(qint64, open);
        QFETCH(qint64, next);
        QCOMPARE(Intervals::next(Interval::Mon1, open), next);
        QCOMPARE(Intervals::lengthAt(Interval::Mon1, open), next - open);
        QCOMPARE(Intervals::closeTime(Interval::Mon1, open), next - 1);
    }

    void closeTimeIsNextMinusOne()
    {
        // The official example row: 1499040000000 opens a 1w... the docs print a close time.
        QCOMPARE(Intervals::closeTime(Interval::M1, 1499040000000), 1499040059999);
        QCOMPARE(Intervals::closeTime(Interval::D1, utc("2024-03-01T00:00:00Z")),
                 utc("2024-03-01T23:59:59.999Z"));
    }

    void countBetween_data()
    {
        QTest::addColumn<QString>("interval");
        QTest::addColumn<qint64>("from");
        QTest::addColumn<qint64>("to");
        QTest::addColumn<qint64>("expected");
        QTest::newRow("year of 1m")
            << "1m" << utc("2023-01-01T00:00:00Z") << utc("2024-01-01T00:00:00Z") << qint64(525600);
        QTest::newRow("leap year of 1m")
            << "1m" << utc("2024-01-01T00:00:00Z") << utc("2025-01-01T00:00:00Z") << qint64(527040);
        QTest::newRow("unaligned start")
            << "1m" << utc("2024-01-01T00:00:30Z") << utc("2024-01-01T00:03:00Z") << qint64(2);
        QTest::newRow("unaligned end")
            << "1m" << utc("2024-01-01T00:00:00Z") << utc("2024-01-01T00:02:30Z") << qint64(3);
        QTest::newRow("empty") << "1h" << utc("2024-01-01T00:00:00Z") << utc("2024-01-01T00:00:00Z")
                               << qint64(0);
        QTest::newRow("months") << "1M" << utc("2024-01-15T00:00:00Z")
                                << utc("2024-06-01T00:00:00Z") << qint64(4);
        QTest::newRow("up to the end of time")
            << "1s" << qint64(0) << std::numeric_limits<qint64>::max()
            << std::numeric_limits<qint64>::max() / 1000 + 1;
        QTest::newRow("weeks") << "1w" << utc("2024-02-26T00:00:00Z") << utc("2024-03-12T00:00:00Z")
                               << qint64(3);
    }
    void countBetween()
    {
        QFETCH(QString, interval);
        QFETCH(qint64, from);
        QFETCH(qint64, to);
        QFETCH(qint64, expected);
        QCOMPARE(Intervals::countBetween(*Intervals::parse(interval), from, to), expected);
    }

    // Crafted frames may carry any qint64: the arithmetic saturates instead of overflowing.
    void extremeTimes_data()
    {
        QTest::addColumn<QString>("interval");
        QTest::addColumn<qint64>("t");
        constexpr qint64 Min = std::numeric_limits<qint64>::min();
        constexpr qint64 Max = std::numeric_limits<qint64>::max();
        for (Interval i : Intervals::all()) {
            const QByteArray name = Intervals::name(i).toLatin1();
            QTest::newRow(name + " min") << QString::fromLatin1(name) << Min;
            QTest::newRow(name + " min+1") << QString::fromLatin1(name) << Min + 1;
            QTest::newRow(name + " -1") << QString::fromLatin1(name) << qint64(-1);
            QTest::newRow(name + " max-1") << QString::fromLatin1(name) << Max - 1;
            QTest::newRow(name + " max") << QString::fromLatin1(name) << Max;
            // The 1s kline: "t":9223372036854775000.
            QTest::newRow(name + " crafted")
                << QString::fromLatin1(name) << qint64(9223372036854775000);
        }
    }
    void extremeTimes()
    {
        QFETCH(QString, interval);
        QFETCH(qint64, t);
        constexpr qint64 Max = std::numeric_limits<qint64>::max();
        const Interval i = *Intervals::parse(interval);
        const qint64 down = Intervals::alignDown(i, t);
        QVERIFY(down <= t);
        QVERIFY(Intervals::alignUp(i, t) >= t);
        const qint64 next = Intervals::next(i, t);
        QVERIFY(next > t || next == Max);
        QVERIFY(Intervals::closeTime(i, t) >= t);
        QVERIFY(Intervals::lengthAt(i, t) > 0);
        QVERIFY(Intervals::countBetween(i, t, Max) >= 0);
        QVERIFY(Intervals::countBetween(i, std::numeric_limits<qint64>::min(), t) >= 0);
        QCOMPARE(Intervals::isAligned(i, t),
                 Intervals::alignDown(i, t) == t && Intervals::alignUp(i, t) == t);
    }
    // isAligned() (each interval's length a constant) says what alignDown() does, around
    // aligned times near 2025, the epoch and both ends of the range, and in the first days of
    // the range (where the week's anchor taken from the time overflows; INT64_MIN itself is
    // where alignDown() saturates).
    void isAlignedAgreesWithAlignDown()
    {
        constexpr qint64 Min = std::numeric_limits<qint64>::min();
        constexpr qint64 Max = std::numeric_limits<qint64>::max();
        const qint64 around[] = {1735689600000,
                                 1735689600000 + 3 * 86400000 + 12345,
                                 0,
                                 -7 * 86400000,
                                 Min + 100 * 86400000LL,
                                 Max - 100 * 86400000LL};
        for (Interval i : Intervals::all()) {
            const qint64 length = Intervals::lengthAt(i, 1735689600000);
            for (qint64 t : around) {
                const qint64 aligned = Intervals::alignDown(i, t);
                for (qint64 step : {qint64(0), qint64(1), qint64(1000), length / 2, length - 1,
                                    length, 2 * length}) {
                    for (qint64 at : {aligned + step, aligned - step, t + step, t - step}) {
                        QVERIFY2(Intervals::isAligned(i, at) == (Intervals::alignDown(i, at) == at),
                                 qPrintable(Intervals::name(i) + QLatin1Char(' ')
                                            + QString::number(at)));
                    }
                }
            }
            for (qint64 t = Min; t < Min + 9 * 86400000; t += 86400000 / 2) {
                if (t != Min)
                    QCOMPARE(Intervals::isAligned(i, t), Intervals::alignDown(i, t) == t);
            }
        }
        QVERIFY(Intervals::isAligned(Interval::W1, 1735516800000)); // Monday 2024-12-30
        QVERIFY(!Intervals::isAligned(Interval::W1, 1735689600000)); // Wednesday 2025-01-01
    }
    void extremeTimesSaturate()
    {
        constexpr qint64 Min = std::numeric_limits<qint64>::min();
        constexpr qint64 Max = std::numeric_limits<qint64>::max();
        QCOMPARE(Intervals::next(Interval::S1, 9223372036854775000), Max);
        QCOMPARE(Intervals::closeTime(Interval::S1, 9223372036854775000), Max);
        QVERIFY(Intervals::isAligned(Interval::S1, 9223372036854775000));
        // The week holding INT64_MIN starts before it: saturated, and INT64_MIN is not aligned.
        QCOMPARE(Intervals::alignDown(Interval::W1, Min), Min);
        QVERIFY(!Intervals::isAligned(Interval::W1, Min));
        QCOMPARE(Intervals::countBetween(Interval::M1, Min, Max), Max / 60000 * 2 + 1);
        QCOMPARE(Intervals::countBetween(Interval::S1, Max - 500, Max), qint64(0));
    }

    void seriesKeyRoundTrip()
    {
        const SeriesKey key{QStringLiteral("binance"), QStringLiteral("BTCUSDT"), Interval::H4};
        QCOMPARE(key.toString(), QStringLiteral("binance:BTCUSDT:4h"));
        QCOMPARE(SeriesKey::fromString(key.toString()), std::optional<SeriesKey>(key));
        QVERIFY(!SeriesKey::fromString(u"binance:BTCUSDT").has_value());
        QVERIFY(!SeriesKey::fromString(u"binance:BTCUSDT:7m").has_value());
        QVERIFY(!SeriesKey::fromString(u"::1m").has_value());
    }
};

QTEST_GUILESS_MAIN(TestInterval)
#include "tst_interval.moc"
