#include "binancearchivecsv.h"

#include <candlevalidation.h>
#include <decimalunits.h>

#include <array>
#include <bit>
#include <charconv>
#include <cstring>

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#endif

namespace Candlewick {

namespace {

constexpr int ArchiveCsvFields = 12;
// The candles the parser makes at once for the next rows to be read into.
constexpr qsizetype PlacesAtOnce = 256;
// Millisecond times stay below 10^13 until 2286; microsecond times of 2009 on are above 10^15.
constexpr qint64 MicrosecondTimeFloor = 100'000'000'000'000; // 10^14

qint64 toMilliseconds(qint64 t)
{
    return t >= MicrosecondTimeFloor ? t / 1000 : t;
}

// Up to this many significant digits a decimal and its nearest double say the same.
constexpr quint64 ExactDigitsLimit = quint64(DecimalUnits::pow10(DecimalUnits::DoubleDigits));
// The most digits read as an integer (10^18 - 1 fits a qint64).
constexpr int MaxDigits = 18;

// Eight characters read as one 64-bit word, the first in the lowest byte ('0' in every byte:
// AsciiZeros).
constexpr quint64 AsciiZeros = 0x3030303030303030;

quint64 loadEight(const char *p)
{
    quint64 word = 0;
    std::memcpy(&word, p, 8);
    return word;
}

// How many of the eight characters in `word`, from the first, are digits.
int leadingDigitCount(quint64 word)
{
    // A digit byte has the high nibble 3, and still has it with 6 added (':' .. '?' do not):
    // a byte other than 0 in either test is not a digit. (A carry out of a byte of 0xFA or more
    // only changes bytes after that one, which is not a digit either.)
    constexpr quint64 HighNibbles = 0xF0F0F0F0F0F0F0F0;
    const quint64 other = ((word & HighNibbles) ^ AsciiZeros)
        | (((word + 0x0606060606060606) & HighNibbles) ^ AsciiZeros);
    return other == 0 ? 8 : __builtin_ctzll(other) / 8;
}

// The number the first `count` (1 .. 8) digits of `word` make.
quint64 digitsValue(quint64 word, int count)
{
    // The digits moved to the top (the bytes below them become leading zeros, which change
    // nothing), then neighbours combined: 10a + b in each 16 bits, 100ab + cd in each 32,
    // 10000abcd + efgh in the 64.
    quint64 v = (word - AsciiZeros) << (8 * (8 - count));
    v = (v * 10 + (v >> 8)) & 0x00FF00FF00FF00FF;
    v = (v * 100 + (v >> 16)) & 0x0000FFFF0000FFFF;
    return (v * 10000 + (v >> 32)) & 0x00000000FFFFFFFF;
}

// The digits at p, up to the first other character (then there): their value and how many
// there are. False when there are more than MaxDigits.
bool readDigits(const char *&p, const char *end, quint64 &value, int &count)
{
    quint64 v = 0;
    int n = 0;
    while (end - p >= 8) {
        const int k = leadingDigitCount(loadEight(p));
        if (k == 0)
            break;
        if (n + k > MaxDigits)
            return false;
        v = v * quint64(DecimalUnits::pow10(k)) + digitsValue(loadEight(p), k);
        n += k;
        p += k;
        if (k < 8) {
            value = v;
            count = n;
            return true;
        }
    }
    for (; p < end && unsigned(*p - '0') < 10; ++p) {
        if (++n > MaxDigits)
            return false;
        v = v * 10 + unsigned(*p - '0');
    }
    value = v;
    count = n;
    return true;
}

// A decimal number in the plain form std::from_chars reads ("-"? digits ("." digits)?, a digit
// at least), up to the comma after it (then past it): its magnitude in units of 10^-decimals,
// trailing zeros dropped. False for any other text, or more than MaxDigits digits (from_chars
// reads those).
bool readPlainDecimal(const char *&p, const char *end, quint64 &magnitude, int &decimals,
                      bool &negative)
{
    const char *q = p;
    negative = q < end && *q == '-';
    if (negative)
        ++q;
    quint64 m = 0;
    int count = 0;
    if (end - q >= 8 && (count = leadingDigitCount(loadEight(q))) < 8) {
        // Up to seven digits before the point (the usual case), at once.
        m = count == 0 ? 0 : digitsValue(loadEight(q), count);
        q += count;
    } else if (!readDigits(q, end, m, count)) {
        return false;
    }
    int d = 0;
    if (q < end && *q == '.') {
        ++q;
        quint64 fraction = 0;
        int fractionDigits = 0;
        if (end - q > 8 && leadingDigitCount(loadEight(q)) == 8 && unsigned(q[8] - '0') >= 10) {
            // Eight decimals (Binance writes eight) in one word: the trailing zeros are its
            // highest bytes that are 0.
            const quint64 digits = loadEight(q) - AsciiZeros;
            fractionDigits = 8;
            d = digits == 0 ? 0 : 8 - __builtin_clzll(digits) / 8;
            fraction = d == 0 ? 0 : digitsValue(loadEight(q), d);
            q += 8;
        } else {
            if (!readDigits(q, end, fraction, fractionDigits))
                return false;
            d = fractionDigits;
            while (d > 0 && fraction % 10 == 0) {
                fraction /= 10;
                --d;
            }
        }
        if (count + fractionDigits > MaxDigits)
            return false;
        m = m * quint64(DecimalUnits::pow10(d)) + fraction;
        count += fractionDigits;
    }
    if (count == 0 || q == end || *q != ',')
        return false;
    p = q + 1;
    magnitude = m;
    decimals = d;
    return true;
}

#if defined(__x86_64__) || defined(__i386__)

// The usual row (Binance's: times of 13 or 16 digits, decimals of 1 .. 7 digits, a point and 8
// decimals), each field in one 16-byte load with SSSE3: its bytes classified at once, its digits
// moved into place by one shuffle and combined pairwise by multiply-adds, so no instruction
// per digit and one branch per field. Used when the CPU has SSSE3 (checked at run time).

// The shuffle that moves a number's `n` digits before the point and `d` after it (n + d <= 16,
// the point skipped) to the top of 16 bytes, the first highest (0x80: a zero byte below them).
struct DigitShuffles
{
    alignas(16) unsigned char bytes[17][9][16];
};
constexpr DigitShuffles makeDigitShuffles()
{
    DigitShuffles s{};
    for (int n = 0; n <= 16; ++n) {
        for (int d = 0; d <= 8; ++d) {
            const int total = n + d;
            for (int lane = 0; lane < 16; ++lane) {
                const int k = lane - (16 - total); // the digit this lane gets
                unsigned char from = 0x80;
                if (total <= 16 && k >= 0)
                    from = static_cast<unsigned char>(k < n ? k : k + 1);
                s.bytes[n][d][lane] = from;
            }
        }
    }
    return s;
}
constexpr DigitShuffles Shuffles = makeDigitShuffles();

// The number of the `n` + `d` digits in `digitValues` (the 16 bytes less '0').
__attribute__((target("ssse3"), always_inline)) inline quint64
shuffledDigitsValue(__m128i digitValues, int n, int d)
{
    const __m128i shuffle = _mm_load_si128(reinterpret_cast<const __m128i *>(Shuffles.bytes[n][d]));
    const __m128i digits = _mm_shuffle_epi8(digitValues, shuffle);
    const __m128i pairs = _mm_maddubs_epi16(
        digits, _mm_setr_epi8(10, 1, 10, 1, 10, 1, 10, 1, 10, 1, 10, 1, 10, 1, 10, 1));
    const __m128i fours = _mm_madd_epi16(pairs, _mm_setr_epi16(100, 1, 100, 1, 100, 1, 100, 1));
    const __m128i eights = _mm_madd_epi16(_mm_packs_epi32(fours, fours),
                                          _mm_setr_epi16(10000, 1, 10000, 1, 10000, 1, 10000, 1));
    const auto high = quint64(quint32(_mm_cvtsi128_si32(eights)));
    const auto low = quint64(quint32(_mm_cvtsi128_si32(_mm_srli_si128(eights, 4))));
    return high * 100'000'000 + low;
}

// The 16 bytes at p less '0', and a bit per byte that is a digit.
__attribute__((target("ssse3"), always_inline)) inline __m128i loadDigits(const char *p,
                                                                          unsigned &digitBits)
{
    const __m128i values
        = _mm_sub_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i *>(p)), _mm_set1_epi8('0'));
    digitBits = unsigned(
        _mm_movemask_epi8(_mm_cmpeq_epi8(_mm_min_epu8(values, _mm_set1_epi8(9)), values)));
    return values;
}

