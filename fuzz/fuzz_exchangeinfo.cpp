// REST /api/v3/exchangeInfo bodies: the symbol list and the REQUEST_WEIGHT limits.
#include <binance/binancesymbolsjob.h>
#include <requestweightlimiter.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>

using namespace Candlewick;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray body(reinterpret_cast<const char *>(data), qsizetype(size));
    SymbolList symbols;
    BinanceSymbolsJob::parseExchangeInfo(body, &symbols);
    if (const auto windows = RequestWeightLimiter::windowsFromExchangeInfo(body)) {
        for (const RequestWeightLimiter::Window &w : *windows) {
            if (w.limit <= 0 || w.lengthMs <= 0)
                std::abort(); // a limit the limiter cannot pace by
        }
    }
    RequestWeightLimiter::parseRetryAfterMs(body);
    return 0;
}
