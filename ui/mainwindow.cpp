#include "mainwindow.h"

#include "apptheme.h"
#include "downloaddialog.h"
#include "localdatapanel.h"
#include "marketspanel.h"
#include "preferencesdialog.h"
#include "providerregistry.h"
#include "recordpanel.h"
#include "replaypanel.h"
#include "seriesloader.h"
#include "settingskeys.h"

#include <candledatabase.h>
#include <candlestore.h>
#include <candletablemodel.h>
#include <historycache.h>
#include <marketdataprovider.h>
#include <resampler.h>
#include <strategyhost.h>
#include <symbolsjob.h>

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
#include <QToolButton>
#include <QVBoxLayout>

#include <limits>
#include <utility>

namespace Candlewick {

namespace {

constexpr qint64 DayMs = 24 * 60 * 60 * 1000;
const QList<Interval> ChartIntervals
    = {Interval::S1,  Interval::M1, Interval::M3, Interval::M5, Interval::M15,
       Interval::M30, Interval::H1, Interval::H2, Interval::H4, Interval::H6,
       Interval::H12, Interval::D1, Interval::D3, Interval::W1, Interval::Mon1};

} // namespace

MainWindow::MainWindow(ProviderRegistry *registry, QWidget *parent)
    : QMainWindow(parent)
    , m_registry(registry ? registry : new ProviderRegistry(this))
    , m_loader(new SeriesLoader(this))
    , m_chart(new ChartView(this))
    , m_model(new CandleTableModel(this))
{
    setWindowTitle(tr("Candlewick"));
    setObjectName(QStringLiteral("MainWindow"));
    setDockNestingEnabled(true);
    connect(m_registry, &ProviderRegistry::logMessage, this, &MainWindow::appendLog);
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
    auto *download = new QToolButton(this);
    download->setText(tr("Download…"));
    connect(download, &QToolButton::clicked, this, [this] { showDownloadDialog(m_baseKey); });

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
    resizeDocks({markets, record}, {330, 370}, Qt::Horizontal);

    connect(m_markets, &MarketsPanel::exchangeChanged, this,
            [this](const QString &exchange) { loadSymbols(exchange, true); });
    connect(m_markets, &MarketsPanel::refreshRequested, this, [this](const QString &exchange) {
        if (!m_database || m_database->reader()->symbolsFetchedAt(exchange) == 0)
            return loadSymbols(exchange, true);
        m_database->saveSymbols(
            exchange, {}, 0, this,
            [this, exchange](const CandleDatabase::WriteResult &) { loadSymbols(exchange, true); });
    });
    connect(m_markets, &MarketsPanel::symbolActivated, this, &MainWindow::handleSymbolActivated);
    connect(m_localData, &LocalDataPanel::seriesActivated, this,
            [this](const SeriesKey &key) { openSeries(key); });
    connect(m_localData, &LocalDataPanel::refreshRequested, this, &MainWindow::refreshLocalData);
    connect(m_record, &RecordPanel::logMessage, this, &MainWindow::appendLog);
    connect(m_record, &RecordPanel::candleRecorded, this, &MainWindow::handleLiveCandle);
    connect(m_replay, &ReplayPanel::logMessage, this, &MainWindow::appendLog);
    connect(m_replay, &ReplayPanel::replayStarted, this, [this](Interval interval) {
        setLive(false);
        // The strategy sees the stored candles, and so does the chart.
        m_display = interval;
        updateIntervalChoices();
        m_chart->setTitle(tr("%1 · %2 · %3")
                              .arg(m_baseKey.symbol, Intervals::name(m_display),
                                   ProviderRegistry::displayName(m_baseKey.exchange)));
        m_chart->setMarkers({});
        m_chart->setCandles({}, interval);
        m_model->setCandles({}, interval);
        m_chart->reserve(m_replay->length());
        m_model->reserve(m_replay->length());
        updateStatus();
    });
    connect(m_replay, &ReplayPanel::replayFinished, this, &MainWindow::updateStatus);
    connect(m_replay, &ReplayPanel::candlesReplayed, this, [this](const CandleBatch &candles) {
        m_chart->appendCandles(candles);
        m_model->appendCandles(candles);
    });
    connect(m_replay, &ReplayPanel::markerAdded, m_chart, &ChartView::addMarker);
    connect(m_replay, &ReplayPanel::replayStopped, this, [this] { applyDisplay(); });
}

void MainWindow::createActions()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *download = file->addAction(tr("&Download history…"));
    download->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_D));
    connect(download, &QAction::triggered, this, [this] { showDownloadDialog(m_baseKey); });
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
        m_error = tr("Cannot open the database %1: %2").arg(file, error);
        appendLog(m_error);
        statusBar()->showMessage(m_error);
        return false;
    }
    setDatabase(std::move(database));
    appendLog(tr("Opened database %1").arg(file));
    return true;
}

