#include "mainwindow.h"
#include <durations.h>

#include "apptheme.h"
#include "candletablemodel.h"
#include "downloaddialog.h"
#include "localdatapanel.h"
#include "marketspanel.h"
#include "preferencesdialog.h"
#include "exchangesessions.h"
#include "recordpanel.h"
#include "replaypanel.h"
#include "seriesdocument.h"
#include "seriesloader.h"
#include "settingskeys.h"

#include <candledatabase.h>
#include <candlestore.h>
#include <candlewatcher.h>
#include <historycache.h>
#include <exchange.h>
#include <exchangeregistry.h>
#include <exchangesession.h>
#include <gapfreefeed.h>
#include <postgrescandlestore.h>
#include <postgreslistener.h>
#include <resampler.h>
#include <strategyhost.h>
#include <symbolcatalog.h>
#include <utctime.h>

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QDateTime>
#include <QDockWidget>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QSettings>
#include <QSplitter>
#include <QStandardItemModel>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>
#include <limits>
#include <utility>

namespace Candlewick {

namespace {

using Durations::DayMs;
// Opening a series fetches what is missing up to now by itself up to this many candles (a week
// of 1m); more is left to the download dialog or to Live.
constexpr qint64 OpenCatchUpCandles = 7 * 24 * 60;
// The end of a series opened without one.
constexpr qint64 OpenEnd = std::numeric_limits<qint64>::max() / 2;
const QList<Interval> ChartIntervals
    = {Interval::S1,  Interval::M1, Interval::M3, Interval::M5, Interval::M15,
       Interval::M30, Interval::H1, Interval::H2, Interval::H4, Interval::H6,
       Interval::H12, Interval::D1, Interval::D3, Interval::W1, Interval::Mon1};

} // namespace

MainWindow::MainWindow(ExchangeSessions *registry, QWidget *parent)
    : QMainWindow(parent)
    , m_registry(registry ? registry : new ExchangeSessions(this))
    , m_loader(new SeriesLoader(this))
    , m_document(new SeriesDocument(this))
    , m_chart(new ChartView(m_document, this))
    , m_model(new CandleTableModel(m_document, this))
    , m_localDataRefresh(new QTimer(this))
{
    setWindowTitle(tr("Candlewick"));
    setObjectName(QStringLiteral("MainWindow"));
    setDockNestingEnabled(true);
    connect(m_registry, &ExchangeSessions::logMessage, this, &MainWindow::appendLog);
    // Commits of other processes come in bursts: the list is read once after them.
    m_localDataRefresh->setSingleShot(true);
    m_localDataRefresh->setInterval(500);
    connect(m_localDataRefresh, &QTimer::timeout, this, &MainWindow::refreshLocalData);
    connect(m_loader, &SeriesLoader::loaded, this, &MainWindow::handleSeriesLoaded);
    connect(m_loader, &SeriesLoader::failed, this,
            [this](const SeriesKey &key, const QString &error) {
                handleSeriesLoadFailed(key, tr("Cannot read %1: %2").arg(key.toString(), error));
            });

    setCentralWidget(createChartArea());
    createDocks();
    createActions();

    // Strategy plugins for the replay panel (tests may put in a host of their own).
    auto *strategies = new StrategyHost(this);
    connect(strategies, &StrategyHost::problemFound, this,
            [this](const QString &file, const QString &message) {
                appendLog(tr("Strategy plugin %1 skipped: %2").arg(file, message));
            });
    strategies->scan();
    m_replay->setStrategyHost(strategies);

    m_statusLabel = new QLabel(this);
    statusBar()->addPermanentWidget(m_statusLabel);
    setTheme(AppTheme::fromName(QSettings().value(SettingsKeys::theme()).toString()));
    updateIntervalChoices();
    updateStatus();
    resize(1600, 1000);
}

MainWindow::~MainWindow()
{
    // Recording stops before the child widgets go.
    m_record->setDatabase(nullptr);
    m_replay->stop();
}

QWidget *MainWindow::createChartArea()
{
    m_intervalBox = new QComboBox(this);
    m_intervalBox->setToolTip(tr("Chart interval (resampled from the stored interval)"));
    for (Interval i : ChartIntervals)
        m_intervalBox->addItem(Intervals::name(i), int(i));
    connect(m_intervalBox, &QComboBox::activated, this, [this](int index) {
        setDisplayInterval(Interval(m_intervalBox->itemData(index).toInt()));
    });

    m_liveButton = new QToolButton(this);
    m_liveButton->setText(tr("Live"));
    m_liveButton->setCheckable(true);
    // Its state shows in either theme: highlighted while live.
    m_liveButton->setStyleSheet(QStringLiteral(
        "QToolButton:checked { background: palette(highlight); color: palette(highlighted-text); "
        "border-radius: 3px; padding: 2px 6px; }"));
    m_liveButton->setToolTip(tr("Follow the live feed of this series"));
    connect(m_liveButton, &QToolButton::toggled, this, &MainWindow::setLive);

    auto *fit = new QToolButton(this);
    fit->setText(tr("Show all"));
    fit->setToolTip(tr("Zoom out to the whole series (double-click the chart)"));
    connect(fit, &QToolButton::clicked, m_chart, &ChartView::showAll);
    auto *latest = new QToolButton(this);
    latest->setText(tr("Latest"));
    latest->setToolTip(tr("Scroll to the newest candle (End)"));
    connect(latest, &QToolButton::clicked, m_chart, &ChartView::scrollToEnd);
    // The first thing a new user sees is the demo market: how to get real data.
    m_demoHint = new QLabel(
        tr("Demo data, made up offline. Real history: Download…; live data: Live on a real "
           "exchange's series."),
        this);
    m_demoHint->setObjectName(QStringLiteral("demoHint"));
    m_demoHint->setWordWrap(true);
    m_demoHint->setContentsMargins(8, 0, 8, 2);
    m_demoHint->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_demoHint->setToolTip(m_demoHint->text());
    m_demoHint->hide();
    auto *download = new QToolButton(this);
    download->setText(tr("Download…"));
    connect(download, &QToolButton::clicked, this, [this] { showDownloadDialog(currentSeries()); });

    auto *bar = new QHBoxLayout;
    bar->setContentsMargins(6, 4, 6, 2);
    bar->addWidget(new QLabel(tr("Interval:"), this));
    bar->addWidget(m_intervalBox);
    bar->addWidget(m_liveButton);
    bar->addSpacing(12);
    bar->addWidget(fit);
    bar->addWidget(latest);
    bar->addStretch(1);
    bar->addWidget(download);

    auto *chartArea = new QWidget(this);
    auto *chartLayout = new QVBoxLayout(chartArea);
    chartLayout->setContentsMargins(0, 0, 0, 0);
    chartLayout->setSpacing(0);
    chartLayout->addLayout(bar);
    chartLayout->addWidget(m_demoHint);
    chartLayout->addWidget(m_chart, 1);

    m_table = new QTableView(this);
    m_table->setModel(m_model);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_table->horizontalHeader()->setDefaultSectionSize(120);
    m_table->horizontalHeader()->resizeSection(CandleTableModel::OpenTimeColumn, 160);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_log = new QPlainTextEdit(this);
    m_log->setReadOnly(true);
    m_log->setMaximumBlockCount(5000);
    m_bottomTabs = new QTabWidget(this);
    m_bottomTabs->addTab(m_table, tr("Candles"));
    m_bottomTabs->addTab(m_log, tr("Log"));

    m_splitter = new QSplitter(Qt::Vertical, this);
    m_splitter->setObjectName(QStringLiteral("chartSplitter"));
    m_splitter->addWidget(chartArea);
    m_splitter->addWidget(m_bottomTabs);
    m_splitter->setStretchFactor(0, 4);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setSizes({760, 180});
    m_splitter->setChildrenCollapsible(false);

    // A click on a gap that was never fetched offers to download it.
    connect(m_chart, &ChartView::gapClicked, this, [this](const SeriesDocument::Gap &gap) {
        showDownloadDialog(currentSeries(), {gap.from, gap.to});
    });
    // Clicking a candle in the chart selects it in the table.
    connect(m_chart, &ChartView::crosshairMoved, this, [this](int index) {
        if (index >= 0 && m_bottomTabs->currentWidget() == m_table && !m_chart->underMouse())
            m_table->scrollTo(m_model->index(index, 0));
    });
    return m_splitter;
}

void MainWindow::createDocks()
{
    m_markets = new MarketsPanel(this);
    m_localData = new LocalDataPanel(this);
    m_record = new RecordPanel(m_registry, this);
    m_replay = new ReplayPanel(this);

    auto addDock = [this](QWidget *widget, const QString &title, const QString &name,
                          Qt::DockWidgetArea area) {
        auto *dock = new QDockWidget(title, this);
        dock->setObjectName(name);
        dock->setWidget(widget);
        addDockWidget(area, dock);
        return dock;
    };
    QDockWidget *markets
        = addDock(m_markets, tr("Markets"), QStringLiteral("marketsDock"), Qt::LeftDockWidgetArea);
    QDockWidget *local = addDock(m_localData, tr("Local data"), QStringLiteral("localDataDock"),
                                 Qt::LeftDockWidgetArea);
    QDockWidget *record
        = addDock(m_record, tr("Record"), QStringLiteral("recordDock"), Qt::RightDockWidgetArea);
    QDockWidget *replay
        = addDock(m_replay, tr("Replay"), QStringLiteral("replayDock"), Qt::RightDockWidgetArea);
    splitDockWidget(markets, local, Qt::Vertical);
    tabifyDockWidget(record, replay);
    record->raise();

    connect(m_markets, &MarketsPanel::exchangeChanged, this,
            [this](const QString &exchange) { loadSymbols(exchange, true, false); });
    connect(m_markets, &MarketsPanel::refreshRequested, this,
            [this](const QString &exchange) { loadSymbols(exchange, true, true); });
    connect(m_markets, &MarketsPanel::symbolActivated, this, &MainWindow::handleSymbolActivated);
    connect(m_localData, &LocalDataPanel::seriesActivated, this,
            [this](const SeriesKey &key) { openSeries(key); });
    connect(m_localData, &LocalDataPanel::refreshRequested, this, &MainWindow::refreshLocalData);
    connect(m_record, &RecordPanel::logMessage, this, &MainWindow::appendLog);
    // What a recording stored shows in the local data once it stops.
    connect(m_record, &RecordPanel::recordingChanged, this, [this](bool recording) {
        if (!recording)
            refreshLocalData();
    });
    connect(m_replay, &ReplayPanel::logMessage, this, &MainWindow::appendLog);
    connect(m_replay, &ReplayPanel::replayStarted, this, [this] {
        setLive(false);
        // The strategy sees the stored candles, and so does the chart.
        m_chart->setMarkers({});
        m_chart->setLines({});
        m_document->beginReplay(m_replay->length());
        updateIntervalChoices();
        updateTitle();
        updateStatus();
    });
    connect(m_replay, &ReplayPanel::replayFinished, this, &MainWindow::updateStatus);
    connect(m_replay, &ReplayPanel::candlesReplayed, m_document, &SeriesDocument::mergeReplayed);
    connect(m_replay, &ReplayPanel::markerAdded, m_chart, &ChartView::addMarker);
    connect(m_replay, &ReplayPanel::linesChanged, m_chart, &ChartView::setLines);
    connect(m_replay, &ReplayPanel::linesExtended, m_chart, &ChartView::extendLines);
    connect(m_replay, &ReplayPanel::signalActivated, m_chart, &ChartView::centerOn);
    connect(m_replay, &ReplayPanel::replayStopped, this, [this] {
        if (!m_document->isShowingReplay())
            return;
        m_document->endReplay();
        applyDisplay();
    });
}

void MainWindow::createActions()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *download = file->addAction(tr("&Download history…"));
    download->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_D));
    connect(download, &QAction::triggered, this, [this] { showDownloadDialog(currentSeries()); });
    QAction *demo = file->addAction(tr("Open the &demo market"));
    connect(demo, &QAction::triggered, this, [this] { startDemo(); });
    file->addSeparator();
    QAction *prefs = file->addAction(tr("&Preferences…"));
    prefs->setShortcut(QKeySequence::Preferences);
    connect(prefs, &QAction::triggered, this, &MainWindow::showPreferences);
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"));
    quit->setShortcut(QKeySequence::Quit);
    connect(quit, &QAction::triggered, this, &QWidget::close);

    m_viewMenu = menuBar()->addMenu(tr("&View"));
    auto *themes = new QActionGroup(this);
    m_lightAction = m_viewMenu->addAction(tr("&Light theme"));
    m_darkAction = m_viewMenu->addAction(tr("D&ark theme"));
    for (QAction *a : {m_lightAction, m_darkAction}) {
        a->setCheckable(true);
        themes->addAction(a);
    }
    // Chosen in the menu: applied and kept for the next start.
    auto choose = [this](ChartView::Theme theme) {
        setTheme(theme);
        QSettings().setValue(SettingsKeys::theme(), AppTheme::name(theme));
    };
    connect(m_lightAction, &QAction::triggered, this,
            [choose] { choose(ChartView::Theme::Light); });
    connect(m_darkAction, &QAction::triggered, this, [choose] { choose(ChartView::Theme::Dark); });
    m_viewMenu->addSeparator();
    const auto docks = findChildren<QDockWidget *>();
    for (QDockWidget *dock : docks)
        m_viewMenu->addAction(dock->toggleViewAction());

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    QAction *about = help->addAction(tr("&About Candlewick"));
    connect(about, &QAction::triggered, this, [this] {
        QMessageBox::about(this, tr("About Candlewick"),
                           tr("<b>Candlewick %1</b><p>Crypto market data: download, record and "
                              "replay candles on fluid charts.</p><p>Keys on the chart: arrows pan "
                              "and zoom, +/- zoom, Home/End jump to the start/end, double-click "
                              "shows everything.</p>")
                               .arg(QCoreApplication::applicationVersion()));
    });
}

