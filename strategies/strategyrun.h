#pragma once

#include "runsummary.h"
#include "strategyinfo.h"
#include "strategyplotline.h"
#include "strategysignal.h"

#include <candle.h>
#include <serieskey.h>
#include <strategy.h>
#include <strategycontext.h>

#include <QHash>
#include <QList>
#include <QMetaObject>
#include <QObject>

#include <memory>

namespace Candlewick {

class LiveFeed;

// One running strategy instance: feeds it candles from any provider (live, replay, mock),
// collects its signals and the lines it draws (API version 2) and keeps a summary per series.
// Exceptions from the plugin are caught: the run stops, failed() reports it, and nothing else is
// affected.
class StrategyRun : public QObject, private StrategyApi::StrategyContext
{
    Q_OBJECT
public:
    enum class State { Created, Running, Stopped, Failed };
    Q_ENUM(State)

    StrategyRun(const StrategyInfo &info, std::unique_ptr<StrategyApi::Strategy> strategy,
                QObject *parent = nullptr);
    ~StrategyRun() override;

    const StrategyInfo &info() const { return m_info; }
    QString name() const { return m_info.name; }
    State state() const { return m_state; }
    QString errorString() const { return m_error; }
    const StrategyApi::Parameters &parameters() const { return m_params; }

    // Calls onStart() with resolved parameters. False (and failed()) if the plugin throws.
    bool start(const StrategyApi::Parameters &params);
    // Calls onStop() once and detaches from every provider.
    void stop();

    // Feeds candleClosed (and candleUpdated when forwardUpdates) of `provider`, optionally
    // only for the given series (empty: all). A feed in this run's thread that offers direct
    // delivery (a replay) calls it as a CandleConsumer (no signal dispatch per candle); any other
    // through its signals.
    void attach(LiveFeed *provider, const QList<SeriesKey> &series = {});
    void detach(LiveFeed *provider);
    void setForwardUpdates(bool forward) { m_forwardUpdates = forward; }
    // Whether signals are also kept in collectedSignals(), plotted values in plotLines() and
    // the summaries' equity curves (default true). Call before the first candle.
    void setCollectSignals(bool collect) { m_collect = collect; }

    // Hands one candle to the strategy (what attach() connects to).
    void feed(const SeriesKey &key, const Candle &candle);

    const QList<StrategySignal> &collectedSignals() const { return m_signals; }
    qint64 candleCount() const { return m_candles; }
    // Summary for one series (all buy/sell on it, marked at every closed candle).
    RunSummary summary(const SeriesKey &key) const { return m_summaries.value(key); }
    // Summary of the only (or first signalled) series; empty summary when none.
    RunSummary summary() const;
    QList<SeriesKey> summarisedSeries() const { return m_summaryOrder; }

    // The plots the strategy declared (addPlot(); the id is the index).
    const QList<StrategyApi::Plot> &plots() const { return m_plots; }
    // What it drew on `key`, one line per plot that has values, in the order of the plots.
    QList<StrategyPlotLine> plotLines(const SeriesKey &key) const;

signals:
    void signalEmitted(const Candlewick::StrategySignal &signal);
    void failed(const QString &message);
    void stopped();
    void logMessage(const QString &message);

private:
    void emitSignal(const StrategyApi::Signal &signal) override;
    void log(const QString &message) override;
    int addPlot(const StrategyApi::Plot &plot) override;
    void plot(int id, const StrategyApi::SeriesKey &series, qint64 time, double value) override;
    void fail(const QString &where, const QString &what);
    const StrategyApi::SeriesKey &apiKey(const SeriesKey &key);
    void setLastKey(const SeriesKey &key);
    SeriesKey hostKey(const StrategyApi::SeriesKey &key) const;
    // Marks the open position of key's summary at the close `price` of the candle at `time`;
    // isLastKey when key is m_lastKey.
    void markSummary(const SeriesKey &key, qint64 time, double price, bool isLastKey);
    void detachAll();

    class DirectConsumer;
    struct Attachment
    {
        LiveFeed *provider;
        QList<QMetaObject::Connection> connections;
        std::shared_ptr<DirectConsumer> feed; // set when the feed delivers directly
    };
    void removeAttachment(qsizetype index, bool providerAlive);

    StrategyInfo m_info;
    std::unique_ptr<StrategyApi::Strategy> m_strategy;
    StrategyApi::Parameters m_params;
    State m_state = State::Created;
    QString m_error;
    bool m_forwardUpdates = false;
    bool m_collect = true;
    qint64 m_candles = 0;
    QList<Attachment> m_attachments;
    QList<StrategySignal> m_signals;
    QHash<SeriesKey, RunSummary> m_summaries;
    QList<SeriesKey> m_summaryOrder;
    QList<StrategyApi::Plot> m_plots;
    QList<StrategyPlotLine> m_lines;
    qsizetype m_lastLine = -1; // the line plot() wrote last
    // Fast path: the last series seen, already converted, with its candle length (0 for
    // calendar months) and its summary (looked up once; null when it has none yet).
    SeriesKey m_lastKey;
    StrategyApi::SeriesKey m_lastApiKey;
    qint64 m_lastLength = 0;
    RunSummary *m_lastSummary = nullptr;
    bool m_lastSummaryKnown = false;
    bool m_haveLastKey = false;
    quint64 m_keyEpoch = 0; // counts changes of m_lastKey
};

} // namespace Candlewick