// An integer of `minDigits` .. `maxDigits` digits (16 at most) up to the comma after it (then
// past it); `limit`: the end of what may be read.
__attribute__((target("ssse3"), always_inline)) inline bool
readUsualInteger(const char *&p, const char *end, const char *limit, int minDigits, int maxDigits,
                 qint64 &out)
{
    if (limit - p < 16)
        return false;
    unsigned digitBits = 0;
    const __m128i values = loadDigits(p, digitBits);
    const int n = std::countr_one(digitBits);
    if (!((n >= minDigits) & (n <= maxDigits) & (n < end - p) && p[n] == ','))
        return false;
    out = qint64(shuffledDigitsValue(values, n, 0));
    p += n + 1;
    return true;
}

// The digits of the usual times (ms: 13, µs: 16; from 9) and counts (up to 15).
constexpr int UsualTimeMinDigits = 9;
constexpr int UsualTimeMaxDigits = 16;
constexpr int UsualCountMaxDigits = 15;

// A decimal of 1 .. 7 digits, a point and 8 decimals ("16541.77000000") up to the comma after
// it (then past it): its units at `decimals`, trailing zeros dropped (as readPlainDecimal).
__attribute__((target("ssse3"), always_inline)) inline bool
readUsualDecimal(const char *&p, const char *end, const char *limit, quint64 &units, int &decimals)
{
    if (limit - p < 16)
        return false;
    unsigned digitBits = 0;
    const __m128i values = loadDigits(p, digitBits);
    const int n = std::countr_one(digitBits);
    if (!((n > 0) & (n < 8) & (((digitBits >> (n + 1)) & 0xFF) == 0xFF) & (n + 9 < end - p)
          && (p[n] == '.') & (p[n + 9] == ',')))
        return false;
    // The decimals up to the last that is not 0.
    const unsigned nonZero
        = ~unsigned(_mm_movemask_epi8(_mm_cmpeq_epi8(values, _mm_setzero_si128())));
    const int d = std::bit_width((nonZero >> (n + 1)) & 0xFF);
    units = shuffledDigitsValue(values, n, d);
    decimals = d;
    p += n + 10;
    return true;
}