bool MainWindow::openDatabase(const QString &path)
{
    const QString file = path.isEmpty() ? CandleStore::defaultPath() : path;
    setDatabase(nullptr);
    QString error;
    std::shared_ptr<CandleDatabase> database
        = CandleDatabase::open(file, CandleDatabase::Access::ReadWrite, &error);
    if (!database) {
        m_error = tr("Cannot open the database %1: %2")
                      .arg(CandleDatabase::displayLocation(file), error);
        appendLog(m_error);
        statusBar()->showMessage(m_error);
        return false;
    }
    setDatabase(std::move(database));
    appendLog(tr("Opened database %1").arg(CandleDatabase::displayLocation(file)));
    return true;
}

void MainWindow::setDatabase(std::shared_ptr<CandleDatabase> database)
{
    m_record->setDatabase(nullptr);
    m_loader->cancel();
    m_chart->setBusyText({});
    delete std::exchange(m_storeWatcher, nullptr);
    delete std::exchange(m_commits, nullptr);
    m_database = std::move(database);
    m_registry->setDatabase(m_database);
    m_loader->setDatabase(m_database);
    m_record->setDatabase(m_database);
    if (!m_database)
        return;
    if (PostgresCandleStore::isUrl(m_database->path())) {
        m_commits = new PostgresListener(this);
        connect(m_commits, &PostgresListener::notified, m_localDataRefresh,
                qOverload<>(&QTimer::start));
        connect(m_commits, &PostgresListener::lost, this, &MainWindow::appendLog);
        if (!m_commits->open(m_database->path(),
                             QString::fromLatin1(PostgresCandleStore::NotifyChannel)))
            appendLog(m_commits->errorString());
    }
    refreshLocalData();
    // Start on an exchange that has symbols cached, else on the one that works offline.
    const CandleStore *store = m_database->reader();
    QString exchange = m_markets->exchange();
    if (store->symbols(exchange).isEmpty()) {
        exchange = ExchangeRegistry::offline().id;
        for (const Exchange *e : ExchangeRegistry::all()) {
            if (!store->symbols(e->id).isEmpty()) {
                exchange = e->id;
                break;
            }
        }
    }
    if (exchange != m_markets->exchange())
        m_markets->setExchange(exchange); // emits exchangeChanged -> loadSymbols
    else
        loadSymbols(exchange, exchange == ExchangeRegistry::offline().id);
}

