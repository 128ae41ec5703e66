#include <cliprocess.h>
#include <fakebinancerest.h>
#include <eventwait.h>
#include <fakebinancews.h>

#include <sqlitecandlestore.h>
#include <clock.h>

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <sqlite3.h>

#include <memory>

using namespace Candlewick;
using Candlewick::Testing::CliResult;
using Candlewick::Testing::FakeBinanceRest;
using Candlewick::Testing::FakeBinanceWs;
using Candlewick::Testing::runCli;
using Candlewick::Testing::waitFor;

namespace {

constexpr qint64 Day = 24LL * 3600 * 1000;

// Every open time these tests can meet (an hour either side of the run).
const TimeRange AllTime{QDateTime::currentMSecsSinceEpoch() - 3600 * 1000,
                        QDateTime::currentMSecsSinceEpoch() + 3600 * 1000};

// A closed candle the process announced on stdout (--json): it is stored by then.
struct Announced
{
    QString symbol;
    Interval interval = Interval::M1;
    qint64 openTime = 0;
};

QList<Announced> announcedIn(const QByteArray &out)
{
    QList<Announced> list;
    const QList<QByteArray> lines = out.split('\n');
    for (qsizetype i = 0; i + 1 < lines.size(); ++i) { // the last piece is incomplete or empty
        const QJsonObject o = QJsonDocument::fromJson(lines[i]).object();
        const auto interval = Intervals::parse(o.value(QStringLiteral("interval")).toString());
        if (o.isEmpty() || !interval)
            continue;
        list.append({o.value(QStringLiteral("symbol")).toString(), *interval,
                     qint64(o.value(QStringLiteral("timestamp")).toDouble())});
    }
    return list;
}

QString integrityCheck(const QString &path)
{
    sqlite3 *db = nullptr;
    QString result;
    if (sqlite3_open_v2(QFile::encodeName(path).constData(), &db, SQLITE_OPEN_READWRITE, nullptr)
        != SQLITE_OK) {
        result = QStringLiteral("cannot open: %1").arg(QString::fromUtf8(sqlite3_errmsg(db)));
    } else {
        sqlite3_stmt *stmt = nullptr;
        sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &stmt, nullptr);
        while (stmt && sqlite3_step(stmt) == SQLITE_ROW)
            result
                += QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(stmt, 0)));
        sqlite3_finalize(stmt);
    }
    sqlite3_close(db);
    return result;
}

} // namespace

