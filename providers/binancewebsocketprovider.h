#pragma once

#include "klineevent.h"
#include "marketdataprovider.h"
#include "streamconnection.h"

#include <QHash>
#include <QList>
#include <QPointer>
#include <QUrl>

#include <memory>

namespace Candlewick {

class Clock;
class KlineEventParser;
class RetryPolicy;

// Live candles from Binance's kline WebSocket streams, gap-free and duplicate-free.
//
// Streams are combined (/stream?streams=...), at most maxStreamsPerConnection per connection, more
// connections beyond that; subscribe()/unsubscribe() while running send paced SUBSCRIBE /
// UNSUBSCRIBE messages and check their answers. candleUpdated() for each update of a forming
// candle, candleClosed() exactly once per closed candle, in open-time order per series. A
// connection that drops, stalls (no data for watchdogMs, or no pong), times out while connecting,
// or is closed by the server is replaced with exponential backoff and jitter, within the budget of
// new connections per 5 minutes. Before the 24-hour limit a replacement connection is opened and
// the old one is closed only once the new one is live. After any gap, every closed candle missed
// is fetched through the history source (any MarketDataProvider, normally BinanceRestProvider) and
// delivered in order before the live candles that follow. All timing runs on a Clock.
class BinanceWebSocketProvider : public MarketDataProvider
{
    Q_OBJECT
public:
    struct Options
    {
        StreamConnection::Options connection;
        int maxStreamsPerConnection = 1024;
        qint64 reconnectBaseMs = 500; // first reconnect after 250..500 ms
        qint64 reconnectMaxMs = 30000; // backoff cap
        int maxConnectsPer5Min = 250; // Binance allows 300 per IP
        qint64 rolloverAfterMs = 23LL * 3600 * 1000; // before the 24 h limit
        qint64 rolloverOverlapMs = 5000; // the old connection closes this long after the new opened
        qint64 backfillRetryBaseMs = 1000;
        int backfillMaxAttempts = 6;
        quint32 seed = 0; // jitter seed; 0 = random
    };

    struct Stats
    {
        qint64 frames = 0; // text frames received
        qint64 klineEvents = 0;
        qint64 updatesEmitted = 0;
        qint64 closedEmitted = 0; // live and backfilled
        qint64 rejectedFrames = 0; // malformed, invalid, unknown events, unexpected streams
        qint64 duplicatesDropped = 0;
        qint64 connectAttempts = 0;
        qint64 reconnects = 0; // connections lost and replaced
        qint64 rollovers = 0;
        qint64 gapsBackfilled = 0;
        qint64 candlesBackfilled = 0;
        qint64 backfillFailures = 0;
        qint64 controlErrors = 0;
    };

    explicit BinanceWebSocketProvider(const QUrl &wsUrl, Clock *clock = nullptr,
                                      QObject *parent = nullptr);
    BinanceWebSocketProvider(const QUrl &wsUrl, Options options, Clock *clock = nullptr,
                             QObject *parent = nullptr);
    ~BinanceWebSocketProvider() override;

    QString exchange() const override { return QStringLiteral("binance"); }
    // History and symbols come from the history source; without one the job fails at once.
    HistoryJob *fetchHistory(const SeriesKey &key, qint64 fromMs, qint64 toMs) override;
    SymbolsJob *fetchSymbols() override;

    void subscribe(const SeriesKey &key) override;
    void unsubscribe(const SeriesKey &key) override;

    // Where missed closed candles come from (not owned; may be null: then gaps stay gaps).
    void setHistorySource(MarketDataProvider *source);
    MarketDataProvider *historySource() const { return m_history; }
    // The next closed candle the consumer expects for `key` (e.g. from the store's coverage on a
    // restart): everything from it on is delivered, backfilled first. Call before or after
    // subscribe(); -1 forgets it.
    void setResumePoint(const SeriesKey &key, qint64 nextOpenTime);
    qint64 resumePoint(const SeriesKey &key) const;

    QList<SeriesKey> subscriptions() const;
    ConnectionState state() const { return m_state; }
    const Stats &stats() const { return m_stats; }
    int connectionCount() const; // connections open right now
    QUrl url() const { return m_url; }
    const Options &options() const { return m_options; }
    // Steady-clock ns at which the frame currently being dispatched arrived (for latency figures).
    qint64 currentFrameReceivedNs() const { return m_frameNs; }

    static QString streamName(const SeriesKey &key);

private:
    struct Slot;
    struct Series;

    Slot *slotWithRoom();
    void startConnection(Slot *slot, bool replacement);
    void scheduleReconnect(Slot *slot);
    void scheduleRollover(Slot *slot, qint64 atMs);
    void startRollover(Slot *slot);
    void handleOpened(Slot *slot, StreamConnection *connection);
    void handleFailed(Slot *slot, StreamConnection *connection, const QString &reason);
    void handleKline(StreamConnection *connection, const KlineEvent &event);
    void handleRejected(const QString &reason, bool unknownEvent);
    void handleControlAnswer(const QString &method, const QStringList &streams, bool ok,
                             const QString &error);
    void retire(Slot *slot, StreamConnection *connection);
    void removeSlot(Slot *slot);

    void deliverClosed(Series &series, const Candle &candle);
    void acceptClosed(Series &series, const Candle &candle);
    void checkGapsAfterConnect(Slot *slot);
    void startBackfill(Series &series, qint64 fromMs, qint64 toMs);
    void finishBackfill(const QString &stream, bool ok);
    void updateState();
    void log(const QString &message);
    bool allowAttempt(qint64 *retryAtMs);

    QUrl m_url;
    Options m_options;
    Clock *m_clock;
    std::unique_ptr<KlineEventParser> m_parser;
    std::unique_ptr<RetryPolicy> m_reconnectPolicy;
    std::unique_ptr<RetryPolicy> m_backfillPolicy;
    QPointer<MarketDataProvider> m_history;

    QList<Slot *> m_slots; // owned
    QHash<QString, Series *> m_series; // by stream name, owned
    QHash<SeriesKey, qint64> m_resume; // resume points set before subscribe()
    QList<qint64> m_attemptTimes; // connection attempts in the last 5 minutes
    ConnectionState m_state = ConnectionState::Disconnected;
    bool m_everLive = false;
    Stats m_stats;
    qint64 m_frameNs = 0;
    qint64 m_logged = 0;
};

} // namespace Candlewick
