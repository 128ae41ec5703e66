#pragma once

#include "candle.h"
#include "interval.h"

#include <QtGlobal>

#include <array>
#include <span>
#include <vector>

namespace Candlewick::CandleCodec {

// How the SQLite store (schema version 3 on) keeps one series' candles. The open time is a slot
// number (openTime = timeBase + slot * timeUnit, so a year of 1m slots fits three bytes); the
// values are integer units at the series' decimals (DecimalUnits), packed as variable-length
// integers: open, high/low/close relative to open, volume, quote volume relative to volume times
// the candle's mean price, trades, taker buy base, taker buy quote relative to it the same way.
// A series whose values fit no decimals (beyond 18, or too large) is stored raw: the doubles.
struct Encoding
{
    qint64 timeBase = 0;
    qint64 timeUnit = 0; // 0: not set (a series without candles)
    int priceDecimals = 0;
    int volumeDecimals = 0;
    int quoteDecimals = 0;
    bool raw = false;

    bool isSet() const { return timeUnit > 0; }
    friend bool operator==(const Encoding &, const Encoding &) = default;
};

// The longest encode() output.
constexpr int MaxBytes = 192;

// No value of `c` is a NaN or an infinity (the stores refuse those rather than store them;
// schema 1 and 2 stored them as NULL, which NOT NULL refused).
bool allFinite(const Candle &c);
// Whether `e` is set and `openTime` is on one of its slots.
bool onSlot(const Encoding &e, qint64 openTime);
// Whether `e` is set and holds `c` (its open time on a slot, its values at the decimals).
bool holds(const Encoding &e, const Candle &c);
// Widens `e` (setting it from the candle and the interval when not set; prices with at least
// `minPriceDecimals`) until it holds `c`. False when the open time is too far from the time base
// for any slot (the encoding is left as it was).
bool widen(Encoding &e, Interval interval, const Candle &c, int minPriceDecimals = 0);

qint64 slotOf(const Encoding &e, qint64 openTime);
qint64 openTimeOf(const Encoding &e, qint64 slot);
// The first slot whose open time is at or after t (saturating).
qint64 slotAtOrAfter(const Encoding &e, qint64 t);

// The eight values of `c` (open, high, low, close, volume, quote volume, taker buy base, taker
// buy quote) as integer units at the decimals of `e` (a quote value from the exact units the
// candle carries when it has them); false when `e` does not hold one of them. `raw` and the
// time slots are not looked at.
bool unitsOf(const Encoding &e, const Candle &c, std::array<qint64, 8> &out);

// The values of `c` into `out` (MaxBytes); the length, or -1 when `e` does not hold them (or is
// not set, or the open time is not on a slot).
int encode(const Encoding &e, const Candle &c, unsigned char *out);
// The values back into `c` (its open time and closed flag untouched); false when the bytes are
// not a valid encoding.
bool decode(const Encoding &e, const unsigned char *data, int size, Candle &c);

// A candle's eight values exactly as a producer read them from decimal texts (the archive's CSV):
// each one's integer units at its own decimals, trailing zeros dropped, so encoding them takes no
// double apart. Only where they say the same as the candle's doubles: each value's units have
// at most DoubleDigits significant digits, or (the quote values) as Candle::quoteVolumeE8 has
// them; `exact` is false for a candle read otherwise (its doubles count).
struct ExactValues
{
    // open, high, low, close, volume, quote volume, taker buy base, taker buy quote
    std::array<qint64, 8> units{};
    std::array<qint8, 8> decimals{};
    bool exact = false;
};

// The bytes encode() makes of `c` when `x` are its values read exactly, from the integers (no
// double converted); else encode().
int encodeExact(const Encoding &e, const Candle &c, const ExactValues &x, unsigned char *out);

// Candles encoded ahead of the store, on a producer's thread (an import's parser), so the
// store's writer only binds them: candle i's bytes are bytes[ends[i - 1] .. ends[i]) (from 0
// for the first) under `encoding`. Empty when the candles could not be encoded.
struct Rows
{
    Encoding encoding;
    std::vector<unsigned char> bytes;
    std::vector<int> ends;
    // Candle i's open time is the first one's plus i time units of `encoding` (a file's run of
    // slots without a gap): the writer takes every slot from the first candle's.
    bool consecutive = false;
    qint64 firstOpenTime = 0; // candle 0's

    bool isEmpty() const { return ends.empty(); }
    // The values of `e` the bytes depend on (the decimals and raw, not the time slots) are
    // the ones `encoding` has.
    bool encodedAs(const Encoding &e) const
    {
        return e.isSet() && encoding.priceDecimals == e.priceDecimals
            && encoding.volumeDecimals == e.volumeDecimals
            && encoding.quoteDecimals == e.quoteDecimals && encoding.raw == e.raw;
    }
};

// Encodes `candles` into `rows` under `e`, widening `e` first when some candle needs it (set
// from the first candle and `interval` when not set), so a producer that keeps `e` from batch
// to batch widens it rarely. False (rows empty, `e` as it was) when a candle fits no encoding
// (a value not finite, an open time too far from the others). `exact`, when not empty, has the
// candles' values as read (one per candle, encodeExact()).
bool encodeRows(Encoding &e, Interval interval, const CandleBatch &candles, Rows &rows,
                std::span<const ExactValues> exact = {});
// The candles of consecutive `rows` back (closed, their open times from the first one's), for a
// writer that cannot take the bytes as they are; false when they are not consecutive or a row
// is not a valid encoding.
bool decodeConsecutive(const Rows &rows, CandleBatch &candles);

} // namespace Candlewick::CandleCodec
