#pragma once

#include "exchange.h"

#include <QObject>

#include <memory>

namespace Candlewick {

class BuiltIntervalHistory;
class BulkHistory;
class Clock;
class GapFreeFeed;
class HistorySource;
class LiveFeed;
class SymbolSource;
class TradeFeed;

// The roles of one exchange, made for one set of endpoints and one clock (Exchange::createSession).
// It owns what it makes. history() gives every interval the exchange can give, native or built;
// createLiveFeed() makes a plain feed, createGapFreeFeed() one that backfills over history().
class ExchangeSession : public QObject
{
    Q_OBJECT
public:
    ExchangeSession(const Exchange &exchange, Clock *clock, QObject *parent = nullptr);
    ~ExchangeSession() override;

    const Exchange &exchange() const { return m_exchange; }
    Clock *clock() const { return m_clock; }

    HistorySource *history();
    virtual SymbolSource *symbols() = 0;
    // A new plain live feed (nullptr when the exchange has none); the caller owns it.
    virtual LiveFeed *createLiveFeed(QObject *parent = nullptr) = 0;
    // A new gap-free feed over createLiveFeed() and history(); nullptr without a live feed.
    GapFreeFeed *createGapFreeFeed(QObject *parent = nullptr);
    // A new feed of the exchange's public trades (nullptr, the default, when it has none); the
    // caller owns it. TradeLiveFeed builds candles from it, TradeRecorder records it.
    virtual TradeFeed *createTradeFeed(QObject *parent = nullptr);
    // The exchange's archive of whole files of past candles; nullptr when it has none (or none
    // is configured for these endpoints).
    virtual BulkHistory *bulkHistory() { return nullptr; }

signals:
    void logMessage(const QString &message);

protected:
    // The exchange's own history, native intervals only.
    virtual HistorySource *nativeHistory() = 0;

private:
    const Exchange &m_exchange;
    Clock *m_clock;
    std::unique_ptr<BuiltIntervalHistory> m_history;
};

} // namespace Candlewick
