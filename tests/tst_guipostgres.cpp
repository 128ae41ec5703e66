// The window on a PostgreSQL database follows the commits of other processes: the open series
// takes their new candles and the local data list is refreshed, both by LISTEN. Two record
// panels on one database: one writes each stream, the other shows it standing by.
#include <candledatabase.h>
#include <chartview.h>
#include <exchangesessions.h>
#include <localdatapanel.h>
#include <mainwindow.h>
#include <manualclock.h>
#include <postgrescandlestore.h>
#include <postgresserver.h>
#include <recordpanel.h>
#include <recorder.h>

#include <QImage>
#include <QSignalSpy>
#include <QTableWidget>
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

    void recordPanelShowsWritingAndStandingBy()
    {
        QVERIFY2(m_pg.createDatabase(QStringLiteral("record")), qPrintable(m_pg.errorString()));
        QString error;
        const auto db = CandleDatabase::open(m_pg.url(QStringLiteral("record")),
                                             CandleDatabase::Access::ReadWrite, &error);
        QVERIFY2(db, qPrintable(error));
        ManualClock clock(T0);
        ExchangeSessions sessions;
        const SeriesKey btc1m{QStringLiteral("demo"), QStringLiteral("BTCUSDT"), Interval::M1};
        const SeriesKey btc5m{QStringLiteral("demo"), QStringLiteral("BTCUSDT"), Interval::M5};
        // Two recorders of the same streams (two processes, as far as the server knows: each
        // holds its locks on a session of its own).
        RecordPanel first(&sessions);
        RecordPanel second(&sessions);
        for (RecordPanel *panel : {&first, &second}) {
            panel->setDatabase(db);
            panel->setClock(&clock);
            panel->setExchange(QStringLiteral("demo"));
            panel->setSymbols({QStringLiteral("BTCUSDT")});
            panel->setIntervals({Interval::M1, Interval::M5});
            panel->resize(640, 220);
            QVERIFY2(panel->start(), qPrintable(panel->message()));
            QTRY_VERIFY(panel->isRecording());
        }
        auto *table = second.findChild<QTableWidget *>();
        QVERIFY(table);
        QVERIFY(!table->isColumnHidden(RecordPanel::RoleColumn));
        for (const SeriesKey &key : {btc1m, btc5m}) {
            QCOMPARE(first.cellText(key, RecordPanel::RoleColumn), QStringLiteral("Writing"));
            QCOMPARE(second.cellText(key, RecordPanel::RoleColumn), QStringLiteral("Standing by"));
        }
        // As drawn offscreen: the standing-by row is in the picture.
        second.show();
        QVERIFY(QTest::qWaitForWindowExposed(&second));
        const QImage shot = second.grab().toImage();
        QVERIFY(!shot.isNull());
        const QRect cell = table->visualItemRect(table->item(0, RecordPanel::RoleColumn));
        QVERIFY(cell.width() > 0 && table->viewport()->rect().contains(cell));

        // The writer stops: the standby takes both streams at its next look at the locks.
        first.stopAll();
        clock.advance(Recorder::LockRetryMs);
        QTRY_COMPARE(second.cellText(btc1m, RecordPanel::RoleColumn), QStringLiteral("Writing"));
        QCOMPARE(second.cellText(btc5m, RecordPanel::RoleColumn), QStringLiteral("Writing"));
        second.stopAll();
    }
};

QTEST_MAIN(TestGuiPostgres)
#include "tst_guipostgres.moc"
