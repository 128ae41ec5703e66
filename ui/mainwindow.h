#pragma once

#include "chartview.h"

#include <candle.h>
#include <connectionstate.h>
#include <serieskey.h>
#include <timerange.h>

#include <QMainWindow>
#include <QPointer>

#include <limits>
#include <memory>

class QComboBox;
class QLabel;
class QPlainTextEdit;
class QSplitter;
class QTabWidget;
class QTableView;
class QTimer;
class QToolButton;

namespace Candlewick {

class CandleDatabase;
class CandleTableModel;
class CandleWatcher;
class DownloadDialog;
class LocalDataPanel;
class MarketsPanel;
class PostgresListener;
class ExchangeSessions;
class GapFreeFeed;
class LiveFeed;
class HistoryCacheJob;
class RecordPanel;
class ReplayPanel;
class SeriesDocument;
class SeriesLoader;
struct ProviderError;

// The desktop main window: markets and local data docks, the chart with its interval switch,
// the candles table and log tabs, record and replay panels, download and preferences dialogs.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    // `registry` may be given by tests (fake providers); otherwise the window makes its own.
    explicit MainWindow(ExchangeSessions *registry = nullptr, QWidget *parent = nullptr);
    ~MainWindow() override;

    // Opens (creating if needed) the candle database at `path` (empty: the default file) and
    // uses it (setDatabase()). On failure logs the reason, returns false.
    bool openDatabase(const QString &path);
    // Everything in the window reads and writes through this database.
    void setDatabase(std::shared_ptr<CandleDatabase> database);
    const std::shared_ptr<CandleDatabase> &database() const { return m_database; }
    QString errorString() const { return m_error; }

    // Starts showing the stored candles of `key` (an empty range means all of them). The store
    // is read on a worker thread while the chart says "Loading…"; seriesOpened() or
    // seriesOpenFailed() follows, unless another series is opened first (the earlier one is
    // then dropped). Returns false when no database is open.
    bool openSeries(const SeriesKey &key, TimeRange range = {});
    bool isLoading() const;
    SeriesKey currentSeries() const;
    // Chart interval, resampled from the stored (base) interval.
    void setDisplayInterval(Interval interval);
    Interval displayInterval() const;
    // Follows the live feed of the open series (and its forming candle). For an exchange on the
    // network, what is missing between the newest stored candle and now is fetched through the
    // history cache and the series opened again first; the feed then joins after its last candle
    // (and backfills whatever closed meanwhile).
    void setLive(bool live);
    bool isLive() const { return m_live; }
    // The open series' live feed while Live is on, else nullptr.
    const LiveFeed *liveFeed() const;
    // True while the open series is brought up to now before it goes live.
    bool isCatchingUp() const { return !m_catchUp.isNull(); }
    // Loads the last days of the demo exchange into the store, opens them and goes live.
    void startDemo(const QString &symbol = QStringLiteral("BTCUSDT"));

    void setTheme(ChartView::Theme theme);
    ChartView::Theme theme() const { return m_chart->theme(); }

    void refreshLocalData();
    // Opens the download dialog afresh (unless a download runs), for `key` and `range` if given.
    void showDownloadDialog(const SeriesKey &key = {}, TimeRange range = {});
    void showPreferences();
    void appendLog(const QString &message);

    void restoreLayout();
    void saveLayout() const;

    // The open series: every candle the window shows goes through it.
    SeriesDocument *document() const { return m_document; }
    ChartView *chartView() const { return m_chart; }
    CandleTableModel *candleModel() const { return m_model; }
    MarketsPanel *marketsPanel() const { return m_markets; }
    LocalDataPanel *localDataPanel() const { return m_localData; }
    RecordPanel *recordPanel() const { return m_record; }
    ReplayPanel *replayPanel() const { return m_replay; }
    DownloadDialog *downloadDialog();
    ExchangeSessions *sessions() const { return m_registry; }
    QString logText() const;

signals:
    void seriesOpened(const Candlewick::SeriesKey &key);
    void seriesOpenFailed(const Candlewick::SeriesKey &key, const QString &message);
    void demoReady();

protected:
    void closeEvent(QCloseEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    void createActions();
    void createDocks();
    QWidget *createChartArea();
    // After the document was reset: title, visible range, markers, status.
    void applyDisplay();
    void updateTitle();
    void updateIntervalChoices();
    void updateStatus();
    void loadSymbols(const QString &exchange, bool fetchIfEmpty, bool refresh = false);
    void handleSymbolActivated(const QString &exchange, const QString &symbol);
    void handleSeriesLoaded(const SeriesKey &key, TimeRange range, const CandleBatch &candles,
                            const TimeRanges &coverage, double tickSize);
    // Fetches what lies between the open series' newest candle and now through the exchange's
    // history cache, then opens the series again (or goes live if it was asked to). False when
    // nothing is fetched: an exchange that works offline, nothing missing, or more than
    // `maxCandles` missing (then the log says so).
    // The open time of the forming candle of a network exchange's series: what can be fetched
    // of it ends there. 0 for an exchange that works offline (or has no session).
    qint64 fetchableUntil(const SeriesKey &key) const;
    bool catchUp(const SeriesKey &key, qint64 maxCandles = std::numeric_limits<qint64>::max());
    void handleSeriesLoadFailed(const SeriesKey &key, const QString &message);
    void handleLiveCandle(const SeriesKey &key, const Candle &candle);
    void handleDownloaded(const SeriesKey &key, TimeRange range);
    void handleConnectionState(ConnectionState state);

    ExchangeSessions *m_registry;
    std::shared_ptr<CandleDatabase> m_database;
    SeriesLoader *m_loader;
    QString m_error;

    SeriesDocument *m_document;
    ChartView *m_chart;
    CandleTableModel *m_model;
    QTableView *m_table;
    QPlainTextEdit *m_log;
    QTabWidget *m_bottomTabs;
    QSplitter *m_splitter;
    QComboBox *m_intervalBox;
    QToolButton *m_liveButton;
    QLabel *m_demoHint;
    QLabel *m_statusLabel;
    MarketsPanel *m_markets;
    LocalDataPanel *m_localData;
    RecordPanel *m_record;
    ReplayPanel *m_replay;
    DownloadDialog *m_download = nullptr;
    QAction *m_lightAction;
    QAction *m_darkAction;
    QMenu *m_viewMenu;

    bool m_live = false;
    GapFreeFeed *m_liveFeed = nullptr; // the open series' live candles while Live is on
    // Follow this series live once its load completes (the demo market, or it was live).
    SeriesKey m_liveAfterLoad;
    QPointer<HistoryCacheJob> m_catchUp;
    SeriesKey m_caughtUp; // brought up to now just before: no second catch-up
    // On PostgreSQL the window follows the commits of other processes: the open series (when
    // opened up to now) takes their new candles, and the local data list is refreshed.
    void followStore(const SeriesKey &key);
    CandleWatcher *m_storeWatcher = nullptr;
    PostgresListener *m_commits = nullptr;
    QTimer *m_localDataRefresh;
    bool m_demoLoading = false;
    bool m_docksSized = false; // by a restored layout or on the first show
};

} // namespace Candlewick
