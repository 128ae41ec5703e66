#include <manualclock.h>
#include <sqlitecandlestore.h>
#include <tradefeed.h>
#include <tradeformat.h>
#include <traderecorder.h>
#include <tradestore.h>

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>

using namespace Candlewick;

namespace {

constexpr qint64 T0 = 1709251200000LL * 1000; // 2024-03-01T00:00:00Z in µs
constexpr qint64 Sec = 1'000'000;
const QString Exchange = QStringLiteral("binance");
const QString Symbol = QStringLiteral("BTCUSDT");

Trade trade(qint64 timeUs, qint64 id, const char *price, const char *size,
            TradeSide side = TradeSide::Buy)
{
    return Trade{timeUs, id, *ExactDecimal::parse(std::string_view(price)),
                 *ExactDecimal::parse(std::string_view(size)), side};
}

void execSql(const QString &path, const char *sql)
{
    sqlite3 *db = nullptr;
    QCOMPARE(sqlite3_open(QFile::encodeName(path).constData(), &db), SQLITE_OK);
    QCOMPARE(sqlite3_exec(db, sql, nullptr, nullptr, nullptr), SQLITE_OK);
    sqlite3_close(db);
}

class ScriptedTradeFeed : public TradeFeed
{
public:
    void subscribe(const QString &symbol) override { symbols.append(symbol); }
    void unsubscribe(const QString &symbol) override { symbols.removeAll(symbol); }
    QStringList subscriptions() const override { return symbols; }
    TradeFeedStats stats() const override { return {}; }
    void send(const TradeBatch &trades) { emit tradesReceived(Symbol, trades); }
    void heartbeat(qint64 timeUs) { emit exchangeTime(timeUs); }
    void lose(qint64 fromUs) { emit tradesLost(Symbol, fromUs); }
    QStringList symbols;
};

} // namespace

class TestTradeStore : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    int m_files = 0;
    QString newDb() { return m_dir.filePath(QStringLiteral("t%1.db").arg(++m_files)); }

