#include <exchangeclisuite.h>
#include <fakecoinbaserest.h>
#include <fakecoinbasews.h>

#include <clock.h>
#include <tradestore.h>
#include <utctime.h>

#include <QDateTime>
#include <QJsonObject>
#include <QScopeGuard>
#include <QTest>
#include <QTimer>

using namespace Candlewick;
using namespace Candlewick::Testing;

// candlewick-cli as a process with --exchange coinbase against FakeCoinbaseRest and
// FakeCoinbaseWs: fetch twice (the second asks nothing, minutes without trades included), export
// writes only the candles that exist, coverage, products, the refused 1s, unknown products, the
// URL from the environment, and record (backfill over REST, live candles built from trades).
class TestCliCoinbase : public ExchangeCliSuite
{
    Q_OBJECT
public:
    TestCliCoinbase()
        : ExchangeCliSuite(QStringLiteral(CANDLEWICK_CLI_PATH), QStringLiteral("coinbase"))
    {
    }

private:
    FakeCoinbaseRest m_rest{Clock::system()}; // the process cannot share a test clock
    FakeCoinbaseWs m_ws{&m_rest.market(), Clock::system()};
    QTimer m_pushes;

    void compareExport(const QString &dbPath, qint64 from, qint64 to,
                       const QString &interval = QStringLiteral("1m"))
    {
        const CliResult r = exportJsonl(QStringLiteral("BTC-USD"), dbPath, QString::number(from),
                                        QString::number(to), interval);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QList<QJsonObject> rows = jsonLines(r.out);
        const CandleBatch truth = m_rest.groundTruth(QStringLiteral("BTC-USD"),
                                                     *Intervals::parse(interval), {from, to});
        QVERIFY(!truth.isEmpty());
        // Only the minutes with trades: no invented candle for the others.
        QCOMPARE(rows.size(), truth.size());
        for (qsizetype i = 0; i < truth.size(); ++i) {
            QCOMPARE(qint64(rows[i].value(QStringLiteral("timestamp")).toDouble()),
                     truth[i].openTime);
            QCOMPARE(rows[i].value(QStringLiteral("open")).toDouble(), truth[i].open);
            QCOMPARE(rows[i].value(QStringLiteral("high")).toDouble(), truth[i].high);
            QCOMPARE(rows[i].value(QStringLiteral("close")).toDouble(), truth[i].close);
            QCOMPARE(rows[i].value(QStringLiteral("volume")).toDouble(), truth[i].volume);
        }
    }

private slots:
    void initTestCase()
    {
        QVERIFY(isValid());
        m_rest.addProduct(QStringLiteral("BTC-USD"), T0 - 30 * Day);
        m_rest.addProduct(QStringLiteral("ETH-USD"), T0 - 30 * Day);
        // Enough trades that a recording of a few seconds sees some (5 a second at least).
        m_rest.market().setMaxTradesPerMinute(600);
        m_rest.market().setMinTradesPerMinute(300);
        QVERIFY(m_rest.listen());
        setRestUrl(m_rest.baseUrl());
        QVERIFY(m_ws.listen());
        connect(&m_pushes, &QTimer::timeout, &m_ws, &FakeCoinbaseWs::publish);
        m_pushes.start(200);
    }

    void exchangesListsCoinbase()
    {
        const QJsonObject coinbase = listedExchange(QStringLiteral("coinbase"));
        QVERIFY(!coinbase.isEmpty());
        QCOMPARE(coinbase.value(QStringLiteral("wsUrl")).toString(),
                 QStringLiteral("wss://advanced-trade-ws.coinbase.com"));
        const QJsonObject intervals = coinbase.value(QStringLiteral("intervals")).toObject();
        QVERIFY(intervals.value(QStringLiteral("1s")).isNull());
        QCOMPARE(intervals.value(QStringLiteral("1m")).toString(), QStringLiteral("native"));
        QCOMPARE(intervals.value(QStringLiteral("6h")).toString(), QStringLiteral("native"));
        QVERIFY(intervals.value(QStringLiteral("3m")).toString() != QStringLiteral("native"));
        QVERIFY(intervals.value(QStringLiteral("4h")).toString() != QStringLiteral("native"));
    }

