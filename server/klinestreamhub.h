#pragma once

#include <candle.h>
#include <serieskey.h>

#include <QHash>
#include <QList>
#include <QObject>
#include <QSet>

#include <functional>

class QWebSocket;

namespace Candlewick {

// The WebSocket side of Binance's market streams for kline events: takes connected sockets
// (raw /ws/<stream>, combined /stream?streams=a/b, or /ws alone to subscribe later, as ccxt pro
// does; a path that names no valid stream starts with none), answers SUBSCRIBE, UNSUBSCRIBE and
// LIST_SUBSCRIPTIONS, and sends each published candle to the clients of its stream, byte for
// byte as Binance's kline events (wrapped for combined connections). Subscribing to a symbol
// that has no data is accepted and sends nothing. A client that reads too slowly (more than
// the pending-bytes cap waiting) is dropped rather than buffered without end.
class KlineStreamHub : public QObject
{
    Q_OBJECT
public:
    static constexpr int MaxStreamsPerConnection = 1024;

    explicit KlineStreamHub(std::function<qint64()> now, QObject *parent = nullptr);
    ~KlineStreamHub() override;

    // The hub owns the socket from here on.
    void addClient(QWebSocket *socket);
    int clientCount() const { return int(m_clients.size()); }
    void setMaxPendingBytes(qint64 bytes) { m_maxPendingBytes = bytes; }
    void setMaxMessageBytes(qint64 bytes) { m_maxMessageBytes = bytes; }
    qint64 droppedSlowClients() const { return m_droppedSlow; }

    // Sends the candle to every client subscribed to its series' stream; "x" is candle.closed.
    void publish(const SeriesKey &key, const Candle &candle);
    // The series somebody is subscribed to (exchange as given to the hub's owner).
    QList<SeriesKey> subscribedSeries(const QString &exchange) const;

    // "btcusdt@kline_1m" -> ("BTCUSDT", 1m); false when it is not a kline stream name.
    static bool parseStreamName(const QString &name, QString *symbol, Interval *interval);

signals:
    void clientCountChanged(int count);

private:
    struct Client;

    void handleMessage(Client *client, const QString &message);
    void send(Client *client, const QByteArray &frame);
    void subscribe(Client *client, const QByteArray &stream);
    void unsubscribe(Client *client, const QByteArray &stream);
    void remove(Client *client);

    std::function<qint64()> m_now;
    QList<Client *> m_clients;
    QHash<QByteArray, QList<Client *>> m_byStream;
    qint64 m_maxPendingBytes = 8 * 1024 * 1024;
    qint64 m_maxMessageBytes = 64 * 1024;
    qint64 m_droppedSlow = 0;
};

} // namespace Candlewick