// A usual row's 8 decimals, read as units at their decimals, into the candle's doubles (fewer
// than 15 digits: exact, no quote units needed) and its exact values.
inline void setUsualValues(const std::array<quint64, 8> &units, const std::array<int, 8> &decimals,
                           Candle &c, CandleCodec::ExactValues &x)
{
    double *const values[8] = {&c.open,   &c.high,        &c.low,          &c.close,
                               &c.volume, &c.quoteVolume, &c.takerBuyBase, &c.takerBuyQuote};
    for (size_t i = 0; i < units.size(); ++i) {
        *values[i] = DecimalUnits::toDouble(qint64(units[i]), decimals[i]);
        x.units[i] = qint64(units[i]);
        x.decimals[i] = qint8(decimals[i]);
    }
    x.exact = true;
}

// The usual row: its 11 numbers read by the readers above, its values set by setUsualValues().
// False when a field is not of the usual form (`c` then partly written).
__attribute__((target("ssse3"))) bool readUsualRow(const char *p, const char *end,
                                                   const char *limit, Candle &c, qint64 &closeTime,
                                                   CandleCodec::ExactValues &x)
{
    std::array<quint64, 8> units;
    std::array<int, 8> decimals;
    if (!(readUsualInteger(p, end, limit, UsualTimeMinDigits, UsualTimeMaxDigits, c.openTime)
          && readUsualDecimal(p, end, limit, units[0], decimals[0])
          && readUsualDecimal(p, end, limit, units[1], decimals[1])
          && readUsualDecimal(p, end, limit, units[2], decimals[2])
          && readUsualDecimal(p, end, limit, units[3], decimals[3])
          && readUsualDecimal(p, end, limit, units[4], decimals[4])
          && readUsualInteger(p, end, limit, UsualTimeMinDigits, UsualTimeMaxDigits, closeTime)
          && readUsualDecimal(p, end, limit, units[5], decimals[5])
          && readUsualInteger(p, end, limit, 1, UsualCountMaxDigits, c.trades)
          && readUsualDecimal(p, end, limit, units[6], decimals[6])
          && readUsualDecimal(p, end, limit, units[7], decimals[7])))
        return false;
    setUsualValues(units, decimals, c, x);
    return true;
}

