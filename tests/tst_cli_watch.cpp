#include <cliprocess.h>
#include <eventwait.h>
#include <expectedwatchlines.h>
#include <fakebinancerest.h>
#include <fakebinancews.h>

#include <sqlitecandlestore.h>
#include <clock.h>
#include <utctime.h>

#include <QDateTime>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Candlewick;
using Candlewick::Testing::CliResult;
using Candlewick::Testing::expectedWatchLines;
using Candlewick::Testing::FakeBinanceRest;
using Candlewick::Testing::FakeBinanceWs;
using Candlewick::Testing::runCli;
using Candlewick::Testing::waitFor;

namespace {

constexpr qint64 Day = 24LL * 3600 * 1000;

QList<QByteArray> completeLines(const QByteArray &out)
{
    return out.split('\n').mid(0, out.count('\n'));
}

} // namespace

// `candlewick-cli watch` as a process beside writer processes (`fetch`, then `record`) on the
// same database, against the fake exchange on loopback and the real clock (1s candles).
class TestCliWatch : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    FakeBinanceRest m_rest{Clock::system()};
    FakeBinanceWs m_ws{Clock::system()};

    // A candlewick-cli process with its settings under the test's folder, not started yet.
    std::unique_ptr<QProcess> prepare(const QStringList &args)
    {
        auto p = std::make_unique<QProcess>();
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("CANDLEWICK_BINANCE_REST_URL"));
        env.remove(QStringLiteral("CANDLEWICK_BINANCE_WS_URL"));
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_dir.filePath(QStringLiteral("config")));
        env.insert(QStringLiteral("XDG_DATA_HOME"), m_dir.filePath(QStringLiteral("data")));
        env.insert(QStringLiteral("LANGUAGE"), QStringLiteral("en"));
        p->setProcessEnvironment(env);
        p->setProgram(QStringLiteral(CANDLEWICK_CLI_PATH));
        p->setArguments(args);
        return p;
    }
    std::unique_ptr<QProcess> start(const QStringList &args)
    {
        std::unique_ptr<QProcess> p = prepare(args);
        p->start();
        return p;
    }
    QStringList urls() const
    {
        return {QStringLiteral("--rest-url"), m_rest.baseUrl().toString(),
                QStringLiteral("--ws-url"), m_ws.url().toString()};
    }
    // What a correct watch prints for the store's contents from `from` on.
    static QList<QByteArray> expectedLines(const QString &path, qint64 from)
    {
        SqliteCandleStore store;
        if (!store.open(path, SqliteCandleStore::OpenMode::ReadOnly))
            return {};
        QList<SeriesKey> keys;
        for (const char *symbol : {"BTCUSDT", "ETHUSDT"})
            keys.append({QStringLiteral("binance"), QString::fromLatin1(symbol), Interval::S1});
        return expectedWatchLines(store, keys, from);
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

    // History fetched before watch starts, the gap `record` backfills, and live candles: every
    // stored candle from --from on comes out once, in order, and nothing else.
    void historyThenLiveBesideWriters()
    {
        const QString path = m_dir.filePath(QStringLiteral("live.sqlite"));
        const qint64 now = QDateTime::currentMSecsSinceEpoch() / 1000 * 1000;
        const qint64 from = now - 40'000;
        const CliResult fetched
            = runCli(QStringLiteral(CANDLEWICK_CLI_PATH),
                     QStringList{QStringLiteral("fetch"), QStringLiteral("--symbol"),
                                 QStringLiteral("BTCUSDT,ETHUSDT"), QStringLiteral("--interval"),
                                 QStringLiteral("1s"), QStringLiteral("--from"),
                                 QString::number(from), QStringLiteral("--to"),
                                 QString::number(now - 10'000), QStringLiteral("--db"), path}
                         + urls().mid(0, 2),
                     m_dir.path(), 30000);
        QVERIFY2(fetched.exitCode == 0, fetched.err.constData());

        std::unique_ptr<QProcess> watch = start(
            {QStringLiteral("watch"), QStringLiteral("--symbols"),
             QStringLiteral("BTCUSDT,ETHUSDT"), QStringLiteral("--interval"), QStringLiteral("1s"),
             QStringLiteral("--from"), QString::number(from), QStringLiteral("--db"), path});
        QByteArray out;
        connect(watch.get(), &QProcess::readyReadStandardOutput, watch.get(),
                [&] { out += watch->readAllStandardOutput(); });
        // The fetched history, before any other writer runs.
        QVERIFY2(waitFor([&] { return out.count('\n') >= 40; }, 20000),
                 watch->readAllStandardError().constData());

        std::unique_ptr<QProcess> record
            = start(QStringList{QStringLiteral("record"), QStringLiteral("--symbols"),
                                QStringLiteral("BTCUSDT,ETHUSDT"), QStringLiteral("--interval"),
                                QStringLiteral("1s"), QStringLiteral("--db"), path}
                    + urls());
        const qint64 recordStart = QDateTime::currentMSecsSinceEpoch();
        // Live candles that closed after the recorder started, for both series.
        const auto liveSeen = [&] {
            int live = 0;
            for (const QByteArray &line : completeLines(out)) {
                if (line.contains("\"timestamp\":")
                    && line.mid(line.indexOf(':') + 1, 13).toLongLong() > recordStart + 2000)
                    ++live;
            }
            return live >= 4;
        };
        QVERIFY2(waitFor(liveSeen, 30000), record->readAllStandardError().constData());
        record->terminate();
        QVERIFY(waitFor([&] { return record->state() == QProcess::NotRunning; }, 20000));
        QCOMPARE(record->exitCode(), 0);

        // Everything the writers committed reaches the watcher, then it ends cleanly on SIGTERM.
        const QList<QByteArray> expected = expectedLines(path, from);
        QVERIFY(expected.size() >= 2 * 40 + 4);
        QVERIFY(waitFor([&] { return out.count('\n') >= expected.size(); }, 10000));
        watch->terminate();
        QVERIFY(waitFor([&] { return watch->state() == QProcess::NotRunning; }, 10000));
        out += watch->readAllStandardOutput();
        QCOMPARE(watch->exitStatus(), QProcess::NormalExit);
        QCOMPARE(watch->exitCode(), 0);
        const QList<QByteArray> got = completeLines(out);
        QCOMPARE(got.size(), expected.size());
        for (qsizetype i = 0; i < got.size(); ++i)
            QCOMPARE(got.at(i), expected.at(i));
    }

    // The reader of stdout goes away (watch | head -n N): watch ends with exit code 0, both
    // when a write fails (N lines of history, then more to print) and when it has nothing to
    // write (N = 0).
    void closedStdoutEndsWithZero_data()
    {
        QTest::addColumn<int>("lines");
        QTest::newRow("while writing") << 2;
        QTest::newRow("while idle") << 0;
    }
    void closedStdoutEndsWithZero()
    {
        QFETCH(int, lines);
        const QString path = m_dir.filePath(QStringLiteral("closed%1.sqlite").arg(lines));
        constexpr qint64 T0 = 1709251200000;
        {
            SqliteCandleStore store;
            QVERIFY(store.open(path));
            CandleBatch batch;
            for (int i = 0; i < 5000; ++i) {
                Candle c;
                c.openTime = T0 + i * 1000;
                c.open = c.high = c.low = c.close = 10;
                batch.append(c);
            }
            QVERIFY(store.write(
                {QStringLiteral("binance"), QStringLiteral("BTCUSDT"), Interval::S1}, batch));
        }
        QStringList args{QStringLiteral("watch"),
                         QStringLiteral("--symbols"),
                         QStringLiteral("BTCUSDT"),
                         QStringLiteral("--interval"),
                         QStringLiteral("1s"),
                         QStringLiteral("--db"),
                         path};
        if (lines > 0)
            args << QStringLiteral("--from") << QString::number(T0);
        std::unique_ptr<QProcess> watch = prepare(args);
        QProcess reader;
        watch->setStandardOutputProcess(&reader);
        watch->start();
        reader.start(QStringLiteral("head"), {QStringLiteral("-n"), QString::number(lines)});
        QVERIFY(watch->waitForStarted());
        QVERIFY(waitFor([&] { return reader.state() == QProcess::NotRunning; }, 10000));
        QCOMPARE(reader.readAllStandardOutput().count('\n'), lines);
        QVERIFY(waitFor([&] { return watch->state() == QProcess::NotRunning; }, 10000));
        QCOMPARE(watch->exitStatus(), QProcess::NormalExit);
        QCOMPARE(watch->exitCode(), 0);
    }

    void badInput_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("mentions");
        const QString missing = m_dir.filePath(QStringLiteral("missing.sqlite"));
        QTest::newRow("missing database")
            << QStringList{QStringLiteral("--symbols"), QStringLiteral("BTCUSDT"),
                           QStringLiteral("--db"), missing}
            << 1 << "missing.sqlite";
        QTest::newRow("bad from") << QStringList{QStringLiteral("--symbols"),
                                                 QStringLiteral("BTCUSDT"),
                                                 QStringLiteral("--from"),
                                                 QStringLiteral("yesterday"),
                                                 QStringLiteral("--db"),
                                                 missing}
                                  << 2 << "--from";
        QTest::newRow("no symbols")
            << QStringList{QStringLiteral("--db"), missing} << 2 << "--symbol";
        QTest::newRow("bad poll") << QStringList{QStringLiteral("--symbols"),
                                                 QStringLiteral("BTCUSDT"),
                                                 QStringLiteral("--poll-ms"),
                                                 QStringLiteral("0"),
                                                 QStringLiteral("--db"),
                                                 missing}
                                  << 2 << "--poll-ms";
    }

    void badInput()
    {
        QFETCH(QStringList, args);
        QFETCH(int, exitCode);
        QFETCH(QString, mentions);
        const CliResult r
            = runCli(QStringLiteral(CANDLEWICK_CLI_PATH),
                     QStringList{QStringLiteral("watch")} + args, m_dir.path(), 30000);
        QCOMPARE(r.exitCode, exitCode);
        QVERIFY2(r.err.startsWith("candlewick-cli: error: "), r.err.constData());
        QVERIFY2(r.err.contains(mentions.toUtf8()), r.err.constData());
        QVERIFY(r.out.isEmpty());
        QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("missing.sqlite"))));
    }
};

QTEST_GUILESS_MAIN(TestCliWatch)
#include "tst_cli_watch.moc"