private slots:
    void roundTripExactAndOnce()
    {
        const QString path = newDb();
        TradeStore store;
        QVERIFY2(store.open(path), qPrintable(store.errorString()));
        const TradeBatch trades{trade(T0 + 2, 11, "66312.40000000", "0.00100000", TradeSide::Sell),
                                trade(T0 + 1, 10, "0.000000000000000001", "12345678.9"),
                                trade(T0 + 2, 12, "3", "1", TradeSide::Unknown)};
        QVERIFY(store.write(Exchange, Symbol, trades, {{T0, T0 + Sec}}));
        // The same trades again (a snapshot overlapping an update): stored once.
        QVERIFY(store.write(Exchange, Symbol, {trades[0]}, {{T0 + Sec, T0 + 2 * Sec}}));
        QCOMPARE(store.count(Exchange, Symbol, {T0, T0 + Sec}), 3);
        const TradeBatch back = store.read(Exchange, Symbol, {T0, T0 + Sec});
        QCOMPARE(back, (TradeBatch{trades[1], trades[0], trades[2]}));
        QCOMPARE(back[1].price.toString(), QStringLiteral("66312.40000000"));
        QCOMPARE(store.coverage(Exchange, Symbol), (TimeRanges{{T0, T0 + 2 * Sec}}));
        QVERIFY(store.read(Exchange, QStringLiteral("ETHUSDT"), {T0, T0 + Sec}).isEmpty());
        QVERIFY(!store.hasError());
        store.close();

        TradeStore reader;
        QVERIFY(reader.open(path, TradeStore::OpenMode::ReadOnly));
        QCOMPARE(reader.read(Exchange, Symbol, {T0, T0 + Sec}).size(), 3);
        QVERIFY(!reader.write(Exchange, Symbol, trades));
        QVERIFY(reader.errorString().contains(QStringLiteral("read-only")));
    }

    void sharesTheCandleDatabase()
    {
        // The candle store keeps opening (and writing) a file with trade tables in it.
        const QString path = newDb();
        {
            SqliteCandleStore candles;
            QVERIFY(candles.open(path));
            Candle c;
            c.openTime = T0 / 1000;
            c.open = c.high = c.low = c.close = 1;
            QVERIFY(candles.write({Exchange, Symbol, Interval::M1}, {c}));
        }
        TradeStore store;
        QVERIFY(store.open(path));
        QVERIFY(store.write(Exchange, Symbol, {trade(T0, 1, "1", "1")}));
        store.close();
        SqliteCandleStore candles;
        QVERIFY2(candles.open(path), qPrintable(candles.errorString()));
        QCOMPARE(candles.count({Exchange, Symbol, Interval::M1}, {0, T0}), 1);
        SqliteCandleStore readOnly;
        QVERIFY2(readOnly.open(path, SqliteCandleStore::OpenMode::ReadOnly),
                 qPrintable(readOnly.errorString()));
        // A new file: trades first make the candle schema too.
        const QString fresh = newDb();
        QVERIFY(store.open(fresh));
        store.close();
        QVERIFY2(candles.open(fresh), qPrintable(candles.errorString()));
    }

    void readOnlyWithoutTradeTables()
    {
        const QString path = newDb();
        {
            SqliteCandleStore candles;
            QVERIFY(candles.open(path));
        }
        TradeStore store;
        QVERIFY(store.open(path, TradeStore::OpenMode::ReadOnly));
        QVERIFY(store.read(Exchange, Symbol, {0, T0}).isEmpty());
        QVERIFY(store.coverage(Exchange, Symbol).isEmpty());
        QVERIFY(!store.hasError());
    }

    void refusesWhatIsNotOurs()
    {
        const QString foreign = newDb();
        execSql(foreign, "CREATE TABLE people (name TEXT)");
        TradeStore store;
        QVERIFY(!store.open(foreign));
        QVERIFY2(store.errorString().contains(QStringLiteral("Not a Candlewick database")),
                 qPrintable(store.errorString()));
        QVERIFY(!store.isOpen());
        QVERIFY(!store.open(QStringLiteral("postgresql://user@localhost:5432/candles")));
        QVERIFY(store.errorString().contains(QStringLiteral("SQLite databases only")));
        QVERIFY(!store.open(QStringLiteral("mysql://host/db")));
        QVERIFY(!store.write(Exchange, Symbol, {}));
        QVERIFY(store.errorString().contains(QStringLiteral("not open")));
    }

    void formats()
    {
        const Trade t = trade(T0 + 123456, 42, "66312.40", "0.00100000", TradeSide::Sell);
        QByteArray json;
        TradeFormat::appendJsonLine(json, Symbol, t);
        QCOMPARE(json,
                 QByteArray(R"({"time":1709251200123456,"symbol":"BTCUSDT","id":42,)"
                            R"("price":"66312.40","size":"0.00100000","side":"sell"})"
                            "\n"));
        QByteArray csv = TradeFormat::csvHeader();
        TradeFormat::appendCsvRow(csv, Symbol, t);
        QCOMPARE(csv,
                 QByteArray("time,time_utc,symbol,id,price,size,side\n"
                            "1709251200123456,2024-03-01T00:00:00.123456Z,BTCUSDT,42,"
                            "66312.40,0.00100000,sell\n"));
    }

    void recorderCoversWhatItReceived()
    {
        const QString path = newDb();
        TradeStore store;
        QVERIFY(store.open(path));
        ManualClock clock(T0 / 1000);
        ScriptedTradeFeed feed;
        TradeRecorder::Options options;
        options.flushIntervalMs = 1000;
        options.graceUs = 2 * Sec;
        TradeRecorder recorder(&store, &feed, Exchange, options, &clock);
        QSignalSpy stored(&recorder, &TradeRecorder::tradesStored);
        recorder.addSymbol(Symbol);
        recorder.start();
        QCOMPARE(feed.symbols, QStringList{Symbol});

        feed.send({trade(T0 + 1 * Sec, 1, "1", "1"), trade(T0 + 2 * Sec, 2, "2", "1")});
        feed.heartbeat(T0 + 10 * Sec);
        clock.advance(1000);
        QCOMPARE(stored.size(), 1);
        // Complete from the first time seen plus the grace, to the clock less the grace.
        QCOMPARE(store.coverage(Exchange, Symbol), (TimeRanges{{T0 + 3 * Sec, T0 + 8 * Sec}}));
        feed.send({trade(T0 + 11 * Sec, 3, "3", "1")});
        feed.lose(T0 + 11 * Sec);
        feed.send({trade(T0 + 20 * Sec, 5, "5", "1")});
        feed.heartbeat(T0 + 30 * Sec);
        recorder.stop();
        QVERIFY(feed.symbols.isEmpty());
        QCOMPARE(store.count(Exchange, Symbol, {0, T0 + 60 * Sec}), 4);
        QCOMPARE(recorder.counters().tradesStored, 4);
        QCOMPARE(recorder.counters().losses, 1);
        QCOMPARE(store.coverage(Exchange, Symbol),
                 (TimeRanges{{T0 + 3 * Sec, T0 + 9 * Sec}, {T0 + 22 * Sec, T0 + 28 * Sec}}));
    }

    void recorderStopsOnAWriteFailure()
    {
        TradeStore store; // never opened
        ManualClock clock(T0 / 1000);
        ScriptedTradeFeed feed;
        TradeRecorder recorder(&store, &feed, Exchange, &clock);
        QSignalSpy failed(&recorder, &TradeRecorder::writeFailed);
        recorder.addSymbol(Symbol);
        recorder.start();
        feed.send({trade(T0, 1, "1", "1")});
        clock.advance(1000);
        QCOMPARE(failed.size(), 1);
        QCOMPARE(recorder.counters().tradesStored, 0);
    }
};

QTEST_GUILESS_MAIN(TestTradeStore)
#include "tst_tradestore.moc"
