#pragma once

#include <candleconsumer.h>
#include <livefeed.h>

#include <candle.h>
#include <clock.h>
#include <serieskey.h>

#include <QList>
#include <QPointer>
#include <QThread>

#include <atomic>
#include <memory>
#include <optional>
#include <vector>

namespace Candlewick {

class CandleDatabase;
class ReplayReader;

// Replays stored candles "as if live" through the LiveFeed signals: candleClosed()
// for each candle at the moment it would have closed, merged in time order across series.
// A series may also be built from a finer stored interval (1h from 1m): then every finer
// candle gives a candleUpdated() step of the forming coarse candle, and candleClosed() when
// it completes.
//
// Pacing is by absolute target time on a Clock: the candle closing at replay time E is due at
// wall time anchorWall + (E - anchorReplay) / speed, so nothing drifts; speed changes, pause,
// resume and seek re-anchor. At max speed candles go out as fast as the consumers take them,
// in slices that return to the event loop so the thread is never blocked for long.
//
// Sources: setDatabase() reads every series from the candle database on a reader thread, chunk
// by chunk through a CandleCursor (on that thread's read connection); setCandles() replays a
// series from memory. Ties between series closing at the same time go in the order the series
// were added.
class ReplayFeed : public LiveFeed
{
    Q_OBJECT
public:
    enum class State { Idle, Playing, Paused, Finished, Error };
    Q_ENUM(State)

    // Pass to setSpeed() for "as fast as possible".
    static constexpr double MaxSpeed = 0.0;
    // The paced range: a factor below or above is clamped to it (a tiny factor stays slow).
    static constexpr double SlowestSpeed = 0.01;
    static constexpr double FastestPacedSpeed = 1e6;

    explicit ReplayFeed(Clock *clock = nullptr, QObject *parent = nullptr);
    ~ReplayFeed() override;

    // The LiveFeed face: subscribe() adds a series (while Idle); the feed is Live while playing
    // or paused; consumers in the feed's thread may take the direct path at max speed.
    void subscribe(const SeriesKey &key) override;
    void unsubscribe(const SeriesKey &key) override;
    QList<SeriesKey> subscriptions() const override { return series(); }
    LiveFeedStats stats() const override;
    bool addDirectConsumer(CandleConsumer *consumer) override;
    void removeDirectConsumer(CandleConsumer *consumer) override;

    // --- configuration (while Idle) ---
    void setDatabase(std::shared_ptr<CandleDatabase> database) { m_database = std::move(database); }
    // Replays `key` from the store. With `buildFrom` set (finer than key.interval), reads that
    // interval instead and forms key's candles from it with candleUpdated() steps.
    void addSeries(const SeriesKey &key, std::optional<Interval> buildFrom = std::nullopt);
    // Replays `key` from memory (candles in ascending open time). Also adds the series.
    void setCandles(const SeriesKey &key, const CandleBatch &candles,
                    std::optional<Interval> buildFrom = std::nullopt);
    // Candles with open time in [fromMs, toMs).
    void setRange(qint64 fromMs, qint64 toMs);
    void setChunkSize(int candles) { m_chunkSize = qMax(1, candles); }
    QList<SeriesKey> series() const;
    qint64 from() const { return m_from; }
    qint64 to() const { return m_to; }

    // --- control ---
    // Replay time per clock time (1 = real time), a factor > 0 clamped to [SlowestSpeed,
    // FastestPacedSpeed]; MaxSpeed (or <= 0) for max. Works while playing.
    void setSpeed(double speed);
    double speed() const { return m_speed; }
    bool isMaxSpeed() const { return m_speed <= 0; }

    void play();
    void pause();
    // Delivers the next candle (from Idle or Paused; stays paused).
    void step();
    // Continues from candles opening at or after t (clamped to the range).
    void seek(qint64 t);
    // Back to Idle; the next play() starts over.
    void stop();

    State playerState() const { return m_state; }
    QString errorString() const { return m_error; }
    // Replay time now (ms UTC) and how far through the range it is (0..100).
    qint64 replayTime() const;
    double progressPercent() const;
    // Stored candles delivered since the start (stats().frames).
    qint64 deliveredCount() const { return m_delivered; }


signals:
    void stateChanged(Candlewick::ReplayFeed::State state);
    void progressChanged(qint64 replayTimeMs, double percent);
    // Everything in the range has been delivered.
    void finished();
    void errorOccurred(const QString &message);

protected:
    void connectNotify(const QMetaMethod &signal) override;

private:
    struct Series;
    struct Event
    {
        int series = -1;
        qint64 time = 0;
    };

    void setPlayerState(State state);
    bool ensureLoaded();
    void restartSources(qint64 fromMs);
    void requestMore(int index);
    void handleChunk(int generation, int index, const Candlewick::CandleBatch &candles, bool atEnd);
    void handleReaderFailure(const QString &message);
    // The next event, or series == -1 with `waiting` set when a series needs data first.
    // With `runnerUp`, also the event that would follow it from another series (series == -1
    // if none), i.e. how far the chosen series may run on alone.
    Event nextEvent(bool *waiting, Event *runnerUp = nullptr) const;
    void deliver(const Event &event);
    // Max speed: delivers consecutive plain (not aggregated) candles of event.series that come
    // before `limit`, at most `budget`, without re-scanning the series in between. Returns the
    // number delivered, or -1 when a consumer paused, seeked, stopped or changed the speed.
    int deliverRun(const Event &event, const Event &limit, int budget);
    void emitCandle(const SeriesKey &key, const Candle &candle, bool closedSignal);
    void callConsumers(const SeriesKey &key, const Candle &candle, bool closedSignal);
    void pump();
    void schedule(qint64 wallMs);
    void cancelTimer();
    void finish();
    void reanchor(qint64 replayMs);
    qint64 pacedReplayTime() const;
    qint64 targetWall(qint64 replayMs) const;
    void reportProgress(bool force);
    void shutdownReader();

    Clock *m_clock;
    std::shared_ptr<CandleDatabase> m_database;
    QList<Series *> m_series;
    qint64 m_from = 0;
    qint64 m_to = 0;
    int m_chunkSize = 50000;
    double m_speed = 1.0;
    State m_state = State::Idle;
    QString m_error;
    bool m_loaded = false;
    int m_generation = 0;
    qint64 m_position = 0; // replay time of the last delivery / seek / pause
    qint64 m_anchorWall = 0;
    qint64 m_anchorReplay = 0;
    qint64 m_delivered = 0;
    int m_pendingSteps = 0;
    int m_lastPermille = -1;
    qint64 m_progressDue = 0; // max speed: replay time at which the permille next changes
    std::vector<CandleConsumer *> m_consumers;
    int m_dispatchDepth = 0;
    bool m_consumersRemoved = false; // removed while dispatching: null entries to compact
    // Set by a max-speed slice that found nothing connected to candleClosed/candleUpdated (so
    // emitting is skipped); any new connection clears it at once.
    std::atomic<bool> m_noCandleReceivers{false};
    bool m_pumpQueued = false;
    QPointer<QObject> m_timer;
    QThread *m_thread = nullptr;
    ReplayReader *m_reader = nullptr;
};

} // namespace Candlewick