DownloadDialog *MainWindow::downloadDialog()
{
    if (!m_download) {
        m_download = new DownloadDialog(m_registry, this);
        connect(m_download, &DownloadDialog::downloaded, this, &MainWindow::handleDownloaded);
        connect(m_download, &DownloadDialog::downloadFailed, this,
                [this](const SeriesKey &key, const QString &message) {
                    appendLog(tr("Download of %1 failed: %2").arg(key.toString(), message));
                });
    }
    return m_download;
}

void MainWindow::showDownloadDialog(const SeriesKey &key, TimeRange range)
{
    DownloadDialog *dialog = downloadDialog();
    if (!dialog->isRunning()) {
        dialog->clearStatus();
        if (!key.symbol.isEmpty())
            dialog->setSeries(key);
        if (!range.isEmpty())
            dialog->setRange(range);
    }
    dialog->show();
    dialog->raise();
    dialog->activateWindow();
}

void MainWindow::showPreferences()
{
    PreferencesDialog dialog(this);
    if (dialog.exec() == QDialog::Accepted) {
        setTheme(AppTheme::fromName(dialog.theme()));
        appendLog(tr("Preferences saved."));
    }
}

void MainWindow::appendLog(const QString &message)
{
    const QString time = QDateTime::currentDateTimeUtc().toString(QStringLiteral("HH:mm:ss'Z'"));
    m_log->appendPlainText(time + QStringLiteral("  ") + message);
}

