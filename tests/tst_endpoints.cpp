#include <binance/binanceexchange.h>
#include <endpoints.h>
#include <exchange.h>

#include <QCoreApplication>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using namespace Candlewick;

class tst_Endpoints : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanupTestCase();
    void defaults();
    void precedence_data();
    void precedence();
    void validity_data();
    void validity();
    void environmentNames();

private:
    QTemporaryDir m_settingsDir;
};

void tst_Endpoints::initTestCase()
{
    QVERIFY(m_settingsDir.isValid());
    QCoreApplication::setOrganizationName(QStringLiteral("CandlewickTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_endpoints"));
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settingsDir.path());
}

void tst_Endpoints::init()
{
    qunsetenv("CANDLEWICK_BINANCE_REST_URL");
    qunsetenv("CANDLEWICK_BINANCE_WS_URL");
    QSettings settings;
    settings.clear();
    settings.sync();
}

void tst_Endpoints::cleanupTestCase()
{
    init();
}

void tst_Endpoints::defaults()
{
    const Endpoints e = Binance::spot().resolveEndpoints();
    QCOMPARE(e.restUrl, QUrl(QStringLiteral("https://api.binance.com")));
    QCOMPARE(e.wsUrl, QUrl(QStringLiteral("wss://stream.binance.com:9443")));
    QVERIFY(Endpoints::isValidRestUrl(e.restUrl));
    QVERIFY(Endpoints::isValidWsUrl(e.wsUrl));
}

void tst_Endpoints::precedence_data()
{
    QTest::addColumn<QString>("option");
    QTest::addColumn<QString>("env");
    QTest::addColumn<QString>("setting");
    QTest::addColumn<QString>("expectedRest");

    const QString opt = QStringLiteral("http://127.0.0.1:1111");
    const QString env = QStringLiteral("http://127.0.0.1:2222");
    const QString set = QStringLiteral("https://data-api.binance.vision");
    QTest::newRow("option beats all") << opt << env << set << opt;
    QTest::newRow("env beats settings") << QString() << env << set << env;
    QTest::newRow("settings") << QString() << QString() << set << set;
    QTest::newRow("blank option ignored") << QStringLiteral("  ") << env << QString() << env;
    QTest::newRow("nothing") << QString() << QString() << QString()
                             << QStringLiteral("https://api.binance.com");
}

void tst_Endpoints::precedence()
{
    QFETCH(QString, option);
    QFETCH(QString, env);
    QFETCH(QString, setting);
    QFETCH(QString, expectedRest);

    if (!env.isEmpty()) {
        qputenv("CANDLEWICK_BINANCE_REST_URL", env.toUtf8());
        qputenv("CANDLEWICK_BINANCE_WS_URL", QByteArray("ws://127.0.0.1:3333"));
    }
    if (!setting.isEmpty()) {
        QSettings settings;
        settings.setValue(QStringLiteral("binance/restUrl"), setting);
        settings.setValue(QStringLiteral("binance/wsUrl"),
                          QStringLiteral("wss://data-stream.binance.vision"));
        settings.sync();
    }
    const Exchange &binance = Binance::spot();
    QCOMPARE(binance.resolveEndpoints(option).restUrl, QUrl(expectedRest));
    const QUrl ws = binance.resolveEndpoints().wsUrl;
    if (!env.isEmpty())
        QCOMPARE(ws, QUrl(QStringLiteral("ws://127.0.0.1:3333")));
    else if (!setting.isEmpty())
        QCOMPARE(ws, QUrl(QStringLiteral("wss://data-stream.binance.vision")));
    else
        QCOMPARE(ws, binance.defaultWsUrl);
}

void tst_Endpoints::validity_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<bool>("rest");
    QTest::addColumn<bool>("ws");

    QTest::newRow("https") << QStringLiteral("https://api.binance.com") << true << false;
    QTest::newRow("http loopback") << QStringLiteral("http://127.0.0.1:8080") << true << false;
    QTest::newRow("wss") << QStringLiteral("wss://stream.binance.com:9443") << false << true;
    QTest::newRow("no scheme") << QStringLiteral("api.binance.com") << false << false;
    QTest::newRow("ftp") << QStringLiteral("ftp://example.com") << false << false;
    QTest::newRow("empty") << QString() << false << false;
}

void tst_Endpoints::validity()
{
    QFETCH(QString, url);
    QFETCH(bool, rest);
    QFETCH(bool, ws);
    QCOMPARE(Endpoints::isValidRestUrl(QUrl(url)), rest);
    QCOMPARE(Endpoints::isValidWsUrl(QUrl(url)), ws);
}

void tst_Endpoints::environmentNames()
{
    Exchange dashed;
    dashed.id = QStringLiteral("binance-usdm");
    QCOMPARE(dashed.environmentVariable("REST_URL"),
             QStringLiteral("CANDLEWICK_BINANCE_USDM_REST_URL"));
    QCOMPARE(dashed.environmentVariable("WS_URL"), QStringLiteral("CANDLEWICK_BINANCE_USDM_WS_URL"));
    QCOMPARE(dashed.settingsKey("restUrl"), QStringLiteral("binance-usdm/restUrl"));
    dashed.defaultRestUrl = QUrl(QStringLiteral("https://fapi.binance.com"));
    qputenv("CANDLEWICK_BINANCE_USDM_REST_URL", QByteArray("http://127.0.0.1:4444"));
    QCOMPARE(dashed.resolveEndpoints().restUrl, QUrl(QStringLiteral("http://127.0.0.1:4444")));
    qunsetenv("CANDLEWICK_BINANCE_USDM_REST_URL");
    QCOMPARE(dashed.resolveEndpoints().restUrl, dashed.defaultRestUrl);
}

QTEST_GUILESS_MAIN(tst_Endpoints)
#include "tst_endpoints.moc"
