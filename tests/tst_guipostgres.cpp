// The window on a PostgreSQL database follows the commits of other processes: the open series
// takes their new candles and the local data list is refreshed, both by LISTEN.
#include <candledatabase.h>
#include <chartview.h>
#include <localdatapanel.h>
#include <mainwindow.h>
#include <postgrescandlestore.h>
#include <postgresserver.h>

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Candlewick;
using Candlewick::Testing::PostgresServer;

namespace {

constexpr qint64 T0 = 1709251200000; // 2024-03-01T00:00:00Z
constexpr qint64 Min = 60000;
const SeriesKey Btc{QStringLiteral("binance"), QStringLiteral("BTCUSDT"), Interval::M1};
const SeriesKey Eth{QStringLiteral("binance"), QStringLiteral("ETHUSDT"), Interval::M1};

CandleBatch minutes(qint64 from, int n)
{
    CandleBatch out;
    for (int i = 0; i < n; ++i) {
        Candle c;
        c.openTime = from + i * Min;
        c.open = c.high = c.low = c.close = 100 + i;
        c.closed = true;
        out.append(c);
    }
    return out;
}

} // namespace

class TestGuiPostgres : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    PostgresServer m_pg;

private slots:
    void initTestCase()
    {
        if (!PostgresServer::available())
            QSKIP("PostgreSQL 15 is not installed (/usr/lib/postgresql/15/bin)");
        QVERIFY(m_dir.isValid());
        qputenv("XDG_CONFIG_HOME", m_dir.filePath(QStringLiteral("config")).toUtf8());
        qputenv("XDG_DATA_HOME", m_dir.filePath(QStringLiteral("data")).toUtf8());
        QVERIFY2(m_pg.start(), qPrintable(m_pg.errorString()));
        QVERIFY2(m_pg.createDatabase(QStringLiteral("gui")), qPrintable(m_pg.errorString()));
    }

    void openSeriesFollowsOtherWriters()
    {
        const QString url = m_pg.url(QStringLiteral("gui"));
        PostgresCandleStore writer; // another process, as far as the window knows
        QVERIFY2(writer.open(url), qPrintable(writer.errorString()));
        QVERIFY(writer.write(Btc, minutes(T0, 10)));

        MainWindow window;
        QVERIFY2(window.openDatabase(url), qPrintable(window.errorString()));
        QSignalSpy opened(&window, &MainWindow::seriesOpened);
        QVERIFY(window.openSeries(Btc));
        QTRY_COMPARE_WITH_TIMEOUT(opened.size(), 1, 10000);
        QCOMPARE(window.chartView()->candles().size(), 10);

        QVERIFY(writer.write(Btc, minutes(T0 + 10 * Min, 2)));
        QTRY_COMPARE_WITH_TIMEOUT(window.chartView()->candles().size(), 12, 5000);
        QCOMPARE(window.chartView()->candles().constLast().openTime, T0 + 11 * Min);

        // A series written elsewhere shows up in the local data list.
        QVERIFY(writer.write(Eth, minutes(T0, 3)));
        QTRY_COMPARE_WITH_TIMEOUT(window.localDataPanel()->series().size(), 2, 5000);
        // The open series took nothing of the other one.
        QCOMPARE(window.chartView()->candles().size(), 12);
    }
};

QTEST_MAIN(TestGuiPostgres)
#include "tst_guipostgres.moc"