void MainWindow::setDatabase(std::shared_ptr<CandleDatabase> database)
{
    m_record->setDatabase(nullptr);
    m_loader->cancel();
    m_chart->setBusyText({});
    m_database = std::move(database);
    m_registry->setDatabase(m_database);
    m_loader->setDatabase(m_database);
    m_record->setDatabase(m_database);
    if (!m_database)
        return;
    refreshLocalData();
    // Start on the exchange that has symbols cached (the demo one works offline).
    const CandleStore *store = m_database->reader();
    QString exchange = m_markets->exchange();
    if (store->symbols(exchange).isEmpty() && store->symbols(QStringLiteral("binance")).isEmpty())
        exchange = QStringLiteral("demo");
    if (exchange != m_markets->exchange())
        m_markets->setExchange(exchange); // emits exchangeChanged -> loadSymbols
    else
        loadSymbols(exchange, exchange == u"demo");
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

void MainWindow::showDownloadDialog(const SeriesKey &key)
{
    DownloadDialog *dialog = downloadDialog();
    if (!key.symbol.isEmpty() && !dialog->isRunning())
        dialog->setSeries(key);
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

void MainWindow::loadSymbols(const QString &exchange, bool fetchIfEmpty)
{
    const SymbolList cached = m_database ? m_database->reader()->symbols(exchange) : SymbolList{};
    m_markets->setSymbols(cached);
    if (!cached.isEmpty() || !fetchIfEmpty)
        return;
    MarketDataProvider *provider = m_registry->provider(exchange);
    if (!provider)
        return;
    SymbolsJob *job = provider->fetchSymbols();
    connect(job, &SymbolsJob::finished, this, [this, exchange](const SymbolList &symbols) {
        if (m_database)
            m_database->saveSymbols(exchange, symbols, QDateTime::currentMSecsSinceEpoch(), nullptr,
                                    {});
        if (m_markets->exchange() == exchange)
            m_markets->setSymbols(symbols);
        appendLog(tr("%n symbol(s) loaded from %1.", nullptr, int(symbols.size()))
                      .arg(ProviderRegistry::displayName(exchange)));
    });
    connect(job, &SymbolsJob::failed, this, [this, exchange](const ProviderError &error) {
        appendLog(tr("Could not load the symbols of %1: %2")
                      .arg(ProviderRegistry::displayName(exchange), error.message));
    });
    job->start();
}

void MainWindow::handleSymbolActivated(const QString &exchange, const QString &symbol)
{
    const SeriesKey key{exchange, symbol, Interval::M1};
    if (m_database && m_database->reader()->lastOpenTime(key)) {
        openSeries(key);
        return;
    }
    if (exchange == u"demo") {
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
        range = {std::numeric_limits<qint64>::min() / 2, std::numeric_limits<qint64>::max() / 2};
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
                                    const CandleBatch &candles)
{
    Q_UNUSED(range);
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
    m_baseKey = key;
    m_base = candles;
    if (!Resampler::canResample(key.interval, m_display)
        || Intervals::nominalMs(m_display) < Intervals::nominalMs(key.interval))
        m_display = key.interval;
    m_chart->setMarkers({});
    updateIntervalChoices();
    applyDisplay();
    m_replay->setSeries(key, m_base);
    appendLog(tr("Opened %1: %n candle(s).", nullptr, int(m_base.size())).arg(key.toString()));
    emit seriesOpened(key);
    if (goLive)
        setLive(true);
    if (std::exchange(m_demoLoading, false))
        emit demoReady();
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
    if (!m_base.isEmpty() && !Resampler::canResample(m_baseKey.interval, interval)) {
        appendLog(tr("%1 candles cannot be made from %2 candles.")
                      .arg(Intervals::name(interval), Intervals::name(m_baseKey.interval)));
        updateIntervalChoices();
        return;
    }
    m_display = interval;
    updateIntervalChoices();
    applyDisplay();
}

void MainWindow::applyDisplay()
{
    const CandleBatch shown = Resampler::resample(m_base, m_baseKey.interval, m_display);
    m_chart->setCandles(shown, m_display);
    m_model->setCandles(shown, m_display);
    if (!m_baseKey.symbol.isEmpty())
        m_chart->setTitle(tr("%1 · %2 · %3")
                              .arg(m_baseKey.symbol, Intervals::name(m_display),
                                   ProviderRegistry::displayName(m_baseKey.exchange)));
    if (shown.size() > 500)
        m_chart->setVisibleRange(shown.size() - 400, shown.size() + 8);
    m_table->scrollToBottom();
    if (m_replay->hasMarkers())
        m_chart->setMarkers(m_replay->markers());
    updateStatus();
}

void MainWindow::updateIntervalChoices()
{
    auto *model = qobject_cast<QStandardItemModel *>(m_intervalBox->model());
    for (int row = 0; row < m_intervalBox->count(); ++row) {
        const Interval i = Interval(m_intervalBox->itemData(row).toInt());
        const bool ok = m_base.isEmpty() || Resampler::canResample(m_baseKey.interval, i);
        if (model)
            model->item(row)->setEnabled(ok);
        if (i == m_display)
            m_intervalBox->setCurrentIndex(row);
    }
}

void MainWindow::updateStatus()
{
    if (m_baseKey.symbol.isEmpty()) {
        m_statusLabel->setText(tr("No series open"));
        return;
    }
    const QLocale locale;
    QString text = tr("%1 · %2 stored candles · showing %3 × %4")
                       .arg(m_baseKey.toString(), locale.toString(m_base.size()),
                            locale.toString(m_chart->count()), Intervals::name(m_display));
    if (m_live)
        text += QStringLiteral(" · ") + tr("live");
    m_statusLabel->setText(text);
}

void MainWindow::setLive(bool live)
{
    if (live == m_live) {
        m_liveButton->setChecked(live);
        return;
    }
    MarketDataProvider *provider
        = m_baseKey.symbol.isEmpty() ? nullptr : m_registry->liveProvider(m_baseKey.exchange);
    if (live && !provider) {
        m_liveButton->setChecked(false);
        return;
    }
    m_live = live;
    m_liveButton->setChecked(live);
    if (provider) {
        if (live) {
            connect(provider, &MarketDataProvider::candleUpdated, this,
                    &MainWindow::handleLiveCandle, Qt::UniqueConnection);
            connect(provider, &MarketDataProvider::candleClosed, this,
                    &MainWindow::handleLiveCandle, Qt::UniqueConnection);
            connect(provider, &MarketDataProvider::connectionStateChanged, this,
                    &MainWindow::handleConnectionState, Qt::UniqueConnection);
            provider->subscribe(m_baseKey);
            appendLog(tr("Following %1 live.").arg(m_baseKey.toString()));
        } else {
            disconnect(provider, &MarketDataProvider::candleUpdated, this,
                       &MainWindow::handleLiveCandle);
            disconnect(provider, &MarketDataProvider::candleClosed, this,
                       &MainWindow::handleLiveCandle);
            disconnect(provider, &MarketDataProvider::connectionStateChanged, this,
                       &MainWindow::handleConnectionState);
            if (!m_record->isRecording(m_baseKey))
                provider->unsubscribe(m_baseKey);
        }
    }
    updateStatus();
}

void MainWindow::handleLiveCandle(const SeriesKey &key, const Candle &candle)
{
    if (key != m_baseKey || m_replay->isPlaying())
        return;
    if (!m_base.isEmpty() && candle.openTime < m_base.constLast().openTime)
        return;
    if (!m_base.isEmpty() && m_base.constLast().openTime == candle.openTime)
        m_base.last() = candle;
    else
        m_base.append(candle);
    const Candle shown = m_display == m_baseKey.interval
        ? candle
        : Resampler::lastBucket(m_base, m_baseKey.interval, m_display);
    m_chart->updateCandle(shown);
    m_model->updateCandle(shown);
}

void MainWindow::handleConnectionState(ConnectionState state)
{
    appendLog(tr("Live feed: %1").arg(connectionStateName(state)));
}

void MainWindow::startDemo(const QString &symbol)
{
    const SeriesKey key{QStringLiteral("demo"), symbol, Interval::M1};
    HistoryCache *cache = m_registry->cache(key.exchange);
    if (!cache) {
        appendLog(tr("No database is open."));
        return;
    }
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const TimeRange range{Intervals::alignDown(Interval::D1, now) - 3 * DayMs,
                          Intervals::alignDown(Interval::M1, now)};
    HistoryCacheJob *job = cache->ensure(key, range);
    connect(job, &HistoryCacheJob::finished, this, [this, key] {
        refreshLocalData();
        if (!openSeries(key)) {
            emit demoReady();
            return;
        }
        m_liveAfterLoad = key;
        m_demoLoading = true; // demoReady() once it is shown
    });
    connect(job, &HistoryCacheJob::failed, this, [this, key](const ProviderError &error) {
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

void MainWindow::restoreLayout()
{
    const QSettings s;
    restoreGeometry(s.value(SettingsKeys::geometry()).toByteArray());
    restoreState(s.value(SettingsKeys::windowState()).toByteArray());
    m_splitter->restoreState(s.value(QStringLiteral("ui/splitter")).toByteArray());
}

void MainWindow::saveLayout() const
{
    QSettings s;
    s.setValue(SettingsKeys::geometry(), saveGeometry());
    s.setValue(SettingsKeys::windowState(), saveState());
    s.setValue(QStringLiteral("ui/splitter"), m_splitter->saveState());
    // Kept here, not on every open: writing the settings file takes a frame or two.
    if (!m_baseKey.symbol.isEmpty())
        s.setValue(SettingsKeys::lastSeries(), m_baseKey.toString());
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveLayout();
    m_record->stopAll();
    QMainWindow::closeEvent(event);
}

} // namespace Candlewick
