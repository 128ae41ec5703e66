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

#include <deque>
#include <memory>

namespace Candlewick::Testing {

class SyntheticMarket;

// A Bybit v5 REST server for tests and benches, listening on 127.0.0.1 only, in the thread that
// owns it: /v5/market/time, /v5/market/instruments-info (spot in one page, linear paged with
// limit and cursor) and /v5/market/kline (category, symbol, interval, start, end, limit; rows of
// strings, newest first, the forming candle first), the retCode/retMsg envelope, the per-IP
// limit (default 600 requests in any 5 s) answered with HTTP 403 and a ban (default 10 min)
// during which every request gets 403, and faults. "Now" comes from the clock given.
//
// Where the documentation is silent, either behaviour (one switch each): `end` exclusive instead
// of inclusive; the forming candle left out; no-trade buckets omitted instead of served with
// volume 0; the oldest `limit` rows of a range instead of the newest; the 403 body as a JSON
// envelope instead of text.
class FakeBybitRest : public FakeHttpServer
{
    Q_OBJECT
public:
    explicit FakeBybitRest(Candlewick::Clock *clock = Candlewick::Clock::system(),
                           QObject *parent = nullptr);
    ~FakeBybitRest() override;

    // A market in one category ("spot" or "linear"); the same symbol may be listed in both.
    void addSymbol(const QString &category, const QString &symbol, const QString &base,
                   const QString &quote, qint64 listedFromMs,
                   const QString &status = QStringLiteral("Trading"),
                   const QString &contractType = QStringLiteral("LinearPerpetual"));
    void addMaintenanceGap(Candlewick::TimeRange gap);

    void setEndExclusive(bool on) { m_endExclusive = on; }
    void setFormingRowServed(bool on) { m_formingServed = on; }
    void setQuietBucketsOmitted(bool on) { m_quietOmitted = on; }
    void setOldestRowsFirst(bool on) { m_oldestRows = on; }
    void setBanBodyJson(bool on) { m_banBodyJson = on; }
    void setRequestLimit(int requests, qint64 windowMs);
    void setBanDurationMs(qint64 ms) { m_banMs = ms; }
    void setInstrumentsPageSize(int size) { m_pageSize = std::max(1, size); }

    // Faults for the next `count` kline requests within the limit: HTTP 500; HTTP 429; HTTP 200
    // with retCode 10006 ("Too many visits!") or 10016 (server error); a body that is not JSON.
    enum class Fault { ServerError, Throttle429, TooManyVisits, SystemError, MalformedJson };
    void injectFault(Fault fault, int count = 1);

    // Ground truth: the closed candles kline serves for [range.from, range.to) at the clock's
    // now, with the fields Bybit has (no trades or taker volumes).
    Candlewick::CandleBatch groundTruth(const QString &symbol, Candlewick::Interval interval,
                                        Candlewick::TimeRange range) const;
    // The candle at openTime as kline serves it at nowMs (closed = false while forming).
    Candlewick::Candle candleAsOf(const QString &symbol, Candlewick::Interval interval,
                                  qint64 openTime, qint64 nowMs) const;

    int requestCount() const { return m_requestCount; }
    int klineRequestCount() const { return m_klineQueries.size(); }
    QList<QUrlQuery> klineQueries() const { return m_klineQueries; }
    int bannedCount() const { return m_bannedCount; } // 403s sent
    int throttledCount() const { return m_throttledCount; } // 429s and retCode 10006 sent
    // The most requests that arrived within one limit window.
    int maxRequestsInWindow() const { return m_maxInWindow; }

private:
    Response route(const HttpRequest &request, qint64 nowMs) override;
    Response kline(const QUrlQuery &query, qint64 nowMs);
    Response instruments(const QUrlQuery &query, qint64 nowMs);
    Candlewick::Candle bybitCandle(const QString &symbol, Candlewick::Interval interval,
                                   qint64 openTime, qint64 nowMs) const;
    static Response envelope(int retCode, const QString &retMsg, const QByteArray &result,
                             qint64 nowMs);

    std::unique_ptr<SyntheticMarket> m_market;
    QHash<QString, QStringList> m_categories; // symbol -> categories
    QHash<QString, QString> m_contractTypes; // symbol -> linear contract type

    bool m_endExclusive = false;
    bool m_formingServed = true;
    bool m_quietOmitted = false;
    bool m_oldestRows = false;
    bool m_banBodyJson = false;
    int m_limit = 600;
    qint64 m_windowMs = 5000;
    qint64 m_banMs = 10 * 60 * 1000;
    qint64 m_bannedUntil = 0;
    int m_pageSize = 500;
    std::deque<qint64> m_arrivals;
    QList<QPair<Fault, int>> m_faults;

    int m_requestCount = 0;
    int m_bannedCount = 0;
    int m_throttledCount = 0;
    int m_maxInWindow = 0;
    QList<QUrlQuery> m_klineQueries;
};

} // namespace Candlewick::Testing
