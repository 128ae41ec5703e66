#pragma once

#include "candle.h"
#include "clock.h"
#include "fakehttpserver.h"
#include "fakecoinbasemarket.h"
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

// A Coinbase Advanced Trade public REST server for tests and benches, on 127.0.0.1 only, in the
// thread that owns it: /api/v3/brokerage/time, /market/products and
// /market/products/{id}/candles (start, end in seconds, granularity names; objects with strings,
// newest first, no row for a bucket without trades; a request spanning the cap or more buckets is
// refused with 400 "number of candles requested should be less than N"). The candles are built
// from FakeCoinbaseMarket's trades, which the fake WebSocket streams. A declared limit (default
// 10 requests in any 1 s) answered with 429 (or 401, as Coinbase has done) and faults. "Now" comes
// from the clock given.
//
// Where the documentation is silent, either behaviour (one switch each): the cap 350 or 300;
// buckets without trades omitted or served (volume 0 at the previous close); newest first or
// oldest first; `end` inclusive or exclusive; the forming candle served or not.
class FakeCoinbaseRest : public FakeHttpServer
{
    Q_OBJECT
public:
    explicit FakeCoinbaseRest(Candlewick::Clock *clock = Candlewick::Clock::system(),
                              QObject *parent = nullptr);
    ~FakeCoinbaseRest() override;

    FakeCoinbaseMarket &market() { return m_market; }
    const FakeCoinbaseMarket &market() const { return m_market; }
    void addProduct(const QString &id, qint64 listedFromMs);

    void setCandleCap(int cap) { m_cap = cap; }
    void setEmptyBucketsServed(bool on) { m_emptyServed = on; }
    void setOldestFirst(bool on) { m_oldestFirst = on; }
    void setEndExclusive(bool on) { m_endExclusive = on; }
    void setFormingServed(bool on) { m_formingServed = on; }
    void setRequestLimit(int requests, qint64 windowMs);
    void setThrottleWith401(bool on) { m_throttle401 = on; }

    // Faults for the next `count` candles requests within the limit: HTTP 500; 429; 401; a body
    // that is not JSON.
    enum class Fault { ServerError, Throttle429, Throttle401, MalformedJson };
    void injectFault(Fault fault, int count = 1);

    // Ground truth: the closed candles the candles endpoint has for [range.from, range.to) at the
    // clock's now (buckets without trades left out).
    Candlewick::CandleBatch groundTruth(const QString &product, Candlewick::Interval interval,
                                        Candlewick::TimeRange range) const;

    int requestCount() const { return m_requestCount; }
    int candleRequestCount() const { return int(m_candleQueries.size()); }
    QList<QUrlQuery> candleQueries() const { return m_candleQueries; }
    int throttledCount() const { return m_throttledCount; } // 429s and 401s sent
    int refusedSpans() const { return m_refusedSpans; } // requests over the cap
    int maxRequestsInWindow() const { return m_maxInWindow; }

private:
    Response route(const HttpRequest &request, qint64 nowMs) override;
    Response candles(const QString &product, const QUrlQuery &query, qint64 nowMs);
    Response products() const;
    static Response error(int status, const QByteArray &code, const QString &details);

    FakeCoinbaseMarket m_market;

    int m_cap = 350;
    bool m_emptyServed = false;
    bool m_oldestFirst = false;
    bool m_endExclusive = false;
    bool m_formingServed = true;
    bool m_throttle401 = false;
    int m_limit = 10;
    qint64 m_windowMs = 1000;
    std::deque<qint64> m_arrivals;
    QList<QPair<Fault, int>> m_faults;

    int m_requestCount = 0;
    int m_throttledCount = 0;
    int m_refusedSpans = 0;
    int m_maxInWindow = 0;
    QList<QUrlQuery> m_candleQueries;
};

} // namespace Candlewick::Testing