QString MainWindow::logText() const
{
    return m_log->toPlainText();
}

void MainWindow::refreshLocalData()
{
    if (!m_database)
        return m_localData->setSeries({});
    // Listed by the database's writer, never on this thread.
    m_database->listSeries(this, [this](const QList<SeriesInfo> &series, const QString &error) {
        m_localData->setSeries(series);
        if (!error.isEmpty())
            appendLog(error);
    });
}

void MainWindow::loadSymbols(const QString &exchange, bool fetchIfEmpty, bool refresh)
{
    const SymbolList cached = m_database ? m_database->reader()->symbols(exchange) : SymbolList{};
    m_markets->setSymbols(cached);
    if ((!cached.isEmpty() || !fetchIfEmpty) && !refresh)
        return;
    ExchangeSession *session = m_registry->session(exchange);
    if (!session || !m_database)
        return;
    // The same cache rule as the CLI: the stored list while it is fresh, else a download.
    auto *catalog = new SymbolCatalog(session->symbols(), exchange, m_database, {}, refresh,
                                      session->clock(), this);
    connect(catalog, &Job::result, this, [this, exchange, catalog] {
        if (catalog->error().isError()) {
            appendLog(tr("Could not load the symbols of %1: %2")
                          .arg(ExchangeSessions::displayName(exchange), catalog->errorString()));
            return;
        }
        if (m_markets->exchange() == exchange)
            m_markets->setSymbols(catalog->symbols());
        appendLog(tr("%n symbol(s) loaded from %1.", nullptr, int(catalog->symbols().size()))
                      .arg(ExchangeSessions::displayName(exchange)));
    });
    catalog->start();
}

