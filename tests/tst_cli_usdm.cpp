#include <eventwait.h>
#include <exchangeclisuite.h>
#include <fakebinancerest.h>
#include <fakebinancews.h>

#include <clock.h>
#include <utctime.h>

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace Candlewick;
using namespace Candlewick::Testing;

namespace {

const QString Perpetual = QStringLiteral("BTC/USDT:USDT");

} // namespace

// candlewick-cli as a process with --exchange binance-usdm against the fakes in the USD-M dialect
// (/fapi/v1 REST, the /market WebSocket route), symbols given in the unified form.
class TestCliUsdm : public ExchangeCliSuite
{
    Q_OBJECT
public:
    TestCliUsdm()
        : ExchangeCliSuite(QStringLiteral(CANDLEWICK_CLI_PATH), QStringLiteral("binance-usdm"))
    {
    }

private:
    // The real clock: the process cannot share a test clock.
    FakeBinanceRest m_rest{Clock::system()};
    FakeBinanceWs m_ws{Clock::system()};

private slots:
    void initTestCase()
    {
        QVERIFY(isValid());
        m_rest.setDialect(FakeBinanceRest::Dialect::UsdM);
        m_ws.setDialect(FakeBinanceWs::Dialect::UsdM);
        const qint64 listed = T0 - 30 * Day;
        m_rest.addSymbol(QStringLiteral("BTCUSDT"), QStringLiteral("BTC"), QStringLiteral("USDT"),
                         listed);
        m_rest.addSymbol(QStringLiteral("ETHUSDT"), QStringLiteral("ETH"), QStringLiteral("USDT"),
                         listed);
        m_rest.addSymbol(QStringLiteral("BTCUSDT_240628"), QStringLiteral("BTC"),
                         QStringLiteral("USDT"), listed);
        m_rest.setContractType(QStringLiteral("BTCUSDT_240628"), QStringLiteral("CURRENT_QUARTER"));
        QVERIFY(m_rest.listen());
        setRestUrl(m_rest.baseUrl());
        m_ws.followRest(m_rest);
        QVERIFY(m_ws.listen());
    }

    void exchangesListsIt()
    {
        const QJsonObject usdm = listedExchange(QStringLiteral("binance-usdm"));
        QVERIFY(!usdm.isEmpty());
        QCOMPARE(usdm.value(QStringLiteral("wsUrl")).toString(),
                 QStringLiteral("wss://fstream.binance.com/market"));
        const QJsonObject intervals = usdm.value(QStringLiteral("intervals")).toObject();
        QVERIFY(intervals.value(QStringLiteral("1s")).isNull());
        QCOMPARE(intervals.value(QStringLiteral("1m")).toString(), QStringLiteral("native"));
        QCOMPARE(intervals.value(QStringLiteral("8h")).toString(), QStringLiteral("native"));
    }

    void fetchThenExportEqualsWhatTheServerServed()
    {
        const QString path = db("fetch.sqlite");
        const int before = m_rest.klinesRequestCount();
        CliResult r = cli(fetchArgs(Perpetual, path, QStringLiteral("2024-03-01"),
                                    QStringLiteral("2024-03-02T12:00:00Z")));
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(r.out.contains("binance-usdm:BTCUSDT:1m: 2160 candles stored"), r.out.constData());
        QCOMPARE(m_rest.klinesRequestCount() - before, 3);
        QCOMPARE(m_rest.rateLimitedCount(), 0);
        for (const QUrlQuery &q : m_rest.klinesQueries())
            QCOMPARE(q.queryItemValue(QStringLiteral("limit")), QStringLiteral("1000"));

        // A second identical fetch asks nothing.
        r = cli(fetchArgs(Perpetual, path, QStringLiteral("2024-03-01"),
                          QStringLiteral("2024-03-02T12:00:00Z")));
        QVERIFY2(r.out.contains("0 candles stored, 0 requests"), r.out.constData());
        QCOMPARE(m_rest.klinesRequestCount() - before, 3);

        r = cli({QStringLiteral("coverage"), QStringLiteral("--db"), path});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(r.out.contains("binance-usdm:BTCUSDT:1m  candles 2160  missing 0"),
                 r.out.constData());

        r = exportJsonl(Perpetual, path, QStringLiteral("2024-03-01"),
                        QStringLiteral("2024-03-02T12:00:00Z"));
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QList<QJsonObject> rows = jsonLines(r.out);
        const CandleBatch truth = m_rest.groundTruth(QStringLiteral("BTCUSDT"), Interval::M1,
                                                     {T0, T0 + 36 * 60 * Minute});
        QCOMPARE(rows.size(), truth.size());
        for (qsizetype i = 0; i < truth.size(); ++i) {
            QCOMPARE(qint64(rows[i].value(QStringLiteral("timestamp")).toDouble()),
                     truth[i].openTime);
            QCOMPARE(rows[i].value(QStringLiteral("close")).toDouble(), truth[i].close);
            QCOMPARE(rows[i].value(QStringLiteral("volume")).toDouble(), truth[i].volume);
        }
    }