// candlewick-cli record as a separate process against the fake exchange (REST + WebSocket) on
// loopback. The process runs on the real clock, so the fakes here do too and 1s candles keep the
// runs to a few seconds.
class TestCliRecord : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    FakeBinanceRest m_rest{Clock::system()};
    FakeBinanceWs m_ws{Clock::system()};

    QString db(const QString &name) const { return m_dir.filePath(name); }
    QStringList recordArgs(const QString &dbPath, const QStringList &more = {}) const
    {
        return QStringList{QStringLiteral("record"),
                           QStringLiteral("--symbols"),
                           QStringLiteral("BTCUSDT,ETHUSDT"),
                           QStringLiteral("--intervals"),
                           QStringLiteral("1s"),
                           QStringLiteral("--json"),
                           QStringLiteral("--status-every"),
                           QStringLiteral("1"),
                           QStringLiteral("--db"),
                           dbPath,
                           QStringLiteral("--ws-url"),
                           m_ws.url().toString(),
                           QStringLiteral("--rest-url"),
                           m_rest.baseUrl().toString()}
        + more;
    }
    // A recording process whose output we watch while it runs.
    std::unique_ptr<QProcess> start(const QStringList &args)
    {
        auto p = std::make_unique<QProcess>();
        Candlewick::Testing::prepareCli(*p, m_dir.path());
        p->start(QStringLiteral(CANDLEWICK_CLI_PATH), args);
        return p;
    }

    // Every announced candle is in the store, equal to the exchange's.
    void verifyAnnouncedStored(const QString &dbPath, const QList<Announced> &announced)
    {
        SqliteCandleStore store;
        QVERIFY2(store.open(dbPath, SqliteCandleStore::OpenMode::ReadOnly),
                 qPrintable(store.errorString()));
        for (const Announced &a : announced) {
            const SeriesKey key{QStringLiteral("binance"), a.symbol, a.interval};
            const CandleBatch got = store.read(key, {a.openTime, a.openTime + 1});
            QVERIFY2(
                got.size() == 1,
                qPrintable(QStringLiteral("%1 %2 not stored").arg(key.toString()).arg(a.openTime)));
            QCOMPARE(got.first(), m_rest.candleAt(a.symbol, a.interval, a.openTime));
        }
    }
    // The store holds the exchange's candles from its first to its last, each once, covered.
    void verifyGapFree(const QString &dbPath, const SeriesKey &key, int atLeast)
    {
        SqliteCandleStore store;
        QVERIFY2(store.open(dbPath, SqliteCandleStore::OpenMode::ReadOnly),
                 qPrintable(store.errorString()));
        const CandleBatch got = store.read(key, AllTime);
        QVERIFY2(got.size() >= atLeast, qPrintable(QStringLiteral("%1 stored").arg(got.size())));
        const CandleBatch truth = m_rest.groundTruth(
            key.symbol, key.interval, {got.first().openTime, got.last().openTime + 1});
        QCOMPARE(got.size(), truth.size());
        for (qsizetype i = 0; i < got.size(); ++i)
            QCOMPARE(got[i], truth[i]);
        const TimeRanges covered = store.coverage(key);
        QCOMPARE(covered.size(), 1);
        QCOMPARE(covered.first().to, Intervals::next(key.interval, got.last().openTime));
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        const qint64 listed = QDateTime::currentMSecsSinceEpoch() - 30 * Day;
        m_rest.addSymbol(QStringLiteral("BTCUSDT"), QStringLiteral("BTC"), QStringLiteral("USDT"),
                         listed);
        m_rest.addSymbol(QStringLiteral("ETHUSDT"), QStringLiteral("ETH"), QStringLiteral("USDT"),
                         listed);
        QVERIFY(m_rest.listen());
        m_ws.followRest(m_rest);
        QVERIFY(m_ws.listen());
    }

    void recordsForTheDurationThenExits()
    {
        const QString path = db(QStringLiteral("duration.sqlite"));
        const CliResult r
            = runCli(QStringLiteral(CANDLEWICK_CLI_PATH),
                     recordArgs(path, {QStringLiteral("--duration"), QStringLiteral("4s")}),
                     m_dir.path(), 30000);
        QCOMPARE(r.exitStatus, QProcess::NormalExit);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QList<Announced> announced = announcedIn(r.out);
        QVERIFY2(announced.size() >= 4, r.out.constData()); // two series, a close every second
        verifyAnnouncedStored(path, announced);
        verifyGapFree(path, {QStringLiteral("binance"), QStringLiteral("BTCUSDT"), Interval::S1},
                      2);
        QVERIFY(r.err.contains("closed stored")); // status lines
        QVERIFY(!r.err.contains("error"));
        QCOMPARE(integrityCheck(path), QStringLiteral("ok"));
    }

    void sigtermFlushesAndExitsZero()
    {
        const QString path = db(QStringLiteral("sigterm.sqlite"));
        std::unique_ptr<QProcess> p = start(recordArgs(path));
        QByteArray out;
        QObject::connect(p.get(), &QProcess::readyReadStandardOutput, p.get(),
                         [&] { out += p->readAllStandardOutput(); });
        QVERIFY2(waitFor([&] { return announcedIn(out).size() >= 2; }, 20000),
                 p->readAllStandardError().constData());
        p->terminate(); // SIGTERM
        QVERIFY(waitFor([&] { return p->state() == QProcess::NotRunning; }, 20000));
        out += p->readAllStandardOutput();
        QCOMPARE(p->exitStatus(), QProcess::NormalExit);
        QCOMPARE(p->exitCode(), 0);
        verifyAnnouncedStored(path, announcedIn(out));
        QCOMPARE(integrityCheck(path), QStringLiteral("ok"));
    }

    void killNineLosesNoAnnouncedCandle()
    {
        const QString path = db(QStringLiteral("kill9.sqlite"));
        std::unique_ptr<QProcess> p = start(recordArgs(path, {QStringLiteral("--partials")}));
        QByteArray out;
        QObject::connect(p.get(), &QProcess::readyReadStandardOutput, p.get(),
                         [&] { out += p->readAllStandardOutput(); });
        QVERIFY2(waitFor([&] { return announcedIn(out).size() >= 4; }, 20000),
                 p->readAllStandardError().constData());
        p->kill(); // SIGKILL: no chance to flush anything
        QVERIFY(waitFor([&] { return p->state() == QProcess::NotRunning; }, 20000));
        out += p->readAllStandardOutput();
        QCOMPARE(p->exitStatus(), QProcess::CrashExit);
        // The database passes its own check, and holds every candle announced before the kill.
        QCOMPARE(integrityCheck(path), QStringLiteral("ok"));
        const QList<Announced> announced = announcedIn(out);
        QVERIFY(announced.size() >= 4);
        verifyAnnouncedStored(path, announced);
    }

    void restartBackfillsWhatWasMissed()
    {
        const QString path = db(QStringLiteral("restart.sqlite"));
        const QStringList args
            = recordArgs(path, {QStringLiteral("--duration"), QStringLiteral("3s")});
        const CliResult first
            = runCli(QStringLiteral(CANDLEWICK_CLI_PATH), args, m_dir.path(), 30000);
        QVERIFY2(first.exitCode == 0, first.err.constData());
        const CliResult second
            = runCli(QStringLiteral(CANDLEWICK_CLI_PATH), args, m_dir.path(), 30000);
        QVERIFY2(second.exitCode == 0, second.err.constData());
        // One gap-free sequence across both runs and the time between them.
        for (const char *symbol : {"BTCUSDT", "ETHUSDT"})
            verifyGapFree(
                path, {QStringLiteral("binance"), QString::fromLatin1(symbol), Interval::S1}, 4);
        QCOMPARE(integrityCheck(path), QStringLiteral("ok"));
    }

    void badInput_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("mentions");
        const QString url = QStringLiteral("ws://127.0.0.1:9");
        QTest::newRow("unknown interval") << QStringList{QStringLiteral("record"),
                                                         QStringLiteral("--symbols"),
                                                         QStringLiteral("BTCUSDT"),
                                                         QStringLiteral("--interval"),
                                                         QStringLiteral("7m"),
                                                         QStringLiteral("--ws-url"),
                                                         url}
                                          << 2 << "7m";
        QTest::newRow("unknown interval in list") << QStringList{QStringLiteral("record"),
                                                                 QStringLiteral("--symbols"),
                                                                 QStringLiteral("BTCUSDT"),
                                                                 QStringLiteral("--intervals"),
                                                                 QStringLiteral("1m,9x"),
                                                                 QStringLiteral("--ws-url"),
                                                                 url}
                                                  << 2 << "9x";
        QTest::newRow("no symbols")
            << QStringList{QStringLiteral("record"), QStringLiteral("--interval"),
                           QStringLiteral("1m"), QStringLiteral("--ws-url"), url}
            << 2 << "--symbol";
        QTest::newRow("empty symbols")
            << QStringList{QStringLiteral("record"), QStringLiteral("--symbols"),
                           QStringLiteral(","), QStringLiteral("--ws-url"), url}
            << 2 << "--symbol";
        QTest::newRow("bad duration") << QStringList{QStringLiteral("record"),
                                                     QStringLiteral("--symbols"),
                                                     QStringLiteral("BTCUSDT"),
                                                     QStringLiteral("--duration"),
                                                     QStringLiteral("soon"),
                                                     QStringLiteral("--ws-url"),
                                                     url}
                                      << 2 << "--duration";
        QTest::newRow("negative duration")
            << QStringList{QStringLiteral("record"),   QStringLiteral("--symbols"),
                           QStringLiteral("BTCUSDT"),  QStringLiteral("--duration=-5s"),
                           QStringLiteral("--ws-url"), url}
            << 2 << "--duration";
        QTest::newRow("zero duration") << QStringList{QStringLiteral("record"),
                                                      QStringLiteral("--symbols"),
                                                      QStringLiteral("BTCUSDT"),
                                                      QStringLiteral("--duration"),
                                                      QStringLiteral("0s"),
                                                      QStringLiteral("--ws-url"),
                                                      url}
                                       << 2 << "--duration";
        QTest::newRow("bad ws url")
            << QStringList{QStringLiteral("record"), QStringLiteral("--symbols"),
                           QStringLiteral("BTCUSDT"), QStringLiteral("--ws-url"),
                           QStringLiteral("http://127.0.0.1:9")}
            << 2 << "WebSocket URL";
    }

    void badInput()
    {
        QFETCH(QStringList, args);
        QFETCH(int, exitCode);
        QFETCH(QString, mentions);
        args << QStringLiteral("--db") << db(QStringLiteral("never.sqlite"));
        const CliResult r = runCli(QStringLiteral(CANDLEWICK_CLI_PATH), args, m_dir.path(), 30000);
        QCOMPARE(r.exitStatus, QProcess::NormalExit);
        QCOMPARE(r.exitCode, exitCode);
        QCOMPARE(r.errLines().size(), 1);
        QVERIFY2(r.err.startsWith("candlewick-cli: error: "), r.err.constData());
        QVERIFY2(r.err.contains(mentions.toUtf8()), r.err.constData());
        QVERIFY(r.out.isEmpty());
        QVERIFY(!QFile::exists(db(QStringLiteral("never.sqlite"))));
    }

    void unwritableDatabase()
    {
        // The database's folder would have to be created under a regular file.
        QFile blocker(db(QStringLiteral("a-file")));
        QVERIFY(blocker.open(QIODevice::WriteOnly));
        blocker.close();
        const QString path = QDir(blocker.fileName()).filePath(QStringLiteral("db.sqlite"));
        const int connectionsBefore = m_ws.acceptedConnections();
        const CliResult r
            = runCli(QStringLiteral(CANDLEWICK_CLI_PATH), recordArgs(path), m_dir.path(), 30000);
        QCOMPARE(r.exitStatus, QProcess::NormalExit);
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.errLines().size(), 1);
        QVERIFY2(r.err.startsWith("candlewick-cli: error: "), r.err.constData());
        QCOMPARE(m_ws.acceptedConnections(), connectionsBefore); // it failed before connecting
    }
};

QTEST_GUILESS_MAIN(TestCliRecord)
#include "tst_cli_record.moc"
