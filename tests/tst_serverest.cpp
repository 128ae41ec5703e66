#include <binanceformat.h>
#include <binancerestapi.h>
#include <decimalunits.h>
#include <eventwait.h>
#include <httprequest.h>
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
#include <QUrlQuery>

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
        // Months of hourly candles, for time zones on weeks and months.
        m_fake.addSymbol(QStringLiteral("SOLUSDT"), QStringLiteral("SOL"), QStringLiteral("USDT"),
                         Listed - 100 * Day);
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
        QCOMPARE(list.size(), 3);
        QVERIFY(m_store.saveSymbols(QStringLiteral("binance"), list, Now));
        for (const SymbolInfo &s : std::as_const(list)) {
            const QList<Interval> intervals = s.symbol == QStringLiteral("SOLUSDT")
                ? QList<Interval>{Interval::H1}
                : QList<Interval>{Interval::M1, Interval::H1, Interval::D1, Interval::Mon1};
            for (Interval i : intervals) {
                const SeriesKey key{QStringLiteral("binance"), s.symbol, i};
                // With the coverage `fetch` records: the gap is known to have no candles.
                QVERIFY(m_store.write(key, m_fake.groundTruth(s.symbol, i, {0, Now}),
                                      {{0, Intervals::alignDown(i, Now)}}));
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
        QCOMPARE(symbols.size(), 3);
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

    // A timeZone that moves the boundaries: the same buckets as the fake (open and close times,
    // which and how many), each built from the finer stored candles: the UTC rows serve gives
    // for its span, folded.
    void zonedKlines_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<QString>("finer"); // the stored interval the buckets are built from
        const auto t = [](qint64 ms) { return QString::number(ms); };
        const QString btc = QStringLiteral("symbol=BTCUSDT&interval=");
        QTest::newRow("1d +8 from start")
            << btc + QStringLiteral("1d&timeZone=8&startTime=0&endTime=") + t(Now - Day)
            << QStringLiteral("1h");
        QTest::newRow("1d -5 newest before now")
            << btc + QStringLiteral("1d&timeZone=-5&limit=2&endTime=") + t(Now - Day)
            << QStringLiteral("1h");
        QTest::newRow("4h +05:45 across the gap")
            << btc + QStringLiteral("4h&timeZone=%2B05:45&startTime=") + t(Listed + 2 * Day)
                + QStringLiteral("&endTime=") + t(Listed + 2 * Day + 12 * Hour)
            << QStringLiteral("1m");
        QTest::newRow("4h +05:30 mid-bucket start")
            << btc + QStringLiteral("4h&timeZone=5:30&limit=6&startTime=") + t(Listed + 7 * Hour)
            << QStringLiteral("1m");
        QTest::newRow("1h -0:30 end only")
            << btc + QStringLiteral("1h&timeZone=-0:30&limit=5&endTime=") + t(Listed + Day)
            << QStringLiteral("1m");
        const QString sol = QStringLiteral("symbol=SOLUSDT&interval=");
        QTest::newRow("1w +8") << sol + QStringLiteral("1w&timeZone=8&endTime=") + t(Now - Day)
                               << QStringLiteral("1h");
        QTest::newRow("1M +14") << sol + QStringLiteral("1M&timeZone=14:00&startTime=0&endTime=")
                + t(Now - Day) << QStringLiteral("1h");
        QTest::newRow("1M -12 newest") << sol + QStringLiteral("1M&timeZone=-12&limit=2&endTime=")
                + t(Now - Day) << QStringLiteral("1h");
        QTest::newRow("listed mid-bucket")
            << QStringLiteral("symbol=ETHBTC&interval=1d&timeZone=8&startTime=0&endTime=")
                + t(Now - Day)
            << QStringLiteral("1h");
        QTest::newRow("uiKlines 12h +3") << btc + QStringLiteral("12h&timeZone=3&limit=4&endTime=")
                + t(Listed + 2 * Day) << QStringLiteral("1h");
    }
    void zonedKlines()
    {
        QFETCH(QString, query);
        QFETCH(QString, finer);
        const QString path = QTest::currentDataTag() == QByteArray("uiKlines 12h +3")
            ? QStringLiteral("/api/v3/uiKlines")
            : QStringLiteral("/api/v3/klines");
        const Reply fake = get(m_fake.baseUrl(), path, query);
        const Reply ours = get(serveUrl(), path, query);
        QCOMPARE(ours.status, 200);
        QCOMPARE(fake.status, 200);
        const QJsonArray e = QJsonDocument::fromJson(fake.body).array();
        const QJsonArray g = QJsonDocument::fromJson(ours.body).array();
        QVERIFY(!e.isEmpty());
        QCOMPARE(g.size(), e.size());
        const QString symbol = QUrlQuery(query).queryItemValue(QStringLiteral("symbol"));
        for (qsizetype i = 0; i < e.size(); ++i) {
            const QJsonArray row = g.at(i).toArray();
            QCOMPARE(row.size(), 12);
            QCOMPARE(row.at(0), e.at(i).toArray().at(0));
            QCOMPARE(row.at(6), e.at(i).toArray().at(6));
            // The finer rows of the bucket, from serve in UTC.
            const QJsonArray parts
                = QJsonDocument::fromJson(
                      get(serveUrl(), QStringLiteral("/api/v3/klines"),
                          QStringLiteral("symbol=%1&interval=%2&limit=1000&startTime=%3&endTime=%4")
                              .arg(symbol, finer)
                              .arg(qint64(row.at(0).toDouble()))
                              .arg(qint64(row.at(6).toDouble())))
                          .body)
                      .array();
            QVERIFY(!parts.isEmpty());
            QVERIFY(parts.size() < 1000);
            const auto number = [](const QJsonValue &v) { return v.toString().toDouble(); };
            double high = 0, low = 1e300, volume = 0, quote = 0;
            qint64 trades = 0;
            for (const QJsonValue &p : parts) {
                const QJsonArray r = p.toArray();
                high = std::max(high, number(r.at(2)));
                low = std::min(low, number(r.at(3)));
                volume += number(r.at(5));
                quote += number(r.at(7));
                trades += qint64(r.at(8).toDouble());
            }
            QCOMPARE(row.at(1), parts.first().toArray().at(1));
            QCOMPARE(row.at(4), parts.last().toArray().at(4));
            QCOMPARE(number(row.at(2)), high);
            QCOMPARE(number(row.at(3)), low);
            // Sums of the 8-decimal strings: equal up to the last decimal.
            const auto near
                = [](double a, double b) { return std::abs(a - b) <= 2e-8 + 1e-12 * std::abs(b); };
            QVERIFY(near(number(row.at(5)), volume));
            QVERIFY(near(number(row.at(7)), quote));
            QCOMPARE(qint64(row.at(8).toDouble()), trades);
        }
    }

    // Without a finer stored interval that fits the offset the answer is refused, in Binance's
    // error shape.
    void zonedKlinesWithoutFinerCandlesAreRefused()
    {
        SqliteCandleStore store;
        QVERIFY(store.open(m_dir.filePath(QStringLiteral("daily.sqlite"))));
        const SeriesKey daily{QStringLiteral("binance"), QStringLiteral("BTCUSDT"), Interval::D1};
        QVERIFY(store.write(daily, m_fake.groundTruth(daily.symbol, Interval::D1, {0, Now})));
        BinanceRestApi api(&store, QStringLiteral("binance"), [this] { return m_clock.nowMs(); });
        HttpRequest request;
        request.method = "GET";
        request.path = "/api/v3/klines";
        request.query = "symbol=BTCUSDT&interval=1d&timeZone=8";
        const std::optional<HttpResponse> r = api.handle(request);
        QVERIFY(r);
        QCOMPARE(r->status, 400);
        const QJsonObject error = QJsonDocument::fromJson(r->body).object();
        QCOMPARE(error.value(QStringLiteral("code")), QJsonValue(-1128));
        QVERIFY(error.value(QStringLiteral("msg")).toString().contains(QStringLiteral("timeZone")));
        // A timeZone that keeps the boundaries is answered from the stored candles.
        request.query = "symbol=BTCUSDT&interval=1d&timeZone=0&limit=2";
        QCOMPARE(api.handle(request)->status, 200);
    }

    // Quote volumes of more significant digits than a double holds are served as the exchange
    // wrote them, in klines rows and in WebSocket events.
    void exactQuoteVolumes()
    {
        SqliteCandleStore store;
        QVERIFY(store.open(m_dir.filePath(QStringLiteral("exact.sqlite"))));
        const SeriesKey key{QStringLiteral("binance"), QStringLiteral("BTCUSDT"), Interval::M1};
        Candle c;
        c.openTime = Intervals::alignDown(Interval::M1, Now) - 10 * Minute;
        c.open = c.high = c.low = c.close = 66312.4;
        c.volume = 1225043.26;
        c.quoteVolume = 81234567890.12345678;
        c.quoteVolumeE8 = DecimalUnits::quoteUnitsOf("81234567890.12345678");
        c.trades = 7;
        c.takerBuyBase = 612521.63;
        c.takerBuyQuote = 40617283945.06172839;
        c.takerBuyQuoteE8 = DecimalUnits::quoteUnitsOf("40617283945.06172839");
        QVERIFY(c.quoteVolumeE8 != 0 && c.takerBuyQuoteE8 != 0);
        QVERIFY2(store.write(key, {c}), qPrintable(store.errorString()));

        BinanceRestApi api(&store, QStringLiteral("binance"), [this] { return m_clock.nowMs(); });
        HttpRequest request;
        request.method = "GET";
        request.path = "/api/v3/klines";
        request.query
            = "symbol=BTCUSDT&interval=1m&limit=1&startTime=" + QByteArray::number(c.openTime);
        const std::optional<HttpResponse> r = api.handle(request);
        QVERIFY(r);
        QCOMPARE(r->status, 200);
        QVERIFY2(r->body.contains("\"81234567890.12345678\""), r->body.constData());
        QVERIFY2(r->body.contains("\"40617283945.06172839\""), r->body.constData());

        QByteArray event;
        BinanceFormat::appendKlineEvent(event, key.symbol, key.interval,
                                        store.read(key, {c.openTime, c.openTime + Minute}).first(),
                                        Now);
        QVERIFY2(event.contains("\"q\":\"81234567890.12345678\""), event.constData());
        QVERIFY2(event.contains("\"Q\":\"40617283945.06172839\""), event.constData());
    }
};

QTEST_GUILESS_MAIN(TestServeRest)
#include "tst_serverest.moc"
