#include <cliprocess.h>
#include <databasefiles.h>
#include <fakebinancerest.h>

#include <sqlitecandlestore.h>
#include <utctime.h>

#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>
#include <unistd.h>

using namespace Candlewick;
using Candlewick::Testing::CliResult;
using Candlewick::Testing::damagePages;
using Candlewick::Testing::execSql;
using Candlewick::Testing::FakeBinanceRest;
using Candlewick::Testing::fileHash;
using Candlewick::Testing::prepareCli;
using Candlewick::Testing::runCli;

namespace {
constexpr qint64 Min = 60000;
constexpr qint64 Day = 24 * 60 * Min;
constexpr qint64 T0 = 1709251200000; // 2024-03-01T00:00:00Z

} // namespace

// candlewick-cli as a separate process against the fake exchange on loopback.
class TestCli : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    FakeBinanceRest m_fake; // real clock: the process cannot share a test clock

    CliResult cli(const QStringList &args)
    {
        return runCli(QStringLiteral(CANDLEWICK_CLI_PATH), args, m_dir.path());
    }
    QString db(const char *name) const { return m_dir.filePath(QString::fromLatin1(name)); }
    QStringList fetchArgs(const QString &dbPath,
                          const QString &symbol = QStringLiteral("BTCUSDT")) const
    {
        return {QStringLiteral("fetch"),
                QStringLiteral("--symbol"),
                symbol,
                QStringLiteral("--interval"),
                QStringLiteral("1m"),
                QStringLiteral("--from"),
                QStringLiteral("2024-03-01"),
                QStringLiteral("--to"),
                QStringLiteral("2024-03-03T00:00:00Z"),
                QStringLiteral("--db"),
                dbPath,
                QStringLiteral("--rest-url"),
                m_fake.baseUrl().toString()};
    }

    // A database with BTCUSDT 1m for 2024-03-01 .. 03, fetched once.
    QString exportDb()
    {
        const QString path = db("export.sqlite");
        if (!QFile::exists(path)) {
            const CliResult r = cli(fetchArgs(path));
            if (r.exitCode != 0)
                qWarning() << r.err;
        }
        return path;
    }
    // export of the first ten minutes of 2024-03-01 as JSON lines to `out`.
    QStringList exportArgs(const QString &out)
    {
        return {QStringLiteral("export"),
                QStringLiteral("--symbol"),
                QStringLiteral("BTCUSDT"),
                QStringLiteral("--from"),
                QStringLiteral("2024-03-01"),
                QStringLiteral("--to"),
                QStringLiteral("2024-03-01T00:10:00Z"),
                QStringLiteral("--db"),
                exportDb(),
                QStringLiteral("--out"),
                out};
    }
    static QByteArray firstLineOf(const QByteArray &jsonl)
    {
        return jsonl.left(jsonl.indexOf('\n'));
    }
    // `command` on the demo exchange (no network): BTCUSDT 1m over [from, to).
    static QStringList demoArgs(const char *command, const QString &dbPath,
                                const QString &symbol = QStringLiteral("BTCUSDT"),
                                const char *from = "2024-03-01", const char *to = "2024-03-03")
    {
        return {QString::fromLatin1(command),
                QStringLiteral("--exchange"),
                QStringLiteral("demo"),
                QStringLiteral("--symbol"),
                symbol,
                QStringLiteral("--from"),
                QString::fromLatin1(from),
                QStringLiteral("--to"),
                QString::fromLatin1(to),
                QStringLiteral("--db"),
                dbPath};
    }
    // A copy of `source` named `name`; its path.
    QString copyOf(const QString &source, const char *name) const
    {
        const QString path = db(name);
        QFile::remove(path);
        return QFile::copy(source, path) ? path : QString();
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_fake.listen());
        m_fake.addSymbol(QStringLiteral("BTCUSDT"), QStringLiteral("BTC"), QStringLiteral("USDT"),
                         T0 - 30 * Day);
        m_fake.addSymbol(QStringLiteral("ETHUSDT"), QStringLiteral("ETH"), QStringLiteral("USDT"),
                         T0 - 30 * Day);
        m_fake.addSymbol(QStringLiteral("ETHBTC"), QStringLiteral("ETH"), QStringLiteral("BTC"),
                         T0 - 30 * Day);
        m_fake.addMaintenanceGap({T0 + 6 * 60 * Min, T0 + 7 * 60 * Min});
    }

    void fetchThenExportEqualsWhatTheServerServed()
    {
        const QString path = db("fetch.sqlite");
        CliResult r = cli(fetchArgs(path, QStringLiteral("BTCUSDT,ETHUSDT")));
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(r.out.contains("binance:BTCUSDT:1m: 2820 candles stored"), r.out.constData());
        QVERIFY(r.out.contains("binance:ETHUSDT:1m: 2820 candles stored"));
        QVERIFY(r.out.contains("total: 5640 candles stored"));

        const QString file = m_dir.filePath(QStringLiteral("btc.jsonl"));
        r = cli({QStringLiteral("export"), QStringLiteral("--symbol"), QStringLiteral("BTCUSDT"),
                 QStringLiteral("--from"), QStringLiteral("2024-03-01"), QStringLiteral("--to"),
                 QStringLiteral("2024-03-03"), QStringLiteral("--format"), QStringLiteral("jsonl"),
                 QStringLiteral("--db"), path, QStringLiteral("--out"), file});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = f.readAll().split('\n');
        const CandleBatch truth
            = m_fake.groundTruth(QStringLiteral("BTCUSDT"), Interval::M1, {T0, T0 + 2 * Day});
        QCOMPARE(lines.size() - 1, truth.size());
        for (qsizetype i = 0; i < truth.size(); ++i) {
            const QJsonObject o = QJsonDocument::fromJson(lines[i]).object();
            QCOMPARE(o.keys().size(), 11);
            QCOMPARE(qint64(o.value(QStringLiteral("timestamp")).toDouble()), truth[i].openTime);
            QCOMPARE(o.value(QStringLiteral("symbol")).toString(), QStringLiteral("BTCUSDT"));
            QCOMPARE(o.value(QStringLiteral("open")).toDouble(), truth[i].open);
            QCOMPARE(o.value(QStringLiteral("high")).toDouble(), truth[i].high);
            QCOMPARE(o.value(QStringLiteral("low")).toDouble(), truth[i].low);
            QCOMPARE(o.value(QStringLiteral("close")).toDouble(), truth[i].close);
            QCOMPARE(o.value(QStringLiteral("volume")).toDouble(), truth[i].volume);
            QCOMPARE(qint64(o.value(QStringLiteral("trades")).toDouble()), truth[i].trades);
        }
        // The seed order of the unified format.
        QVERIFY(lines.first().startsWith("{\"timestamp\":"));
        QVERIFY(lines.first().indexOf("\"symbol\"") < lines.first().indexOf("\"open\""));
        QVERIFY(lines.first().indexOf("\"close\"") < lines.first().indexOf("\"volume\""));
    }

    void secondFetchMakesNoRequests()
    {
        const QString path = db("again.sqlite");
        CliResult r = cli(fetchArgs(path));
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const int klines = m_fake.klinesRequestCount();
        r = cli(fetchArgs(path));
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(r.out.contains("0 candles stored, 0 requests"), r.out.constData());
        QCOMPARE(m_fake.klinesRequestCount(), klines);
    }

    void csvExportHasHeader()
    {
        const QString path = db("csv.sqlite");
        QCOMPARE(cli(fetchArgs(path)).exitCode, 0);
        const CliResult r = cli({QStringLiteral("export"), QStringLiteral("--symbol"),
                                 QStringLiteral("BTCUSDT"), QStringLiteral("--from"),
                                 QStringLiteral("2024-03-01T00:00:00Z"), QStringLiteral("--to"),
                                 QStringLiteral("2024-03-01T00:10:00Z"), QStringLiteral("--format"),
                                 QStringLiteral("csv"), QStringLiteral("--db"), path});
        QCOMPARE(r.exitCode, 0);
        const QList<QByteArray> lines = r.out.trimmed().split('\n');
        QCOMPARE(lines.size(), 11);
        QVERIFY(lines.first().startsWith("timestamp,time,symbol,open,high,low,close,volume"));
        QVERIFY(lines[1].startsWith("1709251200000,2024-03-01T00:00:00Z,BTCUSDT,"));
    }

    void coverageListsSeries()
    {
        const QString path = db("coverage.sqlite");
        QCOMPARE(cli(fetchArgs(path)).exitCode, 0);
        const CliResult r = cli({QStringLiteral("coverage"), QStringLiteral("--db"), path});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(
            r.out.contains("binance:BTCUSDT:1m  candles 2820  missing 0  no-trade/downtime 60"),
            r.out.constData());
        QVERIFY(r.out.contains("covered 2024-03-01T00:00:00Z .. 2024-03-03T00:00:00Z"));
    }

    void symbolsFiltersByQuote()
    {
        const CliResult r
            = cli({QStringLiteral("symbols"), QStringLiteral("--quote"), QStringLiteral("btc"),
                   QStringLiteral("--db"), db("symbols.sqlite"), QStringLiteral("--rest-url"),
                   m_fake.baseUrl().toString()});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(r.out.trimmed(), QByteArray("ETHBTC\tETH/BTC\tETH\tBTC\tTRADING"));
    }

    // Issue 15 #1 and #6: a newer schema, a half-written one and another program's database
    // are refused with a message (no crash) and left byte-for-byte unchanged.
    void foreignOrNewerDatabaseIsRefusedAndKept()
    {
        const QString good = db("schema.sqlite");
        CliResult r = cli(demoArgs("fetch", good));
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(!QFile::exists(good + QStringLiteral("-wal"))); // all in the file itself

        const QString newer = copyOf(good, "schema-newer.sqlite");
        QVERIFY(execSql(newer, "UPDATE schema_version SET version = 99"));
        const QString unversioned = copyOf(good, "schema-none.sqlite");
        QVERIFY(execSql(unversioned, "DELETE FROM schema_version"));
        const QString foreign = db("schema-foreign.sqlite");
        QVERIFY(execSql(foreign,
                        "CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT);"
                        "CREATE TABLE orders (id INTEGER PRIMARY KEY, user_id INTEGER);"
                        "INSERT INTO users (name) VALUES ('ann')"));
        const struct
        {
            QString path;
            const char *message;
        } cases[] = {{newer, "made by a newer Candlewick"},
                     {unversioned, "Not a Candlewick database"},
                     {foreign, "Not a Candlewick database"}};
        for (const auto &c : cases) {
            const QByteArray before = fileHash(c.path);
            const QStringList replay = demoArgs("replay", c.path)
                + QStringList{QStringLiteral("--strategy"), QStringLiteral("sma_cross")};
            for (const QStringList &args :
                 {demoArgs("fetch", c.path), demoArgs("export", c.path), replay,
                  QStringList{QStringLiteral("coverage"), QStringLiteral("--db"), c.path}}) {
                r = cli(args);
                const QByteArray what
                    = args.first().toUtf8() + ' ' + c.path.toUtf8() + ": " + r.err;
                QCOMPARE(r.exitStatus, QProcess::NormalExit);
                QVERIFY2(r.exitCode == 1, what.constData());
                QVERIFY2(r.err.contains(c.message), what.constData());
                QCOMPARE(r.errLines().size(), 1);
            }
            QCOMPARE(fileHash(c.path), before);
        }
        // Not switched to WAL either.
        QVERIFY(!QFile::exists(foreign + QStringLiteral("-wal")));
    }

    // Issue 12: a database of schema version 2 is read as it is by a command that only reads,
    // and migrated in place by the first command that writes, with one line on stderr saying so;
    // what it exports stays the same.
    void olderDatabaseIsMigratedWithOneLine()
    {
        const QString path = copyOf(
            QStringLiteral(CANDLEWICK_TEST_DATA_DIR "/candles-schema2.sqlite"), "v2.sqlite");
        QVERIFY(!path.isEmpty());
        QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner);
        const QString before = m_dir.filePath(QStringLiteral("v2-before.csv"));
        const QString after = m_dir.filePath(QStringLiteral("v2-after.csv"));
        const QByteArray hash = fileHash(path);
        CliResult r
            = cli(demoArgs("export", path, QStringLiteral("BTCUSDT"), "2024-03-01", "2024-03-02")
                  + QStringList{QStringLiteral("--format"), QStringLiteral("csv"),
                                QStringLiteral("--out"), before});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(!r.err.contains("Updating"), r.err.constData());
        QCOMPARE(fileHash(path), hash);

        r = cli(demoArgs("fetch", path, QStringLiteral("BTCUSDT"), "2024-03-01T10:00:00Z",
                         "2024-03-01T11:00:00Z"));
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QList<QByteArray> lines;
        for (const QByteArray &line : r.errLines()) {
            if (line.contains("Updating the database"))
                lines.append(line);
        }
        QCOMPARE(lines.size(), 1);
        QVERIFY2(lines[0].contains("from schema version 2 to 4"), lines[0].constData());
        r = cli(demoArgs("fetch", path, QStringLiteral("BTCUSDT"), "2024-03-01T11:00:00Z",
                         "2024-03-01T12:00:00Z"));
        QVERIFY2(r.exitCode == 0 && !r.err.contains("Updating"), r.err.constData());

        r = cli(demoArgs("export", path, QStringLiteral("BTCUSDT"), "2024-03-01",
                         "2024-03-01T10:00:00Z")
                + QStringList{QStringLiteral("--format"), QStringLiteral("csv"),
                              QStringLiteral("--out"), after});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QFile a(before);
        QFile b(after);
        QVERIFY(a.open(QIODevice::ReadOnly) && b.open(QIODevice::ReadOnly));
        const QByteArray exported = b.readAll();
        QCOMPARE(exported.count('\n'), 481); // the header and the 480 candles of the file
        QCOMPARE(exported, a.readAll());
    }

    // Issue 15 #2: a damaged database is reported with the advice to check it, never read as
    // "end of data", and never written to.
    void damagedDatabaseIsReportedAndKept()
    {
        const QString good = db("damage.sqlite");
        CliResult r = cli(demoArgs("fetch", good));
        QVERIFY2(r.exitCode == 0, r.err.constData());

        // Candle pages in the middle of the two days (the dd).
        const QString damaged = copyOf(good, "damage-candles.sqlite");
        QVERIFY(damagePages(damaged, 20, 5));
        QByteArray before = fileHash(damaged);
        const QStringList replay = demoArgs("replay", damaged)
            + QStringList{QStringLiteral("--strategy"), QStringLiteral("sma_cross")};
        for (const QStringList &args :
             {demoArgs("export", damaged), replay,
              QStringList{QStringLiteral("coverage"), QStringLiteral("--db"), damaged}}) {
            r = cli(args);
            const QByteArray what = args.first().toUtf8() + ": " + r.err;
            QVERIFY2(r.exitCode == 1, what.constData());
            QVERIFY2(r.err.contains("PRAGMA integrity_check"), what.constData());
            QVERIFY2(r.errLines().last().startsWith("candlewick-cli: error: "), what.constData());
        }
        QCOMPARE(fileHash(damaged), before);

        // A fetch that never reads the damaged pages (another symbol) still writes nothing.
        r = cli(demoArgs("fetch", damaged, QStringLiteral("ETHUSDT")));
        QVERIFY2(r.exitCode == 1, r.err.constData());
        QVERIFY2(r.err.contains("PRAGMA integrity_check"), r.err.constData());
        QCOMPARE(fileHash(damaged), before);

        // The page of the coverage table: fetch sees it before it downloads or writes anything.
        const QString coverage = copyOf(good, "damage-coverage.sqlite");
        QVERIFY(damagePages(coverage, 6, 1));
        before = fileHash(coverage);
        r = cli(demoArgs("fetch", coverage, QStringLiteral("BTCUSDT"), "2024-03-01", "2024-03-05"));
        QVERIFY2(r.exitCode == 1, r.err.constData());
        QVERIFY2(r.err.contains("PRAGMA integrity_check"), r.err.constData());
        QCOMPARE(fileHash(coverage), before);
    }

    // Issue 15 #4: two fetches creating the same new database at once both succeed.
    void simultaneousFirstFetchesBothStore()
    {
        for (int round = 0; round < 10; ++round) {
            const QString path = m_dir.filePath(QStringLiteral("first-%1.sqlite").arg(round));
            QProcess a;
            QProcess b;
            for (QProcess *p : {&a, &b})
                prepareCli(*p, m_dir.path());
            a.start(QStringLiteral(CANDLEWICK_CLI_PATH), demoArgs("fetch", path));
            b.start(QStringLiteral(CANDLEWICK_CLI_PATH),
                    demoArgs("fetch", path, QStringLiteral("ETHUSDT")));
            for (QProcess *p : {&a, &b}) {
                QVERIFY(p->waitForFinished(60000));
                QVERIFY2(p->exitCode() == 0, p->readAllStandardError().constData());
            }
            const CliResult r = cli({QStringLiteral("coverage"), QStringLiteral("--db"), path});
            QVERIFY2(r.out.contains("demo:BTCUSDT:1m  candles 2880"), r.out.constData());
            QVERIFY2(r.out.contains("demo:ETHUSDT:1m  candles 2880"), r.out.constData());
        }
    }

    void errors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("message");
        QTest::addColumn<bool>("dbCreated");
        const QString path = db("errors.sqlite");
        QStringList unknownSymbol = fetchArgs(path, QStringLiteral("BTCUSDX"));
        QTest::newRow("unknown symbol") << unknownSymbol << 2 << "unknown symbol BTCUSDX" << true;
        QStringList badInterval = fetchArgs(path);
        badInterval[4] = QStringLiteral("7m");
        QTest::newRow("unknown interval") << badInterval << 2 << "unknown interval '7m'" << false;
        QStringList backwards = fetchArgs(path);
        backwards[6] = QStringLiteral("2024-03-05");
        QTest::newRow("to before from")
            << backwards << 2 << "--to (2024-03-03T00:00:00Z) must be after --from" << false;
        QStringList badDate = fetchArgs(path);
        badDate[6] = QStringLiteral("yesterday");
        QTest::newRow("unreadable date")
            << badDate << 2 << "cannot read --from 'yesterday'" << false;
        QStringList unwritable
            = fetchArgs(m_dir.filePath(QStringLiteral("btc.jsonl/sub/x.sqlite")));
        QTest::newRow("unwritable database")
            << unwritable << 1 << "Cannot create the database directory" << false;
        QTest::newRow("unopenable database")
            << fetchArgs(QStringLiteral("/proc/self/candles.sqlite")) << 1
            << "Cannot open the database" << false;
        QTest::newRow("unknown command")
            << QStringList{QStringLiteral("fetchh")} << 2 << "unknown command 'fetchh'" << false;
    }
    void errors()
    {
        QFETCH(QStringList, args);
        QFETCH(int, exitCode);
        QFETCH(QString, message);
        QFETCH(bool, dbCreated);
        QFile::remove(db("errors.sqlite"));
        // btc.jsonl may not exist when this runs alone: make the "file as directory" case real.
        QFile plain(m_dir.filePath(QStringLiteral("btc.jsonl")));
        if (!plain.exists() && plain.open(QIODevice::WriteOnly))
            plain.close();
        const CliResult r = cli(args);
        QCOMPARE(r.exitCode, exitCode);
        // One line: the error.
        QCOMPARE(r.errLines().size(), 1);
        QVERIFY2(r.err.startsWith("candlewick-cli: error: "), r.err.constData());
        QVERIFY2(QString::fromUtf8(r.err).contains(message), r.err.constData());
        QVERIFY(r.out.isEmpty());
        if (!dbCreated)
            QVERIFY(!QFile::exists(db("errors.sqlite")));
        // No candle is ever written by a failed command.
        SqliteCandleStore store;
        if (store.open(db("errors.sqlite"), SqliteCandleStore::OpenMode::ReadOnly))
            QVERIFY(store.seriesList().isEmpty());
    }

    // Bad dates are bad input before any request.
    void implausibleDates_data()
    {
        QTest::addColumn<QString>("option");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("message");
        QTest::newRow("1900") << "--from"
                              << "1900-01-01"
                              << "--from 1900-01-01T00:00:00Z is outside the time candles can have";
        QTest::newRow("year 2300") << "--to"
                                   << "2300-01-01"
                                   << "--to 2300-01-01T00:00:00Z is outside";
        QTest::newRow("epoch seconds")
            << "--from"
            << "1709251200"
            << "--from 1709251200 read as milliseconds is 1970-01-20T18:47:31.200Z: seconds? use a "
               "date (2024-03-01) or milliseconds (1709251200000)";
        QTest::newRow("ms in 1972") << "--from"
                                    << "70000000000"
                                    << "seconds?";
    }
    void implausibleDates()
    {
        QFETCH(QString, option);
        QFETCH(QString, value);
        QFETCH(QString, message);
        const QString path = db("dates.sqlite");
        QStringList args = fetchArgs(path);
        args[args.indexOf(option) + 1] = value;
        const int requests = m_fake.requestCount();
        const CliResult r = cli(args);
        QCOMPARE(r.exitCode, 2);
        QCOMPARE(r.errLines().size(), 1);
        QVERIFY2(QString::fromUtf8(r.err).contains(message), r.err.constData());
        QCOMPARE(m_fake.requestCount(), requests);
        QVERIFY(!QFile::exists(path));
    }

    void futureRangeHasNothingToFetchYet()
    {
        QStringList args = fetchArgs(db("future.sqlite"));
        args[6] = QStringLiteral("2190-01-01");
        args[8] = QStringLiteral("2190-01-02");
        const int requests = m_fake.requestCount();
        const CliResult r = cli(args);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(r.out.startsWith("nothing to fetch yet: no 1m candle of 2190-01-01T00:00:00Z .. "
                                  "2190-01-02T00:00:00Z has closed"),
                 r.out.constData());
        QVERIFY(!r.out.contains("all cached"));
        QCOMPARE(m_fake.requestCount(), requests);
    }

    // Two years of 1m for a symbol listed 15 minutes before the end: an estimate first, and the
    // progress counts the 15 candles stored, not the million slots.
    void largeFetchEstimatesAndCountsStoredCandles()
    {
        m_fake.addSymbol(QStringLiteral("NEWUSDT"), QStringLiteral("NEW"), QStringLiteral("USDT"),
                         T0);
        QStringList args = fetchArgs(db("large.sqlite"), QStringLiteral("NEWUSDT"));
        args[6] = QStringLiteral("2022-03-01");
        args[8] = QStringLiteral("2024-03-01T00:15:00Z");
        const CliResult r = cli(args);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QList<QByteArray> err = r.errLines();
        QVERIFY2(!err.isEmpty(), r.err.constData());
        // 731 days + 15 minutes of 1m slots, 1000 per request of weight 2 at 6000 per minute.
        QVERIFY2(err.first().startsWith("large download: 1052655 candles in 1053 requests, about "
                                        "21 s at the request budget of 6000 weight per 1 min, "
                                        "about 35.8 MB on disk")
                     || err.first().startsWith("large download: 1,052,655 candles in 1,053 "
                                               "requests, about 21 s at the request budget of "
                                               "6,000 weight per 1 min, about 35.8 MB on disk"),
                 r.err.constData());
        QVERIFY2(err.last().contains(" 15 candles "), r.err.constData());
        QVERIFY2(!r.err.contains("1052655 candles ") && !r.err.contains("1051200"),
                 r.err.constData());
        QVERIFY2(r.out.contains("binance:NEWUSDT:1m: 15 candles stored"), r.out.constData());
    }

    void smallFetchHasNoEstimate()
    {
        const CliResult r = cli(fetchArgs(db("small.sqlite")));
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(!r.err.contains("large download"), r.err.constData());
    }

    // export --out: a FIFO is written as a stream, read by another process, and stays a FIFO.
    void exportToFifo()
    {
        exportDb();
        const QString fifo = m_dir.filePath(QStringLiteral("export.fifo"));
        QVERIFY(::mkfifo(QFile::encodeName(fifo).constData(), 0600) == 0);
        QProcess reader;
        reader.start(QStringLiteral("cat"), {fifo});
        QVERIFY(reader.waitForStarted());
        const CliResult r = cli(exportArgs(fifo));
        QVERIFY2(r.exitCode == 0, r.err.constData());
        // The reader may have finished while the export ran.
        QVERIFY2(reader.state() == QProcess::NotRunning || reader.waitForFinished(30000),
                 "the reader never saw the end of the stream");
        QCOMPARE(reader.exitCode(), 0);
        const QByteArray data = reader.readAllStandardOutput();
        QCOMPARE(data.count('\n'), 10);
        QVERIFY(firstLineOf(data).startsWith("{\"timestamp\":1709251200000,"));
        struct stat st = {};
        QCOMPARE(::stat(QFile::encodeName(fifo).constData(), &st), 0);
        QVERIFY(S_ISFIFO(st.st_mode));
    }

    // A full device is a clear error. As root, /dev/full could be replaced by a broken export:
    // use a node of the same device in the test's folder then.
    void exportToDevFullFails()
    {
        QString device = QStringLiteral("/dev/full");
        struct stat st = {};
        if (::stat("/dev/full", &st) != 0 || !S_ISCHR(st.st_mode))
            QSKIP("no /dev/full here");
        if (::geteuid() == 0) {
            device = m_dir.filePath(QStringLiteral("full"));
            if (::mknod(QFile::encodeName(device).constData(), S_IFCHR | 0666, st.st_rdev) != 0)
                QSKIP("cannot make a device node in the test's folder");
        }
        const CliResult r = cli(exportArgs(device));
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.startsWith("candlewick-cli: error: cannot write " + QFile::encodeName(device)
                                  + ": "),
                 r.err.constData());
        QCOMPARE(r.errLines().size(), 1);
        QCOMPARE(::stat(QFile::encodeName(device).constData(), &st), 0);
        QVERIFY(S_ISCHR(st.st_mode));
    }

    void exportDashIsStdout()
    {
        const CliResult r = cli(exportArgs(QStringLiteral("-")));
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(r.out.count('\n'), 10);
        QVERIFY(firstLineOf(r.out).startsWith("{\"timestamp\":1709251200000,"));
        QCOMPARE(r.err, QByteArray("exported 10 candles\n"));
    }

    // /dev/fd/N as the shell's >(...) hands it over: here the descriptor is a pipe to the test.
    void exportToDevFd()
    {
        const QString script = QStringLiteral("exec \"$0\" \"$@\" 3>&1 1>/dev/null");
        const CliResult r
            = runCli(QStringLiteral("/bin/bash"),
                     QStringList{QStringLiteral("-c"), script, QStringLiteral(CANDLEWICK_CLI_PATH)}
                         + exportArgs(QStringLiteral("/dev/fd/3")),
                     m_dir.path());
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(r.out.count('\n'), 10);
        QVERIFY(firstLineOf(r.out).startsWith("{\"timestamp\":1709251200000,"));
    }

    // A regular file is replaced whole (a new inode, by rename); a symlink stays a symlink.
    void exportReplacesRegularFileWhole()
    {
        const QString file = m_dir.filePath(QStringLiteral("whole.jsonl"));
        QFile old(file);
        QVERIFY(old.open(QIODevice::WriteOnly));
        old.write(QByteArray(100000, 'x'));
        old.close();
        const QString link = m_dir.filePath(QStringLiteral("whole-link.jsonl"));
        QVERIFY(QFile::link(file, link));
        struct stat before = {};
        QCOMPARE(::stat(QFile::encodeName(file).constData(), &before), 0);

        const CliResult r = cli(exportArgs(link));
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(QFileInfo(link).isSymLink());
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray data = f.readAll();
        QCOMPARE(data.count('\n'), 10);
        QVERIFY(!data.contains('x'));
        struct stat after = {};
        QCOMPARE(::stat(QFile::encodeName(file).constData(), &after), 0);
        QVERIFY(after.st_ino != before.st_ino);
    }

    void unreachableServer()
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        const quint16 port = probe.serverPort();
        probe.close(); // nothing listens there now
        QStringList args = fetchArgs(db("unreachable.sqlite"));
        args.last() = QStringLiteral("http://127.0.0.1:%1").arg(port);
        const CliResult r = cli(args);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("candlewick-cli: error: "), r.err.constData());
        QVERIFY2(r.err.toLower().contains("refused") || r.err.toLower().contains("connect"),
                 r.err.constData());
        // Nothing ever answered at that address: no retries with backoff before saying so.
        QVERIFY2(!r.err.contains("gave up after"), r.err.constData());
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