const bool HasSsse3 = [] {
    __builtin_cpu_init();
    return __builtin_cpu_supports("ssse3") != 0;
}();

#if defined(__x86_64__) // the 64-bit bit-mask instructions

// The usual row again, with AVX2 (and BMI1/2, POPCNT; checked at run time): its first RowWindow
// bytes classified in six loads, the 11 fields found from the commas' bits (so no field's read
// waits for the one before it), the row checked at once, then the fields read two at a time, one in
// each 128-bit lane, with the shuffles above.
constexpr int RowWindow = 192; // the usual row's 11 fields take at most 186 bytes
constexpr int RowFields = 11;
// The characters in a usual row's 11 fields that are not digits: its 11 commas and the points
// of its 8 decimals.
constexpr int RowNonDigits = RowFields + 8;

// Two fields' numbers, at `a` (`na` digits, then with `DecimalA` a point and 8 decimals) and at
// `b` (the same): their units, decimals as readUsualDecimal gives them.
template<bool DecimalA, bool DecimalB>
__attribute__((target("avx2,bmi,bmi2,popcnt"), always_inline)) inline void
readFieldPair(const char *a, int na, const char *b, int nb, quint64 &unitsA, int &decimalsA,
              quint64 &unitsB, int &decimalsB)
{
    const __m256i values
        = _mm256_sub_epi8(_mm256_loadu2_m128i(reinterpret_cast<const __m128i_u *>(b),
                                              reinterpret_cast<const __m128i_u *>(a)),
                          _mm256_set1_epi8('0'));
    // The decimals up to the last that is not 0 (each lane's 16 bits).
    const unsigned nonZero
        = ~unsigned(_mm256_movemask_epi8(_mm256_cmpeq_epi8(values, _mm256_setzero_si256())));
    decimalsA = DecimalA ? std::bit_width((nonZero >> (na + 1)) & 0xFF) : 0;
    decimalsB = DecimalB ? std::bit_width((nonZero >> (16 + nb + 1)) & 0xFF) : 0;
    const __m256i shuffle
        = _mm256_loadu2_m128i(reinterpret_cast<const __m128i_u *>(Shuffles.bytes[nb][decimalsB]),
                              reinterpret_cast<const __m128i_u *>(Shuffles.bytes[na][decimalsA]));
    const __m256i digits = _mm256_shuffle_epi8(values, shuffle);
    const __m256i pairs = _mm256_maddubs_epi16(digits, _mm256_set1_epi16(0x010A));
    const __m256i fours = _mm256_madd_epi16(pairs, _mm256_set1_epi32(0x00010064));
    const __m256i eights
        = _mm256_madd_epi16(_mm256_packs_epi32(fours, fours), _mm256_set1_epi32(0x00012710));
    // Each lane: the first eight digits' number, then the last eight's.
    const auto laneA = quint64(_mm_cvtsi128_si64(_mm256_castsi256_si128(eights)));
    const auto laneB = quint64(_mm_cvtsi128_si64(_mm256_extracti128_si256(eights, 1)));
    unitsA = (laneA & 0xFFFFFFFF) * 100'000'000 + (laneA >> 32);
    unitsB = (laneB & 0xFFFFFFFF) * 100'000'000 + (laneB >> 32);
}

