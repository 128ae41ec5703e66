#include <apptheme.h>
#include <binance/binanceexchange.h>
#include <candledatabase.h>
#include <candlestore.h>
#include <candletablemodel.h>
#include <chartview.h>
#include <clocksteps.h>
#include <downloaddialog.h>
#include <fakebinancerest.h>
#include <fakebinancews.h>
#include <framesync.h>
#include <languages.h>
#include <localdatapanel.h>
#include <mainwindow.h>
#include <manualclock.h>
#include <marketspanel.h>
#include <demo/demoexchange.h>
#include <demo/mockcandlegenerator.h>
#include <demo/mockmarket.h>
#include <exchange.h>
#include <exchangesession.h>
#include <preferencesdialog.h>
#include <exchangesessions.h>
#include <recordpanel.h>
#include <replaypanel.h>
#include <resampler.h>
#include <seriesdocument.h>
#include <strategyhost.h>
#include <utctime.h>

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDockWidget>
#include <QLineEdit>
#include <QMenu>
#include <QRegularExpression>
#include <QTabBar>
#include <QTabWidget>
#include <QHeaderView>
#include <QTableView>
#include <QTableWidget>
#include <QLabel>
#include <QMenuBar>
#include <QPushButton>
#include <QStatusBar>
#include <QScrollBar>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <map>
#include <optional>

using namespace Candlewick;
using Candlewick::Testing::FakeBinanceRest;
using Candlewick::Testing::FakeBinanceWs;
using Candlewick::Testing::FrameSync;
using Candlewick::Testing::stepSeconds;

namespace {

constexpr qint64 Minute = 60 * 1000;
constexpr qint64 Hour = 60 * Minute;
constexpr qint64 Day = 24 * Hour;
constexpr qint64 Start = 1704067200000; // 2024-01-01T00:00:00Z

// The demo exchange's roles on a ManualClock standing at `nowMs`, with each live feed kept at hand
// so a test can push candles into it.
class TestDemoSession : public ExchangeSession
{
public:
    TestDemoSession(quint64 seed, qint64 nowMs)
        : ExchangeSession(Demo::exchange(), new ManualClock(nowMs))
        , m_seed(seed)
        , m_market(new MockMarket(seed, clock(), this))
    {
        clock()->setParent(this);
    }
    SymbolSource *symbols() override { return m_market; }
    LiveFeed *createLiveFeed(QObject *parent) override
    {
        auto *feed = new MockMarket(m_seed, clock(), parent);
        feed->copySettings(*m_market);
        m_feed = feed;
        return feed;
    }
    MockMarket *market() const { return m_market; }
    // The live feed made last (owned by its GapFreeFeed), or null once that is gone.
    MockMarket *feed() const { return m_feed; }

protected:
    HistorySource *nativeHistory() override { return m_market; }

private:
    quint64 m_seed;
    MockMarket *m_market;
    QPointer<MockMarket> m_feed;
};

} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void opensPerThemeAndLanguage_data();
    void opensPerThemeAndLanguage();
    void downloadFillsChartAndLocalData();
    void downloadFromFakeBinanceFillsChartAndLocalData();
    void downloadErrorsAreWords();
    void openReadsOffTheGuiThread();
    void intervalSwitchResamples();
    void liveCandleUpdatesInPlace();
    void openingAndLiveBringTheSeriesUpToNow();
    void clickOnGapOffersItsDownload();
    void downloadDialogOpensFresh();
    void downloadShowsRetriesAndErrorDetails();
    void recordedLiveCandleReachesTheWindowOnce();
    void recordPanelFollowsConnection();
    void recordRefusesUnlistedSymbolsAndResetsOnStop();
    void recordTableHeadersFit_data();
    void recordTableHeadersFit();
    void replayPlaysPausesStepsAndDrawsMarkers();
    void replayChartOnlySeeksAndSteps();
    void replayDrawsStrategyLinesAndEquity();
    void replayReasonFillsTheDock_data();
    void replayReasonFillsTheDock();
    void pacedReplayExtendsTheLines();
    void strategyNamesAndLabelsAreTranslated_data();
    void strategyNamesAndLabelsAreTranslated();
    void qtButtonsAreTranslated_data();
    void qtButtonsAreTranslated();
    void preferencesPersist();
    void favouritesPersistAndSearchFilters();
    void layoutIsRestored();
    void everyExchangeIsListed();
    void usableAt1024x700();
    void preferencesShowTheUrlsInEffect();
    void preferencesTakeADatabaseUrl();
    void noEnglishLeftInTranslatedWindow_data();
    void noEnglishLeftInTranslatedWindow();

private:
    // A window on a fresh database with a demo provider; `days` of demo:ETHUSDT:1m downloaded
    // through the dialog when > 0; shown first at `size` when it is valid.
    std::unique_ptr<MainWindow> makeWindow(int days = 0, QSize size = {});
    // A window with a day of demo:ETHUSDT:1m whose replay panel runs on a ManualClock, with the
    // example strategy plugins (built before this suite: a CMake dependency).
    struct ReplayRig
    {
        std::unique_ptr<MainWindow> window;
        ManualClock clock{0};
        StrategyHost host;
        ReplayPanel *replay = nullptr;
    };
    bool setUpReplay(ReplayRig *rig);
    QTemporaryDir m_dir;
    int m_dbCount = 0;
};

void TestMainWindow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("CandlewickTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_mainwindow"));
    QLocale::setDefault(QLocale::c());
    QVERIFY(m_dir.isValid());
}

void TestMainWindow::init()
{
    QSettings().clear();
}

void TestMainWindow::cleanup()
{
    Languages::install(QStringLiteral("en"));
    QLocale::setDefault(QLocale::c());
}

