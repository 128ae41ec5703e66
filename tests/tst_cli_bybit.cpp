#include <exchangeclisuite.h>
#include <fakebybitrest.h>
#include <fakebybitws.h>

#include <clock.h>
#include <utctime.h>

#include <QDateTime>
#include <QTimer>

#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace Candlewick;
using namespace Candlewick::Testing;

// candlewick-cli as a process with --exchange bybit and bybit-linear against FakeBybitRest:
// fetch twice (the second asks nothing), export equals the ground truth, coverage, symbols, the
// refused 1s, unknown symbols and the URL from the environment.
class TestCliBybit : public ExchangeCliSuite
{
    Q_OBJECT
public:
    TestCliBybit()
        : ExchangeCliSuite(QStringLiteral(CANDLEWICK_CLI_PATH), QStringLiteral("bybit"))
    {
    }

private:
    FakeBybitRest m_rest{Clock::system()}; // the process cannot share a test clock
    FakeBybitWs m_ws{Clock::system()};
    QTimer m_pushes;

    void compareExport(const QString &exchange, const QString &symbol, const QString &dbPath,
                       qint64 from, qint64 to, const QString &interval = QStringLiteral("1m"))
    {
        const CliResult r = exportJsonlFor(exchange, symbol, dbPath, QString::number(from),
                                           QString::number(to), interval);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QList<QJsonObject> rows = jsonLines(r.out);
        const CandleBatch truth = m_rest.groundTruth(QStringLiteral("BTCUSDT"),
                                                     *Intervals::parse(interval), {from, to});
        QVERIFY(!truth.isEmpty());
        QCOMPARE(rows.size(), truth.size());
        for (qsizetype i = 0; i < truth.size(); ++i) {
            QCOMPARE(qint64(rows[i].value(QStringLiteral("timestamp")).toDouble()),
                     truth[i].openTime);
            QCOMPARE(rows[i].value(QStringLiteral("open")).toDouble(), truth[i].open);
            QCOMPARE(rows[i].value(QStringLiteral("close")).toDouble(), truth[i].close);
            QCOMPARE(rows[i].value(QStringLiteral("volume")).toDouble(), truth[i].volume);
        }
    }

private slots:
    void initTestCase()
    {
        QVERIFY(isValid());
        const qint64 listed = T0 - 30 * Day;
        for (const char *category : {"spot", "linear"}) {
            m_rest.addSymbol(QString::fromLatin1(category), QStringLiteral("BTCUSDT"),
                             QStringLiteral("BTC"), QStringLiteral("USDT"), listed);
        }
        m_rest.addSymbol(QStringLiteral("spot"), QStringLiteral("ETHUSDT"), QStringLiteral("ETH"),
                         QStringLiteral("USDT"), listed);
        QVERIFY(m_rest.listen());
        setRestUrl(m_rest.baseUrl());
        m_ws.followRest(m_rest);
        QVERIFY(m_ws.listen());
        connect(&m_pushes, &QTimer::timeout, &m_ws, &FakeBybitWs::publish);
        m_pushes.start(200);
    }

    void exchangesListsBoth()
    {
        const QJsonObject spot = listedExchange(QStringLiteral("bybit"));
        const QJsonObject linear = listedExchange(QStringLiteral("bybit-linear"));
        QVERIFY(!spot.isEmpty());
        QVERIFY(!linear.isEmpty());
        QCOMPARE(linear.value(QStringLiteral("wsUrl")).toString(),
                 QStringLiteral("wss://stream.bybit.com/v5/public/linear"));
        const QJsonObject intervals = spot.value(QStringLiteral("intervals")).toObject();
        QVERIFY(intervals.value(QStringLiteral("1s")).isNull());
        QCOMPARE(intervals.value(QStringLiteral("1m")).toString(), QStringLiteral("native"));
        QVERIFY(intervals.value(QStringLiteral("8h")).toString() != QStringLiteral("native"));
    }

    void fetchTwiceThenExportEqualsGroundTruth()
    {
        const QString path = db("spot.sqlite");
        const QStringList args
            = fetchArgs(QStringLiteral("BTC/USDT"), path, QStringLiteral("2024-03-01"),
                        QStringLiteral("2024-03-02T12:00:00Z"));
        const int before = m_rest.klineRequestCount();
        CliResult r = cli(args);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(r.out.contains("bybit:BTCUSDT:1m: 2160 candles stored"), r.out.constData());
        QCOMPARE(m_rest.klineRequestCount() - before, 3);
        QCOMPARE(m_rest.bannedCount(), 0);

        r = cli(args);
        QVERIFY2(r.out.contains("0 candles stored, 0 requests"), r.out.constData());
        QCOMPARE(m_rest.klineRequestCount() - before, 3);

        r = cli({QStringLiteral("coverage"), QStringLiteral("--db"), path});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(r.out.contains("bybit:BTCUSDT:1m  candles 2160  missing 0"), r.out.constData());

        compareExport(QStringLiteral("bybit"), QStringLiteral("BTCUSDT"), path, T0,
                      T0 + 36 * 60 * Minute);
    }

