#pragma once

#include "chartline.h"
#include "chartmarker.h"

#include <candle.h>
#include <replay/replayfeed.h>
#include <serieskey.h>
#include <timerange.h>

#include <QHash>
#include <QPointer>
#include <QWidget>

class QComboBox;
class QFormLayout;
class QLabel;
class QPushButton;
class QSlider;
class QTableWidget;

namespace Candlewick {

class Clock;
class StrategyHost;
class StrategyRun;
class UtcDateTimeEdit;
struct StrategySignal;

// The replay panel: plays the open series (or a range of it) into the chart and, optionally, a
// strategy plugin, at 1x ... 10,000x or as fast as possible; play / pause / step / seek; a
// parameter form built from the plugin's JSON metadata; the signals as a table and as chart
// markers; the lines the strategy draws (API version 2) and the run's equity and drawdown as
// chart lines; the run summary.
//
// The engine is a ReplayFeed (one per run, replaying the series from memory): it paces the
// candles on the panel's Clock, so tests drive it with a ManualClock. The panel and the
// strategy run are its direct consumers. At paced speeds every candle goes to the chart as it
// closes; at max speed they are handed over once per provider slice (one event-loop turn).
class ReplayPanel : public QWidget, private CandleConsumer
{
    Q_OBJECT
public:
    explicit ReplayPanel(QWidget *parent = nullptr);
    ~ReplayPanel() override;

    // Used from the next run on.
    void setClock(Clock *clock);
    void setStrategyHost(StrategyHost *host);
    StrategyHost *strategyHost() const { return m_host; }
    // The series to replay (normally the chart's stored series); stops a run and drops its
    // results.
    void setSeries(const SeriesKey &key, const CandleBatch &candles);
    // Open times [from, to) to replay; the whole series by default.
    void setRange(TimeRange range);
    TimeRange range() const;
    // 0 = as fast as possible, else candle-time per wall-time (1 ... 10000). Works while playing.
    void setSpeed(double speed);
    double speed() const;
    // Chooses a strategy by name ("" = none) and sets a parameter editor value.
    bool setStrategy(const QString &name);
    void setParameter(const QString &name, const QVariant &value);
    QVariantMap parameters() const;

    bool isPlaying() const;
    bool isActive() const { return m_provider != nullptr; }
    // Candles replayed so far in the current run, and how many the run has.
    qsizetype position() const { return m_replayed; }
    qsizetype length() const { return m_length; }
    // The engine of the current run (null when no run is active).
    ReplayFeed *provider() const { return m_provider; }
    bool hasMarkers() const { return !m_markers.isEmpty(); }
    const QList<ChartMarker> &markers() const { return m_markers; }
    // The strategy's lines on the replayed series, then the run's return and drawdown (each in
    // a pane of its own) as of the last update (a few times a second while playing: the points
    // that are new go out as linesExtended(), all the lines as linesChanged() when one appeared).
    const QList<ChartLine> &lines() const { return m_lines; }
    QString summaryText() const;
    int signalRowCount() const;
    // As a click on the signal row does.
    void activateSignal(int row);

public slots:
    void play();
    void pause();
    void step();
    // Restarts and replays the first `position` candles at once (the strategy sees them all).
    void seek(int position);
    void stop();

signals:
    void replayStarted(Candlewick::Interval interval);
    void candlesReplayed(const Candlewick::CandleBatch &candles);
    void markerAdded(const Candlewick::ChartMarker &marker);
    void linesChanged(const QList<Candlewick::ChartLine> &lines);
    // The lines grew by these points (one tail per line, in order; see extendLines()).
    void linesExtended(const QList<Candlewick::ChartLine> &tails);
    // A signal row was clicked: the chart goes to its time.
    void signalActivated(qint64 time);
    void replayFinished();
    void replayStopped();
    void logMessage(const QString &message);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void consumeCandle(const SeriesKey &key, const Candle &candle, bool closedSignal) override;
    bool begin();
    void flush();
    // Rebuilds lines() from the run (at most four times a second, unless `now`).
    void publishLines(bool now);
    void handleStateChanged(ReplayFeed::State state);
    void handleFinished();
    void handleError(const QString &message);
    void rebuildParameterForm();
    void handleSignal(const StrategySignal &signal);
    // Shows the whole reason of the signal in `row` under the table; with no current row, the
    // latest signal's (none: hidden).
    void showReason(int row);
    // Hides the reason column where the dock leaves it no room for its header beside time,
    // signal and price (at 1024 pixels): the table never scrolls sideways for it.
    void fitReasonColumn();
    // In the panel (under the signals) and in the log.
    void report(const QString &message);
    void updateControls();

    Clock *m_clock;
    StrategyHost *m_host = nullptr;
    SeriesKey m_key;
    // Decimals of the signals table's prices, fixed per run from the first signal (-1: none yet).
    int m_priceDecimals = -1;
    CandleBatch m_candles;
    ReplayFeed *m_provider = nullptr; // the current run's engine
    QPointer<StrategyRun> m_run;
    QList<ChartMarker> m_markers;
    QList<ChartLine> m_lines;
    qint64 m_linesPublishedAt = 0; // clock time of the last publishLines()
    CandleBatch m_pending; // replayed, not yet handed to the chart
    bool m_flushQueued = false;
    bool m_reasonFitQueued = false;
    qsizetype m_replayed = 0;
    qsizetype m_length = 0;
    qsizetype m_seekTarget = -1; // fast-forwarding until this many candles are replayed

    UtcDateTimeEdit *m_from;
    UtcDateTimeEdit *m_to;
    QComboBox *m_speed;
    QComboBox *m_strategy;
    QWidget *m_paramBox;
    QFormLayout *m_paramForm;
    QHash<QString, QWidget *> m_paramEditors;
    QPushButton *m_play;
    QPushButton *m_pause;
    QPushButton *m_step;
    QPushButton *m_stop;
    QSlider *m_seek;
    QLabel *m_position;
    QTableWidget *m_signals;
    QLabel *m_reason; // the current signal's reason, whole (the column elides it)
    QLabel *m_summary;
};

} // namespace Candlewick
