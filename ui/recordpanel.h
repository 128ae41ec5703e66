#pragma once

#include <candle.h>
#include <connectionstate.h>
#include <serieskey.h>

#include <QHash>
#include <QPointer>
#include <QWidget>

#include <memory>

class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QTableWidget;
class QTimer;

namespace Candlewick {

class CandleDatabase;
class Clock;
class GapFreeFeed;
class LiveFeed;
class ExchangeSessions;
class Recorder;
class SymbolCatalog;

// The record panel: symbols x intervals to record from a live provider, start/stop, and per
// stream its state (Live / Reconnecting / Backfilling), on PostgreSQL whether this recorder
// writes it or stands by while another one does (Recorder::roleChanged), messages per second,
// the last closed candle and the gaps filled. A Recorder writes every closed candle (and backfills
// from where the store's coverage ends); the panel shows its counters. Symbols the exchange does
// not list are refused before anything is recorded (checked through the SymbolCatalog, which
// downloads the list when the stored one lacks a symbol).
class RecordPanel : public QWidget
{
    Q_OBJECT
public:
    enum Column {
        StreamColumn,
        StateColumn,
        RoleColumn, // shown on PostgreSQL only, where several recorders share the database
        RateColumn,
        LastColumn,
        GapsColumn,
        ColumnCount
    };

    RecordPanel(ExchangeSessions *registry, QWidget *parent = nullptr);
    ~RecordPanel() override;

    // The open store the Recorder writes to (owned by the main window, same thread).
    void setDatabase(std::shared_ptr<CandleDatabase> database);
    // The clock of the Recorder started by start() (tests drive a ManualClock); nullptr: system.
    void setClock(Clock *clock);
    // The exchange to record from; the intervals offered are those it can give (its native
    // ones and those built from them), the others are hidden and unchecked.
    void setExchange(const QString &exchange);
    // Intervals shown for the current exchange.
    QList<Interval> offeredIntervals() const;
    void setSymbols(const QStringList &symbols);
    void setIntervals(const QList<Interval> &intervals);

    // Subscribes every symbol x interval of the form once the exchange's symbol list has them:
    // at once when the stored list does, else after a SymbolCatalog look-up (isChecking()).
    // False on bad input, with the reason in message().
    bool start();
    bool isChecking() const { return !m_catalog.isNull(); }
    // Why the last start() was refused, or empty.
    QString message() const;
    // The recording's totals under the table (empty when not recording).
    QString countersText() const;
    // Text of a cell of the streams table.
    QString cellText(const SeriesKey &key, Column column) const;
    void stopAll();
    // The live feed of the recording in progress, or nullptr.
    const LiveFeed *liveFeed() const;
    bool isRecording() const { return !m_streams.isEmpty(); }
    bool isRecording(const SeriesKey &key) const { return m_streams.contains(key); }
    QList<SeriesKey> streams() const { return m_order; }
    ConnectionState state(const SeriesKey &key) const;
    QString stateText(const SeriesKey &key) const;
    qint64 messages(const SeriesKey &key) const;
    qint64 gapsFilled(const SeriesKey &key) const;
    qint64 closedCandles(const SeriesKey &key) const;

signals:
    void recordingChanged(bool recording);
    void logMessage(const QString &message);

private:
    struct Stream
    {
        int row = 0;
        ConnectionState state = ConnectionState::Connecting;
        qint64 messages = 0;
        qint64 messagesAtLastTick = 0;
        qint64 closed = 0;
        qint64 gapsFilled = 0;
        qint64 lastClosed = -1;
    };

    void record(const QString &exchange, const QStringList &symbols,
                const QList<Interval> &intervals);
    void refuse(const QString &message);
    void updateIntervalChoices();
    void handleUpdated(const SeriesKey &key);
    void handleClosed(const SeriesKey &key, const Candle &candle);
    void handleState(ConnectionState state);
    void updateRow(const SeriesKey &key);
    void updateRates();

    ExchangeSessions *m_registry;
    Clock *m_clock;
    std::shared_ptr<CandleDatabase> m_database;
    Recorder *m_recorder = nullptr;
    GapFreeFeed *m_feed = nullptr; // the recording's live feed, owned
    QComboBox *m_exchange;
    QLineEdit *m_symbols;
    QListWidget *m_intervals;
    QPushButton *m_start;
    QPushButton *m_stop;
    QTableWidget *m_table;
    QTimer *m_rateTimer;
    QLabel *m_counters;
    QLabel *m_message;
    QPointer<SymbolCatalog> m_catalog;
    QHash<SeriesKey, Stream> m_streams;
    QList<SeriesKey> m_order;
};

} // namespace Candlewick
