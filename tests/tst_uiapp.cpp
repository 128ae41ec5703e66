// The `candlewick` executable: --screenshot and the no-display message.
#include <QImage>
#include <QProcess>
#include <QProcessEnvironment>
#include <QTemporaryDir>
#include <QTest>

class TestUiApp : public QObject
{
    Q_OBJECT
private slots:
    void screenshot_data();
    void screenshot();
    void noDisplayIsOneLine();
    void badSeriesFails();

private:
    QProcessEnvironment env(const QTemporaryDir &dir) const;
};

QProcessEnvironment TestUiApp::env(const QTemporaryDir &dir) const
{
    QProcessEnvironment e = QProcessEnvironment::systemEnvironment();
    e.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    // Keep the user's settings and data out of it.
    e.insert(QStringLiteral("XDG_CONFIG_HOME"), dir.filePath(QStringLiteral("config")));
    e.insert(QStringLiteral("XDG_DATA_HOME"), dir.filePath(QStringLiteral("data")));
    return e;
}

void TestUiApp::screenshot_data()
{
    QTest::addColumn<QStringList>("extra");
    QTest::newRow("light") << QStringList{};
    QTest::newRow("dark de 1h") << QStringList{QStringLiteral("--theme"),    QStringLiteral("dark"),
                                               QStringLiteral("--lang"),     QStringLiteral("de"),
                                               QStringLiteral("--interval"), QStringLiteral("1h")};
    QTest::newRow("range zh_CN") << QStringList{
        QStringLiteral("--from"), QStringLiteral("2024-01-01"),
        QStringLiteral("--to"),   QStringLiteral("2024-01-02T12:00:00Z"),
        QStringLiteral("--lang"), QStringLiteral("zh_CN")};
}

void TestUiApp::screenshot()
{
    QFETCH(QStringList, extra);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString png = dir.filePath(QStringLiteral("shot.png"));
    QProcess app;
    app.setProcessEnvironment(env(dir));
    app.start(QStringLiteral(CANDLEWICK_GUI_EXECUTABLE),
              QStringList{QStringLiteral("--db"), dir.filePath(QStringLiteral("c.sqlite")),
                          QStringLiteral("--open"), QStringLiteral("demo:BTCUSDT:1m"),
                          QStringLiteral("--screenshot"), png}
                  + extra);
    QVERIFY(app.waitForFinished(120000));
    QVERIFY2(app.exitCode() == 0, app.readAllStandardError().constData());
    const QImage image(png);
    QCOMPARE(image.size(), QSize(1600, 1000));
    // Not empty: more than a handful of colours.
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); y += 7)
        for (int x = 0; x < image.width(); x += 7)
            colours.insert(image.pixel(x, y));
    QVERIFY(colours.size() > 20);
}

void TestUiApp::noDisplayIsOneLine()
{
    QTemporaryDir dir;
    QProcessEnvironment e = env(dir);
    e.remove(QStringLiteral("QT_QPA_PLATFORM"));
    e.remove(QStringLiteral("DISPLAY"));
    e.remove(QStringLiteral("WAYLAND_DISPLAY"));
    QProcess app;
    app.setProcessEnvironment(e);
    app.start(QStringLiteral(CANDLEWICK_GUI_EXECUTABLE), {});
    QVERIFY(app.waitForFinished(60000));
    QCOMPARE(app.exitCode(), 1);
    QCOMPARE(QString::fromUtf8(app.readAllStandardError()),
             QStringLiteral("candlewick: no display found; set QT_QPA_PLATFORM=offscreen or use "
                            "candlewick-cli\n"));
}

void TestUiApp::badSeriesFails()
{
    QTemporaryDir dir;
    QProcess app;
    app.setProcessEnvironment(env(dir));
    app.start(QStringLiteral(CANDLEWICK_GUI_EXECUTABLE),
              {QStringLiteral("--db"), dir.filePath(QStringLiteral("c.sqlite")),
               QStringLiteral("--open"), QStringLiteral("binance:BTCUSDT:7m"),
               QStringLiteral("--screenshot"), dir.filePath(QStringLiteral("x.png"))});
    QVERIFY(app.waitForFinished(60000));
    QCOMPARE(app.exitCode(), 1);
    const QString err = QString::fromUtf8(app.readAllStandardError());
    QVERIFY(err.contains(QStringLiteral("--open wants")));
}

QTEST_GUILESS_MAIN(TestUiApp)
#include "tst_uiapp.moc"
