// REST /api/v3/klines bodies: KlinesParser, then what BinanceHistoryJob computes with a page.
#include <candlevalidation.h>
#include <interval.h>
#include <binance/klinesparser.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>

using namespace Candlewick;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static KlinesParser parser; // reused like a download reuses it
    const QByteArrayView body(reinterpret_cast<const char *>(data), qsizetype(size));
    if (!parser.parse(body)) {
        if (parser.errorString().isEmpty() || !parser.candles().isEmpty())
            std::abort(); // a failed page has a reason and no rows
        return 0;
    }
    if (parser.candles().size() != parser.closeTimes().size())
        std::abort();
    for (const Candle &c : parser.candles()) {
        if (!isPlausibleTime(c.openTime))
            std::abort(); // the parser refuses absurd times
        for (Interval interval : Intervals::all()) {
            if (candleRejection(c, interval).isEmpty()
                && Intervals::closeTime(interval, c.openTime) < c.openTime)
                std::abort();
            Intervals::next(interval, c.openTime);
        }
    }
    return 0;
}