void MainWindow::handleSymbolActivated(const QString &exchange, const QString &symbol)
{
    const SeriesKey key{exchange, symbol, Interval::M1};
    if (m_database && m_database->reader()->lastOpenTime(key)) {
        openSeries(key);
        return;
    }
    if (exchange == ExchangeRegistry::offline().id) {
        startDemo(symbol);
        return;
    }
    showDownloadDialog(key);
}

bool MainWindow::openSeries(const SeriesKey &key, TimeRange range)
{
    if (!m_database) {
        m_error = tr("No database is open.");
        appendLog(m_error);
        return false;
    }
    if (range.isEmpty())
        range = {std::numeric_limits<qint64>::min() / 2, OpenEnd};
    // A series being followed live (or the demo) goes on live once the new one is shown.
    m_liveAfterLoad = m_live || !m_liveAfterLoad.symbol.isEmpty() ? key : SeriesKey{};
    m_loader->load(key, range);
    const QString loading = tr("Loading %1…").arg(key.toString());
    m_chart->setBusyText(loading);
    statusBar()->showMessage(loading);
    return true;
}

bool MainWindow::isLoading() const
{
    return m_loader->isLoading();
}

void MainWindow::handleSeriesLoaded(const SeriesKey &key, TimeRange range,
                                    const CandleBatch &candles, const TimeRanges &coverage,
                                    double tickSize)
{
    m_chart->setBusyText({});
    statusBar()->clearMessage();
    if (candles.isEmpty()) {
        handleSeriesLoadFailed(key,
                               tr("No stored candles for %1 in that range.").arg(key.toString()));
        return;
    }
    const bool goLive = m_liveAfterLoad == key;
    m_liveAfterLoad = {};
    setLive(false);
    m_replay->stop();
    m_chart->setMarkers({});
    m_chart->setLines({});
    m_document->setTickSize(tickSize);
    // Opened up to now from a network exchange: what is not stored after the last candle is
    // drawn as not fetched until the catch-up (or Live) brings it.
    const qint64 missingUntil = range.to == OpenEnd ? fetchableUntil(key) : 0;
    m_document->setSeries(key, candles, m_document->displayInterval(), coverage, missingUntil);
    delete std::exchange(m_storeWatcher, nullptr);
    if (range.to == OpenEnd)
        followStore(key);
    updateIntervalChoices();
    m_replay->setSeries(key, m_document->series()); // drops the last run's markers and lines
    applyDisplay();
    appendLog(tr("Opened %1: %n candle(s).", nullptr, int(candles.size())).arg(key.toString()));
    if (m_markets->exchange() != key.exchange)
        m_markets->setExchange(key.exchange); // the markets dock follows the chart
    m_demoHint->setVisible(key.exchange == ExchangeRegistry::offline().id);
    emit seriesOpened(key);
    if (goLive)
        setLive(true);
    else if (m_caughtUp != key && range.to == OpenEnd)
        catchUp(key, OpenCatchUpCandles); // opened up to now, not a range of the past
    m_caughtUp = {};
    if (std::exchange(m_demoLoading, false))
        emit demoReady();
}

