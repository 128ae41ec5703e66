// CSV of Binance archive files: BinanceArchiveCsv, fed in two chunks cut where the first byte
// says (a zip streams the CSV in pieces), against the same input fed whole.
#include <binance/binancearchivecsv.h>
#include <candlecodec.h>
#include <candlevalidation.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>

using namespace Candlewick;

namespace {

// 2017-01-01 .. 2030-01-01: any file's range.
constexpr TimeRange FuzzFileRange{1483228800000, 1893456000000};

struct Outcome
{
    bool ok = false;
    CandleBatch candles;
    std::vector<CandleCodec::ExactValues> exact;
    qint64 rows = 0;
    qint64 rejected = 0;
};

Outcome parseIn(QByteArrayView text, qsizetype cut)
{
    BinanceArchiveCsv csv(Interval::M1, FuzzFileRange);
    Outcome o;
    o.ok = csv.feed(text.first(cut)) && csv.feed(text.sliced(cut)) && csv.finish();
    if (!o.ok && csv.errorString().isEmpty())
        std::abort(); // a failed file has a reason
    o.candles = csv.takeCandles(&o.exact);
    o.rows = csv.rows();
    o.rejected = csv.rejected();
    return o;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    const QByteArrayView text(reinterpret_cast<const char *>(data) + 1, qsizetype(size - 1));
    const qsizetype cut = text.isEmpty() ? 0 : qsizetype(data[0]) % (text.size() + 1);
    const Outcome whole = parseIn(text, text.size());
    const Outcome split = parseIn(text, cut);
    if (whole.ok != split.ok)
        std::abort(); // chunking changes nothing
    if (!whole.ok)
        return 0;
    if (whole.candles != split.candles || whole.rows != split.rows
        || whole.rejected != split.rejected)
        std::abort();
    if (whole.candles.size() + whole.rejected != whole.rows)
        std::abort();
    if (whole.exact.size() != size_t(whole.candles.size()))
        std::abort();
    for (qsizetype i = 0; i < whole.candles.size(); ++i) {
        // The values read as integers encode like the doubles.
        const Candle &c = whole.candles.at(i);
        CandleCodec::Encoding e;
        unsigned char fromDoubles[CandleCodec::MaxBytes];
        unsigned char fromIntegers[CandleCodec::MaxBytes];
        if (!CandleCodec::widen(e, Interval::M1, c))
            continue;
        const int size = CandleCodec::encode(e, c, fromDoubles);
        if (CandleCodec::encodeExact(e, c, whole.exact[size_t(i)], fromIntegers) != size
            || (size > 0 && std::memcmp(fromDoubles, fromIntegers, size_t(size)) != 0))
            std::abort();
    }
    qint64 previous = 0;
    for (const Candle &c : whole.candles) {
        // Kept candles are valid, in the file's range and strictly ascending.
        if (!FuzzFileRange.contains(c.openTime) || c.openTime <= previous
            || !candleRejection(c, Interval::M1).isEmpty())
            std::abort();
        previous = c.openTime;
    }
    return 0;
}
