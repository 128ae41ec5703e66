#include <binance/binanceexchange.h>
#include <demo/demoexchange.h>
#include <demo/mockcandlegenerator.h>
#include <exchange.h>
#include <exchangeregistry.h>
#include <exchangesession.h>
#include <historysource.h>
#include <manualclock.h>
#include <resampler.h>

#include <QTest>

#include <memory>

using namespace Candlewick;

namespace {

constexpr qint64 Day = 24 * 3600 * 1000LL;
constexpr qint64 T0 = 1704067200000; // 2024-01-01T00:00:00Z, a Monday

CandleBatch fetch(ExchangeSession &session, const SeriesKey &key, qint64 from, qint64 to,
                  ProviderError *error = nullptr)
{
    CandleBatch all;
    HistoryJob *job = session.history()->fetchHistory(key, from, to);
    QObject::connect(job, &HistoryJob::batch, job,
                     [&all](const SeriesKey &, const CandleBatch &b) { all += b; });
    job->exec();
    if (error)
        *error = job->error();
    return all;
}

} // namespace

class tst_ExchangeRegistry : public QObject
{
    Q_OBJECT
private slots:
    void registryKnowsEachExchangeOnce();
    void symbolMapping_data();
    void symbolMapping();
    void intervalSupport_data();
    void intervalSupport();
    void builtIntervalsAreExactAggregates_data();
    void builtIntervalsAreExactAggregates();
    void unavailableIntervalIsRefused();
};

void tst_ExchangeRegistry::registryKnowsEachExchangeOnce()
{
    const QStringList ids = ExchangeRegistry::ids();
    QVERIFY(ids.contains(QStringLiteral("binance")));
    QVERIFY(ids.contains(QStringLiteral("demo")));
    QCOMPARE(QSet<QString>(ids.begin(), ids.end()).size(), ids.size());
    QCOMPARE(ExchangeRegistry::find(QStringLiteral("binance")), &Binance::spot());
    QCOMPARE(ExchangeRegistry::find(QStringLiteral("nope")), nullptr);
    QCOMPARE(ExchangeRegistry::defaultExchange().id, QStringLiteral("binance"));
    QCOMPARE(&ExchangeRegistry::offline(), &Demo::exchange());
    for (const Exchange *e : ExchangeRegistry::all()) {
        QVERIFY(!e->translatedName().isEmpty());
        QVERIFY(!e->nativeIntervals.isEmpty());
        QCOMPARE(e->needsNetwork, !e->defaultRestUrl.isEmpty());
        std::unique_ptr<ExchangeSession> session(
            e->createSession(*e, e->resolveEndpoints(), Clock::system(), nullptr));
        QVERIFY(session->history());
        QVERIFY(session->symbols());
        QCOMPARE(&session->exchange(), e);
    }
}

void tst_ExchangeRegistry::symbolMapping_data()
{
    QTest::addColumn<QString>("given");
    QTest::addColumn<QString>("native");
    QTest::newRow("native passes") << QStringLiteral("BTCUSDT") << QStringLiteral("BTCUSDT");
    QTest::newRow("unified") << QStringLiteral("BTC/USDT") << QStringLiteral("BTCUSDT");
    QTest::newRow("lowercase unified") << QStringLiteral("eth/btc") << QStringLiteral("ETHBTC");
    QTest::newRow("spaces") << QStringLiteral(" SOL / USDT ") << QStringLiteral("SOLUSDT");
}

void tst_ExchangeRegistry::symbolMapping()
{
    QFETCH(QString, given);
    QFETCH(QString, native);
    QCOMPARE(Binance::spot().nativeSymbol(given), native);
    QCOMPARE(Demo::exchange().nativeSymbol(given), native);
    const SymbolInfo info{QStringLiteral("BTCUSDT"), QStringLiteral("BTC"), QStringLiteral("USDT"),
                          QStringLiteral("TRADING"), 0.01};
    QCOMPARE(Binance::spot().unifiedSymbol(info), QStringLiteral("BTC/USDT"));
    // Spot markets settle nothing: a settlement asset names no spot symbol.
    QCOMPARE(Binance::spot().nativeSymbol(QStringLiteral("BTC/USDT:USDT")), QString());
}

