#include <binancerestapi.h>
#include <eventwait.h>
#include <fakebinancerest.h>
#include <klinestreamhub.h>
#include <marketdataserver.h>

#include <sqlitecandlestore.h>
#include <manualclock.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Candlewick;
using Candlewick::Testing::FakeBinanceRest;
using Candlewick::Testing::waitFor;

namespace {

constexpr qint64 Minute = 60'000;
constexpr qint64 Hour = 60 * Minute;
constexpr qint64 Day = 24 * Hour;
constexpr qint64 Listed = 1704067200000; // 2024-01-01T00:00:00Z
// Mid-minute, so the last 1m and 1h candles are forming.
constexpr qint64 Now = Listed + 3 * Day + 5 * Hour + 30 * 1000 + 500;
const TimeRange Gap{Listed + 2 * Day + 6 * Hour, Listed + 2 * Day + 7 * Hour};

struct Reply
{
    int status = 0;
    QByteArray body;
    QByteArray usedWeight;
};

} // namespace

// serve's REST answers against FakeBinanceRest's, the reference, for the same queries. The store
// holds exactly what the fake's history gives (closed candles, gaps and listing honoured) plus
// the forming candle as a partial, and both run on the same ManualClock.
class TestServeRest : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    ManualClock m_clock{Now};
    FakeBinanceRest m_fake{&m_clock};
    SqliteCandleStore m_store;
    std::unique_ptr<BinanceRestApi> m_api;
    std::unique_ptr<KlineStreamHub> m_hub;
    std::unique_ptr<MarketDataServer> m_server;
    QNetworkAccessManager m_nam;

    QUrl serveUrl() const
    {
        return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_server->port()));
    }
    Reply get(QUrl base, const QString &path, const QString &query, const QByteArray &token = {})
    {
        base.setPath(path);
        base.setQuery(query, QUrl::StrictMode);
        QNetworkRequest request(base);
        if (!token.isEmpty())
            request.setRawHeader("X-Candlewick-Token", token);
        QNetworkReply *reply = m_nam.get(request);
        waitFor([reply] { return reply->isFinished(); }, 10000);
        Reply r{reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(),
                reply->readAll(), reply->rawHeader("X-MBX-USED-WEIGHT-1M")};
        reply->deleteLater();
        return r;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_nam.setProxy(QNetworkProxy::NoProxy);
        m_fake.addSymbol(QStringLiteral("BTCUSDT"), QStringLiteral("BTC"), QStringLiteral("USDT"),
                         Listed);
        m_fake.addSymbol(QStringLiteral("ETHBTC"), QStringLiteral("ETH"), QStringLiteral("BTC"),
                         Listed + Day + 3 * Hour + 17 * Minute, QStringLiteral("BREAK"));
        m_fake.addMaintenanceGap(Gap);
        QVERIFY(m_fake.listen());
        QVERIFY(m_store.open(m_dir.filePath(QStringLiteral("serve.sqlite"))));

        // The symbol list as the fake's exchangeInfo gives it.
        const QJsonArray symbols
            = QJsonDocument::fromJson(
                  get(m_fake.baseUrl(), QStringLiteral("/api/v3/exchangeInfo"), QString()).body)
                  .object()
                  .value(QStringLiteral("symbols"))
                  .toArray();
        SymbolList list;
        for (const QJsonValue &v : symbols) {
            const QJsonObject o = v.toObject();
            list.append({o.value(QStringLiteral("symbol")).toString(),
                         o.value(QStringLiteral("baseAsset")).toString(),
                         o.value(QStringLiteral("quoteAsset")).toString(),
                         o.value(QStringLiteral("status")).toString(),
                         o.value(QStringLiteral("filters"))
                             .toArray()
                             .at(0)
                             .toObject()
                             .value(QStringLiteral("tickSize"))
                             .toString()
                             .toDouble()});
        }
        QCOMPARE(list.size(), 2);
        QVERIFY(m_store.saveSymbols(QStringLiteral("binance"), list, Now));
        for (const SymbolInfo &s : std::as_const(list)) {
            for (Interval i : {Interval::M1, Interval::H1, Interval::D1, Interval::Mon1}) {
                const SeriesKey key{QStringLiteral("binance"), s.symbol, i};
                QVERIFY(m_store.write(key, m_fake.groundTruth(s.symbol, i, {0, Now})));
                const qint64 open = Intervals::alignDown(i, Now);
                Candle forming = m_fake.candleAsOf(s.symbol, i, open, Now);
                forming.closed = false;
                QVERIFY(m_store.writePartial(key, forming));
            }
        }

        m_api = std::make_unique<BinanceRestApi>(&m_store, QStringLiteral("binance"),
                                                 [this] { return m_clock.nowMs(); });
        m_hub = std::make_unique<KlineStreamHub>([this] { return m_clock.nowMs(); });
        m_server = std::make_unique<MarketDataServer>(m_api.get(), m_hub.get());
        QVERIFY(m_server->listen(QHostAddress::LocalHost, 0));
    }

    void klinesAsTheFake_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("query");
        const auto t = [](qint64 ms) { return QString::number(ms); };
        const QString btc = QStringLiteral("symbol=BTCUSDT&interval=");
        const QString k = QStringLiteral("/api/v3/klines");
        QTest::newRow("newest default") << k << btc + QStringLiteral("1m");
        QTest::newRow("newest limit 3") << k << btc + QStringLiteral("1m&limit=3");
        QTest::newRow("newest 1000") << k << btc + QStringLiteral("1h&limit=1000");
        QTest::newRow("limit over 1000") << k << btc + QStringLiteral("1m&limit=5000");
        QTest::newRow("limit 0") << k << btc + QStringLiteral("1m&limit=0");
        QTest::newRow("start only") << k << btc + QStringLiteral("1m&startTime=") + t(Listed);
        QTest::newRow("start mid-candle")
            << k << btc + QStringLiteral("1m&limit=5&startTime=") + t(Listed + 30 * 1000);
        QTest::newRow("start and end inclusive") << k
                                                 << btc + QStringLiteral("1m&startTime=")
                + t(Listed + Hour) + QStringLiteral("&endTime=") + t(Listed + Hour + 10 * Minute);
        QTest::newRow("end only") << k
                                  << btc + QStringLiteral("1m&limit=20&endTime=")
                + t(Listed + Day + 5 * Minute);
        QTest::newRow("across the maintenance gap")
            << k << btc + QStringLiteral("1m&limit=10&startTime=") + t(Gap.from - 5 * Minute);
        QTest::newRow("newest reaching now")
            << k << btc + QStringLiteral("1m&limit=5&startTime=") + t(Now - 3 * Minute);
        QTest::newRow("before listing") << k
                                        << QStringLiteral("symbol=ETHBTC&interval=1h&limit=4&"
                                                          "startTime=")
                + t(Listed);
        QTest::newRow("before listing, end only")
            << k << QStringLiteral("symbol=ETHBTC&interval=1m&endTime=") + t(Listed + Hour);
        QTest::newRow("microseconds")
            << k << btc + QStringLiteral("1m&limit=3&startTime=") + t(Listed * 1000 + 1);
        QTest::newRow("seconds give nothing") << k
                                              << btc + QStringLiteral("1m&startTime=")
                + t(Listed / 1000) + QStringLiteral("&endTime=") + t(Listed / 1000 + 600);
        QTest::newRow("nothing in range")
            << k << btc + QStringLiteral("1m&startTime=") + t(Now + Day);
        QTest::newRow("daily") << k << btc + QStringLiteral("1d");
        QTest::newRow("monthly") << k << btc + QStringLiteral("1M");
        QTest::newRow("timeZone 0") << k << btc + QStringLiteral("1h&limit=3&timeZone=0");
        QTest::newRow("timeZone on whole hours, 1m")
            << k << btc + QStringLiteral("1m&limit=3&timeZone=8");
        QTest::newRow("uiKlines") << QStringLiteral("/api/v3/uiKlines")
                                  << btc + QStringLiteral("1h&limit=7");
        // Errors, in Binance's order.
        QTest::newRow("no symbol") << k << QStringLiteral("interval=1m");
        QTest::newRow("no interval") << k << QStringLiteral("symbol=BTCUSDT");
        QTest::newRow("duplicate") << k << btc + QStringLiteral("1m&limit=2&limit=3");
        QTest::newRow("empty limit") << k << btc + QStringLiteral("1m&limit=");
        QTest::newRow("lowercase symbol") << k << QStringLiteral("symbol=btcusdt&interval=1m");
        QTest::newRow("bad startTime") << k << btc + QStringLiteral("1m&startTime=-5");
        QTest::newRow("bad limit") << k << btc + QStringLiteral("1m&limit=ten");
        QTest::newRow("bad timeZone") << k << btc + QStringLiteral("1m&timeZone=+15:00");
        QTest::newRow("unknown parameter") << k << btc + QStringLiteral("1m&startime=5");
        QTest::newRow("unknown symbol") << k << QStringLiteral("symbol=NOPE&interval=1m");
        QTest::newRow("bad interval") << k << btc + QStringLiteral("1H");
        QTest::newRow("unknown symbol before bad interval")
            << k << QStringLiteral("symbol=NOPE&interval=7m");
        QTest::newRow("time") << QStringLiteral("/api/v3/time") << QString();
        QTest::newRow("ping") << QStringLiteral("/api/v3/ping") << QString();
        QTest::newRow("not found") << QStringLiteral("/api/v3/nothing") << QString();
    }

    // Status and body equal, field for field (the prices are strings with their decimals).
    void klinesAsTheFake()
    {
        QFETCH(QString, path);
        QFETCH(QString, query);
        const Reply fake = get(m_fake.baseUrl(), path, query);
        const Reply ours = get(serveUrl(), path, query);
        QCOMPARE(ours.status, fake.status);
        const QJsonDocument expected = QJsonDocument::fromJson(fake.body);
        const QJsonDocument got = QJsonDocument::fromJson(ours.body);
        QVERIFY2(!got.isNull(), ours.body.constData());
        if (expected.isArray()) {
            const QJsonArray e = expected.array();
            const QJsonArray g = got.array();
            QCOMPARE(g.size(), e.size());
            for (qsizetype i = 0; i < e.size(); ++i) {
                const QJsonArray er = e.at(i).toArray();
                const QJsonArray gr = g.at(i).toArray();
                QCOMPARE(gr.size(), 12);
                for (qsizetype f = 0; f < 12; ++f)
                    QVERIFY2(gr.at(f) == er.at(f),
                             qPrintable(QStringLiteral("row %1 field %2: %3 vs %4")
                                            .arg(i)
                                            .arg(f)
                                            .arg(QString::fromUtf8(
                                                QJsonDocument(QJsonArray{gr.at(f)}).toJson()))
                                            .arg(QString::fromUtf8(
                                                QJsonDocument(QJsonArray{er.at(f)}).toJson()))));
            }
        } else {
            QCOMPARE(got.object(), expected.object());
        }
        QVERIFY(!ours.usedWeight.isEmpty() || ours.status == 404);
    }

    // The rows byte for byte, too (number formatting, key order).
    void klinesBytesAsTheFake()
    {
        const QString query = QStringLiteral("symbol=BTCUSDT&interval=1m&limit=1000&startTime=%1")
                                  .arg(Listed + Day);
        const Reply fake = get(m_fake.baseUrl(), QStringLiteral("/api/v3/klines"), query);
        const Reply ours = get(serveUrl(), QStringLiteral("/api/v3/klines"), query);
        QCOMPARE(ours.body.size(), fake.body.size());
        QCOMPARE(ours.body, fake.body);
    }

    // Paging the whole 1m history as a client does: the same candles from both.
    void paginationAsTheFake()
    {
        qint64 start = Listed;
        int pages = 0;
        while (true) {
            const QString query
                = QStringLiteral("symbol=BTCUSDT&interval=1m&limit=1000&startTime=%1").arg(start);
            const Reply fake = get(m_fake.baseUrl(), QStringLiteral("/api/v3/klines"), query);
            const Reply ours = get(serveUrl(), QStringLiteral("/api/v3/klines"), query);
            QCOMPARE(ours.body, fake.body);
            const QJsonArray rows = QJsonDocument::fromJson(ours.body).array();
            ++pages;
            if (rows.size() < 1000)
                break;
            start = qint64(rows.last().toArray().at(0).toDouble()) + 1;
        }
        QVERIFY(pages >= 5);
    }

    void exchangeInfoAsTheFake_data()
    {
        QTest::addColumn<QString>("query");
        QTest::newRow("all") << QString();
        QTest::newRow("one") << QStringLiteral("symbol=ETHBTC");
        QTest::newRow("several") << QStringLiteral("symbols=%5B%22BTCUSDT%22,%22ETHBTC%22%5D");
        QTest::newRow("unknown") << QStringLiteral("symbol=NOPE");
        QTest::newRow("both") << QStringLiteral("symbol=BTCUSDT&symbols=%5B%22BTCUSDT%22%5D");
        QTest::newRow("empty") << QStringLiteral("symbol=");
        QTest::newRow("bad list") << QStringLiteral("symbols=BTCUSDT");
    }

    void exchangeInfoAsTheFake()
    {
        QFETCH(QString, query);
        const Reply fake = get(m_fake.baseUrl(), QStringLiteral("/api/v3/exchangeInfo"), query);
        const Reply ours = get(serveUrl(), QStringLiteral("/api/v3/exchangeInfo"), query);
        QCOMPARE(ours.status, fake.status);
        QJsonObject e = QJsonDocument::fromJson(fake.body).object();
        QJsonObject g = QJsonDocument::fromJson(ours.body).object();
        if (fake.status != 200) {
            QCOMPARE(g, e);
            return;
        }
        QCOMPARE(g.value(QStringLiteral("serverTime")), e.value(QStringLiteral("serverTime")));
        QCOMPARE(g.value(QStringLiteral("timezone")), e.value(QStringLiteral("timezone")));
        QCOMPARE(g.value(QStringLiteral("rateLimits")).toArray().at(0),
                 e.value(QStringLiteral("rateLimits")).toArray().at(0));
        QCOMPARE(g.value(QStringLiteral("symbols")), e.value(QStringLiteral("symbols")));
    }

    // Only what has stored candles is listed, and only that can be asked for.
    void onlyStoredSymbols()
    {
        QVERIFY(m_store.saveSymbols(QStringLiteral("binance"),
                                    m_store.symbols(QStringLiteral("binance"))
                                        << SymbolInfo{QStringLiteral("XRPUSDT"),
                                                      QStringLiteral("XRP"), QStringLiteral("USDT"),
                                                      QStringLiteral("TRADING"), 0.0001},
                                    Now));
        const QJsonArray symbols
            = QJsonDocument::fromJson(
                  get(serveUrl(), QStringLiteral("/api/v3/exchangeInfo"), QString()).body)
                  .object()
                  .value(QStringLiteral("symbols"))
                  .toArray();
        QCOMPARE(symbols.size(), 2);
        const Reply r = get(serveUrl(), QStringLiteral("/api/v3/klines"),
                            QStringLiteral("symbol=XRPUSDT&interval=1m"));
        QCOMPARE(r.status, 400);
        QVERIFY(r.body.contains("-1121"));
    }

    // With the clock moved on, the formerly forming candle is closed and no stale partial is
    // sent; the newest row is the last closed candle.
    void stalePartialIsNotSent()
    {
        m_clock.setNow(Now + 2 * Minute);
        const Reply r = get(serveUrl(), QStringLiteral("/api/v3/klines"),
                            QStringLiteral("symbol=BTCUSDT&interval=1m&limit=2"));
        m_clock.setNow(Now);
        const QJsonArray rows = QJsonDocument::fromJson(r.body).array();
        QCOMPARE(rows.size(), 2);
        QCOMPARE(qint64(rows.last().toArray().at(0).toDouble()),
                 Intervals::alignDown(Interval::M1, Now) - Minute);
    }

    void timeZoneOffBoundariesIsRefused()
    {
        const Reply r = get(serveUrl(), QStringLiteral("/api/v3/klines"),
                            QStringLiteral("symbol=BTCUSDT&interval=1d&timeZone=8"));
        QCOMPARE(r.status, 400);
        QVERIFY(r.body.contains("timeZone"));
    }
};

QTEST_GUILESS_MAIN(TestServeRest)
#include "tst_serverest.moc"
