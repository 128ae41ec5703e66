#include <binance/binanceexchange.h>
#include <candledatabase.h>
#include <candlestore.h>
#include <downloaddialog.h>
#include <exchange.h>
#include <exchangesession.h>
#include <exchangesessions.h>
#include <fakebinancearchive.h>
#include <fakebinancerest.h>
#include <manualclock.h>

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Candlewick;
using namespace Candlewick::Testing;

namespace {

constexpr qint64 Minute = 60 * 1000;
constexpr qint64 Day = 24 * 60 * Minute;
constexpr qint64 Jan2025 = 1735689600000; // 2025-01-01T00:00:00Z
constexpr qint64 Feb2025 = 1738368000000; // 2025-02-01T00:00:00Z
constexpr qint64 Now = Feb2025 + 20 * Day; // 2025-02-21: January is published as a month

} // namespace

// The download dialog's archive option: offered where the exchange has an archive, on by
// default for ranges over a few days, whole days from the archive and the rest over REST.
class TestDownloadDialog : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    ManualClock m_clock{Now};
    FakeBinanceRest m_rest{&m_clock};
    FakeBinanceArchive m_archive{&m_rest};
    std::shared_ptr<CandleDatabase> m_database;

    void useSession(ExchangeSessions &sessions, bool withArchive)
    {
        const Exchange &spot = Binance::spot();
        Endpoints endpoints;
        endpoints.restUrl = m_rest.baseUrl();
        if (withArchive)
            endpoints.archiveUrl = m_archive.baseUrl();
        sessions.setDatabase(m_database);
        sessions.setSession(spot.id, spot.createSession(spot, endpoints, &m_clock, nullptr));
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_rest.addSymbol(QStringLiteral("BTCUSDT"), QStringLiteral("BTC"), QStringLiteral("USDT"),
                         1500000000000);
        QVERIFY(m_rest.listen());
        QVERIFY(m_archive.listen());
        QString error;
        m_database = CandleDatabase::open(m_dir.filePath(QStringLiteral("gui.sqlite")),
                                          CandleDatabase::Access::ReadWrite, &error);
        QVERIFY2(m_database, qPrintable(error));
    }

    void offeredWhereThereIsAnArchive()
    {
        ExchangeSessions sessions;
        useSession(sessions, true);
        DownloadDialog dialog(&sessions);
        dialog.setClock(&m_clock);
        const SeriesKey key{QStringLiteral("binance"), QStringLiteral("BTCUSDT"), Interval::M1};
        dialog.setSeries(key);
        dialog.setRange({Jan2025, Feb2025});
        QVERIFY(dialog.archiveAvailable());
        QVERIFY(dialog.archiveChosen()); // a month: on by default
        dialog.setRange({Jan2025, Jan2025 + 2 * Day});
        QVERIFY(!dialog.archiveChosen()); // two days: REST
        dialog.setSeries({QStringLiteral("binance"), QStringLiteral("BTCUSDT"), Interval::W1});
        QVERIFY(!dialog.archiveAvailable()); // no weekly files
        dialog.setSeries({QStringLiteral("demo"), QStringLiteral("BTCUSDT"), Interval::M1});
        QVERIFY(!dialog.archiveAvailable());

        // A REST URL of one's own and no archive URL: no archive.
        ExchangeSessions mirror;
        useSession(mirror, false);
        DownloadDialog restOnly(&mirror);
        restOnly.setSeries(key);
        restOnly.setRange({Jan2025, Feb2025});
        QVERIFY(!restOnly.archiveAvailable());
        QVERIFY(!restOnly.archiveChosen());
    }

    void archiveThenRest()
    {
        ExchangeSessions sessions;
        useSession(sessions, true);
        DownloadDialog dialog(&sessions);
        dialog.setClock(&m_clock);
        const SeriesKey key{QStringLiteral("binance"), QStringLiteral("BTCUSDT"), Interval::M1};
        // January as a month, February 1 and 2 as days, the morning of February 3 over REST.
        const TimeRange range{Jan2025, Feb2025 + 2 * Day + 12 * 60 * Minute};
        dialog.setSeries(key);
        dialog.setRange(range);
        QVERIFY(dialog.archiveChosen());
        QSignalSpy downloaded(&dialog, &DownloadDialog::downloaded);
        const int archiveBefore = m_archive.requestCount();
        const int klinesBefore = m_rest.klinesRequestCount();
        QVERIFY(dialog.startDownload());
        QVERIFY(dialog.isRunning());
        QVERIFY(dialog.statusText().contains(m_archive.baseUrl().toDisplayString()));
        QVERIFY(QTest::qWaitFor([&] { return !dialog.isRunning(); }, 60000));
        QVERIFY2(downloaded.size() == 1, qPrintable(dialog.statusText()));
        QCOMPARE(m_archive.requestCount() - archiveBefore, 2 * 3);
        QCOMPARE(m_rest.klinesRequestCount() - klinesBefore, 1);
        QVERIFY2(dialog.statusText().contains(QStringLiteral("3 files from the archive")),
                 qPrintable(dialog.statusText()));
        QVERIFY2(dialog.statusText().contains(
                     QStringLiteral("%1 candle").arg((range.to - range.from) / Minute)),
                 qPrintable(dialog.statusText()));
        QCOMPARE(m_database->reader()->read(key, range),
                 m_rest.groundTruth(key.symbol, key.interval, range));
        QCOMPARE(m_database->reader()->coverage(key), TimeRanges{range});
    }

    void unreachableArchiveFallsBackToRest()
    {
        FakeBinanceArchive down(&m_rest);
        QVERIFY(down.listen());
        down.setUnreachable(true);
        ExchangeSessions sessions;
        const Exchange &spot = Binance::spot();
        sessions.setDatabase(m_database);
        sessions.setSession(
            spot.id,
            spot.createSession(spot, {m_rest.baseUrl(), {}, down.baseUrl()}, &m_clock, nullptr));
        DownloadDialog dialog(&sessions);
        dialog.setClock(&m_clock);
        const SeriesKey key{QStringLiteral("binance"), QStringLiteral("ETHBTC"), Interval::M1};
        m_rest.addSymbol(key.symbol, QStringLiteral("ETH"), QStringLiteral("BTC"), 1500000000000);
        const TimeRange range{Jan2025 + 10 * Day, Jan2025 + 15 * Day};
        dialog.setSeries(key);
        dialog.setRange(range);
        QVERIFY(dialog.archiveChosen());
        QSignalSpy downloaded(&dialog, &DownloadDialog::downloaded);
        QVERIFY(dialog.startDownload());
        QVERIFY(QTest::qWaitFor([&] { return !dialog.isRunning(); }, 60000));
        QCOMPARE(downloaded.size(), 1);
        QVERIFY2(dialog.statusText().contains(QStringLiteral("could not be reached")),
                 qPrintable(dialog.statusText()));
        QCOMPARE(m_database->reader()->read(key, range).size(), (range.to - range.from) / Minute);
    }
};

QTEST_MAIN(TestDownloadDialog)
#include "tst_downloaddialog.moc"
