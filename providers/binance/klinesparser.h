#pragma once

#include <candle.h>

#include <QByteArrayView>
#include <QCoreApplication>
#include <QList>
#include <QString>

#include <memory>

namespace Candlewick {

// Parses a Binance /api/v3/klines body (an array of 12-field rows) into candles, fast: simdjson
// on-demand and std::from_chars, no QJsonDocument and no QString per field. One parser keeps its
// buffers between calls, so reuse it for every page of a download.
//
// Accepted row: [openTime(int), open, high, low, close, volume (strings, or numbers),
// closeTime(int), quoteVolume, trades(int), takerBuyBase, takerBuyQuote, ignored...]. Fewer than
// 12 fields, a wrong type, an unparsable or out-of-range number, an open or close time outside
// 2009 .. 2200 (isPlausibleTime()), truncated or trailing data make the whole body invalid: a page
// is all or nothing. Candles come back with closed = true; the caller compares closeTimes() with
// the clock. OHLC relations are not checked here (candleRejection() does that).
class KlinesParser
{
    Q_DECLARE_TR_FUNCTIONS(Candlewick::KlinesParser)
public:
    KlinesParser();
    ~KlinesParser();
    KlinesParser(const KlinesParser &) = delete;
    KlinesParser &operator=(const KlinesParser &) = delete;

    // Replaces candles() and closeTimes(). Returns false and sets errorString() on bad input.
    bool parse(QByteArrayView json);

    const CandleBatch &candles() const { return m_candles; }
    CandleBatch takeCandles() { return std::exchange(m_candles, {}); }
    // closeTimes()[i] is the close time field of candles()[i].
    const QList<qint64> &closeTimes() const { return m_closeTimes; }
    QString errorString() const { return m_error; }

private:
    struct Impl;
    std::unique_ptr<Impl> d;
    CandleBatch m_candles;
    QList<qint64> m_closeTimes;
    QString m_error;
};

} // namespace Candlewick
