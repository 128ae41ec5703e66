// candlewick-cli processes sharing one PostgreSQL database (a real server of the test's own)
// against the fake exchange on loopback and the real clock (1s candles): `watch` beside writers,
// following their commits by LISTEN, and two `record` processes on the same streams, one writing
// and one standing by, the standby taking over when the writer is killed.
#include <cliprocess.h>
#include <eventwait.h>
#include <expectedwatchlines.h>
#include <fakebinancerest.h>
#include <fakebinancews.h>
#include <postgresserver.h>

#include <clock.h>
#include <postgrescandlestore.h>

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <limits>
#include <memory>

using namespace Candlewick;
using Candlewick::Testing::CliResult;
using Candlewick::Testing::expectedWatchLines;
using Candlewick::Testing::FakeBinanceRest;
using Candlewick::Testing::FakeBinanceWs;
using Candlewick::Testing::PostgresServer;
using Candlewick::Testing::runCli;
using Candlewick::Testing::waitFor;

namespace {

constexpr qint64 Day = 24LL * 3600 * 1000;
const QStringList Symbols{QStringLiteral("BTCUSDT"), QStringLiteral("ETHUSDT")};

QList<QByteArray> completeLines(const QByteArray &out)
{
    return out.split('\n').mid(0, out.count('\n'));
}

// Open times of the candles a `record --json` announced for `symbol`.
QList<qint64> announced(const QByteArray &out, const QString &symbol)
{
    QList<qint64> times;
    for (const QByteArray &line : completeLines(out)) {
        const QJsonObject o = QJsonDocument::fromJson(line).object();
        if (o.value(QStringLiteral("symbol")).toString() == symbol)
            times.append(qint64(o.value(QStringLiteral("timestamp")).toDouble()));
    }
    return times;
}

} // namespace

class TestCliPostgres : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    PostgresServer m_pg;
    FakeBinanceRest m_rest{Clock::system()};
    FakeBinanceWs m_ws{Clock::system()};
    int m_next = 0;

    QString freshDatabase()
    {
        const QString name = QStringLiteral("cli%1").arg(++m_next);
        return m_pg.createDatabase(name) ? m_pg.url(name) : QString();
    }
    std::unique_ptr<QProcess> start(const QStringList &args)
    {
        auto p = std::make_unique<QProcess>();
        Candlewick::Testing::prepareCli(*p, m_dir.path());
        p->start(QStringLiteral(CANDLEWICK_CLI_PATH), args);
        return p;
    }
    QStringList recordArgs(const QString &url) const
    {
        return {QStringLiteral("record"),
                QStringLiteral("--symbols"),
                Symbols.join(u','),
                QStringLiteral("--interval"),
                QStringLiteral("1s"),
                QStringLiteral("--json"),
                QStringLiteral("--status-every"),
                QStringLiteral("1"),
                QStringLiteral("--db"),
                url,
                QStringLiteral("--ws-url"),
                m_ws.url().toString(),
                QStringLiteral("--rest-url"),
                m_rest.baseUrl().toString()};
    }
    static SeriesKey key(const QString &symbol)
    {
        return {QStringLiteral("binance"), symbol, Interval::S1};
    }
    // What a correct watch prints for the store's contents from `from` on.
    static QList<QByteArray> expectedLines(const QString &url, qint64 from)
    {
        PostgresCandleStore store;
        if (!store.open(url, PostgresCandleStore::OpenMode::ReadOnly))
            return {};
        QList<SeriesKey> keys;
        for (const QString &symbol : Symbols)
            keys.append(key(symbol));
        return expectedWatchLines(store, keys, from);
    }