    void linearTakesTheUnifiedPerpetual()
    {
        const QString path = db("linear.sqlite");
        const int before = m_rest.klineRequestCount();
        const CliResult r = cli(fetchArgsFor(
            QStringLiteral("bybit-linear"), QStringLiteral("BTC/USDT:USDT"), path,
            QStringLiteral("2024-03-01"), QStringLiteral("2024-03-05"), QStringLiteral("8h")));
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(r.out.contains("bybit-linear:BTCUSDT:8h: 12 candles stored"), r.out.constData());
        const QList<QUrlQuery> queries = m_rest.klineQueries().mid(before);
        QVERIFY(!queries.isEmpty());
        for (const QUrlQuery &q : queries) {
            QCOMPARE(q.queryItemValue(QStringLiteral("category")), QStringLiteral("linear"));
            QCOMPARE(q.queryItemValue(QStringLiteral("interval")), QStringLiteral("240"));
        }
    }

    void refusesWhatBybitCannotGive()
    {
        CliResult r = cli(fetchArgs(QStringLiteral("BTCUSDT"), db("refused.sqlite"),
                                    QStringLiteral("2024-03-01"), QStringLiteral("2024-03-02"),
                                    QStringLiteral("1s")));
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("1s") && r.err.contains("1m"), r.err.constData());

        const int before = m_rest.klineRequestCount();
        r = cli(fetchArgs(QStringLiteral("NOPEUSDT"), db("refused.sqlite"),
                          QStringLiteral("2024-03-01"), QStringLiteral("2024-03-02")));
        QVERIFY(r.exitCode != 0);
        QVERIFY2(r.err.contains("NOPEUSDT"), r.err.constData());
        QCOMPARE(m_rest.klineRequestCount(), before);
    }

    void symbolsListsTheCategory()
    {
        CliResult r = cli({QStringLiteral("symbols"), QStringLiteral("--exchange"),
                           QStringLiteral("bybit"), QStringLiteral("--db"), db("symbols.sqlite"),
                           QStringLiteral("--rest-url"), m_rest.baseUrl().toString()});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QList<QByteArray> lines = r.out.trimmed().split('\n');
        std::sort(lines.begin(), lines.end());
        QCOMPARE(lines,
                 (QList<QByteArray>{"BTCUSDT\tBTC/USDT\tBTC\tUSDT\tTRADING",
                                    "ETHUSDT\tETH/USDT\tETH\tUSDT\tTRADING"}));

        // The URL from the environment, for the linear market only.
        QProcessEnvironment env;
        env.insert(QStringLiteral("CANDLEWICK_BYBIT_LINEAR_REST_URL"), m_rest.baseUrl().toString());
        r = cli({QStringLiteral("symbols"), QStringLiteral("--exchange"),
                 QStringLiteral("bybit-linear"), QStringLiteral("--db"), db("symbols.sqlite")},
                env);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(r.out.trimmed(), QByteArray("BTCUSDT\tBTC/USDT:USDT\tBTC\tUSDT\tTRADING"));
    }

    void recordBackfillsThenGoesLive()
    {
        // History up to ten minutes ago, then a short recording: the gap-free feed backfills the
        // last ten minutes over REST and streams from ws://127.0.0.1:PORT (no path: it gets
        // /v5/public/spot).
        const QString path = db("record.sqlite");
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        const qint64 to = now / Minute * Minute - 10 * Minute;
        CliResult r = cli(fetchArgs(QStringLiteral("BTC/USDT"), path,
                                    UtcTime::format(to - 60 * Minute), UtcTime::format(to)));
        QVERIFY2(r.exitCode == 0, r.err.constData());

        r = cli({QStringLiteral("record"), QStringLiteral("--exchange"), QStringLiteral("bybit"),
                 QStringLiteral("--symbols"), QStringLiteral("BTC/USDT"),
                 QStringLiteral("--intervals"), QStringLiteral("1m"), QStringLiteral("--json"),
                 QStringLiteral("--duration"), QStringLiteral("3s"), QStringLiteral("--db"), path,
                 QStringLiteral("--ws-url"), m_ws.url().toString(), QStringLiteral("--rest-url"),
                 m_rest.baseUrl().toString()});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QList<QJsonObject> announced = jsonLines(r.out);
        QVERIFY2(announced.size() >= 9, r.out.constData());
        QVERIFY(m_ws.acceptedConnections() >= 1);

        // One gap-free run of the exchange's candles across fetch and record.
        const qint64 last = qint64(announced.last().value(QStringLiteral("timestamp")).toDouble());
        compareExport(QStringLiteral("bybit"), QStringLiteral("BTCUSDT"), path, to - 60 * Minute,
                      last + Minute);
    }
};

QTEST_GUILESS_MAIN(TestCliBybit)
#include "tst_cli_bybit.moc"
