#include <timerange.h>

#include <QTest>

using namespace Candlewick;

Q_DECLARE_METATYPE(Candlewick::TimeRange)
Q_DECLARE_METATYPE(Candlewick::TimeRanges)

class TestTimeRange : public QObject
{
    Q_OBJECT
private slots:
    void merged_data()
    {
        QTest::addColumn<TimeRanges>("input");
        QTest::addColumn<TimeRanges>("expected");
        QTest::newRow("empty") << TimeRanges{} << TimeRanges{};
        QTest::newRow("drops empty ranges") << TimeRanges{{5, 5}, {7, 3}} << TimeRanges{};
        QTest::newRow("adjacent merge") << TimeRanges{{0, 10}, {10, 20}} << TimeRanges{{0, 20}};
        QTest::newRow("overlap merge") << TimeRanges{{0, 15}, {10, 20}} << TimeRanges{{0, 20}};
        QTest::newRow("contained") << TimeRanges{{0, 30}, {10, 20}} << TimeRanges{{0, 30}};
        QTest::newRow("unsorted with hole")
            << TimeRanges{{30, 40}, {0, 10}} << TimeRanges{{0, 10}, {30, 40}};
        QTest::newRow("chain") << TimeRanges{{20, 30}, {0, 10}, {10, 20}} << TimeRanges{{0, 30}};
    }
    void merged()
    {
        QFETCH(TimeRanges, input);
        QFETCH(TimeRanges, expected);
        QCOMPARE(TimeRangeSet::merged(input), expected);
    }

    void missing_data()
    {
        QTest::addColumn<TimeRanges>("have");
        QTest::addColumn<TimeRange>("wanted");
        QTest::addColumn<TimeRanges>("expected");
        QTest::newRow("nothing stored")
            << TimeRanges{} << TimeRange{0, 100} << TimeRanges{{0, 100}};
        QTest::newRow("all covered") << TimeRanges{{0, 100}} << TimeRange{10, 90} << TimeRanges{};
        QTest::newRow("extend right")
            << TimeRanges{{0, 50}} << TimeRange{0, 100} << TimeRanges{{50, 100}};
        QTest::newRow("extend left")
            << TimeRanges{{50, 100}} << TimeRange{0, 100} << TimeRanges{{0, 50}};
        QTest::newRow("hole") << TimeRanges{{0, 30}, {60, 100}} << TimeRange{0, 100}
                              << TimeRanges{{30, 60}};
        QTest::newRow("both sides and hole") << TimeRanges{{20, 30}, {60, 70}} << TimeRange{0, 100}
                                             << TimeRanges{{0, 20}, {30, 60}, {70, 100}};
        QTest::newRow("disjoint") << TimeRanges{{200, 300}} << TimeRange{0, 100}
                                  << TimeRanges{{0, 100}};
    }
    void missing()
    {
        QFETCH(TimeRanges, have);
        QFETCH(TimeRange, wanted);
        QFETCH(TimeRanges, expected);
        QCOMPARE(TimeRangeSet::missing(have, wanted), expected);
    }
};

QTEST_GUILESS_MAIN(TestTimeRange)
#include "tst_timerange.moc"
