#include <retrypolicy.h>

#include <QTest>

using namespace Candlewick;

class tst_RetryPolicy : public QObject
{
    Q_OBJECT

private slots:
    void ceilings_data();
    void ceilings();
    void jitterWithinBounds();
    void seedIsReproducible();
    void attemptsCapped();
};

void tst_RetryPolicy::ceilings_data()
{
    QTest::addColumn<int>("attempt");
    QTest::addColumn<qint64>("ceiling");

    QTest::newRow("1") << 1 << qint64(500);
    QTest::newRow("2") << 2 << qint64(1000);
    QTest::newRow("3") << 3 << qint64(2000);
    QTest::newRow("6") << 6 << qint64(16000);
    QTest::newRow("capped") << 7 << qint64(30000);
    QTest::newRow("far beyond") << 60 << qint64(30000);
}

void tst_RetryPolicy::ceilings()
{
    QFETCH(int, attempt);
    QFETCH(qint64, ceiling);
    const RetryPolicy policy(6, 500, 30000, 1);
    QCOMPARE(policy.ceilingMs(attempt), ceiling);
}

void tst_RetryPolicy::jitterWithinBounds()
{
    RetryPolicy policy(6, 500, 30000, 42);
    QSet<qint64> seen;
    for (int attempt = 1; attempt <= 8; ++attempt) {
        for (int i = 0; i < 50; ++i) {
            const qint64 d = policy.delayMs(attempt);
            QVERIFY(d >= policy.ceilingMs(attempt) / 2);
            QVERIFY(d <= policy.ceilingMs(attempt));
            seen.insert(d);
        }
    }
    QVERIFY(seen.size() > 20); // jitter actually varies
}

void tst_RetryPolicy::seedIsReproducible()
{
    RetryPolicy a(6, 500, 30000, 7);
    RetryPolicy b(6, 500, 30000, 7);
    RetryPolicy c(6, 500, 30000, 8);
    QList<qint64> da, db, dc;
    for (int i = 1; i <= 10; ++i) {
        da.append(a.delayMs(i));
        db.append(b.delayMs(i));
        dc.append(c.delayMs(i));
    }
    QCOMPARE(da, db);
    QVERIFY(da != dc);
}

void tst_RetryPolicy::attemptsCapped()
{
    const RetryPolicy policy(3, 100, 1000, 1);
    QCOMPARE(policy.maxAttempts(), 3);
    QVERIFY(policy.canRetry(1));
    QVERIFY(policy.canRetry(2));
    QVERIFY(!policy.canRetry(3));
    const RetryPolicy atLeastOne(0, 100, 1000, 1);
    QCOMPARE(atLeastOne.maxAttempts(), 1);
}

QTEST_GUILESS_MAIN(tst_RetryPolicy)
#include "tst_retrypolicy.moc"