qint64 MainWindow::fetchableUntil(const SeriesKey &key) const
{
    const Exchange *exchange = ExchangeRegistry::find(key.exchange);
    ExchangeSession *session = m_registry->session(key.exchange);
    return exchange && exchange->needsNetwork && session
        ? Intervals::alignDown(key.interval, session->clock()->nowMs())
        : 0;
}

bool MainWindow::catchUp(const SeriesKey &key, qint64 maxCandles)
{
    HistoryCache *cache = m_registry->cache(key.exchange);
    const qint64 to = fetchableUntil(key);
    if (to <= 0 || !cache || m_catchUp || m_document->series().isEmpty())
        return false;
    const qint64 from = Intervals::next(key.interval, m_document->series().constLast().openTime);
    if (from >= to)
        return false;
    if (Intervals::countBetween(key.interval, from, to) > maxCandles) {
        appendLog(tr("%1 is stored up to %2. Download… fetches the rest, Live fetches it too.")
                      .arg(key.toString(), UtcTime::format(from)));
        return false;
    }
    m_catchUp = cache->ensure(key, {from, to});
    connect(m_catchUp, &Job::result, this, [this, key](Job *job) {
        m_catchUp = nullptr; // ended; deleted later
        const auto *fill = static_cast<HistoryCacheJob *>(job);
        statusBar()->clearMessage();
        if (job->error().isError())
            appendLog(
                tr("Could not fetch %1 up to now: %2").arg(key.toString(), job->errorString()));
        if (currentSeries() != key)
            return;
        m_caughtUp = key;
        if (fill->candlesStored() > 0) {
            refreshLocalData();
            openSeries(key); // goes live after it if that was asked for
            return;
        }
        if (std::exchange(m_liveAfterLoad, {}) == key)
            setLive(true);
        m_caughtUp = {};
    });
    const QString text
        = tr("Fetching %1 from %2 up to now…").arg(key.toString(), UtcTime::format(from));
    statusBar()->showMessage(text);
    appendLog(text);
    m_catchUp->start();
    return true;
}

void MainWindow::handleSeriesLoadFailed(const SeriesKey &key, const QString &message)
{
    m_chart->setBusyText({});
    m_liveAfterLoad = {};
    m_error = message;
    appendLog(m_error);
    statusBar()->showMessage(m_error, 8000);
    emit seriesOpenFailed(key, message);
    if (std::exchange(m_demoLoading, false))
        emit demoReady();
}