private slots:
    void initTestCase()
    {
        if (!PostgresServer::available())
            QSKIP("PostgreSQL 15 is not installed (/usr/lib/postgresql/15/bin)");
        QVERIFY(m_dir.isValid());
        QVERIFY2(m_pg.start(), qPrintable(m_pg.errorString()));
        const qint64 listed = QDateTime::currentMSecsSinceEpoch() - 30 * Day;
        for (const QString &symbol : Symbols)
            m_rest.addSymbol(symbol, symbol.left(3), QStringLiteral("USDT"), listed);
        QVERIFY(m_rest.listen());
        m_ws.followRest(m_rest);
        QVERIFY(m_ws.listen());
    }

    // History fetched before watch starts, the gap `record` backfills and live candles: every
    // stored candle from --from on comes out once, in order. Watch asks the server only when a
    // commit is notified: with a poll interval of a minute it still follows every commit.
    void watchFollowsCommitsByListen()
    {
        const QString url = freshDatabase();
        QVERIFY2(!url.isEmpty(), qPrintable(m_pg.errorString()));
        const qint64 now = QDateTime::currentMSecsSinceEpoch() / 1000 * 1000;
        const qint64 from = now - 40'000;
        const CliResult fetched
            = runCli(QStringLiteral(CANDLEWICK_CLI_PATH),
                     {QStringLiteral("fetch"), QStringLiteral("--symbol"), Symbols.join(u','),
                      QStringLiteral("--interval"), QStringLiteral("1s"), QStringLiteral("--from"),
                      QString::number(from), QStringLiteral("--to"), QString::number(now - 10'000),
                      QStringLiteral("--db"), url, QStringLiteral("--rest-url"),
                      m_rest.baseUrl().toString()},
                     m_dir.path(), 30000);
        QVERIFY2(fetched.exitCode == 0, fetched.err.constData());

        std::unique_ptr<QProcess> watch
            = start({QStringLiteral("watch"), QStringLiteral("--symbols"), Symbols.join(u','),
                     QStringLiteral("--interval"), QStringLiteral("1s"), QStringLiteral("--from"),
                     QString::number(from), QStringLiteral("--poll-ms"), QStringLiteral("60000"),
                     QStringLiteral("--db"), url});
        QByteArray out;
        connect(watch.get(), &QProcess::readyReadStandardOutput, watch.get(),
                [&] { out += watch->readAllStandardOutput(); });
        QVERIFY2(waitFor([&] { return out.count('\n') >= 40; }, 20000),
                 watch->readAllStandardError().constData());

        std::unique_ptr<QProcess> record = start(recordArgs(url));
        const qint64 recordStart = QDateTime::currentMSecsSinceEpoch();
        const auto liveSeen = [&] {
            int live = 0;
            for (const QByteArray &line : completeLines(out)) {
                if (line.mid(line.indexOf(':') + 1, 13).toLongLong() > recordStart + 2000)
                    ++live;
            }
            return live >= 4;
        };
        QVERIFY2(waitFor(liveSeen, 30000), record->readAllStandardError().constData());
        record->terminate();
        QVERIFY(waitFor([&] { return record->state() == QProcess::NotRunning; }, 20000));
        QCOMPARE(record->exitCode(), 0);

        const QList<QByteArray> expected = expectedLines(url, from);
        QVERIFY(expected.size() >= 2 * 40 + 4);
        QVERIFY(waitFor([&] { return out.count('\n') >= expected.size(); }, 10000));
        watch->terminate();
        QVERIFY(waitFor([&] { return watch->state() == QProcess::NotRunning; }, 10000));
        out += watch->readAllStandardOutput();
        QCOMPARE(watch->exitCode(), 0);
        const QList<QByteArray> got = completeLines(out);
        QCOMPARE(got.size(), expected.size());
        for (qsizetype i = 0; i < got.size(); ++i)
            QCOMPARE(got.at(i), expected.at(i));
    }

    // Two recorders on the same streams: one writes, the other stands by; killed with -9, the
    // writer's streams are taken over, and the store holds the exchange's candles exactly.
    void standbyTakesOverAfterKill()
    {
        const QString url = freshDatabase();
        QVERIFY2(!url.isEmpty(), qPrintable(m_pg.errorString()));
        std::unique_ptr<QProcess> first = start(recordArgs(url));
        QByteArray firstOut, firstErr;
        connect(first.get(), &QProcess::readyReadStandardOutput, first.get(),
                [&] { firstOut += first->readAllStandardOutput(); });
        connect(first.get(), &QProcess::readyReadStandardError, first.get(),
                [&] { firstErr += first->readAllStandardError(); });
        QVERIFY2(waitFor([&] { return firstErr.count(" writing\n") == 2; }, 20000),
                 firstErr.constData());

        std::unique_ptr<QProcess> second = start(recordArgs(url));
        QByteArray secondOut, secondErr;
        connect(second.get(), &QProcess::readyReadStandardOutput, second.get(),
                [&] { secondOut += second->readAllStandardOutput(); });
        connect(second.get(), &QProcess::readyReadStandardError, second.get(),
                [&] { secondErr += second->readAllStandardError(); });
        QVERIFY2(waitFor([&] { return secondErr.contains("2 standing by"); }, 20000),
                 secondErr.constData());
        QVERIFY2(waitFor([&] { return announced(firstOut, Symbols[1]).size() >= 3; }, 20000),
                 firstErr.constData());
        // The standby wrote nothing.
        QCOMPARE(secondOut, QByteArray());
        QVERIFY(!secondErr.contains(" writing\n"));

        first->kill();
        QVERIFY(waitFor([&] { return first->state() == QProcess::NotRunning; }, 20000));
        const qint64 killedAt = QDateTime::currentMSecsSinceEpoch();
        QVERIFY2(waitFor([&] { return secondErr.count(" writing\n") == 2; }, 20000),
                 secondErr.constData());
        // Live candles after the kill, stored by the one left.
        QVERIFY2(waitFor(
                     [&] {
                         const QList<qint64> times = announced(secondOut, Symbols[1]);
                         return !times.isEmpty() && times.last() > killedAt + 2000;
                     },
                     30000),
                 secondErr.constData());
        second->terminate();
        QVERIFY(waitFor([&] { return second->state() == QProcess::NotRunning; }, 20000));
        QCOMPARE(second->exitCode(), 0);
        QVERIFY(secondErr.contains("2 writing, 0 standing by"));

        PostgresCandleStore store;
        QVERIFY2(store.open(url, PostgresCandleStore::OpenMode::ReadOnly),
                 qPrintable(store.errorString()));
        for (const QString &symbol : Symbols) {
            const CandleBatch got
                = store.read(key(symbol), {0, std::numeric_limits<qint64>::max()});
            QVERIFY(!got.isEmpty());
            // From before the kill to after it, in one piece.
            QVERIFY(got.first().openTime <= announced(firstOut, symbol).last());
            QVERIFY(got.last().openTime > killedAt + 2000);
            const CandleBatch truth = m_rest.groundTruth(
                symbol, Interval::S1, {got.first().openTime, got.last().openTime + 1});
            QCOMPARE(got.size(), truth.size());
            for (qsizetype i = 0; i < got.size(); ++i)
                QCOMPARE(got[i], truth[i]);
            const TimeRanges covered = store.coverage(key(symbol));
            QCOMPARE(covered.size(), 1);
            QCOMPARE(covered.first().to, got.last().openTime + 1000);
        }
    }
};

QTEST_GUILESS_MAIN(TestCliPostgres)
#include "tst_cli_postgres.moc"
