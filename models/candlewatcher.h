#pragma once

#include "candle.h"
#include "serieskey.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>

#include <limits>
#include <memory>
#include <optional>

struct sqlite3;

namespace Candlewick {

class CandleDatabase;
class CandleStore;
class Clock;
class PostgresListener;

// Follows stored series while other connections (another process, a CandleDatabase's writer)
// commit to the database, and after each commit does a keyed read per series of the candles
// after the last one it read. On SQLite a short Clock-driven timer asks `PRAGMA data_version`
// (which changes when any other connection commits); on PostgreSQL it LISTENs for the
// notification each commit sends with its series (PostgresListener) and reads that series the
// moment it arrives, without polling the server. Candles come out once each, in close-time order
// across the series (ties in the order the series were added), through candleReady(): a candle
// is held back while a series that is written live (its last candle closed within twice its
// interval plus QuietMs of the clock's now) or that has more stored than read has not reached
// its close time yet; a series that has gone quiet holds nothing back.
//
// Only candles newer than the last one read for a series are reported: a writer filling an
// older gap later is not replayed.
class CandleWatcher : public QObject
{
    Q_OBJECT
public:
    explicit CandleWatcher(Clock *clock = nullptr, QObject *parent = nullptr);
    ~CandleWatcher() override;

    // Reads through the database's read connection of this thread, and asks data_version on a
    // read-only connection of its own (SQLite) or LISTENs on a connection of its own
    // (PostgreSQL).
    bool open(std::shared_ptr<CandleDatabase> database);
    QString errorString() const { return m_error; }

    // Follows `key` from the candles opening at or after `fromMs`; without it, from after the
    // newest candle stored now.
    void addSeries(const SeriesKey &key, std::optional<qint64> fromMs = std::nullopt);
    // SQLite: how often data_version is asked. Both: how often candles held back are looked at.
    void setPollInterval(qint64 ms) { m_pollMs = qMax<qint64>(1, ms); }
    // The most candles read per series in one go (a long history comes in slices).
    void setChunkSize(int candles) { m_chunkSize = qMax(1, candles); }

    // Reports what is stored already, then follows the commits until stop().
    void start();
    void stop();
    // One check now. Returns false (and emits failed()) on a read error.
    bool poll();

signals:
    void candleReady(const Candlewick::SeriesKey &key, const Candlewick::Candle &candle);
    void failed(const QString &message);

private:
    // A series whose last candle closed within twice its interval plus this is written live: its
    // next candle holds back later candles of other series. Long enough for a writer that
    // resumes (a `record` restarting and backfilling what it missed) to keep the order.
    static constexpr qint64 QuietMs = 30000;

    struct Series
    {
        SeriesKey key;
        qint64 nextOpen = 0; // the first open time not read yet
        qint64 lastClose = std::numeric_limits<qint64>::min(); // of the last candle read
        qsizetype pending = 0; // read, not reported yet
        bool moreStored = false; // the last slice was full
        bool committed = false; // a commit was notified since the last read (PostgreSQL)
    };
    struct Pending
    {
        qint64 close;
        int series;
        Candle candle;
    };

    std::optional<qint64> dataVersion();
    void schedule(qint64 delayMs);
    // poll(), then the next check: on SQLite after the poll interval, on PostgreSQL only while
    // more is stored or candles are held back (the next commit is notified).
    void pollAndSchedule();
    void notified(const QString &series);
    void listenerLost(const QString &message);

    Clock *m_clock;
    std::shared_ptr<CandleDatabase> m_database;
    const CandleStore *m_store = nullptr;
    sqlite3 *m_versionDb = nullptr;
    PostgresListener *m_listener = nullptr;
    qint64 m_notifications = 0; // PostgreSQL's data_version: commits notified so far
    QList<Series> m_series;
    QString m_error;
    qint64 m_pollMs = 20;
    int m_chunkSize = 10000;
    qint64 m_lastVersion = -1;
    QList<Pending> m_pending; // in close-time order
    bool m_readOn = false; // more is stored and the last round got somewhere: poll again now
    bool m_running = false;
    QPointer<QObject> m_timer;
};

} // namespace Candlewick