// The offsets of the commas in `bits` (64 bytes from `base`) after the `found` ones in `at`:
// the first Take whatever they are. False when a row's 11th comma can be missed (more
// commas than Take, not 11 with them).
template<int Take>
__attribute__((target("avx2,bmi,bmi2,popcnt"), always_inline)) inline bool
takeCommaOffsets(quint64 bits, int base, int *at, int &found)
{
    const int count = std::popcount(bits);
    for (int i = 0; i < Take; ++i) {
        at[found + i] = base + int(_tzcnt_u64(bits));
        bits = _blsr_u64(bits);
    }
    found += qMin(count, Take);
    return count <= Take || found >= RowFields;
}

// Read before the line's end is known (the row checked up to its 11th comma holds none);
// `fieldsEnd`: past that comma, where the end is to be looked for (left as it is when false);
// `limit`: the end of the bytes that may be read.
__attribute__((target("avx2,bmi,bmi2,popcnt"))) bool
readUsualRowAvx2(const char *p, const char *limit, Candle &c, qint64 &closeTime,
                 CandleCodec::ExactValues &x, const char *&fieldsEnd)
{
    // The window, and the 16 bytes a field's read takes from its start.
    if (limit - p < RowWindow + 16)
        return false;
    quint64 commas[3];
    quint64 nonDigits[3];
    for (int w = 0; w < 3; ++w) {
        quint64 comma = 0;
        quint64 digit = 0;
        for (int half = 0; half < 2; ++half) {
            const __m256i bytes
                = _mm256_loadu_si256(reinterpret_cast<const __m256i *>(p + 64 * w + 32 * half));
            const __m256i values = _mm256_sub_epi8(bytes, _mm256_set1_epi8('0'));
            const auto isComma
                = quint32(_mm256_movemask_epi8(_mm256_cmpeq_epi8(bytes, _mm256_set1_epi8(','))));
            const auto isDigit = quint32(_mm256_movemask_epi8(
                _mm256_cmpeq_epi8(_mm256_min_epu8(values, _mm256_set1_epi8(9)), values)));
            comma |= quint64(isComma) << (32 * half);
            digit |= quint64(isDigit) << (32 * half);
        }
        commas[w] = comma;
        nonDigits[w] = ~digit;
    }
    // The commas' offsets in order, the first 8, 8 and 4 of each 64 bytes: a usual row's fields
    // take 17 bytes or fewer, so it has 7 commas or fewer in any 64 bytes and 7 or more in the
    // first 128.
    int at[8 + 8 + 8];
    int found = 0;
    const bool usual = takeCommaOffsets<8>(commas[0], 0, at, found)
        && takeCommaOffsets<8>(commas[1], 64, at, found)
        && takeCommaOffsets<4>(commas[2], 128, at, found);
    if (!usual || found < RowFields)
        return false;
    const int last = at[RowFields - 1];
    // Every character up to the 11th comma a digit but the commas and the 8 points (placed
    // below).
    const auto bitsUpTo = [last](int w) { return unsigned(qBound(0, last + 1 - 64 * w, 64)); };
    const int nonDigitCount = std::popcount(_bzhi_u64(nonDigits[0], bitsUpTo(0)))
        + std::popcount(_bzhi_u64(nonDigits[1], bitsUpTo(1)))
        + std::popcount(_bzhi_u64(nonDigits[2], bitsUpTo(2)));
    // Field i: [start(i), at[i]).
    const auto start = [&at](int i) { return i == 0 ? 0 : at[i - 1] + 1; };
    const auto length = [&at, &start](int i) { return at[i] - start(i); };
    // A decimal's digits before the point: 1 .. 7, its point 9 characters before its comma
    // (the character read is in the window whatever the length).
    // (As 0 or 1, combined below without a branch each.)
    const auto decimalOk = [&at, &length, p](int i) -> int {
        return int(unsigned(length(i) - 10) < 7) & int(p[qMax(at[i] - 9, 0)] == '.');
    };
    const auto integerOk = [&length](int i, int minDigits, int maxDigits) -> int {
        return unsigned(length(i) - minDigits) <= unsigned(maxDigits - minDigits);
    };
    if (!((nonDigitCount == RowNonDigits) & integerOk(0, UsualTimeMinDigits, UsualTimeMaxDigits)
          & integerOk(6, UsualTimeMinDigits, UsualTimeMaxDigits)
          & integerOk(8, 1, UsualCountMaxDigits) & decimalOk(1) & decimalOk(2) & decimalOk(3)
          & decimalOk(4) & decimalOk(5) & decimalOk(7) & decimalOk(9) & decimalOk(10)))
        return false;

    quint64 times[2];
    int none[2];
    readFieldPair<false, false>(p, length(0), p + start(6), length(6), times[0], none[0], times[1],
                                none[1]);
    std::array<quint64, 8> units;
    std::array<int, 8> decimals;
    const int columns[8] = {1, 2, 3, 4, 5, 7, 9, 10};
    for (size_t i = 0; i < units.size(); i += 2) {
        const int a = columns[i];
        const int b = columns[i + 1];
        readFieldPair<true, true>(p + start(a), length(a) - 9, p + start(b), length(b) - 9,
                                  units[i], decimals[i], units[i + 1], decimals[i + 1]);
    }
    c.openTime = qint64(times[0]);
    closeTime = qint64(times[1]);
    c.trades = qint64(shuffledDigitsValue(
        _mm_sub_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i *>(p + start(8))),
                     _mm_set1_epi8('0')),
        length(8), 0));
    setUsualValues(units, decimals, c, x);
    fieldsEnd = p + last + 1;
    return true;
}

