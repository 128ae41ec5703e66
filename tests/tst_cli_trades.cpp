#include <cliprocess.h>
#include <fakebinancerest.h>
#include <fakebinancews.h>

#include <clock.h>
#include <sqlitecandlestore.h>
#include <tradestore.h>
#include <utctime.h>

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <limits>

using namespace Candlewick;
using Candlewick::Testing::CliResult;
using Candlewick::Testing::FakeBinanceRest;
using Candlewick::Testing::FakeBinanceWs;
using Candlewick::Testing::runCli;

namespace {

constexpr qint64 Day = 24LL * 3600 * 1000;
const QString Binance = QStringLiteral("binance");
const QString Btc = QStringLiteral("BTCUSDT");

QString iso(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODate);
}

} // namespace

// record --trades, export --trades and rebuild --from-trades as separate processes against the
// fake Binance (REST + WebSocket trade streams made from the REST candles) on loopback, on the
// real clock: the recording lasts a few seconds.
class TestCliTrades : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    FakeBinanceRest m_rest{Clock::system()};
    FakeBinanceWs m_ws{Clock::system()};
    QString m_db; // recorded once, in initTestCase
    CliResult m_record;
    TimeRanges m_coverage; // µs

    CliResult cli(const QStringList &args, int timeoutMs = 60000)
    {
        return runCli(QStringLiteral(CANDLEWICK_CLI_PATH), args, m_dir.path(), timeoutMs);
    }
    // The whole seconds the recording covers, in ms.
    TimeRange coveredSeconds() const
    {
        const TimeRange c = m_coverage.first();
        return {Intervals::alignUp(Interval::S1, (c.from + 999) / 1000),
                Intervals::alignDown(Interval::S1, c.to / 1000)};
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_rest.addSymbol(Btc, QStringLiteral("BTC"), QStringLiteral("USDT"),
                         QDateTime::currentMSecsSinceEpoch() - 30 * Day);
        QVERIFY(m_rest.listen());
        m_ws.followRest(m_rest);
        QVERIFY(m_ws.listen());

        m_db = m_dir.filePath(QStringLiteral("trades.sqlite"));
        m_record = cli({QStringLiteral("record"), QStringLiteral("--trades"),
                        QStringLiteral("--symbols"), Btc, QStringLiteral("--duration"),
                        QStringLiteral("10s"), QStringLiteral("--json"), QStringLiteral("--db"),
                        m_db, QStringLiteral("--ws-url"), m_ws.url().toString(),
                        QStringLiteral("--rest-url"), m_rest.baseUrl().toString()});
        QCOMPARE(m_record.exitStatus, QProcess::NormalExit);
        QVERIFY2(m_record.exitCode == 0, m_record.err.constData());
        TradeStore store;
        QVERIFY(store.open(m_db, TradeStore::OpenMode::ReadOnly));
        m_coverage = store.coverage(Binance, Btc);
        QCOMPARE(m_coverage.size(), 1);
        QVERIFY2(coveredSeconds().length() >= 2000, m_record.err.constData());
    }

    void recordStoresEveryTradeAnnounced()
    {
        // Every trade printed is stored, with the exchange's exact decimals.
        TradeStore store;
        QVERIFY(store.open(m_db, TradeStore::OpenMode::ReadOnly));
        const QList<QByteArray> lines = m_record.outLines();
        QVERIFY(lines.size() >= 5);
        QCOMPARE(store.count(Binance, Btc, {0, std::numeric_limits<qint64>::max()}),
                 qint64(lines.size()));
        const QJsonObject first = QJsonDocument::fromJson(lines.first()).object();
        const qint64 time = qint64(first.value(QStringLiteral("time")).toDouble());
        const TradeBatch stored = store.read(Binance, Btc, {time, time + 1});
        QCOMPARE(stored.size(), 1);
        QCOMPARE(stored.first().price.toString(), first.value(QStringLiteral("price")).toString());
        QCOMPARE(stored.first().size.toString(), first.value(QStringLiteral("size")).toString());
        QCOMPARE(int(stored.first().price.scale), 8); // Binance's 8 decimals, kept
        QVERIFY(m_record.err.contains("trades stored"));
        QVERIFY(!m_record.err.contains("error"));
        // The candle schema is there and untouched: the candle store opens the file.
        SqliteCandleStore candles;
        QVERIFY2(candles.open(m_db, SqliteCandleStore::OpenMode::ReadOnly),
                 qPrintable(candles.errorString()));
    }

    void exportWritesTheStoredTrades()
    {
        const TimeRange seconds = coveredSeconds();
        const QStringList range{QStringLiteral("--symbol"), Btc,
                                QStringLiteral("--from"),   iso(seconds.from),
                                QStringLiteral("--to"),     iso(seconds.to),
                                QStringLiteral("--db"),     m_db};
        const CliResult jsonl
            = cli(QStringList{QStringLiteral("export"), QStringLiteral("--trades")} + range);
        QVERIFY2(jsonl.exitCode == 0, jsonl.err.constData());
        TradeStore store;
        QVERIFY(store.open(m_db, TradeStore::OpenMode::ReadOnly));
        const TradeBatch stored
            = store.read(Binance, Btc, {seconds.from * 1000, seconds.to * 1000});
        QVERIFY(!stored.isEmpty());
        QCOMPARE(jsonl.outLines().size(), stored.size());
        // The same lines record --json printed for them.
        for (const QByteArray &line : jsonl.outLines())
            QVERIFY2(m_record.out.contains(line), line.constData());

        const CliResult csv = cli(QStringList{QStringLiteral("export"), QStringLiteral("--trades"),
                                              QStringLiteral("--format"), QStringLiteral("csv")}
                                  + range);
        QVERIFY2(csv.exitCode == 0, csv.err.constData());
        const QList<QByteArray> rows = csv.outLines();
        QCOMPARE(rows.first(), QByteArray("time,time_utc,symbol,id,price,size,side"));
        QCOMPARE(rows.size(), stored.size() + 1);
        const QList<QByteArray> cells = rows[1].split(',');
        QCOMPARE(cells[0].toLongLong(), stored.first().timeUs);
        QCOMPARE(cells[3].toLongLong(), stored.first().id);
        QCOMPARE(QString::fromLatin1(cells[4]), stored.first().price.toString());
    }

    void rebuildEqualsTheExchangeCandles()
    {
        const TimeRange seconds = coveredSeconds();
        const CliResult r
            = cli({QStringLiteral("rebuild"), QStringLiteral("--from-trades"),
                   QStringLiteral("--symbol"), Btc, QStringLiteral("--interval"),
                   QStringLiteral("1s"), QStringLiteral("--from"), iso(seconds.from),
                   QStringLiteral("--to"), iso(seconds.to), QStringLiteral("--db"), m_db});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(r.out.contains("rebuilt"));
        SqliteCandleStore candles;
        QVERIFY(candles.open(m_db, SqliteCandleStore::OpenMode::ReadOnly));
        const SeriesKey key{Binance, Btc, Interval::S1};
        const CandleBatch built = candles.read(key, seconds);
        QVERIFY(!built.isEmpty());
        // A quiet first second (no trades) has no close before it to be flat at; two never follow
        // each other.
        QVERIFY(built.first().openTime <= seconds.from + 1000);
        const CandleBatch truth
            = m_rest.groundTruth(Btc, Interval::S1, {built.first().openTime, seconds.to});
        QCOMPARE(built.size(), truth.size());
        // The synthetic market's quote and taker volumes are not sums of trades; everything a
        // trade says is the exchange's to the last digit.
        for (qsizetype i = 0; i < built.size(); ++i) {
            QCOMPARE(built[i].openTime, truth[i].openTime);
            QCOMPARE(built[i].open, truth[i].open);
            QCOMPARE(built[i].high, truth[i].high);
            QCOMPARE(built[i].low, truth[i].low);
            QCOMPARE(built[i].close, truth[i].close);
            QCOMPARE(built[i].volume, truth[i].volume);
        }
        QCOMPARE(candles.coverage(key), (TimeRanges{{built.first().openTime, seconds.to}}));
    }

    void clearErrors()
    {
        const QString empty = m_dir.filePath(QStringLiteral("empty.sqlite"));
        const QStringList range{QStringLiteral("--symbol"), Btc,
                                QStringLiteral("--from"),   QStringLiteral("2024-03-01"),
                                QStringLiteral("--to"),     QStringLiteral("2024-03-02")};
        CliResult r = cli(QStringList{QStringLiteral("rebuild")} + range);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("--from-trades"), r.err.constData());

        r = cli(QStringList{QStringLiteral("rebuild"), QStringLiteral("--from-trades"),
                            QStringLiteral("--interval"), QStringLiteral("7m")}
                + range);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("unknown interval '7m'"), r.err.constData());

        r = cli(QStringList{
            QStringLiteral("export"), QStringLiteral("--trades"), QStringLiteral("--db"), m_db,
            QStringLiteral("--symbol"), QStringLiteral("ETHUSDT"), QStringLiteral("--from"),
            QStringLiteral("2024-03-01"), QStringLiteral("--to"), QStringLiteral("2024-03-02")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("no stored trades for binance ETHUSDT"), r.err.constData());

        r = cli({QStringLiteral("record"), QStringLiteral("--trades"), QStringLiteral("--symbols"),
                 Btc, QStringLiteral("--db"),
                 QStringLiteral("postgresql://nobody@127.0.0.1:1/candles"),
                 QStringLiteral("--ws-url"), m_ws.url().toString(), QStringLiteral("--rest-url"),
                 m_rest.baseUrl().toString()});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("SQLite databases only"), r.err.constData());

        r = cli({QStringLiteral("record"), QStringLiteral("--trades"), QStringLiteral("--symbols"),
                 QStringLiteral("BTC-USD"), QStringLiteral("--exchange"), QStringLiteral("demo"),
                 QStringLiteral("--db"), empty});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("has no trade feed"), r.err.constData());
    }
};

QTEST_GUILESS_MAIN(TestCliTrades)
#include "tst_cli_trades.moc"
