#pragma once

#include "coinbaseapi.h"

#include <retrypolicy.h>
#include <tradefeed.h>

#include <QHash>
#include <QPointer>
#include <QStringList>
#include <QUrl>

#include <deque>

class QWebSocket;

namespace Candlewick {

class Clock;

// Coinbase Advanced Trade's public trades over one WebSocket: `heartbeats` and `market_trades`
// (one channel per subscribe message, heartbeats sent at once on connecting: Coinbase drops a
// connection that has not subscribed within 5 s; one product per message, since one unknown
// product fails the whole message), client messages paced to MaxMessagesPerSecond. Trades pass
// on per product in arrival order (snapshot and updates; the aggregator drops duplicate trade
// ids); the maker's side "BUY" is a taker Sell. Each heartbeat's timestamp is the exchange clock.
//
// Loss: `sequence_num` one past the previous is in order, lower is ignored (late), higher means
// messages were dropped. Whether Coinbase counts per connection or per product and channel is not
// documented: a message continuing either count is in order until one of them has been seen
// continuing alone, and from then on that count alone decides. A gap loses every product (per
// connection) or the message's product (per product). A drop, a refused connection or StallMs
// without any message (heartbeats come every second) replaces the connection with backoff, and
// every product is lost from its last trade or heartbeat. An error message is logged.
class CoinbaseTradeFeed : public TradeFeed
{
    Q_OBJECT
public:
    static constexpr int MaxMessagesPerSecond = 8;
    static constexpr qint64 StallMs = 10000;

    CoinbaseTradeFeed(const QUrl &url, Clock *clock, QObject *parent = nullptr);
    ~CoinbaseTradeFeed() override;

    void subscribe(const QString &symbol) override;
    void unsubscribe(const QString &symbol) override;
    QStringList subscriptions() const override { return m_symbols; }
    TradeFeedStats stats() const override { return m_stats; }

    void setStallTimeoutMs(qint64 ms) { m_stallMs = std::max<qint64>(1, ms); }
    void setRetryPolicy(const RetryPolicy &policy) { m_backoff = policy; }

private:
    enum class SequenceScope { Unknown, Connection, Product };

    void connectSocket();
    void handleConnected();
    void handleDisconnected();
    void handleText(const QString &text);
    void handleTrades(const CoinbaseApi::StreamMessage &message);
    void checkSequence(const QString &scopeKey, qint64 sequence, const QStringList &products);
    void lose(const QStringList &products);
    void queueMessage(const QByteArray &message);
    void pumpOutbox();
    void scheduleReconnect();
    void armWatchdog();

    QUrl m_url;
    Clock *m_clock;
    RetryPolicy m_backoff{1000000, 1000, 30000};
    QWebSocket *m_socket = nullptr;
    QStringList m_symbols;
    QHash<QString, qint64> m_lastSeenUs; // product -> last trade or heartbeat time
    qint64 m_lastHeartbeatUs = -1;
    SequenceScope m_scope = SequenceScope::Unknown;
    qint64 m_lastSequence = -1; // per connection
    QHash<QString, qint64> m_lastSequences; // per product and channel
    std::deque<QByteArray> m_outbox;
    std::deque<qint64> m_sent; // send times within the last second
    QPointer<QObject> m_outboxTimer;
    QPointer<QObject> m_watchdog;
    QPointer<QObject> m_reconnect;
    qint64 m_stallMs = StallMs;
    int m_failures = 0;
    bool m_everLive = false;
    TradeFeedStats m_stats;
};

} // namespace Candlewick
