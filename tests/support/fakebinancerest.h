#pragma once

#include "candle.h"
#include "clock.h"
#include "interval.h"
#include "timerange.h"

#include <QHash>
#include <QList>
#include <QMutex>
#include <QObject>
#include <QUrl>
#include <QUrlQuery>

#include <atomic>
#include <memory>

class QTcpServer;
class QTcpSocket;

namespace Candlewick {
struct HttpRequest;
}

namespace Candlewick::Testing {

class SyntheticMarket;
class ServerWeightLimiter;

// A Binance-compatible REST server for tests and benches, listening on 127.0.0.1 only.
// Spot (the default): /api/v3/ping, time, exchangeInfo, klines and uiKlines with their
// parameters (timeZone included), errors, weights, the used-weight headers, 429 + Retry-After
// and the 418 ban. Dialect::UsdM serves Binance USD-M futures instead: /fapi/v1/ping, time,
// exchangeInfo (weight 1, symbols with contractType, pair and marginAsset) and klines (limit up
// to 1500, weight by limit: [1,100) 1, [100,500) 2, [500,1000] 5, above 10), 2400 per minute.
// "Now" always comes from the clock given to the constructor. HTTP/1.1 keep-alive with
// pipelining; any number of connections.
//
// Threading: the object may be moved to another thread before listen(); listen() creates the
// sockets in the object's thread (call it there, e.g. with QMetaObject::invokeMethod). The
// configuration setters and the observation getters may be called from any thread. A
// ManualClock is not thread-safe: when the server runs in another thread, do not advance the
// clock while requests are in flight, and do not use Fault::Delay (it schedules on the clock).
class FakeBinanceRest : public QObject
{
    Q_OBJECT
public:
    explicit FakeBinanceRest(Candlewick::Clock *clock = Candlewick::Clock::system(),
                             QObject *parent = nullptr);
    ~FakeBinanceRest() override;

    enum class Dialect { Spot, UsdM };
    Q_ENUM(Dialect)
    // Switches the paths, weights and limits (and sets the weight limit to the dialect's
    // default: 6000 or 2400 per minute). Call before listen().
    void setDialect(Dialect dialect);
    Dialect dialect() const { return m_dialect.load(); }

    Q_INVOKABLE bool listen(quint16 port = 0); // 127.0.0.1 only
    QUrl baseUrl() const; // "http://127.0.0.1:<port>"
    Candlewick::Clock *clock() const { return m_clock; }
    quint16 port() const { return m_port.load(); }

    // Market: symbols with the time from which they have candles (the first candle is the
    // first open time >= listedFromMs). Defaults: none (tests add them).
    void addSymbol(const QString &symbol, const QString &base, const QString &quote,
                   qint64 listedFromMs, const QString &status = QStringLiteral("TRADING"));
    // Where the documentation is silent (USD-M klines), either behaviour: endTime exclusive
    // instead of inclusive, and the still-forming candle left out instead of served as the
    // last row. Both off by default (Spot's behaviour).
    void setEndTimeExclusive(bool on) { m_endExclusive = on; }
    void setFormingRowServed(bool on) { m_formingServed = on; }
    // USD-M: the contractType exchangeInfo gives the symbol (default PERPETUAL).
    void setContractType(const QString &symbol, const QString &contractType);
    // No candle opens in [from, to) for any symbol or interval.
    void addMaintenanceGap(Candlewick::TimeRange gap);

    // Ground truth. candleAt is the final candle at that open time (whether or not it is
    // listed/outside gaps); groundTruth is exactly the closed candles history returns for
    // [range.from, range.to) at the clock's current time (gaps and listing honoured).
    Candlewick::Candle candleAt(const QString &symbol, Candlewick::Interval interval,
                                qint64 openTime) const;
    Candlewick::CandleBatch groundTruth(const QString &symbol, Candlewick::Interval interval,
                                        Candlewick::TimeRange range) const;
    // The candle at openTime as klines serves it at nowMs (closed = false while forming).
    Candlewick::Candle candleAsOf(const QString &symbol, Candlewick::Interval interval,
                                  qint64 openTime, qint64 nowMs) const;