const bool HasAvx2 = [] {
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("bmi")
        && __builtin_cpu_supports("bmi2") && __builtin_cpu_supports("popcnt");
}();

#endif
#endif

// An integer (digits only) up to the comma after it (then past it).
bool readCsvInteger(const char *&p, const char *end, qint64 &out)
{
    quint64 value = 0;
    int count = 0;
    if (!readDigits(p, end, value, count) || count == 0 || p == end || *p != ',')
        return false;
    ++p;
    out = qint64(value);
    return true;
}

} // namespace

BinanceArchiveCsv::BinanceArchiveCsv(Interval interval, TimeRange fileRange, bool keepExact)
    : m_interval(interval)
    , m_range(fileRange)
    , m_keepExact(keepExact)
{
}

bool BinanceArchiveCsv::fail(const QString &why)
{
    m_error = tr("line %1: %2").arg(m_line).arg(why);
    return false;
}

bool BinanceArchiveCsv::feed(QByteArrayView data)
{
    if (!m_error.isEmpty())
        return false;
    // Room for the chunk's rows at once (a row takes 100 bytes or more), rather than growing
    // the lists row by row: each step of growth copies them into new memory.
    const qsizetype rows = m_kept + data.size() / MinRowBytes + 1;
    if (m_candles.capacity() < rows) {
        // Doubled at least, for a caller that lets them grow.
        m_candles.reserve(qMax(rows, 2 * m_candles.capacity()));
        if (m_keepExact)
            m_exact.reserve(size_t(m_candles.capacity()));
    }
    const bool ok = parseLines(data);
    m_candles.resize(m_kept); // the places made for rows and not read into
    return ok;
}

bool BinanceArchiveCsv::parseLines(QByteArrayView data)
{
    const char *p = data.data();
    const char *end = p + data.size();
    if (!m_carry.isEmpty()) {
        const char *newline = static_cast<const char *>(std::memchr(p, '\n', size_t(end - p)));
        if (!newline) {
            m_carry.append(p, end - p);
            return true;
        }
        m_carry.append(p, newline + 1 - p);
        const QByteArray line = std::exchange(m_carry, {});
        const char *lineEnd = nullptr;
        if (!parseLine(line.constData(), line.constData() + line.size(), lineEnd))
            return false;
        p = newline + 1;
    }
    while (p < end) {
        const char *newline = nullptr;
        if (!parseLine(p, end, newline))
            return false;
        if (!newline) {
            m_carry.append(p, end - p);
            break;
        }
        p = newline + 1;
    }
    return true;
}

bool BinanceArchiveCsv::finish()
{
    if (!m_error.isEmpty())
        return false;
    if (m_carry.isEmpty())
        return true;
    const QByteArray line = std::exchange(m_carry, {}) + '\n';
    const char *newline = nullptr;
    const bool ok = parseLine(line.constData(), line.constData() + line.size(), newline);
    m_candles.resize(m_kept);
    return ok;
}