std::unique_ptr<MainWindow> TestMainWindow::makeWindow(int days, QSize size)
{
    auto *sessions = new ExchangeSessions;
    // The demo market's "now" is just after the days downloaded.
    sessions->setSession(QStringLiteral("demo"),
                         new TestDemoSession(3, Start + days * Day + 30'000));
    auto window = std::make_unique<MainWindow>(sessions);
    sessions->setParent(window.get());
    const QString db = m_dir.filePath(QStringLiteral("db%1.sqlite").arg(++m_dbCount));
    if (!window->openDatabase(db))
        return nullptr;
    if (size.isValid())
        window->resize(size);
    window->show();
    if (days > 0) {
        DownloadDialog *dialog = window->downloadDialog();
        dialog->setSeries({QStringLiteral("demo"), QStringLiteral("ETHUSDT"), Interval::M1});
        dialog->setRange({Start, Start + days * 24 * Hour});
        if (!dialog->startDownload())
            return nullptr;
        if (!QTest::qWaitFor([&] { return !dialog->isRunning(); }, 30000))
            return nullptr;
        // The finished download opens the series, read on the loader thread.
        if (!QTest::qWaitFor(
                [&] { return !window->currentSeries().symbol.isEmpty() && !window->isLoading(); },
                30000))
            return nullptr;
    }
    return window;
}

bool TestMainWindow::setUpReplay(ReplayRig *rig)
{
    rig->window = makeWindow(1);
    if (!rig->window)
        return false;
    rig->replay = rig->window->replayPanel();
    rig->replay->setClock(&rig->clock);
    rig->host.scan();
    rig->replay->setStrategyHost(&rig->host);
    return true;
}

void TestMainWindow::opensPerThemeAndLanguage_data()
{
    QTest::addColumn<QString>("theme");
    QTest::addColumn<QString>("language");
    QTest::addColumn<QString>("fileMenu");
    QTest::addColumn<QString>("emptyStatus");
    QTest::newRow("light en") << "light"
                              << "en"
                              << "&File"
                              << "No series open";
    QTest::newRow("dark en") << "dark"
                             << "en"
                             << "&File"
                             << "No series open";
    QTest::newRow("light de") << "light"
                              << "de"
                              << "&Datei"
                              << "Keine Reihe geöffnet";
    QTest::newRow("dark de") << "dark"
                             << "de"
                             << "&Datei"
                             << "Keine Reihe geöffnet";
    QTest::newRow("light zh_CN") << "light"
                                 << "zh_CN"
                                 << "文件(&F)"
                                 << "未打开序列";
    QTest::newRow("dark zh_CN") << "dark"
                                << "zh_CN"
                                << "文件(&F)"
                                << "未打开序列";
}

void TestMainWindow::opensPerThemeAndLanguage()
{
    QFETCH(QString, theme);
    QFETCH(QString, language);
    QFETCH(QString, fileMenu);
    QFETCH(QString, emptyStatus);
    QVERIFY(Languages::install(language));
    MainWindow window;
    window.setTheme(AppTheme::fromName(theme));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QCOMPARE(window.menuBar()->actions().first()->text(), fileMenu);
    QVERIFY(window.statusBar()->findChildren<QLabel *>().size() >= 1);
    bool found = false;
    for (QLabel *label : window.statusBar()->findChildren<QLabel *>())
        found = found || label->text() == emptyStatus;
    QVERIFY(found);
    QCOMPARE(window.chartView()->theme(), AppTheme::fromName(theme));
    const QColor window_ = window.palette().color(QPalette::Window);
    QCOMPARE(window_.lightness() < 100, theme == u"dark");
    // Labels follow the theme too (light text on the dark window).
    for (QLabel *label : window.statusBar()->findChildren<QLabel *>())
        QCOMPARE(label->palette().color(QPalette::WindowText).lightness() > 128, theme == u"dark");
    const QImage image = window.grab().toImage();
    QCOMPARE(image.size(), window.size());
    // The chart paints its theme's background.
    const QImage chart = window.chartView()->grab().toImage();
    QCOMPARE(chart.pixelColor(2, chart.height() / 2).lightness() < 100, theme == u"dark");
}

void TestMainWindow::downloadFillsChartAndLocalData()
{
    auto window = makeWindow(2);
    QVERIFY(window);
    const SeriesKey key{QStringLiteral("demo"), QStringLiteral("ETHUSDT"), Interval::M1};
    QCOMPARE(window->downloadDialog()->progressValue(), 1000);
    QTRY_COMPARE(window->currentSeries(), key);
    QCOMPARE(window->chartView()->count(), 2 * 24 * 60);
    QCOMPARE(window->candleModel()->rowCount(), 2 * 24 * 60);
    QCOMPARE(window->chartView()->candles().first().openTime, Start);
    // Listed off the GUI thread: it arrives from the event loop.
    QTRY_COMPARE(window->localDataPanel()->series().size(), 1);
    const QList<SeriesInfo> series = window->localDataPanel()->series();
    QCOMPARE(series.first().key, key);
    QCOMPARE(series.first().candleCount, 2 * 24 * 60);
    QVERIFY(window->logText().contains(key.toString()));
}

void TestMainWindow::downloadFromFakeBinanceFillsChartAndLocalData()
{
    // The real Binance REST provider against the fake exchange on 127.0.0.1; "now" is a month
    // after the range, on a ManualClock shared by the fake and the provider.
    ManualClock clock(Start + 30 * Day);
    FakeBinanceRest fake(&clock);
    QVERIFY(fake.listen());
    fake.addSymbol(QStringLiteral("BTCUSDT"), QStringLiteral("BTC"), QStringLiteral("USDT"),
                   Start - 365 * Day);
    fake.addMaintenanceGap({Start + 20 * Hour, Start + 21 * Hour}); // exchange downtime
    auto window = makeWindow();
    QVERIFY(window);
    window->sessions()->setSession(
        QStringLiteral("binance"),
        Binance::spot().createSession(Binance::spot(), {fake.baseUrl(), {}}, &clock, nullptr));
    const SeriesKey key{QStringLiteral("binance"), QStringLiteral("BTCUSDT"), Interval::M1};
    const TimeRange range{Start, Start + 2 * Day};
    const CandleBatch truth = fake.groundTruth(key.symbol, key.interval, range);
    QCOMPARE(truth.size(), 2 * 24 * 60 - 60);

    QSignalSpy downloaded(window->downloadDialog(), &DownloadDialog::downloaded);
    QSignalSpy opened(window.get(), &MainWindow::seriesOpened);
    DownloadDialog *dialog = window->downloadDialog();
    dialog->setSeries(key);
    dialog->setRange(range);
    QVERIFY(dialog->startDownload());
    QVERIFY(dialog->isRunning());
    QVERIFY(QTest::qWaitFor([&] { return !dialog->isRunning(); }, 30000));
    QVERIFY2(downloaded.size() == 1, qPrintable(dialog->statusText()));
    QCOMPARE(dialog->progressValue(), 1000);
    QVERIFY(fake.klinesRequestCount() >= 3); // 2,820 candles: three pages at least
    // The finished download opens the series (read on the loader thread) in chart and table.
    QTRY_COMPARE(opened.size(), 1);
    QCOMPARE(window->currentSeries(), key);
    QCOMPARE(window->chartView()->count(), int(truth.size()));
    QCOMPARE(window->chartView()->candles(), truth);
    QCOMPARE(window->candleModel()->rowCount(), int(truth.size()));
    // The local data dock lists it with its coverage (the downtime is covered, not a gap).
    // Listed off the GUI thread: it arrives from the event loop.
    QTRY_COMPARE(window->localDataPanel()->series().size(), 1);
    const QList<SeriesInfo> series = window->localDataPanel()->series();
    QCOMPARE(series.first().key, key);
    QCOMPARE(series.first().candleCount, truth.size());
    QCOMPARE(series.first().coverage, TimeRanges{range});
    QVERIFY(window->logText().contains(key.toString()));
    // The series opened on Binance, whose symbol list the window then loads (one request that
    // may reach the fake after the series is shown: counted before the second download).
    QTRY_VERIFY(window->logText().contains(QStringLiteral("symbol(s) loaded from Binance")));
    // The same range again is served from the store without asking the exchange.
    const int requests = fake.requestCount();
    QVERIFY(dialog->startDownload());
    QVERIFY(QTest::qWaitFor([&] { return !dialog->isRunning(); }, 30000));
    QCOMPARE(downloaded.size(), 2);
    QCOMPARE(fake.requestCount(), requests);
}

void TestMainWindow::downloadErrorsAreWords()
{
    auto window = makeWindow();
    QVERIFY(window);
    DownloadDialog *dialog = window->downloadDialog();
    dialog->setSeries({QStringLiteral("demo"), QString(), Interval::M1});
    QVERIFY(!dialog->startDownload());
    QVERIFY(dialog->statusText().contains(QStringLiteral("symbol")));
    dialog->setSeries({QStringLiteral("demo"), QStringLiteral("BTCUSDT"), Interval::M1});
    dialog->setRange({Start + Hour, Start});
    QVERIFY(!dialog->startDownload());
    QVERIFY(dialog->statusText().contains(QStringLiteral("end")));
    QVERIFY(!dialog->isRunning());
}

void TestMainWindow::openReadsOffTheGuiThread()
{
    auto window = makeWindow(1);
    QVERIFY(window);
    const SeriesKey eth = window->currentSeries();
    // A second series in the store.
    const SeriesKey btc{QStringLiteral("demo"), QStringLiteral("BTCUSDT"), Interval::M1};
    CandleBatch candles;
    const MockCandleGenerator generator(3);
    for (int i = 0; i < 90; ++i)
        candles.append(generator.candleAt(btc, Start + i * Minute));
    QVERIFY(window->database()->writeNow(btc, candles, {{Start, Start + 90 * Minute}}).ok);

    QSignalSpy opened(window.get(), &MainWindow::seriesOpened);
    QSignalSpy failed(window.get(), &MainWindow::seriesOpenFailed);
    // The chart says it is loading until the candles arrive; the earlier request is dropped.
    QVERIFY(window->openSeries(eth));
    QVERIFY(window->isLoading());
    QVERIFY(!window->chartView()->busyText().isEmpty());
    QVERIFY(window->openSeries(btc));
    QTRY_VERIFY(!window->isLoading());
    QCOMPARE(opened.size(), 1);
    QCOMPARE(opened.first().first().value<SeriesKey>(), btc);
    QCOMPARE(window->currentSeries(), btc);
    QCOMPARE(window->chartView()->count(), 90);
    QCOMPARE(window->chartView()->candles(), candles);
    QVERIFY(window->chartView()->busyText().isEmpty());
    window->saveLayout(); // remembers the open series for the next start
    QCOMPARE(QSettings().value(QStringLiteral("ui/lastSeries")).toString(), btc.toString());
    // A series with nothing stored is an error in words; the chart keeps what it had.
    const SeriesKey none{QStringLiteral("demo"), QStringLiteral("SOLUSDT"), Interval::M1};
    QVERIFY(window->openSeries(none));
    QTRY_COMPARE(failed.size(), 1);
    QVERIFY(window->errorString().contains(QStringLiteral("SOLUSDT")));
    QCOMPARE(window->currentSeries(), btc);
    QCOMPARE(window->chartView()->count(), 90);
    QCOMPARE(opened.size(), 1);
}

void TestMainWindow::intervalSwitchResamples()
{
    auto window = makeWindow(2);
    QVERIFY(window);
    const CandleBatch base = window->chartView()->candles();
    QCOMPARE(base.size(), 2 * 24 * 60);
    window->setDisplayInterval(Interval::H1);
    QCOMPARE(window->displayInterval(), Interval::H1);
    // The hourly candles computed here, independently of the Resampler.
    std::map<qint64, Candle> hours;
    for (const Candle &c : base) {
        const qint64 h = c.openTime - c.openTime % Hour;
        auto [it, inserted] = hours.try_emplace(h, c);
        Candle &agg = it->second;
        if (inserted) {
            agg.openTime = h;
            continue;
        }
        agg.high = std::max(agg.high, c.high);
        agg.low = std::min(agg.low, c.low);
        agg.close = c.close;
        agg.volume += c.volume;
    }
    const CandleBatch shown = window->chartView()->candles();
    QCOMPARE(shown.size(), qsizetype(hours.size()));
    QCOMPARE(window->candleModel()->rowCount(), int(hours.size()));
    qsizetype i = 0;
    for (const auto &[time, want] : hours) {
        const Candle &got = shown.at(i++);
        QCOMPARE(got.openTime, time);
        QCOMPARE(got.open, want.open);
        QCOMPARE(got.high, want.high);
        QCOMPARE(got.low, want.low);
        QCOMPARE(got.close, want.close);
        QVERIFY(qAbs(got.volume - want.volume) < 1e-6 * want.volume);
    }
    // 1w from 1m works, back to 1m restores the stored candles.
    window->setDisplayInterval(Interval::D1);
    QCOMPARE(window->chartView()->count(), 2);
    window->setDisplayInterval(Interval::M1);
    QCOMPARE(window->chartView()->candles(), base);
}

void TestMainWindow::liveCandleUpdatesInPlace()
{
    auto window = makeWindow(1);
    QVERIFY(window);
    auto *session
        = static_cast<TestDemoSession *>(window->sessions()->session(QStringLiteral("demo")));
    window->setDisplayInterval(Interval::H1);
    window->setLive(true);
    QVERIFY(window->isLive());
    MockMarket *mock = session->feed();
    QVERIFY(mock);
    const SeriesKey key = window->currentSeries();
    const int hours = window->chartView()->count();
    Candle forming = mock->generator().partialAt(key, Start + 24 * Hour, 2);
    mock->emitCandle(key, forming);
    QCOMPARE(window->chartView()->count(), hours + 1);
    QVERIFY(!window->chartView()->candles().constLast().closed);
    QCOMPARE(window->chartView()->candles().constLast().close, forming.close);
    Candle closed = mock->generator().candleAt(key, Start + 24 * Hour);
    mock->emitCandle(key, closed);
    QCOMPARE(window->chartView()->count(), hours + 1);
    QCOMPARE(window->chartView()->candles().constLast().close, closed.close);
    QCOMPARE(window->candleModel()->rowCount(), hours + 1);
    window->setLive(false);
}

void TestMainWindow::openingAndLiveBringTheSeriesUpToNow()
{
    // The real Binance REST and WebSocket providers against the fakes on 127.0.0.1, on one
    // ManualClock. The store holds the series up to "yesterday" 23:59; it is now 18:03:20.
    ManualClock clock(Start + 2 * Day + 18 * Hour + 3 * Minute + 20'000);
    FakeBinanceRest rest(&clock);
    FakeBinanceWs ws(&clock);
    rest.addSymbol(QStringLiteral("BTCUSDT"), QStringLiteral("BTC"), QStringLiteral("USDT"),
                   Start - 30 * Day);
    QVERIFY(rest.listen());
    ws.followRest(rest);
    QVERIFY(ws.listen());
    auto window = makeWindow();
    QVERIFY(window);
    window->sessions()->setSession(QStringLiteral("binance"),
                                   Binance::spot().createSession(Binance::spot(),
                                                                 {rest.baseUrl(), ws.url()}, &clock,
                                                                 nullptr));
    const SeriesKey key{QStringLiteral("binance"), QStringLiteral("BTCUSDT"), Interval::M1};
    const qint64 yesterdayEnd = Start + 2 * Day;
    QVERIFY(window->database()
                ->writeNow(key, rest.groundTruth(key.symbol, key.interval, {Start, yesterdayEnd}),
                           {{Start, yesterdayEnd}})
                .ok);

    // Opening it fetches today up to the last closed minute through the history cache (so the
    // store has it too) and shows one sequence without a gap.
    QSignalSpy opened(window.get(), &MainWindow::seriesOpened);
    SeriesDocument *document = window->document();
    // While today is not fetched, it is drawn as the not-fetched tail after the last candle.
    QList<std::optional<SeriesDocument::Gap>> tails;
    connect(window.get(), &MainWindow::seriesOpened, this, [&tails, document] {
        tails.append(document->tail() ? std::optional(*document->tail()) : std::nullopt);
    });
    QVERIFY(window->openSeries(key));
    QTRY_COMPARE_WITH_TIMEOUT(opened.size(), 2, 30000);
    QVERIFY(!window->isCatchingUp());
    QCOMPARE(tails.size(), 2);
    QVERIFY(tails[0]);
    QCOMPARE(tails[0]->from, yesterdayEnd);
    QCOMPARE(tails[0]->to, Start + 2 * Day + 18 * Hour + 3 * Minute);
    QVERIFY(!tails[0]->fetched);
    QVERIFY(!tails[1]); // caught up
    const qint64 lastClosed = Start + 2 * Day + 18 * Hour + 2 * Minute;
    QCOMPARE(document->series().constLast().openTime, lastClosed);
    QVERIFY(document->gaps().isEmpty());
    QCOMPARE(window->database()->reader()->coverage(key),
             (TimeRanges{{Start, lastClosed + Minute}}));
    QCOMPARE(document->series(),
             rest.groundTruth(key.symbol, key.interval, {Start, lastClosed + Minute}));

    // Ten minutes later Live is turned on: the ten minutes are fetched and stored first, then
    // the feed joins after them; the next closed minute follows without a gap.
    clock.advance(10 * Minute);
    window->setLive(true);
    QVERIFY(window->isCatchingUp());
    QTRY_COMPARE_WITH_TIMEOUT(opened.size(), 3, 30000);
    QTRY_VERIFY_WITH_TIMEOUT(window->isLive(), 10000);
    const qint64 caughtUp = lastClosed + 10 * Minute;
    QCOMPARE(window->database()->reader()->coverage(key), (TimeRanges{{Start, caughtUp + Minute}}));
    QCOMPARE(document->series().constLast().openTime, caughtUp);
    // The live feed delivers the minute forming now once it closes.
    const qint64 next = caughtUp + Minute;
    const auto nextClosed = [&] {
        const Candle &last = document->series().constLast();
        return last.openTime > next || (last.openTime == next && last.closed);
    };
    FrameSync frames(ws, [&window] { return window->liveFeed(); });
    frames.rebase();
    for (int i = 0; i < 70 && !nextClosed(); ++i) {
        clock.advance(1000);
        frames.settle(); // the loopback socket delivers the fake's frames
    }
    QTRY_VERIFY_WITH_TIMEOUT(nextClosed(), 10000);
    QVERIFY(document->gaps().isEmpty());
    const CandleBatch shown = document->series();
    QCOMPARE(shown.mid(0, shown.size() - 1),
             rest.groundTruth(key.symbol, key.interval, {Start, shown.constLast().openTime}));
    window->setLive(false);
    // Times in the log are UTC dates, never ms since the epoch.
    const QString log = window->logText();
    QVERIFY2(log.contains(UtcTime::format(lastClosed + Minute).left(16)), qPrintable(log));
    QVERIFY2(!log.contains(QRegularExpression(QStringLiteral("\\b1\\d{12}\\b"))), qPrintable(log));
}

void TestMainWindow::clickOnGapOffersItsDownload()
{
    // Two demo days stored with the second day's first six hours missing (never fetched).
    auto window = makeWindow(3);
    QVERIFY(window);
    const SeriesKey key{QStringLiteral("demo"), QStringLiteral("BTCUSDT"), Interval::M1};
    MockCandleGenerator generator(3);
    CandleBatch candles = generator.range(key, Start, Start + 2 * Day);
    const TimeRange hole{Start + Day, Start + Day + 6 * Hour};
    candles.removeIf([&](const Candle &c) { return hole.contains(c.openTime); });
    QVERIFY(window->database()
                ->writeNow(key, candles, {{Start, hole.from}, {hole.to, Start + 2 * Day}})
                .ok);
    QSignalSpy opened(window.get(), &MainWindow::seriesOpened);
    QVERIFY(window->openSeries(key));
    QTRY_COMPARE(opened.size(), 1);
    QCOMPARE(window->document()->gaps().size(), 1);
    QVERIFY(!window->document()->gaps().first().fetched);
    ChartView *chart = window->chartView();
    chart->showAll();
    const double x = chart->indexToX(double(window->document()->gaps().first().index));
    QTest::mouseClick(chart, Qt::LeftButton, {},
                      QPoint(int(x), int(chart->priceRect().center().y())));
    DownloadDialog *dialog = window->downloadDialog();
    QVERIFY(dialog->isVisible());
    QCOMPARE(dialog->series(), key);
    QCOMPARE(dialog->range(), hole);
    // Downloading it closes the gap.
    QVERIFY(dialog->startDownload());
    QTRY_VERIFY_WITH_TIMEOUT(!dialog->isRunning(), 30000);
    QTRY_COMPARE(opened.size(), 2);
    QVERIFY(window->document()->gaps().isEmpty());
    QCOMPARE(window->document()->series().size(), 2 * 24 * 60);
    dialog->close();
}

void TestMainWindow::downloadDialogOpensFresh()
{
    auto window = makeWindow();
    QVERIFY(window);
    window->showDownloadDialog({QStringLiteral("demo"), QStringLiteral("ETHUSDT"), Interval::M1});
    DownloadDialog *dialog = window->downloadDialog();
    dialog->setRange({Start + Day, Start}); // the end before the start
    QVERIFY(!dialog->startDownload());
    QVERIFY(!dialog->statusText().isEmpty());
    dialog->close();
    window->showDownloadDialog();
    QVERIFY(dialog->isVisible());
    QCOMPARE(dialog->statusText(), QString());
    QCOMPARE(dialog->progressValue(), 0);
    dialog->close();
}

void TestMainWindow::downloadShowsRetriesAndErrorDetails()
{
    ManualClock clock(Start + 30 * Day);
    FakeBinanceRest fake(&clock);
    QVERIFY(fake.listen());
    fake.addSymbol(QStringLiteral("BTCUSDT"), QStringLiteral("BTC"), QStringLiteral("USDT"),
                   Start - 365 * Day);
    auto window = makeWindow();
    QVERIFY(window);
    window->sessions()->setSession(
        QStringLiteral("binance"),
        Binance::spot().createSession(Binance::spot(), {fake.baseUrl(), {}}, &clock, nullptr));
    const SeriesKey key{QStringLiteral("binance"), QStringLiteral("BTCUSDT"), Interval::M1};
    DownloadDialog *dialog = window->downloadDialog();
    dialog->setClock(&clock);
    window->showDownloadDialog(key, {Start, Start + Hour});

    // A server error is retried after a backoff on the clock; meanwhile the dialog says so.
    fake.injectFault(FakeBinanceRest::Fault::ServerError);
    QVERIFY(dialog->startDownload());
    QTRY_VERIFY_WITH_TIMEOUT(
        dialog->statusText().startsWith(QStringLiteral("Retrying 2/6 — HTTP 500")), 10000);
    QVERIFY(dialog->isRunning());
    for (int i = 0; i < 60 && dialog->isRunning(); ++i) {
        const int asked = fake.klinesRequestCount();
        clock.advance(1000);
        // Once the backoff is over the retry goes out: wait for it to be answered.
        Testing::waitFor([&] { return !dialog->isRunning() || fake.klinesRequestCount() > asked; },
                         100);
    }
    QTRY_VERIFY_WITH_TIMEOUT(!dialog->isRunning(), 10000);
    QVERIFY2(dialog->statusText().startsWith(QStringLiteral("Done")),
             qPrintable(dialog->statusText()));
    QVERIFY(dialog->detailsText().isEmpty());

    // A refusal (HTTP 403) is not retried: words in the status, the cause in the details, and
    // neither speaks of command-line options.
    fake.injectFault(FakeBinanceRest::Fault::Forbidden);
    window->showDownloadDialog(key, {Start + Day, Start + Day + Hour});
    QVERIFY(dialog->statusText().isEmpty()); // fresh
    QVERIFY(dialog->startDownload());
    QTRY_VERIFY_WITH_TIMEOUT(!dialog->isRunning(), 10000);
    QVERIFY(dialog->statusText().contains(QStringLiteral("refused access")));
    QVERIFY(dialog->detailsText().contains(QStringLiteral("403")));
    QVERIFY(dialog->detailsText().contains(QStringLiteral("the REST URL in the preferences")));
    QVERIFY(!dialog->statusText().contains(QStringLiteral("--")));
    QVERIFY(!dialog->detailsText().contains(QStringLiteral("--")));
    // Opened again, the dialog has forgotten the failure.
    dialog->close();
    window->showDownloadDialog();
    QVERIFY(dialog->statusText().isEmpty());
    QVERIFY(dialog->detailsText().isEmpty());
    dialog->close();
}

void TestMainWindow::recordedLiveCandleReachesTheWindowOnce()
{
    auto window = makeWindow(1);
    QVERIFY(window);
    auto *session
        = static_cast<TestDemoSession *>(window->sessions()->session(QStringLiteral("demo")));
    const SeriesKey key = window->currentSeries();
    window->setLive(true);
    MockMarket *mock = session->feed(); // the window's live feed
    QVERIFY(mock);
    // The open series is recorded as well: the feed's candles go to the recorder and the window.
    ManualClock clock(Start + 24 * Hour); // the recorder's backfill ends where the store does
    RecordPanel *record = window->recordPanel();
    record->setClock(&clock);
    record->setExchange(QStringLiteral("demo"));
    record->setSymbols({key.symbol});
    record->setIntervals({key.interval});
    QVERIFY(record->start());
    QVERIFY(record->isRecording(key));
    SeriesDocument *document = window->document();
    const qsizetype before = document->count();
    QSignalSpy appended(document, &SeriesDocument::candlesAppended);
    QSignalSpy changed(document, &SeriesDocument::lastCandleChanged);
    mock->emitCandle(key, mock->generator().partialAt(key, Start + 24 * Hour, 2));
    QCOMPARE(appended.count(), 1);
    QCOMPARE(changed.count(), 0); // not delivered a second time
    mock->emitCandle(key, mock->generator().candleAt(key, Start + 24 * Hour));
    QCOMPARE(appended.count(), 1);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(document->count(), before + 1);
    QCOMPARE(window->candleModel()->rowCount(), int(before + 1));
    record->stopAll();
    window->setLive(false);
}

void TestMainWindow::recordPanelFollowsConnection()
{
    // The real WebSocket provider (backfilling through the REST provider) against the fakes on
    // 127.0.0.1, everything timed by one ManualClock: the fake drops the connection, refuses to
    // reconnect for three minutes, then lets the provider back in.
    ManualClock clock(Start);
    FakeBinanceRest rest(&clock);
    FakeBinanceWs ws(&clock);
    rest.addSymbol(QStringLiteral("BTCUSDT"), QStringLiteral("BTC"), QStringLiteral("USDT"),
                   Start - 30 * Day);
    QVERIFY(rest.listen());
    ws.followRest(rest);
    QVERIFY(ws.listen());

    auto window = makeWindow();
    QVERIFY(window);
    window->sessions()->setSession(QStringLiteral("binance"),
                                   Binance::spot().createSession(Binance::spot(),
                                                                 {rest.baseUrl(), ws.url()}, &clock,
                                                                 nullptr));
    const LiveFeed *live = nullptr; // the recording's feed, once it starts
    FrameSync frames(ws, [&live] { return live; });
    const auto rebase = [&] { frames.rebase(); };
    const auto step = [&](qint64 ms) {
        stepSeconds(clock, ms, [&] { frames.settle(); });
        // Backfills run over HTTP.
        (void)QTest::qWaitFor([&] { return live->state() != ConnectionState::Backfilling; }, 5000);
        QCoreApplication::processEvents();
    };

    RecordPanel *record = window->recordPanel();
    record->setClock(&clock);
    record->setExchange(QStringLiteral("binance"));
    record->setSymbols({QStringLiteral("BTCUSDT")});
    record->setIntervals({Interval::M1, Interval::M5});
    QVERIFY(record->start());
    QTRY_VERIFY(record->isRecording()); // once the symbol list has been checked
    live = record->liveFeed();
    QVERIFY(live);
    const SeriesKey key{QStringLiteral("binance"), QStringLiteral("BTCUSDT"), Interval::M1};
    const SeriesKey key5{QStringLiteral("binance"), QStringLiteral("BTCUSDT"), Interval::M5};
    QCOMPARE(record->streams(), (QList<SeriesKey>{key, key5}));
    // What the panel shows each time the connection changes state (its own handler runs first).
    QStringList shown;
    bool streamsAgree = true;
    QObject watcher; // goes before `shown`
    connect(live, &LiveFeed::connectionStateChanged, &watcher, [&] {
        const QString text = record->stateText(key);
        streamsAgree = streamsAgree && record->stateText(key5) == text;
        if (shown.isEmpty() || shown.constLast() != text)
            shown.append(text);
    });
    QTRY_COMPARE(record->stateText(key), QStringLiteral("Live"));
    rebase();
    step(3 * Minute);
    QCOMPARE(record->stateText(key), QStringLiteral("Live"));
    QVERIFY(record->closedCandles(key) >= 2);
    QVERIFY(record->messages(key) > record->closedCandles(key)); // forming updates too
    QCOMPARE(record->gapsFilled(key), 0);
    const qint64 closedBefore = record->closedCandles(key);
    shown.clear();

    ws.setRefuseConnections(true);
    ws.dropAll();
    rebase();
    step(3 * Minute);
    QCOMPARE(record->state(key), ConnectionState::Reconnecting);
    QCOMPARE(record->stateText(key), QStringLiteral("Reconnecting"));
    QCOMPARE(record->stateText(key5), QStringLiteral("Reconnecting"));
    QCOMPARE(record->closedCandles(key), closedBefore); // nothing arrives while down

    ws.setRefuseConnections(false);
    rebase();
    step(40000);
    QTRY_COMPARE(record->stateText(key), QStringLiteral("Live"));
    rebase();
    step(2 * Minute);
    QCOMPARE(record->stateText(key), QStringLiteral("Live"));
    QCOMPARE(shown.first(), QStringLiteral("Reconnecting"));
    QVERIFY2(shown.contains(QStringLiteral("Backfilling")), qPrintable(shown.join(u',')));
    QCOMPARE(shown.constLast(), QStringLiteral("Live"));
    QVERIFY(streamsAgree);
    QVERIFY(shown.indexOf(QStringLiteral("Backfilling"))
            < shown.lastIndexOf(QStringLiteral("Live")));
    // The minutes missed while down were backfilled: at least the three of the outage.
    QVERIFY2(record->gapsFilled(key) >= 3, qPrintable(QString::number(record->gapsFilled(key))));
    QVERIFY(record->closedCandles(key) >= closedBefore + 3 + 2);
    QVERIFY(window->logText().contains(QStringLiteral("Reconnecting")));

    // The store holds the exchange's candles without a hole, each once (the recorder writes on
    // the database's writer thread).
    QTRY_VERIFY(window->database()->reader()->read(key, {Start, Start + Hour}).size() >= 8);
    const CandleBatch stored = window->database()->reader()->read(key, {Start, Start + Hour});
    QCOMPARE(stored,
             rest.groundTruth(key.symbol, key.interval,
                              {stored.first().openTime, stored.constLast().openTime + 1}));
    record->stopAll();
    QVERIFY(!record->isRecording());
}

void TestMainWindow::recordRefusesUnlistedSymbolsAndResetsOnStop()
{
    auto window = makeWindow(1);
    QVERIFY(window);
    auto *session
        = static_cast<TestDemoSession *>(window->sessions()->session(QStringLiteral("demo")));
    RecordPanel *record = window->recordPanel();
    ManualClock clock(Start + 24 * Hour);
    record->setClock(&clock);
    record->setExchange(QStringLiteral("demo"));
    // A symbol the exchange does not list is refused before anything is recorded.
    record->setSymbols({QStringLiteral("BTCUSDT"), QStringLiteral("NOPEUSDT")});
    record->setIntervals({Interval::M1});
    QVERIFY(record->start());
    QTRY_VERIFY(!record->isChecking());
    QVERIFY(!record->isRecording());
    QVERIFY2(record->message().contains(QStringLiteral("NOPEUSDT")), qPrintable(record->message()));
    QVERIFY(!record->message().contains(QStringLiteral("BTCUSDT")));
    QVERIFY(window->logText().contains(record->message()));
    // Only the intervals the exchange can give are offered: 1s on Binance, not on the demo
    // market (it has no 1s history to backfill from).
    QVERIFY(!record->offeredIntervals().contains(Interval::S1));
    QVERIFY(record->offeredIntervals().contains(Interval::M1));
    record->setExchange(QStringLiteral("binance"));
    QVERIFY(record->offeredIntervals().contains(Interval::S1));
    record->setExchange(QStringLiteral("demo"));
    // A listed symbol records at once, in the offered intervals only.
    record->setSymbols({QStringLiteral("ETHUSDT")});
    record->setIntervals({Interval::S1, Interval::M1});
    QVERIFY(record->start());
    const SeriesKey key{QStringLiteral("demo"), QStringLiteral("ETHUSDT"), Interval::M1};
    QCOMPARE(record->streams(), (QList<SeriesKey>{key}));
    QVERIFY(record->message().isEmpty());
    MockMarket *mock = session->feed();
    QVERIFY(mock);
    mock->emitCandle(key, mock->generator().candleAt(key, Start + 24 * Hour));
    QCOMPARE(record->closedCandles(key), 1);
    QTRY_VERIFY(!record->countersText().isEmpty()); // refreshed once a second
    QVERIFY(record->cellText(key, RecordPanel::RateColumn) != QStringLiteral("–"));
    // Stop: the rates and totals go; a new recording counts from zero; the local data shows
    // what was recorded.
    record->stopAll();
    QVERIFY(record->countersText().isEmpty());
    const auto stored = [&] {
        for (const SeriesInfo &info : window->localDataPanel()->series()) {
            if (info.key == key)
                return info.candleCount;
        }
        return qint64(0);
    };
    QTRY_COMPARE(stored(), 24 * 60 + 1); // the list is read off the GUI thread
    QVERIFY(record->start());
    QCOMPARE(record->closedCandles(key), 0);
    QCOMPARE(record->cellText(key, RecordPanel::GapsColumn), QStringLiteral("0"));
    record->stopAll();
}

void TestMainWindow::recordTableHeadersFit_data()
{
    QTest::addColumn<QSize>("size");
    QTest::newRow("1024x700") << QSize(1024, 700);
    QTest::newRow("1600x1000") << QSize(1600, 1000);
}

void TestMainWindow::recordTableHeadersFit()
{
    // No header or cell of the record table is cut beside the chart: every column fits its
    // header and contents and can be scrolled into view whole.
    QFETCH(QSize, size);
    auto window = makeWindow(0, size);
    QVERIFY(window);
    window->findChild<QDockWidget *>(QStringLiteral("recordDock"))->raise();
    RecordPanel *record = window->recordPanel();
    ManualClock clock(Start + 24 * Hour);
    record->setClock(&clock);
    record->setExchange(QStringLiteral("demo"));
    record->setSymbols({QStringLiteral("ETHUSDT"), QStringLiteral("BTCUSDT")});
    record->setIntervals({Interval::M1, Interval::H1});
    QVERIFY(record->start());
    QTRY_VERIFY(record->isRecording());
    auto *session
        = static_cast<TestDemoSession *>(window->sessions()->session(QStringLiteral("demo")));
    const SeriesKey key{QStringLiteral("demo"), QStringLiteral("ETHUSDT"), Interval::M1};
    session->feed()->emitCandle(key, session->feed()->generator().candleAt(key, Start + Day));
    QCOMPARE(record->cellText(key, RecordPanel::LastColumn), QStringLiteral("01-02 00:00"));
    auto *table = record->findChild<QTableWidget *>();
    QVERIFY(table);
    QVERIFY(QTest::qWaitForWindowExposed(window.get()));
    QCoreApplication::processEvents();
    QHeaderView *header = table->horizontalHeader();
    for (int c = 0; c < table->columnCount(); ++c) {
        if (header->isSectionHidden(c))
            continue;
        const int wanted = std::max(header->sectionSizeHint(c),
                                    static_cast<QAbstractItemView *>(table)->sizeHintForColumn(c));
        const QString text = table->horizontalHeaderItem(c)->text();
        QVERIFY2(
            header->sectionSize(c) >= wanted,
            qPrintable(
                QStringLiteral("%1: %2 < %3").arg(text).arg(header->sectionSize(c)).arg(wanted)));
        table->scrollTo(table->model()->index(0, c));
        QVERIFY2(table->viewport()->rect().contains(table->visualRect(table->model()->index(0, c))),
                 qPrintable(text));
    }
    if (size.width() == 1024) {
        // The streams' last closed times are in view without scrolling.
        table->scrollToTop();
        table->horizontalScrollBar()->setValue(0);
        QVERIFY(table->viewport()->rect().contains(
            table->visualRect(table->model()->index(0, RecordPanel::LastColumn))));
    }
    record->stopAll();
}

void TestMainWindow::replayPlaysPausesStepsAndDrawsMarkers()
{
    ReplayRig rig;
    QVERIFY(setUpReplay(&rig));
    MainWindow *window = rig.window.get();
    ManualClock &clock = rig.clock;
    ReplayPanel *replay = rig.replay;
    QVERIFY(replay->setStrategy(QStringLiteral("sma_cross")));
    replay->setParameter(QStringLiteral("fast"), 3);
    replay->setParameter(QStringLiteral("slow"), 8);
    replay->setSpeed(10000); // 40 ms of clock = 400 s of candles per tick
    replay->play();
    QVERIFY(replay->isPlaying());
    QCOMPARE(window->chartView()->count(), 0);
    clock.advance(40);
    const int afterOneTick = window->chartView()->count();
    QVERIFY2(afterOneTick >= 5 && afterOneTick <= 7, qPrintable(QString::number(afterOneTick)));
    clock.advance(400);
    const int playing = window->chartView()->count();
    QVERIFY(playing > afterOneTick);
    replay->pause();
    QVERIFY(!replay->isPlaying());
    clock.advance(4000);
    QCOMPARE(window->chartView()->count(), playing);
    replay->step();
    QCOMPARE(window->chartView()->count(), playing + 1);
    QCOMPARE(replay->position(), qsizetype(playing + 1));
    // Seek to the middle, then play at max speed to the end.
    replay->seek(700);
    QCOMPARE(window->chartView()->count(), 700);
    replay->setSpeed(0);
    replay->play();
    clock.advance(40);
    QTRY_VERIFY(!replay->isActive());
    QCOMPARE(window->chartView()->count(), 24 * 60);
    QVERIFY(replay->summaryText().contains(QStringLiteral("1440")));
    QVERIFY(replay->signalRowCount() > 0);
    QCOMPARE(window->chartView()->markers().size(), replay->markers().size());
    QVERIFY(!window->chartView()->markers().isEmpty());
    // The Reason column elides a long reason: the whole of it is in the cell's tooltip and
    // under the table, the latest signal's until a row is current, then the current row's.
    auto *signalTable = replay->findChild<QTableWidget *>();
    auto *reasonLabel = replay->findChild<QLabel *>(QStringLiteral("signalReason"));
    QVERIFY(signalTable && reasonLabel);
    QCOMPARE(signalTable->currentRow(), -1);
    QVERIFY(reasonLabel->isVisible());
    QVERIFY2(reasonLabel->text().endsWith(replay->markers().constLast().text),
             qPrintable(reasonLabel->text()));
    const QString reason = replay->markers().at(1).text;
    QVERIFY2(reason.size() > 40, qPrintable(reason));
    QCOMPARE(signalTable->item(1, 3)->text(), reason);
    QCOMPARE(signalTable->item(1, 3)->toolTip(), reason);
    signalTable->setCurrentCell(1, 0);
    QVERIFY(reasonLabel->isVisible());
    QVERIFY2(reasonLabel->text().endsWith(reason), qPrintable(reasonLabel->text()));
    // An error is shown in the panel, not only in the log.
    replay->setRange({Start + 5 * Day, Start + 6 * Day});
    replay->play();
    QVERIFY(!replay->isActive());
    QVERIFY2(replay->summaryText().contains(QStringLiteral("Nothing to replay")),
             qPrintable(replay->summaryText()));
    // A click on a signal row moves the chart to it, at the same zoom.
    ChartView *chart = window->chartView();
    chart->setVisibleRange(1300, 1400);
    const qint64 time = replay->markers().first().time;
    QVERIFY(!chart->visibleTimeRange().contains(time));
    replay->activateSignal(0);
    QVERIFY2(chart->visibleTimeRange().from <= time && time < chart->visibleTimeRange().to,
             qPrintable(UtcTime::format(time)));
    QCOMPARE(chart->visibleCount(), 100.0);
}

void TestMainWindow::replayReasonFillsTheDock_data()
{
    QTest::addColumn<QString>("language");
    QTest::addColumn<QSize>("size");
    for (const char *language : {"en", "de"}) {
        for (const QSize size : {QSize(1024, 700), QSize(1600, 1000)}) {
            QTest::addRow("%s %dx%d", language, size.width(), size.height())
                << QString::fromLatin1(language) << size;
        }
    }
}

void TestMainWindow::replayReasonFillsTheDock()
{
    // The signal table never scrolls sideways: time, signal and price whole, the reason in the
    // rest of the dock's width, elided at its end; hidden where that leaves no room for its
    // header (1024 pixels), its text then in the row's tooltips.
    QFETCH(QString, language);
    QFETCH(QSize, size);
    QVERIFY(Languages::install(language));
    ReplayRig rig;
    rig.window = makeWindow(1, size);
    QVERIFY(rig.window);
    ReplayPanel *replay = rig.window->replayPanel();
    replay->setClock(&rig.clock);
    rig.host.scan();
    replay->setStrategyHost(&rig.host);
    rig.window->findChild<QDockWidget *>(QStringLiteral("replayDock"))->raise();
    QVERIFY(replay->setStrategy(QStringLiteral("rsi_threshold")));
    replay->setSpeed(0);
    replay->play();
    QTRY_VERIFY(!replay->isActive());
    QVERIFY(replay->signalRowCount() > 0);
    QVERIFY(QTest::qWaitForWindowExposed(rig.window.get()));
    QCoreApplication::processEvents();
    auto *table = replay->findChild<QTableWidget *>();
    QVERIFY(table);
    QHeaderView *header = table->horizontalHeader();
    const int width = table->viewport()->width();
    int taken = 0;
    for (int c = 0; c < 3; ++c) {
        const int wanted = std::max(header->sectionSizeHint(c),
                                    static_cast<QAbstractItemView *>(table)->sizeHintForColumn(c));
        QVERIFY2(header->sectionSize(c) >= wanted,
                 qPrintable(QStringLiteral("%1: %2 < %3")
                                .arg(table->horizontalHeaderItem(c)->text())
                                .arg(header->sectionSize(c))
                                .arg(wanted)));
        taken += header->sectionSize(c);
    }
    // At 1024 pixels the three leave the reason a few pixels: hidden rather than a sliver.
    const bool room = size.width() >= 1600;
    QTRY_COMPARE(header->isSectionHidden(3), !room);
    QVERIFY2(header->length() <= width,
             qPrintable(QStringLiteral("%1 > %2").arg(header->length()).arg(width)));
    QVERIFY(!table->horizontalScrollBar()->isVisible());
    if (room) {
        QCOMPARE(header->sectionSize(3), width - taken);
        QCOMPARE(table->textElideMode(), Qt::ElideRight);
    }
    const QString reason = replay->markers().first().text;
    for (int c = 0; c < 4; ++c)
        QCOMPARE(table->item(0, c)->toolTip(), reason);
    // The column follows the dock: over the whole rest when it widens, back as it was when it
    // narrows again.
    auto *dock = rig.window->findChild<QDockWidget *>(QStringLiteral("replayDock"));
    const int dockWidth = dock->width();
    rig.window->resizeDocks({dock}, {dockWidth + 80}, Qt::Horizontal);
    QTRY_VERIFY(table->viewport()->width() >= width + 60);
    QTRY_VERIFY(!header->isSectionHidden(3));
    QTRY_COMPARE(header->length(), table->viewport()->width());
    rig.window->resizeDocks({dock}, {dockWidth}, Qt::Horizontal);
    QTRY_COMPARE(table->viewport()->width(), width);
    QTRY_COMPARE(header->isSectionHidden(3), !room);
    QTRY_COMPARE(header->length(), room ? width : taken);
}

void TestMainWindow::replayDrawsStrategyLinesAndEquity()
{
    ReplayRig rig;
    QVERIFY(setUpReplay(&rig));
    MainWindow *window = rig.window.get();
    ManualClock &clock = rig.clock;
    ReplayPanel *replay = rig.replay;
    ChartView *chart = window->chartView();
    const auto names = [](const QList<ChartLine> &lines) {
        QStringList out;
        for (const ChartLine &l : lines)
            out.append(l.name);
        return out;
    };
    // sma_cross (API version 2): its two averages over the candles, the run's return and
    // drawdown in panes of their own.
    QVERIFY(replay->setStrategy(QStringLiteral("sma_cross")));
    replay->setParameter(QStringLiteral("fast"), 5);
    replay->setParameter(QStringLiteral("slow"), 20);
    replay->setSpeed(0);
    replay->play();
    clock.advance(40);
    QTRY_VERIFY(!replay->isActive());
    QCOMPARE(names(chart->lines()),
             (QStringList{QStringLiteral("SMA(5)"), QStringLiteral("SMA(20)"),
                          QStringLiteral("Return %"), QStringLiteral("Drawdown %")}));
    QCOMPARE(chart->paneTitles(),
             (QStringList{QStringLiteral("Equity"), QStringLiteral("Drawdown")}));
    // One value per candle from the 20th on.
    QCOMPARE(chart->lines()[0].values.size(), 24 * 60 - 19);
    QCOMPARE(chart->lines()[1].times.first(), chart->candles().at(19).openTime);
    const double mean5 = [&] {
        double sum = 0;
        for (int i = 15; i < 20; ++i)
            sum += chart->candles().at(i).close;
        return sum / 5;
    }();
    QVERIFY(qFuzzyCompare(chart->lines()[0].values.first(), mean5));
    // The drawdown is never above zero and reaches the summary's maximum.
    const QList<double> &drawdown = chart->lines()[3].values;
    QVERIFY(*std::max_element(drawdown.cbegin(), drawdown.cend()) <= 0);
    const QString summary = replay->summaryText();
    const double deepest = -*std::min_element(drawdown.cbegin(), drawdown.cend());
    QVERIFY2(summary.contains(QLocale().toString(deepest, 'f', 2) + u'%'), qPrintable(summary));
    // Drawn: the averages over the candles, equity and drawdown each in its pane.
    chart->setVisibleRange(0, 24 * 60);
    (void)chart->grab();
    const QList<ChartRenderer::DrawnLine> drawn = chart->drawnLines();
    QCOMPARE(drawn.size(), 4);
    QCOMPARE(drawn[0].pane, -1);
    QVERIFY(drawn[0].points > 100);
    QCOMPARE(drawn[2].pane, 0);
    QCOMPARE(drawn[3].pane, 1);
    QVERIFY(drawn[2].points > 100);
    QVERIFY(chart->paneRect(1).bottom() < chart->height());

    // rsi_threshold: the RSI in its own pane, scaled 0..100, with its thresholds.
    QVERIFY(replay->setStrategy(QStringLiteral("rsi_threshold")));
    replay->play();
    clock.advance(40);
    QTRY_VERIFY(!replay->isActive());
    QCOMPARE(chart->paneTitles().first(), QStringLiteral("RSI(14)"));
    QCOMPARE(chart->lines().first().levels, (QList<double>{30, 70}));
    (void)chart->grab();
    QCOMPARE(chart->drawnLines().first().pane, 0);
    QCOMPARE(chart->drawnLines().first().minimum, 0.0);
    QCOMPARE(chart->drawnLines().first().maximum, 100.0);

    // Another series drops the run's lines.
    QVERIFY(window->openSeries(window->currentSeries()));
    QTRY_VERIFY(!window->isLoading());
    QVERIFY(chart->lines().isEmpty());
    QVERIFY(chart->paneTitles().isEmpty());
}

void TestMainWindow::pacedReplayExtendsTheLines()
{
    ReplayRig rig;
    QVERIFY(setUpReplay(&rig));
    ReplayPanel *replay = rig.replay;
    const ChartView *chart = rig.window->chartView();
    const auto sameLines = [](const QList<ChartLine> &a, const QList<ChartLine> &b) {
        return std::equal(a.cbegin(), a.cend(), b.cbegin(), b.cend(),
                          [](const ChartLine &x, const ChartLine &y) {
                              return x.name == y.name && x.pane == y.pane && x.times == y.times
                                  && x.values == y.values;
                          });
    };
    QVERIFY(replay->setStrategy(QStringLiteral("sma_cross")));
    replay->setParameter(QStringLiteral("slow"), 20);
    // Paced (a candle per 6 ms of the clock) the chart gets the new points a few times a second;
    // at max speed all the lines at the end. Both draw the same.
    QSignalSpy extended(replay, &ReplayPanel::linesExtended);
    QList<QList<ChartLine>> drawn;
    for (const double speed : {10000.0, 0.0}) {
        replay->setSpeed(speed);
        replay->play();
        for (int step = 0; speed > 0 && step < 100 && replay->isActive(); ++step) {
            rig.clock.advance(300);
            QCoreApplication::processEvents();
            QVERIFY(sameLines(chart->lines(), replay->lines()));
        }
        rig.clock.advance(40);
        QTRY_VERIFY(!replay->isActive());
        drawn.append(chart->lines());
    }
    QVERIFY(extended.size() > 10);
    QCOMPARE(drawn.first().size(), 4);
    QVERIFY(sameLines(drawn.first(), drawn.last()));
}

void TestMainWindow::strategyNamesAndLabelsAreTranslated_data()
{
    QTest::addColumn<QString>("language");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("label");
    QTest::newRow("en") << "en"
                        << "SMA cross"
                        << "Fast SMA:";
    QTest::newRow("de") << "de"
                        << "SMA-Kreuzung"
                        << "Schneller SMA:";
    QTest::newRow("zh_CN") << "zh_CN"
                           << "SMA 交叉"
                           << "快速 SMA：";
}

void TestMainWindow::strategyNamesAndLabelsAreTranslated()
{
    QFETCH(QString, language);
    QFETCH(QString, name);
    QFETCH(QString, label);
    QVERIFY(Languages::install(language));
    StrategyHost host;
    host.scan();
    ReplayPanel replay;
    replay.setStrategyHost(&host);
    QVERIFY(replay.setStrategy(QStringLiteral("sma_cross")));
    QStringList items;
    QStringList labels;
    for (QComboBox *combo : replay.findChildren<QComboBox *>()) {
        for (int i = 0; i < combo->count(); ++i)
            items.append(combo->itemText(i));
    }
    for (QLabel *l : replay.findChildren<QLabel *>())
        labels.append(l->text());
    QVERIFY2(items.contains(name), qPrintable(items.join(u'|')));
    QVERIFY2(labels.contains(label), qPrintable(labels.join(u'|')));
}

void TestMainWindow::qtButtonsAreTranslated_data()
{
    QTest::addColumn<QString>("language");
    QTest::addColumn<QString>("cancel");
    QTest::newRow("de") << "de"
                        << "Abbrechen";
    QTest::newRow("zh_CN") << "zh_CN"
                           << "取消";
}

void TestMainWindow::qtButtonsAreTranslated()
{
    // Qt's own button texts come from qtbase_<lang>.qm (package qt6-translations-l10n).
    QFETCH(QString, language);
    QFETCH(QString, cancel);
    QVERIFY(Languages::install(language));
    PreferencesDialog dialog;
    auto *buttons = dialog.findChild<QDialogButtonBox *>();
    QVERIFY(buttons);
    QPushButton *button = buttons->button(QDialogButtonBox::Cancel);
    QVERIFY(button);
    QCOMPARE(button->text().remove(u'&'), cancel);
}

void TestMainWindow::replayChartOnlySeeksAndSteps()
{
    auto window = makeWindow(1);
    QVERIFY(window);
    ManualClock clock(0);
    ReplayPanel *replay = window->replayPanel();
    replay->setClock(&clock);
    QVERIFY(replay->setStrategy(QString()));
    const CandleBatch stored = window->chartView()->candles();
    // Stepping from idle starts a run with one candle.
    replay->step();
    QVERIFY(replay->isActive());
    QCOMPARE(window->chartView()->count(), 1);
    QCOMPARE(replay->length(), qsizetype(24 * 60));
    // Seeking shows the candles before the point at once; the engine goes on after them.
    replay->seek(1000);
    QCOMPARE(window->chartView()->count(), 1000);
    QCOMPARE(replay->position(), qsizetype(1000));
    QCOMPARE(replay->provider()->playerState(), ReplayFeed::State::Paused);
    replay->setSpeed(1000); // a minute candle every 60 ms
    replay->play();
    clock.advance(125);
    QCOMPARE(window->chartView()->count(), 1002);
    QCOMPARE(window->chartView()->candles().constLast(), stored.at(1001));
    replay->setSpeed(0);
    QTRY_VERIFY(!replay->isActive());
    QCOMPARE(window->chartView()->candles(), stored);
    QVERIFY(replay->summaryText().contains(QStringLiteral("1440")));
    // Stopping a run gives the chart its stored series back.
    replay->play();
    replay->pause();
    replay->stop();
    QCOMPARE(window->chartView()->candles(), stored);
}

void TestMainWindow::preferencesPersist()
{
    {
        PreferencesDialog dialog;
        dialog.setDatabasePath(m_dir.filePath(QStringLiteral("prefs.sqlite")));
        dialog.setRestUrl(QStringLiteral("http://127.0.0.1:8080"));
        dialog.setWsUrl(QStringLiteral("ws://127.0.0.1:8081"));
        dialog.setProxy(QStringLiteral("127.0.0.1:3128"));
        dialog.setPluginDirectories({QStringLiteral("/tmp/a"), QStringLiteral("/tmp/b")});
        dialog.setLanguage(QStringLiteral("de"));
        dialog.setTheme(QStringLiteral("dark"));
        dialog.accept();
    }
    PreferencesDialog again;
    QCOMPARE(again.databasePath(), m_dir.filePath(QStringLiteral("prefs.sqlite")));
    QCOMPARE(again.restUrl(), QStringLiteral("http://127.0.0.1:8080"));
    QCOMPARE(again.wsUrl(), QStringLiteral("ws://127.0.0.1:8081"));
    QCOMPARE(again.proxy(), QStringLiteral("127.0.0.1:3128"));
    QCOMPARE(again.pluginDirectories(),
             QStringList({QStringLiteral("/tmp/a"), QStringLiteral("/tmp/b")}));
    QCOMPARE(again.language(), QStringLiteral("de"));
    QCOMPARE(again.theme(), QStringLiteral("dark"));
    // The REST URL is the key the providers read.
    QCOMPARE(QSettings().value(QStringLiteral("binance/restUrl")).toString(),
             QStringLiteral("http://127.0.0.1:8080"));
}

void TestMainWindow::favouritesPersistAndSearchFilters()
{
    SymbolList symbols = MockMarket::demoSymbols();
    symbols.append({QStringLiteral("ETHBTC"), QStringLiteral("ETH"), QStringLiteral("BTC"),
                    QStringLiteral("TRADING"), 0.00001});
    symbols.append({QStringLiteral("BTCFDUSD"), QStringLiteral("BTC"), QStringLiteral("FDUSD"),
                    QStringLiteral("TRADING"), 0.01});
    {
        MarketsPanel panel;
        panel.setExchange(QStringLiteral("demo"));
        panel.setSymbols(symbols);
        panel.setFavourite(QStringLiteral("SOLUSDT"), true);
        QCOMPARE(panel.favourites(), QStringList{QStringLiteral("SOLUSDT")});
        // Favourites come first.
        QCOMPARE(panel.visibleSymbols().first(), QStringLiteral("SOLUSDT"));
    }
    MarketsPanel panel;
    panel.setExchange(QStringLiteral("demo"));
    panel.setSymbols(symbols);
    QCOMPARE(panel.favourites(), QStringList{QStringLiteral("SOLUSDT")});
    panel.setSearchText(QStringLiteral("btc"));
    const QStringList shown = panel.visibleSymbols();
    QVERIFY(shown.contains(QStringLiteral("BTCUSDT")));
    QVERIFY(shown.contains(QStringLiteral("BTCFDUSD")));
    QVERIFY(shown.contains(QStringLiteral("ETHBTC")));
    QVERIFY(!shown.contains(QStringLiteral("ETHUSDT")));
    // The count follows the filter.
    const int total = int(symbols.size());
    QCOMPARE(panel.statusText(), QStringLiteral("%1 of %2 symbol(s)").arg(shown.size()).arg(total));
    panel.setSearchText({});
    QCOMPARE(panel.statusText(), QStringLiteral("%1 symbol(s)").arg(total));
    panel.findChild<QCheckBox *>()->setChecked(true); // Favourites only
    QCOMPARE(panel.visibleSymbols(), QStringList{QStringLiteral("SOLUSDT")});
    QCOMPARE(panel.statusText(), QStringLiteral("1 of %1 symbol(s)").arg(total));
}

void TestMainWindow::layoutIsRestored()
{
    QByteArray state;
    {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto *dock = window.findChild<QDockWidget *>(QStringLiteral("replayDock"));
        QVERIFY(dock);
        dock->hide();
        window.saveLayout();
        state = window.saveState();
    }
    MainWindow window;
    window.restoreLayout();
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.findChild<QDockWidget *>(QStringLiteral("replayDock"))->isHidden());
    QVERIFY(!window.findChild<QDockWidget *>(QStringLiteral("marketsDock"))->isHidden());
}

void TestMainWindow::usableAt1024x700()
{
    MainWindow window;
    window.resize(1024, 700);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QCoreApplication::processEvents();
    // The chart keeps more than half of the width; the docks shrink around it.
    QVERIFY2(window.chartView()->width() > 1024 / 2,
             qPrintable(QString::number(window.chartView()->width())));
    // The record table: recordTableHeadersFit().
}

namespace {

// Every text a user reads in the window, in a fixed order: labels, buttons, check boxes, group
// and dock titles, tabs, table headers, menus and their actions, placeholders and tooltips.
QStringList widgetTexts(QWidget *root)
{
    QStringList out;
    const auto widgets = root->findChildren<QWidget *>();
    for (QWidget *w : widgets) {
        out << w->toolTip();
        if (auto *l = qobject_cast<QLabel *>(w))
            out << l->text();
        else if (auto *b = qobject_cast<QAbstractButton *>(w))
            out << b->text();
        else if (auto *d = qobject_cast<QDockWidget *>(w))
            out << d->windowTitle();
        else if (auto *e = qobject_cast<QLineEdit *>(w))
            out << e->placeholderText();
        else if (auto *t = qobject_cast<QTabWidget *>(w)) {
            for (int i = 0; i < t->count(); ++i)
                out << t->tabText(i);
        } else if (auto *tabs = qobject_cast<QTabBar *>(w)) {
            for (int i = 0; i < tabs->count(); ++i)
                out << tabs->tabText(i);
        } else if (auto *v = qobject_cast<QTableView *>(w)) {
            for (int c = 0; c < v->model()->columnCount(); ++c)
                out << v->model()->headerData(c, Qt::Horizontal).toString();
        } else if (auto *m = qobject_cast<QMenu *>(w)) {
            out << m->title();
            for (QAction *a : m->actions())
                out << a->text() << a->toolTip();
        }
    }
    return out;
}

} // namespace

void TestMainWindow::preferencesTakeADatabaseUrl()
{
    const QString url = QStringLiteral("postgresql://bob:s3cret@db.example:5432/candles");
    {
        PreferencesDialog dialog;
        dialog.setDatabasePath(url);
        // The password is in a hidden field only.
        for (QLineEdit *edit : dialog.findChildren<QLineEdit *>()) {
            if (edit->text().contains(QStringLiteral("s3cret")))
                QCOMPARE(edit->echoMode(), QLineEdit::Password);
            QVERIFY(!edit->toolTip().contains(QStringLiteral("s3cret")));
        }
        QCOMPARE(dialog.databasePath(), url);
        QCOMPARE(dialog.databaseError(), QString());
        dialog.accept();
    }
    QCOMPARE(QSettings().value(QStringLiteral("database/path")).toString(), url);
    {
        // Another scheme is refused, and nothing is saved.
        PreferencesDialog dialog;
        dialog.setDatabasePath(QStringLiteral("mysql://bob@db.example/candles"));
        QVERIFY(dialog.databaseError().contains(QStringLiteral("mysql")));
        dialog.accept();
        QCOMPARE(dialog.result(), int(QDialog::Rejected));
    }
    QCOMPARE(QSettings().value(QStringLiteral("database/path")).toString(), url);
    PreferencesDialog dialog;
    dialog.setDatabasePath(QString());
    dialog.accept();
}

void TestMainWindow::preferencesShowTheUrlsInEffect()
{
    const QByteArray variable = "CANDLEWICK_BINANCE_REST_URL";
    const QByteArray saved = qgetenv(variable.constData());
    qputenv(variable.constData(), "http://127.0.0.1:9999");
    PreferencesDialog dialog;
    if (saved.isEmpty())
        qunsetenv(variable.constData());
    else
        qputenv(variable.constData(), saved);
    QStringList placeholders;
    QLineEdit *rest = nullptr;
    for (QLineEdit *edit : dialog.findChildren<QLineEdit *>()) {
        placeholders << edit->placeholderText();
        if (edit->placeholderText() == u"http://127.0.0.1:9999")
            rest = edit;
    }
    QVERIFY2(rest, qPrintable(placeholders.join(u',')));
    QVERIFY(rest->toolTip().contains(QString::fromLatin1(variable)));
    QVERIFY(placeholders.contains(QStringLiteral("wss://stream.binance.com:9443")));
    // A long database path is whole in the tooltip.
    const QString path = QStringLiteral("/a/very/long/path/to/some/place/deep/down/candles.sqlite");
    dialog.setDatabasePath(path);
    bool found = false;
    for (QLineEdit *edit : dialog.findChildren<QLineEdit *>())
        found = found || (edit->text() == path && edit->toolTip() == path);
    QVERIFY(found);
}

void TestMainWindow::noEnglishLeftInTranslatedWindow_data()
{
    QTest::addColumn<QString>("language");
    QTest::newRow("de") << "de";
    QTest::newRow("zh_CN") << "zh_CN";
}

void TestMainWindow::noEnglishLeftInTranslatedWindow()
{
    // The same window in English and in the language, with a series open; a text with letters
    // of the translated window that the English one shows too is English left over, unless it
    // is a name, a symbol, an interval or a word the language shares.
    QFETCH(QString, language);
    const auto texts = [this](const QString &lang) {
        Languages::install(lang);
        auto window = makeWindow(1);
        return window ? widgetTexts(window.get()) : QStringList();
    };
    const QStringList english = texts(QStringLiteral("en"));
    const QStringList translated = texts(language);
    QVERIFY(!english.isEmpty());
    QVERIFY(!translated.isEmpty());
    const QRegularExpression notWords(
        QStringLiteral("^[\\d\\s.,:;%/×·()+\\-–]*$|^[A-Z0-9]{2,}(USDT|BTC)?\\b"));
    QStringList shared
        = {QStringLiteral("Candlewick"),     QStringLiteral("Live"),   QStringLiteral("Binance"),
           QStringLiteral("Demo (offline)"), QStringLiteral("Stream"), QStringLiteral("Trades"),
           QStringLiteral("Signal"),         QStringLiteral("Pause"),  QStringLiteral("Proxy:"),
           QStringLiteral("Symbol:")};
    for (Interval i : Intervals::all())
        shared << Intervals::name(i);
    QStringList left;
    for (const QString &text : translated) {
        if (text.isEmpty() || !english.contains(text) || shared.contains(text)
            || notWords.match(text).hasMatch()
            || !text.contains(QRegularExpression(QStringLiteral("[A-Za-z]{3,}"))))
            continue;
        if (language == u"de" && text.contains(QStringLiteral("BTCUSDT")))
            continue; // the symbol list's example is the same in German
        left << text;
    }
    left.removeDuplicates();
    QVERIFY2(left.isEmpty(), qPrintable(left.join(QStringLiteral(" | "))));
}

QTEST_MAIN(TestMainWindow)
// The markets dock, the download dialog and the record panel offer every registered exchange,
// Binance USD-M included, by its name.
void TestMainWindow::everyExchangeIsListed()
{
    ExchangeSessions sessions;
    MarketsPanel markets;
    DownloadDialog download(&sessions);
    RecordPanel record(&sessions);
    for (QWidget *w : {static_cast<QWidget *>(&markets), static_cast<QWidget *>(&download),
                       static_cast<QWidget *>(&record)}) {
        // The exchange combo box is the one offering the offline exchange.
        QComboBox *combo = nullptr;
        for (QComboBox *c : w->findChildren<QComboBox *>()) {
            if (c->findData(QStringLiteral("demo")) >= 0)
                combo = c;
        }
        QVERIFY2(combo, w->metaObject()->className());
        QStringList ids;
        for (int i = 0; i < combo->count(); ++i)
            ids.append(combo->itemData(i).toString());
        QCOMPARE(ids, ExchangeSessions::ids());
        const int usdm = combo->findData(QStringLiteral("binance-usdm"));
        QVERIFY2(usdm >= 0, w->metaObject()->className());
        QCOMPARE(combo->itemText(usdm), QStringLiteral("Binance USD-M"));
    }
}

#include "tst_mainwindow.moc"
