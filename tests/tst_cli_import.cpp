#include <cliprocess.h>
#include <fakebinancearchive.h>
#include <fakebinancerest.h>

#include <candledatabase.h>
#include <candlestore.h>
#include <clock.h>

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Candlewick;
using namespace Candlewick::Testing;

namespace {

constexpr qint64 Minute = 60 * 1000;
constexpr qint64 Day = 24 * 60 * Minute;
constexpr qint64 Dec2024 = 1733011200000; // 2024-12-01T00:00:00Z
constexpr qint64 Jan2025 = 1735689600000; // 2025-01-01T00:00:00Z
constexpr qint64 Feb2025 = 1738368000000; // 2025-02-01T00:00:00Z

} // namespace

// `candlewick-cli import` and `fetch --source` as processes against the fake archive and the
// fake REST server (the real clock: the archive has published everything before today).
class TestCliImport : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    FakeBinanceRest m_rest{Clock::system()};
    FakeBinanceArchive m_archive{&m_rest};
    int m_dbCount = 0;

    CliResult cli(const QStringList &args)
    {
        return runCli(QStringLiteral(CANDLEWICK_CLI_PATH), args, m_dir.path());
    }
    QString newDb() { return m_dir.filePath(QStringLiteral("db%1.sqlite").arg(++m_dbCount)); }
    QStringList rangeArgs(const QString &db, const QString &from, const QString &to) const
    {
        return {QStringLiteral("--symbol"),   QStringLiteral("BTCUSDT"),
                QStringLiteral("--interval"), QStringLiteral("1m"),
                QStringLiteral("--from"),     from,
                QStringLiteral("--to"),       to,
                QStringLiteral("--db"),       db,
                QStringLiteral("--rest-url"), m_rest.baseUrl().toString()};
    }
    QStringList importArgs(const QString &db, const QString &from, const QString &to,
                           const QUrl &archive) const
    {
        return QStringList{QStringLiteral("import")} + rangeArgs(db, from, to)
            + QStringList{QStringLiteral("--archive-url"), archive.toString()};
    }
    static CandleBatch stored(const QString &db, TimeRange range)
    {
        const auto store = CandleDatabase::openStore(db, CandleDatabase::Access::ReadOnly);
        return store->read({QStringLiteral("binance"), QStringLiteral("BTCUSDT"), Interval::M1},
                           range);
    }
    static TimeRanges coverage(const QString &db)
    {
        const auto store = CandleDatabase::openStore(db, CandleDatabase::Access::ReadOnly);
        return store->coverage(
            {QStringLiteral("binance"), QStringLiteral("BTCUSDT"), Interval::M1});
    }
    CandleBatch truth(TimeRange range) const
    {
        return m_rest.groundTruth(QStringLiteral("BTCUSDT"), Interval::M1, range);
    }
    void writeFile(const QString &name, const QByteArray &bytes)
    {
        QFile f(m_dir.filePath(name));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(bytes);
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_rest.addSymbol(QStringLiteral("BTCUSDT"), QStringLiteral("BTC"), QStringLiteral("USDT"),
                         1500000000000);
        m_rest.addSymbol(QStringLiteral("ETHUSDT"), QStringLiteral("ETH"), QStringLiteral("USDT"),
                         1500000000000);
        QVERIFY(m_rest.listen());
        QVERIFY(m_archive.listen());
    }

    void importRangeThenFetchMakesNoRequest()
    {
        // December 2024 (ms) and January 2025 (µs) as months, February 1 and 2 as days; the
        // morning of February 3 is not a whole day: left to REST.
        const QString db = newDb();
        const int archiveBefore = m_archive.requestCount();
        CliResult r = cli(importArgs(db, QStringLiteral("2024-12-01"),
                                     QStringLiteral("2025-02-03T06:00:00Z"), m_archive.baseUrl()));
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(r.out.contains("binance:BTCUSDT:1m: 4 files, 92160 candles stored"),
                 r.out.constData());
        QVERIFY2(r.out.contains("2025-02-03T00:00:00Z .. 2025-02-03T06:00:00Z"), r.out.constData());
        QVERIFY(r.out.contains("left to REST"));
        QVERIFY2(r.err.contains("files") && r.err.contains("candles/s"), r.err.constData());
        QCOMPARE(m_archive.requestCount() - archiveBefore, 8);
        const TimeRange imported{Dec2024, Feb2025 + 2 * Day};
        QCOMPARE(stored(db, imported), truth(imported));
        QCOMPARE(coverage(db), (TimeRanges{imported}));

        // REST for what was imported: not a single klines request.
        const int klinesBefore = m_rest.klinesRequestCount();
        r = cli(
            QStringList{QStringLiteral("fetch"), QStringLiteral("--source"), QStringLiteral("rest")}
            + rangeArgs(db, QStringLiteral("2024-12-01"), QStringLiteral("2025-02-03")));
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(m_rest.klinesRequestCount(), klinesBefore);
        QVERIFY2(r.out.contains("0 candles stored, 0 requests"), r.out.constData());
    }

    void importFiles()
    {
        const QString jan = QStringLiteral("BTCUSDT-1m-2025-01.zip");
        const QString day = QStringLiteral("BTCUSDT-1m-2024-12-05.zip");
        const QString month = QStringLiteral("spot/monthly/klines/BTCUSDT/1m/") + jan;
        const QString dayPath = QStringLiteral("spot/daily/klines/BTCUSDT/1m/") + day;
        writeFile(jan, m_archive.zipFile(month));
        writeFile(jan + QStringLiteral(".CHECKSUM"), m_archive.checksumFile(month));
        writeFile(day, m_archive.zipFile(dayPath));

        const QString db = newDb();
        CliResult r
            = cli({QStringLiteral("import"), QStringLiteral("--file"), m_dir.filePath(jan),
                   QStringLiteral("--file"), m_dir.filePath(day), QStringLiteral("--db"), db});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(r.out.contains(day.toUtf8() + ": no .CHECKSUM beside it"), r.out.constData());
        QVERIFY(!r.out.contains(jan.toUtf8() + ": no .CHECKSUM"));
        QVERIFY2(r.out.contains("2 files, 46080 candles stored"), r.out.constData());
        QCOMPARE(coverage(db),
                 (TimeRanges{{Dec2024 + 4 * Day, Dec2024 + 5 * Day}, {Jan2025, Feb2025}}));

        // A checksum that does not match: exit 1, the file named, nothing of it stored.
        QByteArray wrong = m_archive.checksumFile(dayPath);
        wrong[3] = wrong[3] == 'a' ? 'b' : 'a';
        writeFile(day + QStringLiteral(".CHECKSUM"), wrong);
        const QString db2 = newDb();
        r = cli({QStringLiteral("import"), QStringLiteral("--file"), m_dir.filePath(day),
                 QStringLiteral("--file"), m_dir.filePath(jan), QStringLiteral("--db"), db2});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("candlewick-cli: error: " + day.toUtf8() + ": checksum mismatch"),
                 r.err.constData());
        QCOMPARE(coverage(db2), (TimeRanges{{Jan2025, Feb2025}}));

        // Not an archive file's name: bad input, nothing opened.
        writeFile(QStringLiteral("prices.zip"), "PK");
        r = cli({QStringLiteral("import"), QStringLiteral("--file"),
                 m_dir.filePath(QStringLiteral("prices.zip")), QStringLiteral("--db"), newDb()});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("prices.zip is not named like"), r.err.constData());
    }

    void corruptFileFailsTheRestGoesOn()
    {
        FakeBinanceArchive archive(&m_rest);
        QVERIFY(archive.listen());
        archive.setCorruptChecksum(QStringLiteral("BTCUSDT-1m-2024-12-10.zip"));
        const QString db = newDb();
        const CliResult r = cli(importArgs(db, QStringLiteral("2024-12-09"),
                                           QStringLiteral("2024-12-12"), archive.baseUrl()));
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(
            r.err.contains("candlewick-cli: error: BTCUSDT-1m-2024-12-10.zip: checksum mismatch"),
            r.err.constData());
        QVERIFY2(
            r.out.contains("2024-12-10T00:00:00Z .. 2024-12-11T00:00:00Z is not in the archive"),
            r.out.constData());
        QCOMPARE(coverage(db),
                 (TimeRanges{{Dec2024 + 8 * Day, Dec2024 + 9 * Day},
                             {Dec2024 + 10 * Day, Dec2024 + 11 * Day}}));
    }

    void fetchAutoMixesArchiveAndRest()
    {
        // Jan 1 and 2 from the archive (daily files), the morning of Jan 3 over REST.
        const QString db = newDb();
        const int klinesBefore = m_rest.klinesRequestCount();
        const int archiveBefore = m_archive.requestCount();
        CliResult r = cli(
            QStringList{QStringLiteral("fetch"), QStringLiteral("--archive-url"),
                        m_archive.baseUrl().toString()}
            + rangeArgs(db, QStringLiteral("2025-01-01"), QStringLiteral("2025-01-03T12:00:00Z")));
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(m_archive.requestCount() - archiveBefore, 4);
        QCOMPARE(m_rest.klinesRequestCount() - klinesBefore, 1);
        QVERIFY2(r.out.contains("archive: 2 files, 2880 candles stored"), r.out.constData());
        const TimeRange all{Jan2025, Jan2025 + 2 * Day + 12 * 60 * Minute};
        QCOMPARE(stored(db, all), truth(all));
        QCOMPARE(coverage(db), (TimeRanges{all}));

        // One coverage: REST alone now has nothing to do.
        const int again = m_rest.klinesRequestCount();
        r = cli(
            QStringList{QStringLiteral("fetch"), QStringLiteral("--source"), QStringLiteral("rest")}
            + rangeArgs(db, QStringLiteral("2025-01-01"), QStringLiteral("2025-01-03T12:00:00Z")));
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(m_rest.klinesRequestCount(), again);
    }

    void restMirrorWithoutArchiveUrlIsRestOnly()
    {
        const int archiveBefore = m_archive.requestCount();
        const int klinesBefore = m_rest.klinesRequestCount();
        const QString db = newDb();
        const CliResult r
            = cli(QStringList{QStringLiteral("fetch")}
                  + rangeArgs(db, QStringLiteral("2025-01-05"), QStringLiteral("2025-01-06")));
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(m_archive.requestCount(), archiveBefore);
        QVERIFY(m_rest.klinesRequestCount() > klinesBefore);
        QVERIFY(!r.out.contains("archive"));
        // import has nothing to import from then.
        const CliResult i
            = cli(QStringList{QStringLiteral("import")}
                  + rangeArgs(newDb(), QStringLiteral("2025-01-05"), QStringLiteral("2025-01-06")));
        QCOMPARE(i.exitCode, 2);
        QVERIFY2(i.err.contains("--archive-url"), i.err.constData());
    }

    void unreachableArchiveFallsBackToRest()
    {
        FakeBinanceArchive archive(&m_rest);
        QVERIFY(archive.listen());
        archive.setUnreachable(true);
        const QString db = newDb();
        const CliResult r = cli(
            QStringList{QStringLiteral("fetch"), QStringLiteral("--symbol"),
                        QStringLiteral("BTCUSDT,ETHUSDT"), QStringLiteral("--archive-url"),
                        archive.baseUrl().toString()}
            + rangeArgs(db, QStringLiteral("2025-01-10"), QStringLiteral("2025-01-12")).mid(2));
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(r.err.count("fetching over REST instead"), 1);
        QVERIFY2(
            r.err.contains("cannot reach the archive " + archive.baseUrl().toString().toUtf8()),
            r.err.constData());
        const TimeRange all{Jan2025 + 9 * Day, Jan2025 + 11 * Day};
        QCOMPARE(stored(db, all), truth(all));

        // --source archive does not fall back.
        const CliResult only
            = cli(QStringList{QStringLiteral("fetch"), QStringLiteral("--source"),
                              QStringLiteral("archive"), QStringLiteral("--archive-url"),
                              archive.baseUrl().toString()}
                  + rangeArgs(newDb(), QStringLiteral("2025-01-10"), QStringLiteral("2025-01-12")));
        QCOMPARE(only.exitCode, 1);
        QVERIFY(only.err.contains("cannot reach the archive"));
    }
};

QTEST_GUILESS_MAIN(TestCliImport)
#include "tst_cli_import.moc"