    // REQUEST_WEIGHT limit per fixed window aligned to the window length; also drives the
    // rateLimits entry of exchangeInfo and the X-MBX-USED-WEIGHT-<n><letter> header (plus
    // lowercase x-mbx-used-weight). Default 6000 per 1 'M' (minute). Letters S M H D.
    void setWeightLimit(int limit, int intervalNum, char intervalLetter);
    // Length of the 418 ban (default 120 s).
    void setBanDurationMs(qint64 ms);

    // Faults, applied to the next `count` /api/v3/klines (and uiKlines) requests that pass the
    // weight limiter. Injections queue up in order.
    //   Delay: a normal response, sent delayMs later on the clock.
    //   ServerError: 500 with {"code":-1000,...}.   Forbidden: 403 with an HTML body (WAF).
    //   DropMidBody: headers with the full Content-Length, half the body, then the connection
    //   closes. CloseUnanswered: the request is read, then the connection closes before a single
    //   byte of the answer (Qt's HTTP client resends such a request by itself). MalformedJson: 200 with a body that is not valid JSON. WrongShape: 200 with valid
    //   JSON whose rows have 11 fields and numbers for prices. Stall: the request is read and never
    //   answered; the connection stays open.
    enum class Fault {
        Delay,
        ServerError,
        DropMidBody,
        CloseUnanswered,
        MalformedJson,
        WrongShape,
        Forbidden,
        Stall
    };
    Q_ENUM(Fault)
    void injectFault(Fault fault, int count = 1, int delayMs = 0);
    void setLatencyMs(int ms); // added to every response (real time, for benches)

    // Observations.
    int requestCount() const; // all HTTP requests received
    int klinesRequestCount() const; // klines + uiKlines
    int rateLimitedCount() const; // 429s sent
    int bannedCount() const; // 418s sent
    QList<QUrlQuery> klinesQueries() const; // query of every klines request, in arrival order
    qint64 weightCharged() const; // total request weight of every request received
    int maxConcurrentRequests() const; // most requests open (received, unanswered) at once
    int usedWeight() const; // in the window containing the clock's now

signals:
    // A request was read and routed (counters and klinesQueries() already include it); its
    // response may still be pending (Delay, Stall, latency).
    void requestReceived(const QString &path);

private:
    struct Connection;
    struct Response;

    void handleNewConnection();
    void handleReadyRead(QTcpSocket *socket);
    void handleDisconnected(QTcpSocket *socket);
    void handleRequest(Connection *conn, const HttpRequest &request);
    Response route(const HttpRequest &request, qint64 nowMs);
    Response klines(const QUrlQuery &query, qint64 nowMs);
    Response exchangeInfo(const QUrlQuery &query, qint64 nowMs);
    void complete(QTcpSocket *socket, quint64 id, QByteArray head, QByteArray body, int end);
    void flush(Connection *conn);
    void requestDone();

    QByteArray apiPrefix() const; // "/api/v3" or "/fapi/v1"
    int weightOf(const QByteArray &path, const QUrlQuery &query) const; // -1: unknown path

    Candlewick::Clock *m_clock;
    std::atomic<Dialect> m_dialect{Dialect::Spot};
    std::atomic<bool> m_endExclusive{false};
    std::atomic<bool> m_formingServed{true};
    QTcpServer *m_server = nullptr;
    QHash<QTcpSocket *, std::shared_ptr<Connection>> m_connections;
    std::atomic<quint16> m_port{0};

    mutable QMutex m_mutex; // guards everything below
    std::unique_ptr<SyntheticMarket> m_market;
    std::unique_ptr<ServerWeightLimiter> m_limiter;
    struct PendingFault
    {
        Fault fault;
        int remaining;
        int delayMs;
    };
    QList<PendingFault> m_faults;
    QList<QUrlQuery> m_klinesQueries;
    QHash<QString, QString> m_contractTypes;
    qint64 m_weightCharged = 0;
    int m_latencyMs = 0;

    std::atomic<int> m_requestCount{0};
    std::atomic<int> m_klinesRequestCount{0};
    std::atomic<int> m_rateLimitedCount{0};
    std::atomic<int> m_bannedCount{0};
    std::atomic<int> m_openRequests{0};
    std::atomic<int> m_maxOpenRequests{0};
};

} // namespace Candlewick::Testing