bool BinanceArchiveCsv::readFields(const char *begin, const char *end, Candle &c, qint64 &closeTime,
                                   std::string_view &quoteVolume, std::string_view &takerBuyQuote)
{
    // Each number up to the comma after it (from_chars stops there), so no pass looks for
    // the commas first: the 11 fields read here, then a 12th, unread.
    const char *p = begin;
    int field = 0; // the one being read
    const auto read = [&p, &field, end](auto *out, std::string_view *text = nullptr) {
        const auto [ptr, ec] = std::from_chars(p, end, *out);
        if (ec != std::errc() || ptr == end || *ptr != ',')
            return false;
        if (text)
            *text = std::string_view(p, size_t(ptr - p));
        p = ptr + 1;
        ++field;
        return true;
    };
    if (read(&c.openTime) && read(&c.open) && read(&c.high) && read(&c.low) && read(&c.close)
        && read(&c.volume) && read(&closeTime) && read(&c.quoteVolume, &quoteVolume)
        && read(&c.trades) && read(&c.takerBuyBase) && read(&c.takerBuyQuote, &takerBuyQuote))
        return true;
    // Too few fields is what a short row is told, whichever field ran into its end.
    int count = 1;
    for (const char *q = begin; count < ArchiveCsvFields
         && (q = static_cast<const char *>(std::memchr(q, ',', size_t(end - q))));
         ++q)
        ++count;
    if (count < ArchiveCsvFields)
        return fail(tr("%1 fields, expected %2").arg(count).arg(ArchiveCsvFields));
    switch (field) {
    case 0:
        return fail(tr("open time is not an integer"));
    case 6:
        return fail(tr("close time is not an integer"));
    case 8:
        return fail(tr("field 8 (trades) is not an integer"));
    case 9:
    case 10:
        return fail(tr("fields 9 and 10 are not decimal numbers"));
    default:
        return fail(tr("field %1 is not a decimal number").arg(field));
    }
}

bool BinanceArchiveCsv::readExact(const char *begin, const char *end, const char *limit, Candle &c,
                                  qint64 &closeTime, CandleCodec::ExactValues &x)
{
#if defined(__x86_64__) || defined(__i386__)
    // (parseLine() tried the AVX2 path before the line's end was known: it does not read the
    // row knowing it either.)
    if (HasSsse3 && readUsualRow(begin, end, limit, c, closeTime, x))
        return true;
#else
    Q_UNUSED(limit);
#endif
    const char *p = begin;
    // The value at `index` of ExactValues into `value`; `quoteE8` for the quote values, which
    // keep more digits than a double holds in their E8 units (DecimalUnits::quoteUnitsOf).
    const auto read = [&p, end, &x](int index, double &value, qint64 *quoteE8 = nullptr) {
        const char *text = p;
        quint64 magnitude = 0;
        int decimals = 0;
        bool negative = false;
        if (!readPlainDecimal(p, end, magnitude, decimals, negative))
            return false;
        // The double nearest the decimal, as from_chars has it (the sign after: -0 stays -0).
        value = DecimalUnits::toDouble(qint64(magnitude), decimals);
        if (negative)
            value = -value;
        x.units[size_t(index)] = negative ? -qint64(magnitude) : qint64(magnitude);
        x.decimals[size_t(index)] = qint8(decimals);
        if (magnitude >= ExactDigitsLimit) {
            if (!quoteE8)
                x.exact = false;
            else if ((*quoteE8
                      = DecimalUnits::quoteUnitsOf(std::string_view(text, size_t(p - 1 - text))))
                     == 0)
                x.exact = false;
        }
        return true;
    };
    x.exact = true;
    return readCsvInteger(p, end, c.openTime) && read(0, c.open) && read(1, c.high)
        && read(2, c.low) && read(3, c.close) && read(4, c.volume)
        && readCsvInteger(p, end, closeTime) && read(5, c.quoteVolume, &c.quoteVolumeE8)
        && readCsvInteger(p, end, c.trades) && read(6, c.takerBuyBase)
        && read(7, c.takerBuyQuote, &c.takerBuyQuoteE8);
}

