#include <apptheme.h>
#include <binance/binanceexchange.h>
#include <candledatabase.h>
#include <candlestore.h>
#include <candletablemodel.h>
#include <chartview.h>
#include <downloaddialog.h>
#include <fakebinancerest.h>
#include <fakebinancews.h>
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

#include <QComboBox>
#include <QDockWidget>
#include <QLabel>
#include <QMenuBar>
#include <QStatusBar>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <map>

using namespace Candlewick;
using Candlewick::Testing::FakeBinanceRest;
using Candlewick::Testing::FakeBinanceWs;

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
    void recordedLiveCandleReachesTheWindowOnce();
    void recordPanelFollowsConnection();
    void replayPlaysPausesStepsAndDrawsMarkers();
    void replayChartOnlySeeksAndSteps();
    void preferencesPersist();
    void favouritesPersistAndSearchFilters();
    void layoutIsRestored();
    void everyExchangeIsListed();

private:
    // A window on a fresh database with a demo provider; `days` of demo:ETHUSDT:1m downloaded
    // through the dialog when > 0.
    std::unique_ptr<MainWindow> makeWindow(int days = 0);
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

std::unique_ptr<MainWindow> TestMainWindow::makeWindow(int days)
{
    auto *sessions = new ExchangeSessions;
    // The demo market's "now" is just after the days downloaded.
    sessions->setSession(QStringLiteral("demo"), new TestDemoSession(3, Start + days * Day + 30'000));
    auto window = std::make_unique<MainWindow>(sessions);
    sessions->setParent(window.get());
    const QString db = m_dir.filePath(QStringLiteral("db%1.sqlite").arg(++m_dbCount));
    if (!window->openDatabase(db))
        return nullptr;
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
    int disconnects = 0;
    FakeBinanceRest rest(&clock);
    FakeBinanceWs ws(&clock);
    rest.addSymbol(QStringLiteral("BTCUSDT"), QStringLiteral("BTC"), QStringLiteral("USDT"),
                   Start - 30 * Day);
    QVERIFY(rest.listen());
    ws.setCandleSource([&rest](const QString &symbol, Interval interval, qint64 openTime,
                               qint64 nowMs) -> std::optional<Candle> {
        return rest.candleAsOf(symbol, interval, openTime, nowMs);
    });
    QVERIFY(ws.listen());
    connect(&ws, &FakeBinanceWs::clientDisconnected, &ws, [&disconnects] { ++disconnects; });

    auto window = makeWindow();
    QVERIFY(window);
    window->sessions()->setSession(QStringLiteral("binance"),
                                   Binance::spot().createSession(
                                       Binance::spot(), {rest.baseUrl(), ws.url()}, &clock, nullptr));
    const LiveFeed *live = nullptr; // the recording's feed, once it starts

    // Lets the frames the fake has sent arrive (the loopback I/O needs the event loop); frames
    // sent to a connection that has gone since are written off.
    qint64 wsBase = 0;
    qint64 liveBase = 0;
    const auto rebase = [&] {
        QCoreApplication::processEvents();
        wsBase = ws.framesSent();
        liveBase = live->stats().frames;
    };
    const auto arrived
        = [&] { return live->stats().frames - liveBase >= ws.framesSent() - wsBase; };
    const auto settle = [&] {
        const int gone = disconnects;
        (void)QTest::qWaitFor([&] { return arrived() || disconnects != gone; }, 3000);
        if (!arrived())
            rebase();
        QCoreApplication::processEvents();
    };
    const auto step = [&](qint64 ms) {
        for (qint64 done = 0; done < ms; done += 1000) {
            clock.advance(std::min<qint64>(1000, ms - done));
            settle();
        }
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

    // The store holds the exchange's candles without a hole, each once.
    const CandleBatch stored = window->database()->reader()->read(key, {Start, Start + Hour});
    QVERIFY(stored.size() >= 8);
    QCOMPARE(stored,
             rest.groundTruth(key.symbol, key.interval,
                              {stored.first().openTime, stored.constLast().openTime + 1}));
    record->stopAll();
    QVERIFY(!record->isRecording());
}

void TestMainWindow::replayPlaysPausesStepsAndDrawsMarkers()
{
    auto window = makeWindow(1);
    QVERIFY(window);
    ManualClock clock(0);
    ReplayPanel *replay = window->replayPanel();
    replay->setClock(&clock);
    StrategyHost host;
    host.scan();
    replay->setStrategyHost(&host);
    // The example plugin is built before this suite (a CMake dependency).
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
