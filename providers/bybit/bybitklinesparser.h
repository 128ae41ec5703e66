#pragma once

#include <candle.h>

#include <QByteArrayView>
#include <QCoreApplication>
#include <QString>

#include <memory>

namespace Candlewick {

// Parses the rows of a Bybit /v5/market/kline body fast: simdjson on-demand and std::from_chars,
// no QJsonDocument and no QString per field. One parser keeps its buffers between calls, so reuse
// it for every page of a download.
//
// Accepted: {"retCode":0,...,"result":{...,"list":[[start, open, high, low, close, volume,
// turnover], ...]}} with every field a string of a number, the rows strictly newest first (as
// Bybit sends them); fields after the seventh are ignored. Anything else (fewer fields, a bare
// number, an unparsable value, a start outside 2009 .. 2200, rows out of order, truncated or
// trailing data) makes the whole body invalid: a page is all or nothing. Candles come back in
// ascending open time with closed = true; the caller compares their close with the clock.
class BybitKlinesParser
{
    Q_DECLARE_TR_FUNCTIONS(Candlewick::BybitKlinesParser)
public:
    BybitKlinesParser();
    ~BybitKlinesParser();
    BybitKlinesParser(const BybitKlinesParser &) = delete;
    BybitKlinesParser &operator=(const BybitKlinesParser &) = delete;

    // Replaces candles(). Returns false and sets errorString() on bad input.
    bool parse(QByteArrayView body);

    const CandleBatch &candles() const { return m_candles; }
    CandleBatch takeCandles() { return std::exchange(m_candles, {}); }
    QString errorString() const { return m_error; }

private:
    struct Impl;
    std::unique_ptr<Impl> d;
    CandleBatch m_candles;
    QString m_error;
};

} // namespace Candlewick
