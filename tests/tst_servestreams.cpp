#include <binancerestapi.h>
#include <eventwait.h>
#include <klinestreamhub.h>
#include <marketdataserver.h>

#include <sqlitecandlestore.h>
#include <manualclock.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkRequest>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QWebSocket>

#include <memory>

using namespace Candlewick;
using Candlewick::Testing::waitFor;

namespace {

constexpr qint64 T0 = 1709251200000; // 2024-03-01T00:00:00Z
const SeriesKey Btc1m{QStringLiteral("binance"), QStringLiteral("BTCUSDT"), Interval::M1};
const SeriesKey Eth1h{QStringLiteral("binance"), QStringLiteral("ETHBTC"), Interval::H1};

Candle candle(qint64 openTime)
{
    Candle c;
    c.openTime = openTime;
    c.open = 0.0010;
    c.close = 0.0020;
    c.high = 0.0025;
    c.low = 0.0015;
    c.volume = 1000;
    c.trades = 100;
    c.quoteVolume = 1;
    c.takerBuyBase = 500;
    c.takerBuyQuote = 0.5;
    return c;
}

// A client socket that keeps every text message.
struct Client
{
    QWebSocket socket;
    QStringList messages;

    explicit Client(const QUrl &url, const QByteArray &token = {})
    {
        QObject::connect(&socket, &QWebSocket::textMessageReceived, &socket,
                         [this](const QString &m) { messages.append(m); });
        QNetworkRequest request(url);
        if (!token.isEmpty())
            request.setRawHeader("X-Candlewick-Token", token);
        socket.open(request);
    }
    bool waitConnected()
    {
        return waitFor([this] { return socket.state() == QAbstractSocket::ConnectedState; }, 10000);
    }
    QJsonObject send(const QByteArray &json)
    {
        const qsizetype before = messages.size();
        socket.sendTextMessage(QString::fromUtf8(json));
        if (!waitFor([&] { return messages.size() > before; }, 10000))
            return {};
        return QJsonDocument::fromJson(messages.last().toUtf8()).object();
    }
};

// A WebSocket client on a bare TCP socket, to see the server's ping frames and to decide whether
// to answer them (QWebSocket always does).
struct RawClient
{
    QTcpSocket socket;
    QByteArray buffer;

    bool open(quint16 port)
    {
        socket.connectToHost(QHostAddress::LocalHost, port);
        socket.write("GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                     "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                     "Sec-WebSocket-Version: 13\r\n\r\n");
        if (!waitFor([this] { return (buffer += socket.readAll()).contains("\r\n\r\n"); }, 10000)
            || !buffer.startsWith("HTTP/1.1 101"))
            return false;
        buffer.remove(0, buffer.indexOf("\r\n\r\n") + 4);
        return true;
    }
    // The opcode of the next whole frame from the server (payloads under 126 bytes), -1 if none
    // came.
    int nextFrame()
    {
        if (!waitFor(
                [this] {
                    buffer += socket.readAll();
                    return buffer.size() >= 2 && buffer.size() >= 2 + (buffer.at(1) & 0x7f);
                },
                10000))
            return -1;
        const int opcode = buffer.at(0) & 0x0f;
        buffer.remove(0, 2 + (buffer.at(1) & 0x7f));
        return opcode;
    }
    // A masked frame (a client's frames are masked) with a payload under 126 bytes.
    void sendFrame(int opcode, const QByteArray &payload)
    {
        QByteArray frame;
        frame += char(0x80 | opcode);
        frame += char(0x80 | payload.size());
        const char mask[4] = {0x12, 0x34, 0x56, 0x78};
        frame.append(mask, 4);
        for (qsizetype i = 0; i < payload.size(); ++i)
            frame += char(payload.at(i) ^ mask[i % 4]);
        socket.write(frame);
    }
    // Sends LIST_SUBSCRIPTIONS and waits for the text answer: everything sent before it has
    // been handled by then. Pings that come first are answered when `pong`.
    bool roundTrip(bool pong)
    {
        sendFrame(0x1, R"({"method":"LIST_SUBSCRIPTIONS","id":1})");
        for (;;) {
            const int opcode = nextFrame();
            if (opcode == 0x1)
                return true;
            if (opcode != 0x9)
                return false;
            if (pong)
                sendFrame(0xA, {});
        }
    }
};

} // namespace

