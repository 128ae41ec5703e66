#pragma once

#include "okxparser.h"

#include <livefeed.h>
#include <retrypolicy.h>

#include <QHash>
#include <QMap>
#include <QPointer>
#include <QUrl>

class QWebSocket;

namespace Candlewick {

class Clock;

// Live candles from OKX's business WebSocket (wss://ws.okx.com:8443/ws/v5/business): one
// connection, `candle<bar>` channels in the UTC bars of Okx::barName(), all subscriptions in one
// {"op":"subscribe","args":[...]} message (on connecting, and per turn of the event loop). A row
// with confirm "1" is a closed candle; others are forming. When a series' next candle starts while
// the previous one never got its confirm "1", the feed emits seriesConnected() for that series, so
// the GapFreeFeed above takes the final values of the missed candle over REST. OKX closes a
// connection that carries nothing for 30 s: after IdlePingMs without a frame the feed sends the
// text "ping" and expects "pong" (or any frame) within PongTimeoutMs, else it drops the connection.
// Reconnects back off with jitter. Intervals without an OKX bar (8h, 3d, 1w) are not streamed.
class OkxLiveFeed : public LiveFeed
{
    Q_OBJECT
public:
    static constexpr qint64 IdlePingMs = 20000;
    static constexpr qint64 PongTimeoutMs = 5000;

    OkxLiveFeed(const QUrl &wsUrl, Clock *clock, QObject *parent = nullptr);
    ~OkxLiveFeed() override;

    void subscribe(const SeriesKey &key) override;
    void unsubscribe(const SeriesKey &key) override;
    QList<SeriesKey> subscriptions() const override { return m_series.keys(); }
    LiveFeedStats stats() const override { return m_stats; }

    // "candle1m", "candle1Dutc"; empty when the interval has no OKX bar.
    static QString channelName(Interval interval);
    // Handles one text frame (public for the parser tests).
    void handleText(const QString &text);

private:
    struct Series
    {
        Interval source = Interval::M1; // the channel's interval: the series' own, or the one
                                        // it is built from
        qint64 lastOpen = -1; // open time of the newest candle seen
        bool lastClosed = false; // whether that candle is closed
        QMap<qint64, OkxParser::CandleRow> parts; // built series: the source candles of lastOpen
    };

    // The (instrument, interval) pair of a channel.
    static SeriesKey wireKey(const SeriesKey &key, Interval source);
    bool wireKeyUsed(const SeriesKey &wire) const;
    void handleBuiltRow(const SeriesKey &key, Series &s, const OkxParser::CandleRow &row);

    void connectNow();
    void handleConnected();
    void handleDisconnected();
    void sendControl(const char *op, const QList<SeriesKey> &keys);
    // Sends what subscribe() / unsubscribe() collected in this turn of the event loop as one
    // message each (OKX allows 480 subscribe/unsubscribe requests per connection per hour).
    void queueFlush();
    void flushControl();
    void handleRows(const SeriesKey &key, const QJsonArray &rows);
    void armKeepalive();

    QUrl m_url;
    Clock *m_clock;
    RetryPolicy m_retry;
    QWebSocket *m_socket = nullptr;
    QHash<SeriesKey, Series> m_series;
    LiveFeedStats m_stats;
    QPointer<QObject> m_keepalive;
    QPointer<QObject> m_reconnect;
    QList<SeriesKey> m_toSubscribe; // asked for while live, sent together by flushControl()
    QList<SeriesKey> m_toUnsubscribe;
    bool m_flushQueued = false;
    int m_failures = 0;
};

} // namespace Candlewick