void tst_ExchangeRegistry::intervalSupport_data()
{
    QTest::addColumn<QString>("interval");
    QTest::addColumn<QString>("demoSource"); // empty: refused
    QTest::newRow("1s") << QStringLiteral("1s") << QString();
    QTest::newRow("1m") << QStringLiteral("1m") << QStringLiteral("1m");
    QTest::newRow("3m") << QStringLiteral("3m") << QStringLiteral("1m");
    QTest::newRow("30m") << QStringLiteral("30m") << QStringLiteral("15m");
    QTest::newRow("2h") << QStringLiteral("2h") << QStringLiteral("1h");
    QTest::newRow("8h") << QStringLiteral("8h") << QStringLiteral("4h");
    QTest::newRow("12h") << QStringLiteral("12h") << QStringLiteral("4h");
    QTest::newRow("3d") << QStringLiteral("3d") << QStringLiteral("1d");
    QTest::newRow("1w") << QStringLiteral("1w") << QStringLiteral("1d");
    QTest::newRow("1M") << QStringLiteral("1M") << QStringLiteral("1d");
}

void tst_ExchangeRegistry::intervalSupport()
{
    QFETCH(QString, interval);
    QFETCH(QString, demoSource);
    const Interval i = *Intervals::parse(interval);
    // Binance has every interval natively.
    QCOMPARE(Binance::spot().sourceInterval(i), std::optional<Interval>(i));
    QVERIFY(Binance::spot().intervalError(i).isEmpty());
    const auto source = Demo::exchange().sourceInterval(i);
    if (demoSource.isEmpty()) {
        QVERIFY(!source);
        // The refusal names the finest interval there is.
        QVERIFY2(Demo::exchange().intervalError(i).contains(QStringLiteral("1m")),
                 qPrintable(Demo::exchange().intervalError(i)));
    } else {
        QVERIFY(source);
        QCOMPARE(Intervals::name(*source), demoSource);
        QVERIFY(Demo::exchange().intervalError(i).isEmpty());
    }
}

void tst_ExchangeRegistry::builtIntervalsAreExactAggregates_data()
{
    QTest::addColumn<QString>("interval");
    QTest::addColumn<int>("days");
    QTest::newRow("3m") << QStringLiteral("3m") << 1;
    QTest::newRow("8h") << QStringLiteral("8h") << 5;
    QTest::newRow("1w") << QStringLiteral("1w") << 35;
    QTest::newRow("1M") << QStringLiteral("1M") << 91;
}

void tst_ExchangeRegistry::builtIntervalsAreExactAggregates()
{
    // The demo exchange builds these from a finer native interval; the result must equal the
    // aggregate of the native candles, bucket by bucket, UTC-aligned.
    QFETCH(QString, interval);
    QFETCH(int, days);
    const Interval coarse = *Intervals::parse(interval);
    const Exchange &demo = Demo::exchange();
    const Interval native = *demo.sourceInterval(coarse);
    QVERIFY(native != coarse);
    ManualClock clock(T0 + 400 * Day);
    std::unique_ptr<ExchangeSession> session(demo.createSession(demo, {}, &clock, nullptr));
    const SeriesKey key{demo.id, QStringLiteral("ETHUSDT"), coarse};
    const qint64 to = T0 + days * Day;
    ProviderError error;
    const CandleBatch built = fetch(*session, key, T0, to, &error);
    QVERIFY2(!error.isError(), qPrintable(error.message));
    SeriesKey fineKey = key;
    fineKey.interval = native;
    const CandleBatch fine = fetch(*session, fineKey, T0, Intervals::alignUp(coarse, to));
    CandleBatch expected = Resampler::resample(fine, native, coarse);
    expected.removeIf([to](const Candle &c) { return c.openTime >= to; });
    QVERIFY(!built.isEmpty());
    QCOMPARE(built.size(), expected.size());
    for (qsizetype i = 0; i < built.size(); ++i) {
        QCOMPARE(built[i], expected[i]);
        QVERIFY(built[i].closed);
        QVERIFY(Intervals::isAligned(coarse, built[i].openTime));
    }
    // The demo's generator agrees with itself across intervals: the built candle is also the
    // one it would compute directly.
    const MockCandleGenerator generator(1);
    QCOMPARE(built.first().open, generator.candleAt(key, built.first().openTime).open);
    QCOMPARE(built.first().close, generator.candleAt(key, built.first().openTime).close);
}

void tst_ExchangeRegistry::unavailableIntervalIsRefused()
{
    const Exchange &demo = Demo::exchange();
    std::unique_ptr<ExchangeSession> session(
        demo.createSession(demo, {}, Clock::system(), nullptr));
    ProviderError error;
    const CandleBatch got = fetch(*session, {demo.id, QStringLiteral("BTCUSDT"), Interval::S1}, T0,
                                  T0 + 60000, &error);
    QVERIFY(got.isEmpty());
    QCOMPARE(error.kind, ProviderError::Kind::InvalidInterval);
    QVERIFY(error.message.contains(QStringLiteral("1m")));
}

QTEST_GUILESS_MAIN(tst_ExchangeRegistry)
#include "tst_exchangeregistry.moc"