    void oneSecondIsRefused()
    {
        const CliResult r = cli(fetchArgs(Perpetual, db("s1.sqlite"), QStringLiteral("2024-03-01"),
                                          QStringLiteral("2024-03-02"), QStringLiteral("1s")));
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("1s") && r.err.contains("1m"), r.err.constData());
    }

    void symbolsListsPerpetuals()
    {
        const int weightBefore = int(m_rest.weightCharged());
        const CliResult r
            = cli({QStringLiteral("symbols"), QStringLiteral("--exchange"),
                   QStringLiteral("binance-usdm"), QStringLiteral("--db"), db("symbols.sqlite"),
                   QStringLiteral("--rest-url"), m_rest.baseUrl().toString()});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QList<QByteArray> lines = r.out.trimmed().split('\n');
        std::sort(lines.begin(), lines.end());
        QCOMPARE(lines,
                 (QList<QByteArray>{"BTCUSDT\tBTC/USDT:USDT\tBTC\tUSDT\tTRADING",
                                    "ETHUSDT\tETH/USDT:USDT\tETH\tUSDT\tTRADING"}));
        QCOMPARE(int(m_rest.weightCharged()) - weightBefore, 1);
    }

    void recordBackfillsThenGoesLiveOnTheMarketRoute()
    {
        // History up to ten minutes ago, then a short recording: the gap-free feed backfills
        // the last ten minutes over /fapi/v1/klines and streams from ws://127.0.0.1:PORT, which
        // has no path and so gets /market.
        const QString path = db("record.sqlite");
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        const qint64 to = now / Minute * Minute - 10 * Minute;
        CliResult r = cli(
            fetchArgs(Perpetual, path, UtcTime::format(to - 60 * Minute), UtcTime::format(to)));
        QVERIFY2(r.exitCode == 0, r.err.constData());

        r = cli({QStringLiteral("record"), QStringLiteral("--exchange"),
                 QStringLiteral("binance-usdm"), QStringLiteral("--symbols"),
                 QStringLiteral("BTC/USDT:USDT"), QStringLiteral("--intervals"),
                 QStringLiteral("1m"), QStringLiteral("--json"), QStringLiteral("--duration"),
                 QStringLiteral("3s"), QStringLiteral("--db"), path, QStringLiteral("--ws-url"),
                 m_ws.url().toString(), QStringLiteral("--rest-url"), m_rest.baseUrl().toString()},
                {}, 30000);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QList<QJsonObject> announced = jsonLines(r.out);
        QVERIFY2(announced.size() >= 9, r.out.constData());
        QVERIFY(m_ws.acceptedConnections() >= 1);
        QCOMPARE(m_ws.silentConnections(), 0);

        // The store holds one gap-free run of the exchange's candles across fetch and record.
        const qint64 last = qint64(announced.last().value(QStringLiteral("timestamp")).toDouble());
        r = exportJsonl(Perpetual, path, UtcTime::format(to - 60 * Minute),
                        UtcTime::format(last + Minute));
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QList<QJsonObject> rows = jsonLines(r.out);
        const CandleBatch truth = m_rest.groundTruth(QStringLiteral("BTCUSDT"), Interval::M1,
                                                     {to - 60 * Minute, last + Minute});
        QCOMPARE(rows.size(), truth.size());
        for (qsizetype i = 0; i < truth.size(); ++i) {
            QCOMPARE(qint64(rows[i].value(QStringLiteral("timestamp")).toDouble()),
                     truth[i].openTime);
            QCOMPARE(rows[i].value(QStringLiteral("close")).toDouble(), truth[i].close);
        }
    }
};

QTEST_GUILESS_MAIN(TestCliUsdm)
#include "tst_cli_usdm.moc"