void MainWindow::setDisplayInterval(Interval interval)
{
    if (!m_document->setDisplayInterval(interval)) {
        appendLog(tr("%1 candles cannot be made from %2 candles.")
                      .arg(Intervals::name(interval), Intervals::name(currentSeries().interval)));
        updateIntervalChoices();
        return;
    }
    updateIntervalChoices();
    applyDisplay();
}

SeriesKey MainWindow::currentSeries() const
{
    return m_document->key();
}

Interval MainWindow::displayInterval() const
{
    return m_document->displayInterval();
}

void MainWindow::applyDisplay()
{
    const qsizetype shown = m_document->count();
    updateTitle();
    if (shown > 500)
        m_chart->setVisibleRange(shown - 400, shown + 8);
    m_table->scrollToBottom();
    if (m_replay->hasMarkers())
        m_chart->setMarkers(m_replay->markers());
    m_chart->setLines(m_replay->lines());
    updateStatus();
}

void MainWindow::updateTitle()
{
    const SeriesKey key = currentSeries();
    if (!key.symbol.isEmpty())
        m_chart->setTitle(tr("%1 · %2 · %3")
                              .arg(key.symbol, Intervals::name(m_document->interval()),
                                   ExchangeSessions::displayName(key.exchange)));
}

void MainWindow::updateIntervalChoices()
{
    auto *model = qobject_cast<QStandardItemModel *>(m_intervalBox->model());
    for (int row = 0; row < m_intervalBox->count(); ++row) {
        const Interval i = Interval(m_intervalBox->itemData(row).toInt());
        const bool ok
            = m_document->series().isEmpty() || Resampler::canResample(currentSeries().interval, i);
        if (model)
            model->item(row)->setEnabled(ok);
        if (i == m_document->displayInterval())
            m_intervalBox->setCurrentIndex(row);
    }
}

void MainWindow::updateStatus()
{
    const SeriesKey key = currentSeries();
    if (key.symbol.isEmpty()) {
        m_statusLabel->setText(tr("No series open"));
        return;
    }
    const QLocale locale;
    QString text
        = tr("%1 · %2 stored candles · showing %3 × %4")
              .arg(key.toString(), locale.toString(m_document->series().size()),
                   locale.toString(m_document->count()), Intervals::name(m_document->interval()));
    if (m_live)
        text += QStringLiteral(" · ") + tr("live");
    m_statusLabel->setText(text);
}

void MainWindow::followStore(const SeriesKey &key)
{
    if (!m_commits)
        return;
    m_storeWatcher = new CandleWatcher(nullptr, this);
    if (!m_storeWatcher->open(m_database)) {
        appendLog(m_storeWatcher->errorString());
        delete std::exchange(m_storeWatcher, nullptr);
        return;
    }
    m_storeWatcher->addSeries(
        key, Intervals::next(key.interval, m_document->series().constLast().openTime));
    connect(m_storeWatcher, &CandleWatcher::candleReady, this, &MainWindow::handleLiveCandle);
    connect(m_storeWatcher, &CandleWatcher::failed, this, &MainWindow::appendLog);
    m_storeWatcher->start();
}

const LiveFeed *MainWindow::liveFeed() const
{
    return m_liveFeed;
}

void MainWindow::setLive(bool live)
{
    if (!live)
        m_liveAfterLoad = {}; // not even once the series is up to now
    if (live == m_live) {
        m_liveButton->setChecked(live);
        return;
    }
    if (!live) {
        m_live = false;
        m_liveButton->setChecked(false);
        delete std::exchange(m_liveFeed, nullptr);
        updateStatus();
        return;
    }
    ExchangeSession *session = currentSeries().symbol.isEmpty()
        ? nullptr
        : m_registry->session(currentSeries().exchange);
    if (m_catchUp || (session && m_caughtUp != currentSeries() && catchUp(currentSeries()))) {
        m_liveAfterLoad = currentSeries();
        m_liveButton->setChecked(true);
        return; // live once the series is up to now
    }
    GapFreeFeed *feed = session ? session->createGapFreeFeed(this) : nullptr;
    if (!feed) {
        m_liveButton->setChecked(false);
        return;
    }
    m_live = true;
    m_liveButton->setChecked(true);
    m_liveFeed = feed;
    connect(feed, &LiveFeed::candleUpdated, this, &MainWindow::handleLiveCandle);
    connect(feed, &LiveFeed::candleClosed, this, &MainWindow::handleLiveCandle);
    connect(feed, &LiveFeed::connectionStateChanged, this, &MainWindow::handleConnectionState);
    connect(feed, &LiveFeed::logMessage, this, &MainWindow::appendLog);
    // Join after the last candle shown, so the feed backfills what lies between.
    const SeriesKey key = currentSeries();
    const CandleBatch &stored = m_document->series();
    if (!stored.isEmpty())
        feed->setResumePoint(key, Intervals::next(key.interval, stored.constLast().openTime));
    feed->subscribe(key);
    appendLog(tr("Following %1 live.").arg(key.toString()));
    updateStatus();
}

