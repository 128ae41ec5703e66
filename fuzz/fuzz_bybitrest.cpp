// Bybit v5 REST bodies: the retCode check every answer gets (parseStatus), the kline pages
// (BybitKlinesParser) and instruments-info (parseEnvelope, parseInstruments).
#include <bybit/bybitapi.h>
#include <bybit/bybitklinesparser.h>
#include <candlevalidation.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>

using namespace Candlewick;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static BybitKlinesParser parser; // reused like a download reuses it
    const QByteArray body(reinterpret_cast<const char *>(data), qsizetype(size));
    QString why;
    if (!BybitApi::parseStatus(body, &why) && why.isEmpty())
        std::abort(); // every refusal says why
    if (!parser.parse(body)) {
        if (parser.errorString().isEmpty() || !parser.candles().isEmpty())
            std::abort(); // a failed page has a reason and no rows
    } else {
        qint64 previous = -1;
        for (const Candle &c : parser.candles()) {
            if (!isPlausibleTime(c.openTime) || c.openTime <= previous || !c.closed)
                std::abort(); // ascending, plausible, closed until the clock says otherwise
            previous = c.openTime;
        }
    }
    if (const auto envelope = BybitApi::parseEnvelope(body, &why)) {
        for (const char *category : {"spot", "linear"}) {
            SymbolList symbols;
            QString next;
            if (BybitApi::parseInstruments(envelope->result, QString::fromLatin1(category),
                                           &symbols, &next)
                    .isEmpty()) {
                for (const SymbolInfo &s : symbols) {
                    if (s.symbol.isEmpty())
                        std::abort(); // an instrument has a name
                }
            }
        }
    }
    return 0;
}
