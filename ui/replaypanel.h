#pragma once

#include "chartmarker.h"

#include <candle.h>
#include <serieskey.h>

#include <QHash>
#include <QPointer>
#include <QWidget>

class QComboBox;
class QDateTimeEdit;
class QFormLayout;
class QLabel;
class QPushButton;
class QSlider;
class QTableWidget;

namespace Candlewick {

class Clock;
class StrategyHost;
class StrategyRun;
struct StrategySignal;

// The replay panel: plays the open series (or a range of it) into the chart and, optionally, a
// strategy plugin, at 1x ... 10,000x or as fast as possible; play / pause / step / seek; a
// parameter form built from the plugin's JSON metadata; the signals as a table and as chart
// markers; the run summary. Pacing uses a Clock, so tests drive it with a ManualClock.
class ReplayPanel : public QWidget
{
    Q_OBJECT
public:
    explicit ReplayPanel(QWidget *parent = nullptr);
    ~ReplayPanel() override;

    void setClock(Clock *clock);
    void setStrategyHost(StrategyHost *host);
    StrategyHost *strategyHost() const { return m_host; }
    // The series to replay (normally the chart's stored series).
    void setSeries(const SeriesKey &key, const CandleBatch &candles);
    // 0 = as fast as possible, else candle-time per wall-time (1 ... 10000).
    void setSpeed(double speed);
    double speed() const;
    // Chooses a strategy by name ("" = none) and sets a parameter editor value.
    bool setStrategy(const QString &name);
    void setParameter(const QString &name, const QVariant &value);
    QVariantMap parameters() const;

    bool isPlaying() const { return m_playing; }
    bool isActive() const { return m_active; }
    // Candles replayed so far in the current run.
    qsizetype position() const { return m_pos - m_begin; }
    qsizetype length() const { return m_end - m_begin; }
    bool hasMarkers() const { return !m_markers.isEmpty(); }
    const QList<ChartMarker> &markers() const { return m_markers; }
    QString summaryText() const;
    int signalRowCount() const;

public slots:
    void play();
    void pause();
    void step();
    // Replays from the start up to `position` candles (fast-forwarding the strategy).
    void seek(int position);
    void stop();

signals:
    void replayStarted(Candlewick::Interval interval);
    void candlesReplayed(const Candlewick::CandleBatch &candles);
    void markerAdded(const Candlewick::ChartMarker &marker);
    void replayFinished();
    void replayStopped();
    void logMessage(const QString &message);

private:
    bool begin();
    void emitCandles(qsizetype count);
    void scheduleTick();
    void tick();
    void finish();
    void rebuildParameterForm();
    void handleSignal(const StrategySignal &signal);
    void updateControls();

    Clock *m_clock;
    StrategyHost *m_host = nullptr;
    bool m_ownsHost = false;
    SeriesKey m_key;
    CandleBatch m_candles;
    QPointer<StrategyRun> m_run;
    QPointer<QObject> m_timer;
    QList<ChartMarker> m_markers;
    qsizetype m_begin = 0;
    qsizetype m_end = 0;
    qsizetype m_pos = 0;
    qint64 m_feedTime = 0;  // candle time reached by the replay
    qint64 m_lastTick = 0;  // clock time of the last tick
    bool m_playing = false;
    bool m_active = false;

    QDateTimeEdit *m_from;
    QDateTimeEdit *m_to;
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
    QLabel *m_summary;
};

} // namespace Candlewick