// The WebSocket streams, the limits and the token of MarketDataServer on loopback.
class TestServeStreams : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::unique_ptr<ManualClock> m_clock;
    SqliteCandleStore m_store;
    std::unique_ptr<BinanceRestApi> m_api;
    std::unique_ptr<KlineStreamHub> m_hub;
    std::unique_ptr<MarketDataServer> m_server;

    QUrl url(const QString &pathAndQuery) const
    {
        return QUrl(QStringLiteral("ws://127.0.0.1:%1%2").arg(m_server->port()).arg(pathAndQuery));
    }
    QByteArray http(const QByteArray &request)
    {
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, m_server->port());
        socket.write(request); // sent once connected
        QByteArray answer;
        waitFor(
            [&] {
                answer += socket.readAll();
                return answer.contains("\r\n\r\n")
                    && (socket.state() != QAbstractSocket::ConnectedState || answer.endsWith('}')
                        || answer.endsWith(']'));
            },
            10000);
        return answer;
    }

private slots:
    void init()
    {
        QVERIFY(m_dir.isValid());
        if (!m_store.isOpen())
            QVERIFY(m_store.open(m_dir.filePath(QStringLiteral("s.sqlite"))));
        m_clock = std::make_unique<ManualClock>(T0 + 90'000);
        ManualClock *clock = m_clock.get();
        m_api = std::make_unique<BinanceRestApi>(&m_store, QStringLiteral("binance"),
                                                 [clock] { return clock->nowMs(); });
        m_hub = std::make_unique<KlineStreamHub>([clock] { return clock->nowMs(); }, clock);
        m_server = std::make_unique<MarketDataServer>(m_api.get(), m_hub.get());
        QVERIFY(m_server->listen(QHostAddress::LocalHost, 0));
    }
    void cleanup()
    {
        m_server.reset();
        m_hub.reset();
        m_api.reset();
        m_clock.reset();
    }

    // Byte for byte the event Binance documents (its keys in its order, o c h l).
    void rawStreamGetsBinanceKlineEvents()
    {
        Client c(url(QStringLiteral("/ws/btcusdt@kline_1m")));
        QVERIFY(c.waitConnected());
        QVERIFY(waitFor([&] { return m_hub->clientCount() == 1; }, 10000));
        m_hub->publish(Btc1m, candle(T0));
        Candle forming = candle(T0 + 60'000);
        forming.closed = false;
        forming.trades = 0;
        m_hub->publish(Btc1m, forming);
        m_hub->publish(Eth1h, candle(T0)); // not subscribed
        QVERIFY(waitFor([&] { return c.messages.size() >= 2; }, 10000));
        QCOMPARE(c.messages.at(0),
                 QStringLiteral(
                     R"({"e":"kline","E":1709251290000,"s":"BTCUSDT","k":{"t":1709251200000,)"
                     R"("T":1709251259999,"s":"BTCUSDT","i":"1m","f":1709251200000,)"
                     R"("L":1709251200099,"o":"0.00100000","c":"0.00200000","h":"0.00250000",)"
                     R"("l":"0.00150000","v":"1000.00000000","n":100,"x":true,"q":"1.00000000",)"
                     R"("V":"500.00000000","Q":"0.50000000","B":"0"}})"));
        const QJsonObject k = QJsonDocument::fromJson(c.messages.at(1).toUtf8())
                                  .object()
                                  .value(QStringLiteral("k"))
                                  .toObject();
        QCOMPARE(k.value(QStringLiteral("x")).toBool(true), false);
        QCOMPARE(k.value(QStringLiteral("f")).toInt(), -1);
        QCOMPARE(k.value(QStringLiteral("L")).toInt(), -1);
        // The server answers in order: once this reply is in, anything sent before it is too.
        QCOMPARE(c.send(R"({"method":"LIST_SUBSCRIPTIONS","id":7})").value(QStringLiteral("id")),
                 QJsonValue(7));
        QCOMPARE(c.messages.size(), 3); // the two events and the reply: nothing for ETHBTC
    }

    void combinedStreamsAreWrapped()
    {
        Client c(url(QStringLiteral("/stream?streams=btcusdt@kline_1m/ethbtc@kline_1h")));
        QVERIFY(c.waitConnected());
        QVERIFY(waitFor([&] { return m_hub->clientCount() == 1; }, 10000));
        m_hub->publish(Eth1h, candle(T0));
        m_hub->publish(Btc1m, candle(T0));
        QVERIFY(waitFor([&] { return c.messages.size() >= 2; }, 10000));
        const QJsonObject first = QJsonDocument::fromJson(c.messages.at(0).toUtf8()).object();
        QCOMPARE(first.value(QStringLiteral("stream")).toString(),
                 QStringLiteral("ethbtc@kline_1h"));
        QCOMPARE(first.value(QStringLiteral("data")).toObject().value(QStringLiteral("s")),
                 QJsonValue(QStringLiteral("ETHBTC")));
        QVERIFY(c.messages.at(1).startsWith(
            QStringLiteral(R"({"stream":"btcusdt@kline_1m","data":{"e":"kline",)")));
        QCOMPARE(c.send(R"({"method":"LIST_SUBSCRIPTIONS","id":3})"),
                 QJsonObject({{QStringLiteral("result"),
                               QJsonArray{QStringLiteral("btcusdt@kline_1m"),
                                          QStringLiteral("ethbtc@kline_1h")}},
                              {QStringLiteral("id"), 3}}));
    }

    // As ccxt pro does: connect to /ws or /ws/<not a stream>, subscribe later.
    void subscribeLater_data()
    {
        QTest::addColumn<QString>("path");
        QTest::newRow("/ws") << QStringLiteral("/ws");
        QTest::newRow("/ws/<hash>") << QStringLiteral("/ws/3f2a9c");
    }
    void subscribeLater()
    {
        QFETCH(QString, path);
        Client c(url(path));
        QVERIFY(c.waitConnected());
        QCOMPARE(
            c.send(R"({"method":"LIST_SUBSCRIPTIONS","id":1})"),
            QJsonObject({{QStringLiteral("result"), QJsonArray()}, {QStringLiteral("id"), 1}}));
        QCOMPARE(
            c.send(
                R"({"method":"SUBSCRIBE","params":["btcusdt@kline_1m","nopeusdt@kline_1s"],"id":2})"),
            QJsonObject({{QStringLiteral("result"), QJsonValue()}, {QStringLiteral("id"), 2}}));
        const qsizetype before = c.messages.size();
        m_hub->publish(Btc1m, candle(T0));
        QVERIFY(waitFor([&] { return c.messages.size() > before; }, 10000));
        QVERIFY(c.messages.last().startsWith(QStringLiteral(R"({"e":"kline",)")));
        QCOMPARE(
            c.send(R"({"method":"UNSUBSCRIBE","params":["btcusdt@kline_1m"],"id":4})"),
            QJsonObject({{QStringLiteral("result"), QJsonValue()}, {QStringLiteral("id"), 4}}));
        QCOMPARE(c.send(R"({"method":"LIST_SUBSCRIPTIONS","id":5})")
                     .value(QStringLiteral("result"))
                     .toArray(),
                 QJsonArray{QStringLiteral("nopeusdt@kline_1s")});
        const qsizetype after = c.messages.size();
        m_hub->publish(Btc1m, candle(T0 + 60'000));
        QCOMPARE(c.send(R"({"method":"LIST_SUBSCRIPTIONS","id":6})").value(QStringLiteral("id")),
                 QJsonValue(6));
        QCOMPARE(c.messages.size(), after + 1); // only the reply
    }

    void controlErrors_data()
    {
        QTest::addColumn<QByteArray>("message");
        QTest::addColumn<int>("code");
        QTest::newRow("invalid stream")
            << QByteArray(R"({"method":"SUBSCRIBE","params":["BTCUSDT@kline_1m"],"id":2})") << 2;
        QTest::newRow("bad interval")
            << QByteArray(R"({"method":"SUBSCRIBE","params":["btcusdt@kline_7m"],"id":2})") << 2;
        QTest::newRow("not json") << QByteArray("{method") << 3;
        QTest::newRow("unknown method") << QByteArray(R"({"method":"SUBSCRIB","id":2})") << 2;
        QTest::newRow("params not an array")
            << QByteArray(R"({"method":"SUBSCRIBE","params":"btcusdt@kline_1m","id":2})") << 2;
        QTest::newRow("id not a number")
            << QByteArray(R"({"method":"LIST_SUBSCRIPTIONS","id":"x"})") << 2;
    }
    void controlErrors()
    {
        QFETCH(QByteArray, message);
        QFETCH(int, code);
        Client c(url(QStringLiteral("/ws")));
        QVERIFY(c.waitConnected());
        const QJsonObject answer = c.send(message);
        QCOMPARE(answer.value(QStringLiteral("error")).toObject().value(QStringLiteral("code")),
                 QJsonValue(code));
        QVERIFY(!answer.value(QStringLiteral("error"))
                     .toObject()
                     .value(QStringLiteral("msg"))
                     .toString()
                     .isEmpty());
        // The connection stays usable.
        QCOMPARE(c.send(R"({"method":"LIST_SUBSCRIPTIONS","id":9})").value(QStringLiteral("id")),
                 QJsonValue(9));
    }

    // Keep-alive with pipelining: both answers, in order, on one connection (the requests are
    // parsed from a peek and read off the socket one at a time).
    void pipelinedRequests()
    {
        const QByteArray answer = http("GET /api/v3/ping HTTP/1.1\r\nHost: x\r\n\r\n"
                                       "GET /api/v3/time HTTP/1.1\r\nHost: x\r\nConnection: "
                                       "close\r\n\r\n");
        QCOMPARE(answer.count("HTTP/1.1 200 OK"), 2);
        QVERIFY(answer.indexOf("{}") < answer.indexOf("serverTime"));
        QVERIFY(answer.endsWith("{\"serverTime\":1709251290000}"));
    }

    void tokenOnRestAndWebSocket()
    {
        m_server->setToken("s3cret");
        QVERIFY(http("GET /api/v3/ping HTTP/1.1\r\nHost: x\r\n\r\n").startsWith("HTTP/1.1 401"));
        QVERIFY(http("GET /api/v3/ping HTTP/1.1\r\nHost: x\r\nX-Candlewick-Token: wrong\r\n\r\n")
                    .startsWith("HTTP/1.1 401"));
        QVERIFY(http("GET /api/v3/ping HTTP/1.1\r\nHost: x\r\nX-Candlewick-Token: s3cret\r\n\r\n")
                    .startsWith("HTTP/1.1 200"));
        Client refused(url(QStringLiteral("/ws/btcusdt@kline_1m")));
        QVERIFY(waitFor([&] { return refused.socket.state() == QAbstractSocket::UnconnectedState; },
                        10000));
        QCOMPARE(m_hub->clientCount(), 0);
        Client allowed(url(QStringLiteral("/ws/btcusdt@kline_1m")), "s3cret");
        QVERIFY(allowed.waitConnected());
    }

    void maxClients()
    {
        m_server->setMaxClients(2);
        Client ws(url(QStringLiteral("/ws")));
        QVERIFY(ws.waitConnected());
        QTcpSocket idle;
        idle.connectToHost(QHostAddress::LocalHost, m_server->port());
        QVERIFY(waitFor([&] { return m_server->connectionCount() == 2; }, 10000));
        const QByteArray third = http("GET /api/v3/ping HTTP/1.1\r\nHost: x\r\n\r\n");
        QVERIFY2(third.startsWith("HTTP/1.1 503"), third.constData());
        idle.abort();
        QVERIFY(waitFor([&] { return m_server->connectionCount() == 1; }, 10000));
        QVERIFY(http("GET /api/v3/ping HTTP/1.1\r\nHost: x\r\n\r\n").startsWith("HTTP/1.1 200"));
    }

    void bodyAndMessageCaps()
    {
        m_server->setMaxBodyBytes(1024);
        const QByteArray answer
            = http("POST /candlewick/v1/replay/pause HTTP/1.1\r\nHost: x\r\nContent-Length: "
                   "4096\r\n\r\n");
        QVERIFY2(answer.startsWith("HTTP/1.1 413"), answer.constData());

        m_hub->setMaxMessageBytes(1024);
        Client c(url(QStringLiteral("/ws")));
        QVERIFY(c.waitConnected());
        c.socket.sendTextMessage(QString(4096, u'x'));
        QVERIFY(
            waitFor([&] { return c.socket.state() == QAbstractSocket::UnconnectedState; }, 10000));
    }

    // A client that does not read while candles pile up is dropped, not buffered without end.
    void slowClientIsDropped()
    {
        m_hub->setMaxPendingBytes(4096);
        Client slow(url(QStringLiteral("/ws/btcusdt@kline_1m")));
        Client other(url(QStringLiteral("/ws/ethbtc@kline_1h")));
        QVERIFY(slow.waitConnected());
        QVERIFY(other.waitConnected());
        QVERIFY(waitFor([&] { return m_hub->clientCount() == 2; }, 10000));
        // Without returning to the event loop nothing is flushed: the queue only grows.
        for (int i = 0; i < 50; ++i)
            m_hub->publish(Btc1m, candle(T0 + i * 60'000));
        QCOMPARE(m_hub->droppedSlowClients(), 1);
        QCOMPARE(m_hub->clientCount(), 1);
        QVERIFY(waitFor([&] { return slow.socket.state() == QAbstractSocket::UnconnectedState; },
                        10000));
        m_hub->publish(Eth1h, candle(T0));
        QVERIFY(waitFor([&] { return other.messages.size() == 1; }, 10000));
    }

    // A ping frame every 20 s; a client that answers stays, one that has not answered a ping
    // for a minute is closed.
    void pingsAndPongTimeout()
    {
        RawClient answering;
        RawClient silent;
        QVERIFY(answering.open(m_server->port()));
        QVERIFY(silent.open(m_server->port()));
        QVERIFY(waitFor([&] { return m_hub->clientCount() == 2; }, 10000));
        m_clock->advance(KlineStreamHub::PingIntervalMs - 1);
        QVERIFY(answering.roundTrip(true)); // no ping yet: the answer comes first
        QVERIFY(answering.buffer.isEmpty());
        m_clock->advance(1);
        QCOMPARE(silent.nextFrame(), 0x9);
        QCOMPARE(answering.nextFrame(), 0x9);
        answering.sendFrame(0xA, {});
        for (int i = 0; i < 2; ++i) { // at 40 s and 60 s: still within the minute
            QVERIFY(answering.roundTrip(true));
            m_clock->advance(KlineStreamHub::PingIntervalMs);
            QCOMPARE(silent.nextFrame(), 0x9);
        }
        QVERIFY(answering.roundTrip(true));
        QCOMPARE(m_hub->clientCount(), 2);
        QCOMPARE(m_hub->closedByRules(), 0);
        m_clock->advance(KlineStreamHub::PingIntervalMs); // 80 s: a minute since the first ping
        QCOMPARE(m_hub->clientCount(), 1);
        QCOMPARE(m_hub->closedByRules(), 1);
        QVERIFY(waitFor([&] { return silent.socket.state() == QAbstractSocket::UnconnectedState; },
                        10000));
        QVERIFY(answering.roundTrip(true));
        QCOMPARE(answering.socket.state(), QAbstractSocket::ConnectedState);
    }

    // After 24 hours the connection is closed with a close frame (QWebSocket answers the
    // pings all along).
    void connectionLivesAtMost24Hours()
    {
        Client c(url(QStringLiteral("/ws/btcusdt@kline_1m")));
        QVERIFY(c.waitConnected());
        QVERIFY(waitFor([&] { return m_hub->clientCount() == 1; }, 10000));
        const qint64 start = m_clock->nowMs();
        // Steps under a minute, each ending with a round trip, so every ping is answered.
        constexpr qint64 Step = 50'000;
        while (m_clock->nowMs() + Step < start + KlineStreamHub::MaxConnectionMs) {
            m_clock->advance(Step);
            QVERIFY(c.send(R"({"method":"LIST_SUBSCRIPTIONS","id":1})")
                        .contains(QStringLiteral("result")));
        }
        QCOMPARE(m_hub->clientCount(), 1);
        m_clock->setNow(start + KlineStreamHub::MaxConnectionMs);
        QCOMPARE(m_hub->clientCount(), 0);
        QVERIFY(
            waitFor([&] { return c.socket.state() == QAbstractSocket::UnconnectedState; }, 10000));
        QCOMPARE(c.socket.closeCode(), QWebSocketProtocol::CloseCodeNormal);
        QCOMPARE(m_hub->closedByRules(), 1);
    }

    // Five messages within a second are fine; a sixth closes the connection, as Binance does.
    void atMostFiveMessagesPerSecond()
    {
        Client c(url(QStringLiteral("/ws")));
        QVERIFY(c.waitConnected());
        for (int i = 0; i < KlineStreamHub::MaxIncomingPerSecond; ++i)
            QCOMPARE(
                c.send(R"({"method":"LIST_SUBSCRIPTIONS","id":1})").value(QStringLiteral("id")),
                QJsonValue(1));
        m_clock->advance(999);
        c.socket.sendTextMessage(QStringLiteral(R"({"method":"LIST_SUBSCRIPTIONS","id":6})"));
        QVERIFY(
            waitFor([&] { return c.socket.state() == QAbstractSocket::UnconnectedState; }, 10000));
        QCOMPARE(c.socket.closeCode(), QWebSocketProtocol::CloseCodePolicyViolated);
        QCOMPARE(c.messages.size(), KlineStreamHub::MaxIncomingPerSecond); // no answer to it

        // A second after the first of five, one more is fine.
        Client d(url(QStringLiteral("/ws")));
        QVERIFY(d.waitConnected());
        for (int i = 0; i < KlineStreamHub::MaxIncomingPerSecond; ++i)
            QVERIFY(d.send(R"({"method":"LIST_SUBSCRIPTIONS","id":1})")
                        .contains(QStringLiteral("result")));
        m_clock->advance(1000);
        QVERIFY(
            d.send(R"({"method":"LIST_SUBSCRIPTIONS","id":2})").contains(QStringLiteral("result")));
        QCOMPARE(d.socket.state(), QAbstractSocket::ConnectedState);
    }

    // At most 1024 streams per connection: a SUBSCRIBE that would pass it is refused whole.
    void atMost1024Streams()
    {
        const auto subscribe = [](int from, int count) {
            QStringList names;
            for (int i = from; i < from + count; ++i)
                names.append(QStringLiteral("\"s%1usdt@kline_1m\"").arg(i));
            return QStringLiteral(R"({"method":"SUBSCRIBE","params":[%1],"id":2})")
                .arg(names.join(u','))
                .toUtf8();
        };
        const auto errorCode = [](const QJsonObject &answer) {
            return answer.value(QStringLiteral("error")).toObject().value(QStringLiteral("code"));
        };
        Client c(url(QStringLiteral("/ws")));
        QVERIFY(c.waitConnected());
        QCOMPARE(errorCode(c.send(subscribe(0, KlineStreamHub::MaxStreamsPerConnection + 1))),
                 QJsonValue(2));
        QVERIFY(c.send(subscribe(0, KlineStreamHub::MaxStreamsPerConnection))
                    .contains(QStringLiteral("result")));
        QCOMPARE(c.send(R"({"method":"LIST_SUBSCRIPTIONS","id":1})")
                     .value(QStringLiteral("result"))
                     .toArray()
                     .size(),
                 KlineStreamHub::MaxStreamsPerConnection);
        QCOMPARE(errorCode(c.send(subscribe(5000, 1))), QJsonValue(2));
        QVERIFY(c.send(R"({"method":"UNSUBSCRIBE","params":["s0usdt@kline_1m"],"id":3})")
                    .contains(QStringLiteral("result")));
        m_clock->advance(1000);
        QVERIFY(c.send(subscribe(5000, 1)).contains(QStringLiteral("result")));
    }

    // Back-pressure: congested above the high-water mark, drained at the low-water mark; a
    // client that stays congested past the stall limit is dropped.
    void congestionAndStall()
    {
        m_hub->setBackPressure(4096, 1024);
        m_hub->setMaxStallMs(10'000);
        QList<bool> changes;
        connect(m_hub.get(), &KlineStreamHub::congestionChanged, this,
                [&](bool congested) { changes.append(congested); });
        Client reader(url(QStringLiteral("/ws/btcusdt@kline_1m")));
        QVERIFY(reader.waitConnected());
        QVERIFY(waitFor([&] { return m_hub->clientCount() == 1; }, 10000));
        // Without returning to the event loop nothing is flushed: the queue only grows.
        for (int i = 0; i < 20; ++i)
            m_hub->publish(Btc1m, candle(T0 + i * 60'000));
        QVERIFY(m_hub->isCongested());
        QCOMPARE(changes, QList<bool>{true});
        QVERIFY(waitFor([&] { return reader.messages.size() == 20; }, 10000));
        QVERIFY(waitFor([&] { return !m_hub->isCongested(); }, 10000));
        QCOMPARE(changes, (QList<bool>{true, false}));
        m_clock->advance(10'000); // the stall check was cancelled when it drained
        QCOMPARE(m_hub->clientCount(), 1);

        for (int i = 0; i < 20; ++i)
            m_hub->publish(Btc1m, candle(T0 + i * 60'000));
        QVERIFY(m_hub->isCongested());
        m_clock->advance(9'999);
        QCOMPARE(m_hub->clientCount(), 1);
        m_clock->advance(1);
        QCOMPARE(m_hub->clientCount(), 0);
        QCOMPARE(m_hub->droppedSlowClients(), 1);
        QVERIFY(!m_hub->isCongested());
        QCOMPARE(changes, (QList<bool>{true, false, true, false}));
    }
};

QTEST_GUILESS_MAIN(TestServeStreams)
#include "tst_servestreams.moc"