void MainWindow::handleLiveCandle(const SeriesKey &key, const Candle &candle)
{
    if (key == currentSeries())
        m_document->merge(candle);
}

void MainWindow::handleConnectionState(ConnectionState state)
{
    appendLog(tr("Live feed: %1").arg(connectionStateName(state)));
}

void MainWindow::startDemo(const QString &symbol)
{
    const SeriesKey key{ExchangeRegistry::offline().id, symbol, Interval::M1};
    HistoryCache *cache = m_registry->cache(key.exchange);
    if (!cache) {
        appendLog(tr("No database is open."));
        return;
    }
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const TimeRange range{Intervals::alignDown(Interval::D1, now) - 3 * DayMs,
                          Intervals::alignDown(Interval::M1, now)};
    HistoryCacheJob *job = cache->ensure(key, range);
    connect(job, &Job::finished, this, [this, key] {
        refreshLocalData();
        if (!openSeries(key)) {
            emit demoReady();
            return;
        }
        m_liveAfterLoad = key;
        m_demoLoading = true; // demoReady() once it is shown
    });
    connect(job, &Job::failed, this, [this, key](const ProviderError &error) {
        appendLog(tr("The demo market could not be loaded: %1").arg(error.message));
    });
    appendLog(tr("Loading the demo market %1…").arg(key.toString()));
    job->start();
}

void MainWindow::handleDownloaded(const SeriesKey &key, TimeRange range)
{
    Q_UNUSED(range);
    refreshLocalData();
    appendLog(tr("Downloaded %1.").arg(key.toString()));
    openSeries(key);
}

void MainWindow::setTheme(ChartView::Theme theme)
{
    AppTheme::apply(theme);
    m_chart->setTheme(theme);
    (theme == ChartView::Theme::Dark ? m_darkAction : m_lightAction)->setChecked(true);
}

void MainWindow::showEvent(QShowEvent *event)
{
    QMainWindow::showEvent(event);
    if (std::exchange(m_docksSized, true))
        return;
    // First show without a saved layout: the docks take a share of the width, so the chart
    // keeps most of it down to 1024 pixels (where the record table shows its streams up to the
    // last closed time, and the replay's signals their price).
    const int w = width();
    resizeDocks({findChild<QDockWidget *>(QStringLiteral("marketsDock")),
                 findChild<QDockWidget *>(QStringLiteral("recordDock"))},
                {std::clamp(w * 21 / 100, 200, 330), std::clamp(w * 23 / 100, 265, 370)},
                Qt::Horizontal);
}

void MainWindow::restoreLayout()
{
    const QSettings s;
    restoreGeometry(s.value(SettingsKeys::geometry()).toByteArray());
    m_docksSized = restoreState(s.value(SettingsKeys::windowState()).toByteArray());
    m_splitter->restoreState(s.value(QStringLiteral("ui/splitter")).toByteArray());
}

void MainWindow::saveLayout() const
{
    QSettings s;
    s.setValue(SettingsKeys::geometry(), saveGeometry());
    s.setValue(SettingsKeys::windowState(), saveState());
    s.setValue(QStringLiteral("ui/splitter"), m_splitter->saveState());
    // Kept here, not on every open: writing the settings file takes a frame or two.
    if (!currentSeries().symbol.isEmpty())
        s.setValue(SettingsKeys::lastSeries(), currentSeries().toString());
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveLayout();
    m_record->stopAll();
    QMainWindow::closeEvent(event);
}

} // namespace Candlewick