    void fetchTwiceThenExportWritesOnlyWhatExists()
    {
        const QString path = db("fetch.sqlite");
        const QStringList args
            = fetchArgs(QStringLiteral("BTC/USD"), path, QStringLiteral("2024-03-01"),
                        QStringLiteral("2024-03-02T12:00:00Z"));
        const qsizetype stored
            = m_rest
                  .groundTruth(QStringLiteral("BTC-USD"), Interval::M1, {T0, T0 + 36 * 60 * Minute})
                  .size();
        QVERIFY(stored < 2160); // some minutes had no trade
        const int before = m_rest.candleRequestCount();
        CliResult r = cli(args);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(r.out.contains(
                     QStringLiteral("coinbase:BTC-USD:1m: %1 candles stored").arg(stored).toUtf8()),
                 r.out.constData());
        // 2160 minutes in windows of 300.
        QCOMPARE(m_rest.candleRequestCount() - before, 8);
        QCOMPARE(m_rest.throttledCount(), 0);

        // The minutes without trades are covered: nothing is asked again.
        r = cli(args);
        QVERIFY2(r.out.contains("0 candles stored, 0 requests"), r.out.constData());
        QCOMPARE(m_rest.candleRequestCount() - before, 8);

        r = cli({QStringLiteral("coverage"), QStringLiteral("--db"), path});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(
            r.out.contains(
                QStringLiteral("coinbase:BTC-USD:1m  candles %1  missing 0").arg(stored).toUtf8()),
            r.out.constData());

        compareExport(path, T0, T0 + 36 * 60 * Minute);
    }

    void buildsFourHoursFromTwoHours()
    {
        const QString path = db("built.sqlite");
        const int before = m_rest.candleRequestCount();
        const CliResult r
            = cli(fetchArgs(QStringLiteral("BTC-USD"), path, QStringLiteral("2024-03-01"),
                            QStringLiteral("2024-03-05"), QStringLiteral("4h")));
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(r.out.contains("coinbase:BTC-USD:4h: 24 candles stored"), r.out.constData());
        const QList<QUrlQuery> queries = m_rest.candleQueries().mid(before);
        QVERIFY(!queries.isEmpty());
        for (const QUrlQuery &q : queries)
            QCOMPARE(q.queryItemValue(QStringLiteral("granularity")), QStringLiteral("TWO_HOUR"));
    }

    void refusesWhatCoinbaseCannotGive()
    {
        CliResult r = cli(fetchArgs(QStringLiteral("BTC-USD"), db("refused.sqlite"),
                                    QStringLiteral("2024-03-01"), QStringLiteral("2024-03-02"),
                                    QStringLiteral("1s")));
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("1s") && r.err.contains("1m"), r.err.constData());

