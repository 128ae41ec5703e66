#include <exchangeclisuite.h>
#include <fakeokxrest.h>
#include <fakeokxws.h>

#include <clock.h>
#include <utctime.h>

#include <QDateTime>
#include <QHostAddress>
#include <QTcpServer>

#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace Candlewick;
using namespace Candlewick::Testing;

// candlewick-cli as a process with --exchange okx against FakeOkxRest, symbols given natively
// and in the unified form.
class TestCliOkx : public ExchangeCliSuite
{
    Q_OBJECT
public:
    TestCliOkx()
        : ExchangeCliSuite(QStringLiteral(CANDLEWICK_CLI_PATH), QStringLiteral("okx"))
    {
    }

private:
    // The real clock: the process cannot share a test clock.
    FakeOkxRest m_rest{Clock::system()};
    FakeOkxWs m_ws;

private slots:
    void initTestCase()
    {
        QVERIFY(isValid());
        const qint64 listed = T0 - 30 * Day;
        m_rest.addInstrument(QStringLiteral("BTC-USDT"), QStringLiteral("SPOT"), listed);
        m_rest.addInstrument(QStringLiteral("ETH-USDT"), QStringLiteral("SPOT"), listed);
        m_rest.addInstrument(QStringLiteral("BTC-USDT-SWAP"), QStringLiteral("SWAP"), listed);
        QVERIFY(m_rest.listen());
        setRestUrl(m_rest.baseUrl());
        QVERIFY(m_ws.listen());
    }

    void exchangesListsIt()
    {
        const QJsonObject okx = listedExchange(QStringLiteral("okx"));
        QVERIFY(!okx.isEmpty());
        QCOMPARE(okx.value(QStringLiteral("restUrl")).toString(),
                 QStringLiteral("https://www.okx.com"));
        QCOMPARE(okx.value(QStringLiteral("wsUrl")).toString(),
                 QStringLiteral("wss://ws.okx.com:8443/ws/v5/business"));
        const QJsonObject intervals = okx.value(QStringLiteral("intervals")).toObject();
        QCOMPARE(intervals.value(QStringLiteral("1m")).toString(), QStringLiteral("native"));
        QCOMPARE(intervals.value(QStringLiteral("1d")).toString(), QStringLiteral("native"));
        QVERIFY(intervals.value(QStringLiteral("8h")).toString() != QLatin1StringView("native"));
        QVERIFY(intervals.value(QStringLiteral("1s")).isNull());
    }

    void fetchTwiceThenExportEqualsGroundTruth()
    {
        const QString path = db("fetch.sqlite");
        const int before = m_rest.candleRequestCount();
        CliResult r
            = cli(fetchArgs(QStringLiteral("BTC/USDT:USDT"), path, QStringLiteral("2024-03-01"),
                            QStringLiteral("2024-03-02T12:00:00Z")));
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(r.out.contains("okx:BTC-USDT-SWAP:1m: 2160 candles stored"), r.out.constData());
        // 2160 rows in pages of 300.
        QCOMPARE(m_rest.candleRequestCount() - before, 8);
        QCOMPARE(m_rest.rateLimitedCount(), 0);

        // A second identical fetch asks nothing.
        r = cli(fetchArgs(QStringLiteral("BTC-USDT-SWAP"), path, QStringLiteral("2024-03-01"),
                          QStringLiteral("2024-03-02T12:00:00Z")));
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(r.out.contains("0 candles stored, 0 requests"), r.out.constData());
        QCOMPARE(m_rest.candleRequestCount() - before, 8);

        r = cli({QStringLiteral("coverage"), QStringLiteral("--db"), path});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(r.out.contains("okx:BTC-USDT-SWAP:1m  candles 2160  missing 0"),
                 r.out.constData());

        r = exportJsonl(QStringLiteral("BTC/USDT:USDT"), path, QStringLiteral("2024-03-01"),
                        QStringLiteral("2024-03-02T12:00:00Z"));
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QList<QJsonObject> rows = jsonLines(r.out);
        const CandleBatch truth = m_rest.groundTruth(QStringLiteral("BTC-USDT-SWAP"), Interval::M1,
                                                     {T0, T0 + 36 * 60 * Minute});
        QCOMPARE(rows.size(), truth.size());
        for (qsizetype i = 0; i < truth.size(); ++i) {
            QCOMPARE(qint64(rows[i].value(QStringLiteral("timestamp")).toDouble()),
                     truth[i].openTime);
            QCOMPARE(rows[i].value(QStringLiteral("open")).toDouble(), truth[i].open);
            QCOMPARE(rows[i].value(QStringLiteral("close")).toDouble(), truth[i].close);
            QCOMPARE(rows[i].value(QStringLiteral("volume")).toDouble(), truth[i].volume);
        }
    }

    void builtIntervalEqualsTheAggregate()
    {
        // 8h is built from 4H; the export cannot tell it from a native one.
        const QString path = db("h8.sqlite");
        CliResult r = cli(fetchArgs(QStringLiteral("BTC/USDT"), path, QStringLiteral("2024-03-01"),
                                    QStringLiteral("2024-03-03"), QStringLiteral("8h")));
        QVERIFY2(r.exitCode == 0, r.err.constData());
        for (const auto &q : m_rest.candleQueries())
            QVERIFY(q.second.queryItemValue(QStringLiteral("bar")) != QLatin1StringView("8H"));
        r = exportJsonl(QStringLiteral("BTC/USDT"), path, QStringLiteral("2024-03-01"),
                        QStringLiteral("2024-03-03"), QStringLiteral("8h"));
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QList<QJsonObject> rows = jsonLines(r.out);
        QCOMPARE(rows.size(), 6);
        const CandleBatch h4
            = m_rest.groundTruth(QStringLiteral("BTC-USDT"), Interval::H4, {T0, T0 + 2 * Day});
        QCOMPARE(h4.size(), 12);
        for (qsizetype i = 0; i < rows.size(); ++i) {
            QCOMPARE(qint64(rows[i].value(QStringLiteral("timestamp")).toDouble()),
                     h4[2 * i].openTime);
            QCOMPARE(rows[i].value(QStringLiteral("open")).toDouble(), h4[2 * i].open);
            QCOMPARE(rows[i].value(QStringLiteral("close")).toDouble(), h4[2 * i + 1].close);
            QCOMPARE(rows[i].value(QStringLiteral("high")).toDouble(),
                     std::max(h4[2 * i].high, h4[2 * i + 1].high));
        }
    }

