#pragma once

#include "httprequest.h"
#include "httpresponse.h"
#include "klinesquery.h"

#include <candle.h>
#include <serieskey.h>

#include <QElapsedTimer>
#include <QString>
#include <QUrlQuery>

#include <functional>
#include <optional>

namespace Candlewick {

class CandleStore;

// Binance Spot's public market-data REST API answered from the candle database: /api/v3/ping,
// /api/v3/time, /api/v3/exchangeInfo (the symbols of `exchange` that have stored candles, with
// rateLimits) and /api/v3/klines and /api/v3/uiKlines with Binance's parameters, limits,
// inclusivity and errors. "Now" comes from a function: the wall clock, or the replay clock, in
// which case no candle that closes after it is ever returned (a candle closing exactly at it
// is). With forming candles on, the stored partial candle of a series is the last row when the
// range reaches now, as Binance includes the still-open candle.
class BinanceRestApi
{
public:
    BinanceRestApi(const CandleStore *store, QString exchange, std::function<qint64()> now);

    void setIncludeForming(bool on) { m_includeForming = on; }

    // The answer for an /api/v3/ request; nothing when the path is not one of this API's.
    std::optional<HttpResponse> handle(const HttpRequest &request);

    // The candles klines returns for a checked query (before any error other than the symbol's
    // and the interval's).
    CandleBatch select(const SeriesKey &key, const KlinesQuery &query) const;

    // Read-ahead for paging clients: after a full page from startTime, the next page (startTime
    // = the last open time + 1, the rest the same) is prepared by readAhead() while the client
    // reads this one, and used if it is asked for within a second with the range's end (endTime,
    // or now) unchanged. The server calls readAhead() from its event loop, after the answer has
    // gone out.
    bool readAheadPending() const { return m_readAhead && m_readAhead->body.isNull(); }
    void readAhead();
    // Pages answered from the read-ahead.
    qint64 readAheadHits() const { return m_readAheadHits; }

private:
    struct ReadAhead
    {
        SeriesKey key;
        KlinesQuery query;
        qint64 end = 0; // the selection's end when it was read
        QByteArray body;
        qint64 lastOpen = 0;
        QElapsedTimer age;
    };

    HttpResponse klines(const QUrlQuery &query);
    // Where the selection of a query on key ends now: min(endTime + 1, the forming candle).
    qint64 selectionEnd(const SeriesKey &key, const KlinesQuery &query) const;
    // The same from a reading of the clock already made: the open time the closed rows end before.
    static qint64 selectionEnd(const KlinesQuery &query, qint64 closedBefore);
    // The next page after a full one ending at lastOpen, for readAhead().
    void expectNextPage(const SeriesKey &key, const KlinesQuery &query, qint64 lastOpen);
    HttpResponse exchangeInfo(const QUrlQuery &query) const;
    // Closed candles of key with open time in [from, to), the newest `limit` of them.
    CandleBatch newest(const SeriesKey &key, qint64 from, qint64 to, int limit) const;
    // The symbols of m_exchange with stored candles; listing them counts every series, so the
    // list is kept and read again at most once a second (and only when a symbol is missing).
    const QStringList &storedSymbols(const QString &wanted = {}) const;
    void chargeWeight(int weight, HttpResponse &response);

    const CandleStore *m_store;
    QString m_exchange;
    std::function<qint64()> m_now;
    bool m_includeForming = true;
    mutable QStringList m_symbols;
    mutable QElapsedTimer m_symbolsAge;
    std::optional<ReadAhead> m_readAhead;
    qint64 m_readAheadHits = 0;
    qint64 m_weightWindow = 0;
    int m_usedWeight = 0;
};

} // namespace Candlewick