        const int before = m_rest.candleRequestCount();
        r = cli(fetchArgs(QStringLiteral("NOPE-USD"), db("refused.sqlite"),
                          QStringLiteral("2024-03-01"), QStringLiteral("2024-03-02")));
        QVERIFY(r.exitCode != 0);
        QVERIFY2(r.err.contains("NOPE-USD"), r.err.constData());
        QCOMPARE(m_rest.candleRequestCount(), before);
    }

    void symbolsFromTheEnvironmentUrl()
    {
        QProcessEnvironment env;
        env.insert(QStringLiteral("CANDLEWICK_COINBASE_REST_URL"), m_rest.baseUrl().toString());
        const CliResult r
            = cli({QStringLiteral("symbols"), QStringLiteral("--exchange"),
                   QStringLiteral("coinbase"), QStringLiteral("--db"), db("symbols.sqlite")},
                  env);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QList<QByteArray> lines = r.out.trimmed().split('\n');
        std::sort(lines.begin(), lines.end());
        QCOMPARE(lines.size(), 2);
        QVERIFY2(lines[0].startsWith("BTC-USD\tBTC/USD\tBTC\tUSD\tTRADING"), r.out.constData());
        QVERIFY2(lines[1].startsWith("ETH-USD\tETH/USD\tETH\tUSD\tTRADING"), r.out.constData());
    }

    void recordBackfillsThenBuildsFromTrades()
    {
        // History up to ten minutes ago, then a short recording: the gap-free feed backfills the
        // last ten minutes over REST and takes market_trades from ws://127.0.0.1:PORT (no path).
        const QString path = db("record.sqlite");
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        const qint64 to = now / Minute * Minute - 10 * Minute;
        CliResult r = cli(fetchArgs(QStringLiteral("BTC/USD"), path,
                                    UtcTime::format(to - 60 * Minute), UtcTime::format(to)));
        QVERIFY2(r.exitCode == 0, r.err.constData());

        const int connections = m_ws.acceptedConnections();
        const qint64 recordStart = QDateTime::currentMSecsSinceEpoch();
        r = cli({QStringLiteral("record"), QStringLiteral("--exchange"), QStringLiteral("coinbase"),
                 QStringLiteral("--symbols"), QStringLiteral("BTC/USD"),
                 QStringLiteral("--intervals"), QStringLiteral("1m"), QStringLiteral("--json"),
                 QStringLiteral("--duration"), QStringLiteral("3s"), QStringLiteral("--db"), path,
                 QStringLiteral("--ws-url"), m_ws.url().toString(), QStringLiteral("--rest-url"),
                 m_rest.baseUrl().toString()});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QList<QJsonObject> announced = jsonLines(r.out);
        // Every minute with trades that had closed before the recording began comes from the
        // backfill (the fake leaves about one minute in six without trades).
        const CandleBatch backfill = m_rest.groundTruth(
            QStringLiteral("BTC-USD"), Interval::M1, {to, recordStart / Minute * Minute - Minute});
        QVERIFY(!backfill.isEmpty());
        QVERIFY2(announced.size() >= backfill.size(), r.out.constData());
        QVERIFY(m_ws.acceptedConnections() > connections);
        QVERIFY(m_ws.subscribeMessages() >= 2);

        // One gap-free run of the exchange's candles across fetch and record.
        const qint64 last = qint64(announced.last().value(QStringLiteral("timestamp")).toDouble());
        compareExport(path, to - 60 * Minute, last + Minute);
    }

    void recordTradesStoresTheExchangesTrades()
    {
        // Every minute trades, so the few seconds recorded hold trades.
        m_rest.market().setQuietMinutes(false);
        const auto quietAgain = qScopeGuard([this] { m_rest.market().setQuietMinutes(true); });
        const QString path = db("trades.sqlite");
        const CliResult r = cli(
            {QStringLiteral("record"), QStringLiteral("--trades"), QStringLiteral("--exchange"),
             QStringLiteral("coinbase"), QStringLiteral("--symbols"), QStringLiteral("BTC/USD"),
             QStringLiteral("--duration"), QStringLiteral("4s"), QStringLiteral("--json"),
             QStringLiteral("--db"), path, QStringLiteral("--ws-url"), m_ws.url().toString(),
             QStringLiteral("--rest-url"), m_rest.baseUrl().toString()});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        TradeStore store;
        QVERIFY(store.open(path, TradeStore::OpenMode::ReadOnly));
        const TradeBatch stored = store.read(QStringLiteral("coinbase"), QStringLiteral("BTC-USD"),
                                             {0, std::numeric_limits<qint64>::max()});
        QVERIFY2(stored.size() >= 5, r.err.constData());
        QCOMPARE(qint64(r.outLines().size()), qint64(stored.size()));
        // The very trades the exchange has, with its decimals (2 for prices, 8 for sizes).
        const QList<FakeCoinbaseMarket::Trade> truth = m_rest.market().trades(
            QStringLiteral("BTC-USD"), stored.first().timeUs, stored.last().timeUs + 1);
        QCOMPARE(qsizetype(truth.size()), stored.size());
        for (qsizetype i = 0; i < stored.size(); ++i) {
            QCOMPARE(stored[i].id, truth[i].id);
            QCOMPARE(stored[i].timeUs, truth[i].timeUs);
            QCOMPARE(stored[i].price.toString().toLatin1(),
                     FakeCoinbaseMarket::decimal(truth[i].priceCents, 2));
            QCOMPARE(stored[i].size.toString().toLatin1(),
                     FakeCoinbaseMarket::decimal(truth[i].sizeUnits, 8));
            // Coinbase names the maker's side.
            QCOMPARE(stored[i].side, truth[i].makerBuy ? TradeSide::Sell : TradeSide::Buy);
        }
    }
};

QTEST_GUILESS_MAIN(TestCliCoinbase)
#include "tst_cli_coinbase.moc"
