#pragma once

#include "candle.h"
#include "clock.h"
#include "fakehttpserver.h"
#include "interval.h"
#include "timerange.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QUrl>
#include <QUrlQuery>

#include <memory>

namespace Candlewick::Testing {

class SyntheticMarket;

// An OKX v5-compatible REST server for tests and benches, listening on 127.0.0.1 only:
// /api/v5/market/candles (only the latest 1440 rows, 40 requests per 2 s), /api/v5/market/
// history-candles (all rows, `1s` too, 20 per 2 s), /api/v5/public/instruments (SPOT, SWAP;
// 20 per 2 s), /api/v5/public/time. Rows are strings [ts,o,h,l,c,vol,volCcy,volCcyQuote,confirm],
// newest first; `after` / `before` are exclusive; `limit` at most 300 (default 100); the first row
// is the forming candle (confirm "0"). Bars: 1s 1m 3m 5m 15m 30m 1H 2H 4H, the Hong Kong-aligned
// 6H 12H 1D 3D 1W 1M (open at 16:00 UTC) and the UTC-aligned 6Hutc … 1Mutc. Errors in the
// {"code","msg","data"} envelope: 51001 (unknown instId, HTTP 200), 51000 "Parameter bar error"
// (HTTP 400), 50011 throttling (HTTP 429, or 200 with setThrottleStatus(200)). The limits are
// counted per endpoint over any 2 s span (a sliding window, the strict reading).
// "Now" always comes from the clock given to the constructor; answers go out at once unless a
// latency is set. Not thread-safe: configure before moving it to its thread, read the counters
// once the clients are done.
class FakeOkxRest : public FakeHttpServer
{
    Q_OBJECT
public:
    explicit FakeOkxRest(Candlewick::Clock *clock = Candlewick::Clock::system(),
                         QObject *parent = nullptr);
    ~FakeOkxRest() override;

    // instType "SPOT" (BTC-USDT) or "SWAP" (BTC-USDT-SWAP); candles from listedFromMs on.
    void addInstrument(const QString &instId, const QString &instType, qint64 listedFromMs,
                       const QString &state = QStringLiteral("live"));
    void addMaintenanceGap(Candlewick::TimeRange gap);

    // Where the documentation is silent, either behaviour: history-candles serving at most 100
    // rows per page (instead of 300), and past no-trade buckets omitted (instead of served with
    // volume 0 and o=h=l=c=previous close).
    void setHistoryPageCap(int rows) { m_historyCap = rows; }
    void setQuietBucketsOmitted(bool on) { m_omitQuiet = on; }
    // The HTTP status of a 50011 throttle answer: 429 (default) or 200.
    void setThrottleStatus(int status) { m_throttleStatus = status; }
    // Per-endpoint limit per 2 s (path -> limit); 0 turns the limit off.
    void setLimit(const QString &path, int limit) { m_limits[path] = limit; }
    // Added to every response (real time, for benches).
    // The next `count` candle requests answer 503 {"code":"50001"}.
    void injectServerErrors(int count) { m_serverErrors = count; }

    // The closed candles history serves for [range.from, range.to) at the clock's now (UTC
    // boundaries; quiet buckets left out when they are omitted).
    Candlewick::CandleBatch groundTruth(const QString &instId, Candlewick::Interval interval,
                                        Candlewick::TimeRange range) const;
    // The candle at openTime as it looks at nowMs (closed = false while forming).
    Candlewick::Candle candleAsOf(const QString &instId, Candlewick::Interval interval,
                                  qint64 openTime, qint64 nowMs) const;

    int requestCount() const { return m_requests; }
    int candleRequestCount() const; // candles + history-candles
    int rateLimitedCount() const { return m_throttled; }
    // Query of every candles / history-candles request, with its path, in arrival order.
    QList<QPair<QString, QUrlQuery>> candleQueries() const { return m_candleQueries; }
    int instrumentRequestCount() const { return m_instrumentRequests; }

private:
    struct Instrument
    {
        QString instId;
        QString instType;
        QString state;
    };

    Response route(const HttpRequest &request, qint64 nowMs) override;
    Response candles(const QString &path, const QUrlQuery &query, qint64 nowMs);
    Response instruments(const QUrlQuery &query);
    bool throttled(const QString &path, qint64 nowMs);
    static QByteArray envelope(const QString &code, const QString &msg, const QByteArray &data);

    std::unique_ptr<SyntheticMarket> m_market;
    QList<Instrument> m_instruments;
    QHash<QString, int> m_limits;
    QHash<QString, QList<qint64>> m_arrivals; // per path, inside the last 2 s
    QList<QPair<QString, QUrlQuery>> m_candleQueries;
    int m_historyCap = 300;
    bool m_omitQuiet = false;
    int m_throttleStatus = 429;
    int m_serverErrors = 0;
    int m_requests = 0;
    int m_throttled = 0;
    int m_instrumentRequests = 0;
};

} // namespace Candlewick::Testing
