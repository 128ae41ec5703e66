// The PostgreSQL backend's own cases (the shared contract is in tst_storecontract): the server
// unreachable, restarted and a role without rights, other URL schemes, CandleDatabase over a
// URL, and candlewick-cli --db postgresql://… as a process.
#include <candledatabase.h>
#include <candlestore.h>
#include <candlewatcher.h>
#include <cliprocess.h>
#include <eventwait.h>
#include <demo/mockmarket.h>
#include <fakebinancerest.h>
#include <gapfreefeed.h>
#include <manualclock.h>
#include <postgrescandlestore.h>
#include <postgresserver.h>
#include <postgreswriterlocks.h>
#include <recorder.h>

#include <QDir>
#include <QTemporaryDir>
#include <QTest>

#include <libpq-fe.h>

#include <memory>
#include <thread>

#include <sys/select.h>

using namespace Candlewick;
using Candlewick::Testing::CliResult;
using Candlewick::Testing::FakeBinanceRest;
using Candlewick::Testing::PostgresServer;
using Candlewick::Testing::runCli;
using Candlewick::Testing::waitFor;

namespace {

constexpr qint64 T0 = 1709251200000; // 2024-03-01T00:00:00Z
constexpr qint64 Min = 60000;

CandleBatch minutes(qint64 from, int n)
{
    CandleBatch out;
    for (int i = 0; i < n; ++i) {
        Candle c;
        c.openTime = from + i * Min;
        c.open = c.high = c.low = c.close = 100 + i;
        out.append(c);
    }
    return out;
}

const SeriesKey Btc{QStringLiteral("binance"), QStringLiteral("BTCUSDT"), Interval::M1};

} // namespace

class TestPostgresStore : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    PostgresServer m_pg;
    FakeBinanceRest m_fake;
    int m_next = 0;

    QString freshDatabase()
    {
        const QString name = QStringLiteral("pg%1").arg(++m_next);
        return m_pg.createDatabase(name) ? name : QString();
    }
    CliResult cli(const QStringList &args)
    {
        return runCli(QStringLiteral(CANDLEWICK_CLI_PATH), args, m_dir.path());
    }
    QStringList fetchArgs(const QString &db) const
    {
        return {QStringLiteral("fetch"),
                QStringLiteral("--symbol"),
                QStringLiteral("BTCUSDT"),
                QStringLiteral("--interval"),
                QStringLiteral("1m"),
                QStringLiteral("--from"),
                QStringLiteral("2024-03-01"),
                QStringLiteral("--to"),
                QStringLiteral("2024-03-02T00:00:00Z"),
                QStringLiteral("--db"),
                db,
                QStringLiteral("--rest-url"),
                m_fake.baseUrl().toString()};
    }
    static QStringList exportArgs(const QString &db)
    {
        return {
            QStringLiteral("export"),     QStringLiteral("--symbol"),   QStringLiteral("BTCUSDT"),
            QStringLiteral("--from"),     QStringLiteral("2024-03-01"), QStringLiteral("--to"),
            QStringLiteral("2024-03-02"), QStringLiteral("--db"),       db};
    }

