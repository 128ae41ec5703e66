#pragma once

#include "connectionstate.h"

#include <candle.h>
#include <serieskey.h>

#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>

#include <memory>

namespace Candlewick {

class CandleDatabase;
class Clock;
class LiveFeed;

// Records a live feed into a CandleDatabase. Every closed candle is written, with its
// coverage, in the candleClosed() slot itself, in its own transaction (CandleDatabase::writeNow):
// once candleClosed() has been emitted the candle is in the database, so a crash (even kill -9)
// loses none that was announced. Partial updates are optional and kept apart from closed candles
// (CandleStore::writePartial).
// On start() each series resumes where the store's coverage ends: the feed (normally a
// GapFreeFeed, which backfills through the exchange's history) is told the resume point. The feed's
// gapAbandoned() keeps a gap it could not fill out of the coverage. Counters report what happened.
class Recorder : public QObject
{
    Q_OBJECT
public:
    struct Counters
    {
        qint64 messages = 0; // frames received by the feed
        double messagesPerSecond = 0; // over the last sampling period
        qint64 closedStored = 0;
        qint64 partialsStored = 0;
        qint64 gapsBackfilled = 0;
        qint64 candlesBackfilled = 0;
        qint64 reconnects = 0;
        qint64 rejectedFrames = 0;
        qint64 writeErrors = 0;
        qint64 lastOpenTime = -1; // open time of the newest closed candle stored
    };

    Recorder(std::shared_ptr<CandleDatabase> database, LiveFeed *live, Clock *clock = nullptr,
             QObject *parent = nullptr);
    ~Recorder() override;

    void setPartials(bool enabled) { m_partials = enabled; }
    bool partials() const { return m_partials; }
    void addSeries(const SeriesKey &key);
    QList<SeriesKey> series() const { return m_keys; }

    void start();
    // Unsubscribes; everything announced so far is already stored.
    void stop();
    bool isRecording() const { return m_running; }

    Counters counters() const;
    ConnectionState state() const { return m_state; }
    QString lastError() const { return m_lastError; }

    // Where recording of `key` resumes: the end of the store's last coverage range, or -1.
    qint64 resumePointFromStore(const SeriesKey &key) const;

signals:
    void stateChanged(Candlewick::ConnectionState state);
    void candleStored(const Candlewick::SeriesKey &key, const Candlewick::Candle &candle);
    void writeFailed(const QString &message);

private:
    void handleClosed(const SeriesKey &key, const Candle &candle);
    void handleUpdated(const SeriesKey &key, const Candle &candle);
    void handleState(ConnectionState state);
    void resume(const SeriesKey &key);
    bool store(const SeriesKey &key, const CandleBatch &candles, qint64 coverFrom, qint64 coverTo);
    void sample();

    std::shared_ptr<CandleDatabase> m_database;
    QPointer<LiveFeed> m_live;
    Clock *m_clock;
    QList<SeriesKey> m_keys;
    QHash<SeriesKey, qint64> m_nextOpen; // end of contiguous coverage per series
    bool m_partials = false;
    bool m_running = false;
    ConnectionState m_state = ConnectionState::Disconnected;
    Counters m_counters;
    qint64 m_lastSampleMessages = 0;
    qint64 m_lastSampleAt = 0;
    QString m_lastError;
    QObject *m_context = nullptr; // owns connections and clock calls while running
};

} // namespace Candlewick