    void oneSecondIsRefused()
    {
        const CliResult r = cli(fetchArgs(QStringLiteral("BTC/USDT"), db("s1.sqlite"),
                                          QStringLiteral("2024-03-01"),
                                          QStringLiteral("2024-03-02"), QStringLiteral("1s")));
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("1s") && r.err.contains("1m"), r.err.constData());
    }

    void unknownSymbolIsRefused()
    {
        const int before = m_rest.candleRequestCount();
        const CliResult r
            = cli(fetchArgs(QStringLiteral("NOPE/USDT"), db("unknown.sqlite"),
                            QStringLiteral("2024-03-01"), QStringLiteral("2024-03-02")));
        QVERIFY(r.exitCode != 0);
        QVERIFY2(r.err.contains("NOPE-USDT"), r.err.constData());
        QCOMPARE(m_rest.candleRequestCount(), before);
    }

    void unreachableServer()
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        const quint16 port = probe.serverPort();
        probe.close(); // nothing listens there now
        QStringList args = fetchArgs(QStringLiteral("BTC/USDT"), db("unreachable.sqlite"),
                                     QStringLiteral("2024-03-01"), QStringLiteral("2024-03-02"));
        args.last() = QStringLiteral("http://127.0.0.1:%1").arg(port);
        const CliResult r = cli(args, {}, 30000);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("candlewick-cli: error: "), r.err.constData());
        QVERIFY2(r.err.contains("Cannot reach OKX"), r.err.constData());
    }

    void symbolsListsSpotAndSwaps()
    {
        const int before = m_rest.instrumentRequestCount();
        const CliResult r
            = cli({QStringLiteral("symbols"), QStringLiteral("--exchange"), QStringLiteral("okx"),
                   QStringLiteral("--db"), db("symbols.sqlite"), QStringLiteral("--rest-url"),
                   m_rest.baseUrl().toString()});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QList<QByteArray> lines = r.out.trimmed().split('\n');
        std::sort(lines.begin(), lines.end());
        QCOMPARE(lines,
                 (QList<QByteArray>{"BTC-USDT\tBTC/USDT\tBTC\tUSDT\tTRADING",
                                    "BTC-USDT-SWAP\tBTC/USDT:USDT\tBTC\tUSDT\tTRADING",
                                    "ETH-USDT\tETH/USDT\tETH\tUSDT\tTRADING"}));
        QCOMPARE(m_rest.instrumentRequestCount() - before, 2);
    }

    void recordBackfillsThenGoesLiveOnTheBusinessRoute()
    {
        // History up to ten minutes ago, then a short recording: the gap-free feed backfills the
        // last ten minutes over REST and subscribes on ws://127.0.0.1:PORT, which has no path and
        // so gets /ws/v5/business (the fake closes any other path).
        const QString path = db("record.sqlite");
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        const qint64 to = now / Minute * Minute - 10 * Minute;
        CliResult r = cli(fetchArgs(QStringLiteral("BTC/USDT"), path,
                                    UtcTime::format(to - 60 * Minute), UtcTime::format(to)));
        QVERIFY2(r.exitCode == 0, r.err.constData());

        r = cli({QStringLiteral("record"), QStringLiteral("--exchange"), QStringLiteral("okx"),
                 QStringLiteral("--symbols"), QStringLiteral("BTC/USDT"),
                 QStringLiteral("--intervals"), QStringLiteral("1m"), QStringLiteral("--json"),
                 QStringLiteral("--duration"), QStringLiteral("3s"), QStringLiteral("--db"), path,
                 QStringLiteral("--ws-url"), m_ws.url().toString(), QStringLiteral("--rest-url"),
                 m_rest.baseUrl().toString()},
                {}, 30000);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QList<QJsonObject> announced = jsonLines(r.out);
        QVERIFY2(announced.size() >= 9, r.out.constData());
        QCOMPARE(m_ws.acceptedConnections(), 1);
        QVERIFY(m_ws.controlMessages().first().contains("candle1m"));

        // The store holds one gap-free run of the exchange's candles across fetch and record.
        const qint64 last = qint64(announced.last().value(QStringLiteral("timestamp")).toDouble());
        r = exportJsonl(QStringLiteral("BTC/USDT"), path, UtcTime::format(to - 60 * Minute),
                        UtcTime::format(last + Minute));
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QList<QJsonObject> rows = jsonLines(r.out);
        const CandleBatch truth = m_rest.groundTruth(QStringLiteral("BTC-USDT"), Interval::M1,
                                                     {to - 60 * Minute, last + Minute});
        QCOMPARE(rows.size(), truth.size());
        for (qsizetype i = 0; i < truth.size(); ++i) {
            QCOMPARE(qint64(rows[i].value(QStringLiteral("timestamp")).toDouble()),
                     truth[i].openTime);
            QCOMPARE(rows[i].value(QStringLiteral("close")).toDouble(), truth[i].close);
        }
    }
};

QTEST_GUILESS_MAIN(TestCliOkx)
#include "tst_cli_okx.moc"
