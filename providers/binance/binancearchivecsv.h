#pragma once

#include <candle.h>
#include <candlecodec.h>
#include <interval.h>
#include <timerange.h>

#include <QByteArray>
#include <QByteArrayView>
#include <QCoreApplication>
#include <QString>

#include <string_view>
#include <vector>

namespace Candlewick {

// Parses the CSV of one Binance archive file as it streams out of the zip: feed() takes any
// chunk and parses the complete lines, keeping the rest for the next call; finish() parses a
// last line without a newline. The 12 columns are a REST klines row's. Times are milliseconds
// or microseconds (spot files from 2025 on), told apart by magnitude on every row; a first line
// that does not start with a digit is a header (USD-M files) and is skipped. A decimal in its
// plain form ("16541.77000000") is read as an integer, its units at its decimals
// (CandleCodec::ExactValues, which the import encodes from without a double), and its double is
// made from those: the one std::from_chars gives, as KlinesParser reads them, so a candle
// equals what REST serves for it. Other forms (an exponent, more than 18 digits) are read by
// std::from_chars. A row of the form Binance writes is read first by a faster path (AVX2, else
// SSSE3, when the CPU has it) that gives the same values; any other row is read by the general
// one.
//
// A row that cannot be read (too few fields, not a number, a time outside 2009 .. 2200 or
// outside the file's range, not after the row before) fails the whole file: feed()/finish() return
// false with errorString() naming the line. A candle candleRejection() refuses is counted and
// dropped, like a REST row.
class BinanceArchiveCsv
{
    Q_DECLARE_TR_FUNCTIONS(Candlewick::BinanceArchiveCsv)
public:
    static constexpr qsizetype MinRowBytes = 100; // the fewest a row of Binance's usually takes

    // `keepExact` false: the candles' exact values are not kept (nothing for takeCandles() to
    // give), for a store that encodes the candles itself.
    BinanceArchiveCsv(Interval interval, TimeRange fileRange, bool keepExact = true);

    bool feed(QByteArrayView data);
    bool finish();

    // The candles parsed so far; take them whenever convenient. `exact`, when given, gets their
    // values as read, one per candle (for CandleCodec::encodeRows). The next candles are read
    // into `room` (emptied; the memory of a batch written before, so none is new).
    CandleBatch takeCandles(std::vector<CandleCodec::ExactValues> *exact = nullptr,
                            CandleBatch room = {});
    qsizetype pendingCandles() const { return m_candles.size(); }
    qint64 rows() const { return m_rows; }
    qint64 rejected() const { return m_rejected; }
    QString firstRejection() const { return m_firstRejection; }
    QString errorString() const { return m_error; }

private:
    // The chunk's complete lines, the rest carried to the next.
    bool parseLines(QByteArrayView data);
    // The line at `begin`, in the bytes up to `limit`: `newline` gets its end, nullptr (nothing
    // read) when the bytes end before it.
    bool parseLine(const char *begin, const char *limit, const char *&newline);
    // The row's 11 numbers read as integers (the decimals' units, their doubles made from
    // them) by the SSSE3 path or the plain decimals' (parseLine() tries the AVX2 path first):
    // the common case; false when a field is not of the plain form this reads.
    bool readExact(const char *begin, const char *end, const char *limit, Candle &c,
                   qint64 &closeTime, CandleCodec::ExactValues &x);
    // The row's 11 numbers, each read up to the comma after it; when a field is not one, false
    // with the error naming it (or too few fields).
    bool readFields(const char *begin, const char *end, Candle &c, qint64 &closeTime,
                    std::string_view &quoteVolume, std::string_view &takerBuyQuote);
    bool fail(const QString &why);

    Interval m_interval;
    TimeRange m_range;
    QByteArray m_carry; // an incomplete line from the previous chunk
    // The candles read, then (while feed() or finish() reads) places for the next rows.
    CandleBatch m_candles;
    qsizetype m_kept = 0; // the candles read
    bool m_keepExact;
    std::vector<CandleCodec::ExactValues> m_exact; // one per candle (when kept)
    qint64 m_line = 0;
    qint64 m_lastOpen = 0;
    qint64 m_rows = 0;
    qint64 m_rejected = 0;
    QString m_firstRejection;
    QString m_error;
};

} // namespace Candlewick
