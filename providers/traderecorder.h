#pragma once

#include "connectionstate.h"

#include <trade.h>

#include <QHash>
#include <QObject>

namespace Candlewick {

class Clock;
class TradeFeed;
class TradeStore;

// Records an exchange's trades into a TradeStore (`record --trades`): every trade of the added
// symbols, written in one transaction per symbol every flushIntervalMs, with the coverage it makes
// complete. Coverage follows the exchange's clock (trade times and TradeFeed::exchangeTime()) less
// the grace for late trades; it starts at the first time seen after subscribing plus the grace,
// ends at a loss (TradeFeed::tradesLost()) and starts again after it the same way, so a range is
// only ever covered when every trade in it was received. The recorder does not own the store or
// the feed.
class TradeRecorder : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        qint64 flushIntervalMs = 1000;
        qint64 graceUs = 2'000'000;
    };

    struct Counters
    {
        qint64 tradesStored = 0;
        qint64 losses = 0;
        qint64 reconnects = 0;
        qint64 rejectedFrames = 0;
        qint64 lastTradeUs = -1;
    };

    TradeRecorder(TradeStore *store, TradeFeed *feed, const QString &exchange, Clock *clock,
                  QObject *parent = nullptr);
    TradeRecorder(TradeStore *store, TradeFeed *feed, const QString &exchange, Options options,
                  Clock *clock, QObject *parent = nullptr);
    ~TradeRecorder() override;

    void addSymbol(const QString &symbol);
    // Subscribes the symbols; stop() writes what is pending and unsubscribes.
    void start();
    void stop();

    ConnectionState state() const;
    Counters counters() const;

signals:
    // After the trades are committed.
    void tradesStored(const QString &symbol, const Candlewick::TradeBatch &trades);
    // A write failed: the recording cannot go on (the trades are kept for the next flush).
    void writeFailed(const QString &message);

private:
    struct Symbol
    {
        TradeBatch pending;
        qint64 coveredFrom = -1; // µs; -1: waiting for the first time after a start or loss
        qint64 seenUs = -1; // the newest exchange time seen
        qint64 coveredTo = -1; // the coverage written so far ends here
    };

    void observe(Symbol &s, qint64 timeUs);
    bool flush(const QString &symbol, Symbol &s, qint64 coverUntil);
    void flushAll();
    void scheduleFlush();

    TradeStore *m_store;
    TradeFeed *m_feed;
    QString m_exchange;
    Options m_options;
    Clock *m_clock;
    QHash<QString, Symbol> m_symbols;
    QObject *m_timers = nullptr;
    bool m_running = false;
    Counters m_counters;
};

} // namespace Candlewick