private slots:
    void initTestCase()
    {
        if (!PostgresServer::available())
            QSKIP("PostgreSQL 15 is not installed (/usr/lib/postgresql/15/bin)");
        QVERIFY(m_dir.isValid());
        QVERIFY2(m_pg.start(), qPrintable(m_pg.errorString()));
        QVERIFY(m_fake.listen());
        m_fake.addSymbol(QStringLiteral("BTCUSDT"), QStringLiteral("BTC"), QStringLiteral("USDT"),
                         T0 - 30 * 24 * 60 * Min);
    }

    void otherSchemesAreRefusedNotTakenForFiles()
    {
        QString error;
        const QString mysql = QStringLiteral("mysql://user@localhost/candles");
        QVERIFY(!CandleDatabase::open(mysql, CandleDatabase::Access::ReadWrite, &error));
        QVERIFY2(error.contains(QStringLiteral("Unsupported database URL scheme 'mysql'")),
                 qPrintable(error));
        QVERIFY(!QDir(QStringLiteral("mysql:")).exists());
        QVERIFY(CandleDatabase::locationError(QStringLiteral("/tmp/a.sqlite")).isEmpty());
        QVERIFY(CandleDatabase::locationError(m_pg.url(QStringLiteral("x"))).isEmpty());

        const QString file = m_dir.filePath(QStringLiteral("mysql"));
        const CliResult r = cli({QStringLiteral("coverage"), QStringLiteral("--db"),
                                 QStringLiteral("mysql://") + file});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("unsupported database URL"), r.err.constData());
        QVERIFY(!QFile::exists(file));
    }

    void unreachableServerIsAnError()
    {
        const QString url = QStringLiteral("postgresql://candlewick@localhost:5432/x?host=%1")
                                .arg(m_dir.filePath(QStringLiteral("no-server")));
        PostgresCandleStore store;
        QVERIFY(!store.open(url));
        QVERIFY2(store.errorString().contains(QStringLiteral("Cannot connect")),
                 qPrintable(store.errorString()));
        QVERIFY(store.read(Btc, {T0, T0 + Min}).isEmpty());
        QVERIFY(store.hasError());
        const CliResult r = cli({QStringLiteral("coverage"), QStringLiteral("--db"), url});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("Cannot connect"), r.err.constData());
    }

    void passwordIsNotShownInMessages()
    {
        PostgresCandleStore store;
        QVERIFY(
            !store.open(QStringLiteral("postgresql://candlewick:s3cret@localhost:5432/x?host=%1")
                            .arg(m_dir.filePath(QStringLiteral("no-server")))));
        QVERIFY(!store.errorString().contains(QStringLiteral("s3cret")));
    }

    void roleWithoutRightsIsRefused()
    {
        QVERIFY2(m_pg.exec(QStringLiteral("postgres"), QStringLiteral("CREATE ROLE visitor LOGIN")),
                 qPrintable(m_pg.errorString()));
        const QString name = freshDatabase();
        QVERIFY2(!name.isEmpty(), qPrintable(m_pg.errorString()));
        // PostgreSQL 15 lets only the database owner create tables in its public schema.
        PostgresCandleStore store;
        QVERIFY(!store.open(m_pg.url(name, QStringLiteral("visitor"))));
        QVERIFY2(store.errorString().contains(QStringLiteral("permission denied")),
                 qPrintable(store.errorString()));
        // Made by the owner, the tables are not readable to a role without grants either.
        {
            PostgresCandleStore owner;
            QVERIFY2(owner.open(m_pg.url(name)), qPrintable(owner.errorString()));
            QVERIFY(owner.write(Btc, minutes(T0, 3)));
        }
        PostgresCandleStore reader;
        QVERIFY(!reader.open(m_pg.url(name, QStringLiteral("visitor")),
                             PostgresCandleStore::OpenMode::ReadOnly));
        QVERIFY2(reader.errorString().contains(QStringLiteral("permission denied")),
                 qPrintable(reader.errorString()));
    }

    void simultaneousCreationSucceeds()
    {
        const QString name = freshDatabase();
        QVERIFY2(!name.isEmpty(), qPrintable(m_pg.errorString()));
        bool ok[2] = {false, false};
        QString errors[2];
        std::thread threads[2];
        for (int i = 0; i < 2; ++i) {
            threads[i] = std::thread([&, i] {
                PostgresCandleStore store;
                ok[i] = store.open(m_pg.url(name)) && store.write(Btc, minutes(T0 + i * Min, 5));
                errors[i] = store.errorString();
            });
        }
        for (std::thread &t : threads)
            t.join();
        QVERIFY2(ok[0], qPrintable(errors[0]));
        QVERIFY2(ok[1], qPrintable(errors[1]));
        PostgresCandleStore store;
        QVERIFY(store.open(m_pg.url(name), PostgresCandleStore::OpenMode::ReadOnly));
        QCOMPARE(store.count(Btc, {T0, T0 + 10 * Min}), 6);
        QCOMPARE(store.seriesList().value(0).candleCount, 6);
    }

    void serverRestartLosesNothingCommittedAndReconnects()
    {
        const QString name = freshDatabase();
        QVERIFY2(!name.isEmpty(), qPrintable(m_pg.errorString()));
        PostgresCandleStore store;
        QVERIFY2(store.open(m_pg.url(name)), qPrintable(store.errorString()));
        QVERIFY(store.write(Btc, minutes(T0, 10), {{T0, T0 + 10 * Min}}));
        m_pg.stop();
        QVERIFY(!store.write(Btc, minutes(T0 + 10 * Min, 10), {{T0 + 10 * Min, T0 + 20 * Min}}));
        QVERIFY(!store.errorString().isEmpty());
        QVERIFY2(m_pg.restart(), qPrintable(m_pg.errorString()));
        // The failed write left nothing behind.
        PostgresCandleStore other;
        QVERIFY2(other.open(m_pg.url(name)), qPrintable(other.errorString()));
        QCOMPARE(other.count(Btc, {T0, T0 + 20 * Min}), 10);
        QCOMPARE(other.coverage(Btc), (TimeRanges{{T0, T0 + 10 * Min}}));
        // The store's next operation connects again, also when the break is not known yet.
        QCOMPARE(store.count(Btc, {T0, T0 + 20 * Min}), 10);
        QVERIFY(m_pg.restart());
        QVERIFY2(store.write(Btc, minutes(T0 + 10 * Min, 10), {{T0 + 10 * Min, T0 + 20 * Min}}),
                 qPrintable(store.errorString()));
        QCOMPARE(store.count(Btc, {T0, T0 + 20 * Min}), 20);
        QCOMPARE(store.seriesList().value(0).candleCount, 20);
    }

    void candleDatabaseOverUrl()
    {
        const QString name = freshDatabase();
        QVERIFY2(!name.isEmpty(), qPrintable(m_pg.errorString()));
        QString error;
        const auto db
            = CandleDatabase::open(m_pg.url(name), CandleDatabase::Access::ReadWrite, &error);
        QVERIFY2(db, qPrintable(error));
        QCOMPARE(CandleDatabase::open(m_pg.url(name), CandleDatabase::Access::ReadOnly, &error),
                 db);
        const CandleDatabase::WriteResult written
            = db->writeNow(Btc, minutes(T0, 30), {{T0, T0 + 30 * Min}});
        QVERIFY2(written.ok, qPrintable(written.error));
        QCOMPARE(written.candles, 30);
        CandleStore *reader = db->reader();
        QCOMPARE(reader->count(Btc, {T0, T0 + 30 * Min}), 30);
        // The reader is read-only.
        QVERIFY(!reader->write(Btc, minutes(T0 + 30 * Min, 1)));
        QCOMPARE(reader->count(Btc, {T0, T0 + 31 * Min}), 30);
    }

    void commitNotifiesTheSeries()
    {
        const QString name = freshDatabase();
        QVERIFY2(!name.isEmpty(), qPrintable(m_pg.errorString()));
        PostgresCandleStore store;
        QVERIFY2(store.open(m_pg.url(name)), qPrintable(store.errorString()));
        std::unique_ptr<PGconn, decltype(&PQfinish)> listener(
            PQconnectdb(m_pg.url(name).toUtf8().constData()), &PQfinish);
        QCOMPARE(PQstatus(listener.get()), CONNECTION_OK);
        const QByteArray listen = QByteArray("LISTEN ") + PostgresCandleStore::NotifyChannel;
        PQclear(PQexec(listener.get(), listen.constData()));

        QVERIFY(store.addCoverage(Btc, {T0, T0 + Min})); // no candles: no notification
        QVERIFY(store.write(Btc, minutes(T0, 2)));
        // Waits for the server's message on the listener's socket (5 s at most).
        QStringList heard;
        for (int round = 0; round < 50 && heard.isEmpty(); ++round) {
            fd_set fds;
            FD_ZERO(&fds);
            FD_SET(PQsocket(listener.get()), &fds);
            timeval timeout{0, 100000};
            select(PQsocket(listener.get()) + 1, &fds, nullptr, nullptr, &timeout);
            PQconsumeInput(listener.get());
            while (PGnotify *n = PQnotifies(listener.get())) {
                heard.append(QString::fromUtf8(n->extra));
                PQfreemem(n);
            }
        }
        QCOMPARE(heard, QStringList{Btc.toString()});
    }

    // The watcher reads when a commit is notified: its clock never moves, so no timer of its own
    // ever asks the server. After a server restart it listens again and reads what it missed.
    void watcherHearsCommitsWithoutPolling()
    {
        const QString name = freshDatabase();
        QVERIFY2(!name.isEmpty(), qPrintable(m_pg.errorString()));
        PostgresCandleStore writer;
        QVERIFY2(writer.open(m_pg.url(name)), qPrintable(writer.errorString()));
        QVERIFY(writer.write(Btc, minutes(T0, 3)));
        QString error;
        const auto db
            = CandleDatabase::open(m_pg.url(name), CandleDatabase::Access::ReadOnly, &error);
        QVERIFY2(db, qPrintable(error));

        ManualClock clock(T0 + 3 * Min);
        CandleWatcher watcher(&clock);
        QVERIFY2(watcher.open(db), qPrintable(watcher.errorString()));
        watcher.addSeries(Btc, T0);
        QList<qint64> seen;
        QStringList failures;
        connect(&watcher, &CandleWatcher::candleReady, this,
                [&](const SeriesKey &, const Candle &c) { seen.append(c.openTime); });
        connect(&watcher, &CandleWatcher::failed, this,
                [&](const QString &message) { failures.append(message); });
        watcher.start();
        clock.advance(0); // the first read
        QCOMPARE(seen.size(), 3);
        QCOMPARE(clock.nextDue(), -1); // nothing scheduled: it waits for notifications

        QVERIFY(writer.write(Btc, minutes(T0 + 3 * Min, 2)));
        QVERIFY(waitFor([&] { return seen.size() >= 5; }, 5000));
        // Another series' commit is not read.
        QVERIFY(writer.write({QStringLiteral("binance"), QStringLiteral("ETHUSDT"), Interval::M1},
                             minutes(T0, 1)));
        QVERIFY(writer.write(Btc, minutes(T0 + 5 * Min, 1)));
        QVERIFY(waitFor([&] { return seen.size() >= 6; }, 5000));

        QVERIFY2(m_pg.restart(), qPrintable(m_pg.errorString()));
        QVERIFY(writer.write(Btc, minutes(T0 + 6 * Min, 2)));
        QVERIFY(waitFor([&] { return seen.size() >= 8; }, 5000));
        QVERIFY(writer.write(Btc, minutes(T0 + 8 * Min, 1)));
        QVERIFY(waitFor([&] { return seen.size() >= 9; }, 5000));
        QCOMPARE(failures, QStringList());
        QList<qint64> expected;
        for (int i = 0; i < 9; ++i)
            expected.append(T0 + i * Min);
        QCOMPARE(seen, expected);
    }

    // One session holds a series' writer lock; another gets it only once the first is gone.
    void writerLockIsFreedWithTheSession()
    {
        const QString name = freshDatabase();
        QVERIFY2(!name.isEmpty(), qPrintable(m_pg.errorString()));
        const SeriesKey eth{QStringLiteral("binance"), QStringLiteral("ETHUSDT"), Interval::M1};
        auto first = std::make_unique<PostgresWriterLocks>();
        PostgresWriterLocks second;
        QVERIFY2(first->open(m_pg.url(name)), qPrintable(first->errorString()));
        QVERIFY2(second.open(m_pg.url(name)), qPrintable(second.errorString()));
        QVERIFY(first->tryLock(Btc));
        QVERIFY(first->tryLock(Btc)); // held already
        QVERIFY(!second.tryLock(Btc));
        QVERIFY(second.tryLock(eth));
        QVERIFY(first->alive());
        first.reset(); // the session ends
        QVERIFY(waitFor([&] { return second.tryLock(Btc); }, 5000));
        QVERIFY(second.holds(Btc));

        // A server restart ends every session: its locks are gone, and it says so.
        QVERIFY2(m_pg.restart(), qPrintable(m_pg.errorString()));
        QVERIFY(!second.alive());
        QVERIFY(!second.holds(Btc));
        QVERIFY(second.alive());
        QVERIFY(second.tryLock(Btc));
    }

    // Two recorders of one series on the clock of the test: one writes, the other stands by and
    // takes over once the writer's session is gone, from where the writer's commits end.
    void standbyRecorderTakesOver()
    {
        const QString name = freshDatabase();
        QVERIFY2(!name.isEmpty(), qPrintable(m_pg.errorString()));
        QString error;
        const auto db
            = CandleDatabase::open(m_pg.url(name), CandleDatabase::Access::ReadWrite, &error);
        QVERIFY2(db, qPrintable(error));
        const SeriesKey key{QStringLiteral("demo"), QStringLiteral("BTCUSDT"), Interval::S1};
        ManualClock clock(T0 + 500);
        auto *marketA = new MockMarket(9, &clock);
        auto *marketB = new MockMarket(9, &clock);
        GapFreeFeed feedA(marketA, marketA, &clock);
        GapFreeFeed feedB(marketB, marketB, &clock);
        auto first = std::make_unique<Recorder>(db, &feedA, &clock);
        Recorder second(db, &feedB, &clock);
        QList<qint64> storedByFirst, storedBySecond;
        QList<bool> secondRoles;
        connect(first.get(), &Recorder::candleStored, this,
                [&](const SeriesKey &, const Candle &c) { storedByFirst.append(c.openTime); });
        connect(&second, &Recorder::candleStored, this,
                [&](const SeriesKey &, const Candle &c) { storedBySecond.append(c.openTime); });
        connect(&second, &Recorder::roleChanged, this,
                [&](const SeriesKey &, bool writing) { secondRoles.append(writing); });
        first->addSeries(key);
        second.addSeries(key);
        first->start();
        second.start();
        QVERIFY(first->coordinates());
        QVERIFY(first->isWriting(key));
        QVERIFY(!second.isWriting(key));
        QCOMPARE(secondRoles, QList<bool>{false});
        const auto run = [&](int seconds) {
            for (int i = 0; i < seconds; ++i) {
                clock.advance(1000);
                waitFor([&] { return feedB.state() != ConnectionState::Backfilling; }, 5000);
                Candlewick::Testing::drainEvents();
            }
        };
        run(10);
        QVERIFY(storedByFirst.size() >= 9);
        QCOMPARE(storedBySecond, QList<qint64>());

        // The writer goes away; once the server has ended its session the lock is free.
        first->stop();
        first.reset();
        PostgresWriterLocks probe;
        QVERIFY2(probe.open(m_pg.url(name)), qPrintable(probe.errorString()));
        QVERIFY(waitFor([&] { return probe.tryLock(key); }, 5000));
        probe.unlock(key);
        run(3); // five seconds pass unrecorded, then the next lock check
        QVERIFY(second.isWriting(key));
        QCOMPARE(secondRoles, (QList<bool>{false, true}));
        run(5);
        QVERIFY(!storedBySecond.isEmpty());
        QCOMPARE(storedBySecond.first(), storedByFirst.last() + 1000);

        // One gap-free sequence: the generator's candles, each once, covered as one range.
        const auto reader
            = CandleDatabase::openStore(m_pg.url(name), CandleDatabase::Access::ReadOnly);
        const CandleBatch got = reader->read(key, {0, T0 + 3600 * 1000});
        QCOMPARE(got.size(), storedByFirst.size() + storedBySecond.size());
        for (qsizetype i = 0; i < got.size(); ++i) {
            QCOMPARE(got[i].openTime, storedByFirst.first() + i * 1000);
            QCOMPARE(got[i], marketB->generator().candleAt(key, got[i].openTime));
        }
        const TimeRanges covered = reader->coverage(key);
        QCOMPARE(covered.size(), 1);
        QCOMPARE(covered.first().to, got.last().openTime + 1000);
        second.stop();
    }

    void passwordIsMaskedForDisplay()
    {
        QCOMPARE(CandleDatabase::displayLocation(
                     QStringLiteral("postgresql://bob:s3cret@db.example:5432/candles")),
                 QStringLiteral("postgresql://bob:****@db.example:5432/candles"));
        const QString shown = CandleDatabase::displayLocation(
            QStringLiteral("postgresql://bob@db.example/candles?password=s3cret&sslmode=require"));
        QVERIFY2(!shown.contains(QStringLiteral("s3cret")), qPrintable(shown));
        QVERIFY(shown.contains(QStringLiteral("sslmode=require")));
        QCOMPARE(CandleDatabase::displayLocation(QStringLiteral("/tmp/a:b@c.sqlite")),
                 QStringLiteral("/tmp/a:b@c.sqlite"));
    }

    void cliFetchExportCoverage()
    {
        const QString name = freshDatabase();
        QVERIFY2(!name.isEmpty(), qPrintable(m_pg.errorString()));
        const QString url = m_pg.url(name);
        const QString file = m_dir.filePath(QStringLiteral("same.sqlite"));
        for (const QString &db : {url, file}) {
            const CliResult r = cli(fetchArgs(db));
            QVERIFY2(r.exitCode == 0, r.err.constData());
        }
        // Fetched again, nothing is downloaded twice and nothing doubled.
        const CliResult again = cli(fetchArgs(url));
        QVERIFY2(again.exitCode == 0, again.err.constData());

        const CliResult coverage = cli({QStringLiteral("coverage"), QStringLiteral("--db"), url});
        QVERIFY2(coverage.exitCode == 0, coverage.err.constData());
        QVERIFY2(coverage.out.contains("binance:BTCUSDT:1m  candles 1440"),
                 coverage.out.constData());
        QVERIFY(coverage.out.contains("covered 2024-03-01T00:00:00Z .. 2024-03-02T00:00:00Z"));

        const CliResult fromPg = cli(exportArgs(url));
        const CliResult fromFile = cli(exportArgs(file));
        QVERIFY2(fromPg.exitCode == 0, fromPg.err.constData());
        QVERIFY2(fromFile.exitCode == 0, fromFile.err.constData());
        QCOMPARE(fromPg.out.count('\n'), fromFile.out.count('\n'));
        QVERIFY(fromPg.out.count('\n') >= 1440);
        QCOMPARE(fromPg.out, fromFile.out);
    }
};

QTEST_GUILESS_MAIN(TestPostgresStore)
#include "tst_postgresstore.moc"
