// candlewick-cli replay / strategies as a separate process (issue 4). Replays a scripted range
// written into a temporary SQLite store into the sma_cross example plugin and checks every JSON
// line against signals computed by hand.

#include <sqlitecandlestore.h>

#include <QDateTime>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <cliprocess.h>

#include <algorithm>

using namespace Candlewick;
using Candlewick::Testing::CliResult;
using Candlewick::Testing::runCli;

namespace {

constexpr qint64 Min = 60000;
constexpr qint64 T0 = 1709251200000; // 2024-03-01T00:00:00Z
const SeriesKey Key{QStringLiteral("binance"), QStringLiteral("BTCUSDT"), Interval::M1};

Candle candle(qint64 openTime, double open, double close)
{
    Candle c;
    c.openTime = openTime;
    c.open = open;
    c.close = close;
    c.high = std::max(open, close) + 1;
    c.low = std::min(open, close) - 1;
    c.volume = 2;
    c.quoteVolume = 2 * close;
    c.trades = 3;
    return c;
}

// Closes inside the replayed range [T0, T0 + 12 min). With fast=2, slow=3 (averages of the
// last 2 and 3 closes; nothing until 3 closes exist):
//   i  close  fast   slow         signal
//   2  10     10     10           (first pair: no previous)
//   3  13     11.5   11           buy  (prev 10 <= 10, now 11.5 > 11)   <- equal averages before
//   4  16     14.5   13
//   5  10     13     13           (equal now: neither cross)
//   6  7      8.5    11           sell (prev 13 >= 13, now 8.5 < 11)
//   7  7      7      8
//   8  7      7      7
//   9  10     8.5    8            buy  (prev 7 <= 7)
//   10 12     11     9.666...
//   11 6      9      9.333333333  sell
// Summary: trade 1 13 -> 7, trade 2 10 -> 6: equity 7/13 * 6/10 = 4.2/13, return -67.6923 %;
// peak 16/13 (marked at candle 4), lowest 4.2/13: drawdown 1 - 4.2/16 = 73.75 %.
const QList<double> Closes{10, 10, 10, 13, 16, 10, 7, 7, 7, 10, 12, 6};

QJsonObject expectedSignal(int index, const char *side, double price, const char *reason)
{
    return QJsonObject{
        {QStringLiteral("time"),
         QDateTime::fromMSecsSinceEpoch(T0 + index * Min, Qt::UTC).toString(Qt::ISODateWithMs)},
        {QStringLiteral("symbol"), QStringLiteral("BTCUSDT")},
        {QStringLiteral("side"), QLatin1StringView(side)},
        {QStringLiteral("price"), price},
        {QStringLiteral("reason"), QLatin1StringView(reason)},
        {QStringLiteral("interval"), QStringLiteral("1m")},
        {QStringLiteral("exchange"), QStringLiteral("binance")},
        {QStringLiteral("strategy"), QStringLiteral("sma_cross")}};
}

} // namespace