bool BinanceArchiveCsv::parseLine(const char *begin, const char *limit, const char *&newline)
{
    // Read into the lists' next places (no copy of the row), taken back when the row is not
    // stored (the candle made anew for the next row). The candles are made PlacesAtOnce at a
    // time (one call, not one per row) in the room feed() reserved while there is some, those
    // not read into dropped when feed() returns.
    if (m_kept == m_candles.size())
        m_candles.resize(qMax(m_kept + 1, qMin(m_kept + PlacesAtOnce, m_candles.capacity())));
    Candle &c = m_candles.data()[m_kept];
    CandleCodec::ExactValues unkept;
    CandleCodec::ExactValues &x = m_keepExact ? m_exact.emplace_back() : unkept;
    const auto drop = [this, &c] {
        c = {};
        if (m_keepExact)
            m_exact.pop_back();
    };
    qint64 closeTime = 0;
    // Values read as integers are finite (made from the integers).
    bool readAsIntegers = false;
    // Where the line's end is looked for.
    const char *searchFrom = begin;
#if defined(__x86_64__)
    // A row of the form Binance writes is read before its end is looked for: nothing up to its
    // 11th field's comma is a line end (the reader checks every character), so the end is
    // looked for past it only.
    readAsIntegers = HasAvx2 && readUsualRowAvx2(begin, limit, c, closeTime, x, searchFrom);
#endif
    newline = static_cast<const char *>(std::memchr(searchFrom, '\n', size_t(limit - searchFrom)));
    if (!newline) {
        drop();
        return true; // the line goes on in the next chunk
    }
    ++m_line;
    if (!readAsIntegers) {
        const char *end = newline;
        if (end > begin && end[-1] == '\r')
            --end;
        if (begin == end || *begin < '0' || *begin > '9') {
            drop();
            if (begin == end)
                return true; // an empty line (the end of the file)
            if (m_line == 1)
                return true; // the header of a USD-M file
            return fail(tr("not a kline row"));
        }
        readAsIntegers = readExact(begin, end, limit, c, closeTime, x);
        if (!readAsIntegers) {
            x = {};
            c = {};
            std::string_view quoteVolume, takerBuyQuote;
            if (!readFields(begin, end, c, closeTime, quoteVolume, takerBuyQuote)) {
                drop();
                return false;
            }
            // Quote values of more digits than a double holds, exactly as the file has them.
            c.quoteVolumeE8 = DecimalUnits::quoteUnitsOf(quoteVolume);
            c.takerBuyQuoteE8 = DecimalUnits::quoteUnitsOf(takerBuyQuote);
        }
    }

    c.openTime = toMilliseconds(c.openTime);
    closeTime = toMilliseconds(closeTime);
    QString error;
    if (!isPlausibleTime(c.openTime) || !isPlausibleTime(closeTime))
        error = rowTimesRejection(c.openTime, closeTime);
    else if (!m_range.contains(c.openTime))
        error = tr("open time %1 outside the file's range").arg(c.openTime);
    else if (c.openTime <= m_lastOpen)
        error = tr("open time %1 not after the previous row's").arg(c.openTime);
    if (!error.isEmpty()) {
        drop();
        return fail(error);
    }
    m_lastOpen = c.openTime;
    ++m_rows;
    // isValidCandle(), its open time's window checked above.
    if (!hasValidValues(c, !readAsIntegers) || !Intervals::isAligned(m_interval, c.openTime)) {
        if (m_rejected++ == 0)
            m_firstRejection = tr("line %1: %2").arg(m_line).arg(candleRejection(c, m_interval));
        drop();
    } else {
        ++m_kept;
    }
    return true;
}

CandleBatch BinanceArchiveCsv::takeCandles(std::vector<CandleCodec::ExactValues> *exact,
                                           CandleBatch room)
{
    // The caller's previous vector comes back to be filled again: no allocation per batch.
    if (exact)
        std::swap(*exact, m_exact);
    m_exact.clear();
    room.clear();
    // feed() reserves the exact values with the candles: room for as many as the list has.
    if (m_keepExact)
        m_exact.reserve(size_t(room.capacity()));
    m_kept = 0;
    return std::exchange(m_candles, std::move(room));
}

} // namespace Candlewick