class TestCliReplay : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_db;

    // No user settings (extra plugin directories) and no real database.
    CliResult cli(const QStringList &args)
    {
        return runCli(QStringLiteral(CANDLEWICK_CLI_PATH), args, m_dir.path());
    }

    QStringList replayArgs(const QStringList &extra) const
    {
        return QStringList{QStringLiteral("replay"),
                           QStringLiteral("--db"),
                           m_db,
                           QStringLiteral("--symbol"),
                           QStringLiteral("BTCUSDT"),
                           QStringLiteral("--interval"),
                           QStringLiteral("1m"),
                           QStringLiteral("--from"),
                           QStringLiteral("2024-03-01"),
                           QStringLiteral("--to"),
                           QStringLiteral("2024-03-01T00:12:00Z")}
        + extra;
    }

    // Bad input: exit 2, nothing on stdout, exactly one line on stderr with the house prefix.
    static void verifyBadInput(const CliResult &r, const QByteArray &mentions)
    {
        QCOMPARE(r.exitStatus, QProcess::NormalExit);
        QVERIFY2(r.exitCode == 2, r.err.constData());
        QVERIFY2(r.out.isEmpty(), r.out.constData());
        QCOMPARE(r.errLines().size(), 1);
        QVERIFY2(r.err.startsWith("candlewick-cli: error: "), r.err.constData());
        QVERIFY2(r.err.contains(mentions), r.err.constData());
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_db = m_dir.filePath(QStringLiteral("replay.sqlite"));
        CandleBatch batch;
        // Outside the range on both sides: would change the averages / add a buy if replayed.
        batch.append(candle(T0 - Min, 1000, 1000));
        double previous = 1000;
        for (qsizetype i = 0; i < Closes.size(); ++i) {
            batch.append(candle(T0 + i * Min, previous, Closes[i]));
            previous = Closes[i];
        }
        batch.append(candle(T0 + 12 * Min, 6, 20));
        batch.append(candle(T0 + 13 * Min, 20, 30));
        SqliteCandleStore store;
        QVERIFY2(store.open(m_db), qPrintable(store.errorString()));
        QVERIFY2(store.write(Key, batch), qPrintable(store.errorString()));
    }

    void replayPrintsHandComputedSignals_data()
    {
        QTest::addColumn<QString>("speed");
        QTest::newRow("max") << QStringLiteral("max");
        // 12 minutes of replay time in about 1 ms of wall time: the paced path, not max.
        QTest::newRow("paced") << QStringLiteral("600000");
    }

    void replayPrintsHandComputedSignals()
    {
        QFETCH(QString, speed);
        const CliResult r = cli(replayArgs(
            {QStringLiteral("--speed"), speed, QStringLiteral("--strategy"),
             QStringLiteral("sma_cross"), QStringLiteral("--param"), QStringLiteral("fast=2"),
             QStringLiteral("--param"), QStringLiteral("slow=3")}));
        QCOMPARE(r.exitStatus, QProcess::NormalExit);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(r.err.isEmpty(), r.err.constData());

        const QList<QJsonObject> expected{
            expectedSignal(3, "buy", 13, "SMA(2) 11.5 crossed above SMA(3) 11"),
            expectedSignal(6, "sell", 7, "SMA(2) 8.5 crossed below SMA(3) 11"),
            expectedSignal(9, "buy", 10, "SMA(2) 8.5 crossed above SMA(3) 8"),
            expectedSignal(11, "sell", 6, "SMA(2) 9 crossed below SMA(3) 9.333333333"),
        };
        const QList<QByteArray> lines = r.outLines();
        QCOMPARE(lines.size(), expected.size() + 1);
        for (qsizetype i = 0; i < expected.size(); ++i) {
            QVERIFY2(lines[i].startsWith("{\"time\":\""), lines[i].constData()); // documented order
            QJsonParseError parseError;
            const QJsonDocument doc = QJsonDocument::fromJson(lines[i], &parseError);
            QVERIFY2(doc.isObject(), parseError.errorString().toUtf8().constData());
            QCOMPARE(doc.object(), expected[i]);
        }

        const QJsonDocument last = QJsonDocument::fromJson(lines.last());
        QVERIFY2(last.isObject(), lines.last().constData());
        const QJsonObject summary = last.object().value(QLatin1StringView("summary")).toObject();
        QCOMPARE(summary.value(QLatin1StringView("strategy")).toString(),
                 QStringLiteral("sma_cross"));
        QCOMPARE(summary.value(QLatin1StringView("candles")).toInteger(), 12);
        QCOMPARE(summary.value(QLatin1StringView("signals")).toInt(), 4);
        QCOMPARE(summary.value(QLatin1StringView("buys")).toInt(), 2);
        QCOMPARE(summary.value(QLatin1StringView("sells")).toInt(), 2);
        QCOMPARE(summary.value(QLatin1StringView("notes")).toInt(), 0);
        QCOMPARE(summary.value(QLatin1StringView("trades")).toInt(), 2);
        QCOMPARE(summary.value(QLatin1StringView("winningTrades")).toInt(), 0);
        QCOMPARE(summary.value(QLatin1StringView("openPosition")).toBool(), false);
        QVERIFY(qAbs(summary.value(QLatin1StringView("totalReturnPct")).toDouble()
                     - (4.2 / 13 - 1) * 100)
                < 1e-9);
        QVERIFY(qAbs(summary.value(QLatin1StringView("maxDrawdownPct")).toDouble() - 73.75) < 1e-9);
    }

    void replayWithoutSignalsPrintsOnlyTheSummary()
    {
        // Defaults fast=9, slow=21 need 21 closes: only 12 in the range.
        const CliResult r
            = cli(replayArgs({QStringLiteral("--strategy"), QStringLiteral("sma_cross")}));
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QList<QByteArray> lines = r.outLines();
        QCOMPARE(lines.size(), 1);
        const QJsonObject summary = QJsonDocument::fromJson(lines.first())
                                        .object()
                                        .value(QLatin1StringView("summary"))
                                        .toObject();
        QCOMPARE(summary.value(QLatin1StringView("candles")).toInteger(), 12);
        QCOMPARE(summary.value(QLatin1StringView("signals")).toInt(), 0);
        QCOMPARE(summary.value(QLatin1StringView("totalReturnPct")).toDouble(), 0.0);
    }

    void badInputIsExitCode2WithOneLine_data()
    {
        QTest::addColumn<QStringList>("extra");
        QTest::addColumn<QByteArray>("mentions");
        const QString sma = QStringLiteral("sma_cross");
        const QString strategy = QStringLiteral("--strategy");
        const QString param = QStringLiteral("--param");
        QTest::newRow("unknown param")
            << QStringList{strategy, sma, param, QStringLiteral("bogus=1")} << QByteArray("bogus");
        QTest::newRow("below min") << QStringList{strategy, sma, param, QStringLiteral("fast=0")}
                                   << QByteArray("out of range");
        QTest::newRow("above max")
            << QStringList{strategy, sma, param, QStringLiteral("slow=10001")}
            << QByteArray("out of range");
        QTest::newRow("wrong type") << QStringList{strategy, sma, param, QStringLiteral("fast=abc")}
                                    << QByteArray("integer");
        QTest::newRow("no equals") << QStringList{strategy, sma, param, QStringLiteral("fast")}
                                   << QByteArray("name=value");
        QTest::newRow("unknown strategy") << QStringList{strategy, QStringLiteral("no_such")}
                                          << QByteArray("unknown strategy 'no_such'");
        QTest::newRow("no strategy") << QStringList{} << QByteArray("--strategy is required");
        QTest::newRow("bad speed")
            << QStringList{strategy, sma, QStringLiteral("--speed"), QStringLiteral("fast")}
            << QByteArray("--speed");
        // A tiny factor is refused (it once overflowed into max speed), with the range.
        for (const char *tiny : {"1e-20", "1e-300", "4.9e-324", "0.001"}) {
            QTest::newRow(tiny) << QStringList{strategy, sma, QStringLiteral("--speed"),
                                               QString::fromLatin1(tiny)}
                                << QByteArray("from 0.01 to 1000000");
        }
        QTest::newRow("above the range")
            << QStringList{strategy, sma, QStringLiteral("--speed"), QStringLiteral("1e7")}
            << QByteArray("from 0.01 to 1000000");
        QTest::newRow("bad interval")
            << QStringList{strategy, sma, QStringLiteral("--interval"), QStringLiteral("7m")}
            << QByteArray("unknown interval '7m'");
        QTest::newRow("to before from")
            << QStringList{strategy, sma, QStringLiteral("--to"), QStringLiteral("2024-02-01")}
            << QByteArray("must be after");
        QTest::newRow("two symbols") << QStringList{strategy, sma, QStringLiteral("--symbol"),
                                                    QStringLiteral("BTCUSDT,ETHUSDT")}
                                     << QByteArray("one --symbol");
        QTest::newRow("unknown exchange")
            << QStringList{strategy, sma, QStringLiteral("--exchange"), QStringLiteral("nyse")}
            << QByteArray("unknown exchange 'nyse'");
    }

    void badInputIsExitCode2WithOneLine()
    {
        QFETCH(QStringList, extra);
        QFETCH(QByteArray, mentions);
        // Later options win: --to/--symbol/--interval in `extra` override the defaults.
        verifyBadInput(cli(replayArgs(extra)), mentions);
    }

    void unknownStrategyListsTheKnownOnes()
    {
        const CliResult r
            = cli(replayArgs({QStringLiteral("--strategy"), QStringLiteral("no_such")}));
        verifyBadInput(r, "no_such");
        QVERIFY2(r.err.contains("sma_cross") && r.err.contains("rsi_threshold"), r.err.constData());
    }

    void nothingStoredIsAFailure()
    {
        const CliResult r
            = cli(replayArgs({QStringLiteral("--strategy"), QStringLiteral("sma_cross"),
                              QStringLiteral("--symbol"), QStringLiteral("ETHUSDT")}));
        QVERIFY2(r.exitCode == 1, r.err.constData());
        QVERIFY(r.out.isEmpty());
        QCOMPARE(r.errLines().size(), 1);
        QVERIFY2(
            r.err.startsWith("candlewick-cli: error: no stored candles for binance:ETHUSDT:1m"),
            r.err.constData());
    }

    void failingStrategyIsExitCode1()
    {
        // The test plugin notes every candle, then throws from its third.
        const CliResult r = cli(
            replayArgs({QStringLiteral("--plugin-dir"), QStringLiteral(CANDLEWICK_TEST_PLUGIN_DIR),
                        QStringLiteral("--strategy"), QStringLiteral("throwing"),
                        QStringLiteral("--param"), QStringLiteral("after=2")}));
        QCOMPARE(r.exitStatus, QProcess::NormalExit);
        QVERIFY2(r.exitCode == 1, r.err.constData());
        QCOMPARE(r.outLines().size(), 2);
        QVERIFY2(r.outLines().first().contains("\"side\":\"note\""), r.out.constData());
        QCOMPARE(r.errLines().size(), 1);
        QVERIFY2(
            r.err.startsWith("candlewick-cli: error: strategy throwing failed in onCandle: boom"),
            r.err.constData());
    }

    void strategiesListsExamplesWithParameters()
    {
        const CliResult r = cli({QStringLiteral("strategies")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QString text = QString::fromUtf8(r.out);
        QVERIFY2(text.contains(QLatin1StringView("sma_cross")), r.out.constData());
        QVERIFY(text.contains(QLatin1StringView("rsi_threshold")));
        for (const char *p :
             {"--param fast (int, default 9, 1..10000)", "--param slow (int, default 21, 1..10000)",
              "--param period (int, default 14", "--param low (", "--param high ("})
            QVERIFY2(text.contains(QLatin1StringView(p)), p);
    }

    void strategiesJsonHasParameterDetails()
    {
        const CliResult r = cli({QStringLiteral("strategies"), QStringLiteral("--json")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QHash<QString, QJsonObject> byName;
        for (const QByteArray &line : r.outLines()) {
            const QJsonObject o = QJsonDocument::fromJson(line).object();
            QVERIFY2(!o.isEmpty(), line.constData());
            byName.insert(o.value(QLatin1StringView("name")).toString(), o);
        }
        QVERIFY(byName.contains(QStringLiteral("sma_cross")));
        QVERIFY(byName.contains(QStringLiteral("rsi_threshold")));
        const auto params = [&](const QString &name) {
            QHash<QString, QJsonObject> out;
            for (const QJsonValue &v :
                 byName.value(name).value(QLatin1StringView("parameters")).toArray())
                out.insert(v.toObject().value(QLatin1StringView("name")).toString(), v.toObject());
            return out;
        };
        const auto sma = params(QStringLiteral("sma_cross"));
        QCOMPARE(sma.size(), 2);
        QCOMPARE(sma.value(QStringLiteral("fast")).value(QLatin1StringView("type")).toString(),
                 QStringLiteral("int"));
        QCOMPARE(sma.value(QStringLiteral("fast")).value(QLatin1StringView("default")).toInt(), 9);
        QCOMPARE(sma.value(QStringLiteral("fast")).value(QLatin1StringView("min")).toInt(), 1);
        QCOMPARE(sma.value(QStringLiteral("slow")).value(QLatin1StringView("default")).toInt(), 21);
        const auto rsi = params(QStringLiteral("rsi_threshold"));
        QCOMPARE(rsi.size(), 3);
        QCOMPARE(rsi.value(QStringLiteral("period")).value(QLatin1StringView("default")).toInt(),
                 14);
        QCOMPARE(rsi.value(QStringLiteral("low")).value(QLatin1StringView("default")).toDouble(),
                 30.0);
        QCOMPARE(rsi.value(QStringLiteral("high")).value(QLatin1StringView("default")).toDouble(),
                 70.0);
    }
};

QTEST_GUILESS_MAIN(TestCliReplay)
#include "tst_cli_replay.moc"
