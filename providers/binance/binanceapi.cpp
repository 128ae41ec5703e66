#include "binanceapi.h"

namespace Candlewick {

const BinanceApi &BinanceApi::spot()
{
    static const BinanceApi api{
        QStringLiteral("/api/v3/klines"),
        QStringLiteral("/api/v3/exchangeInfo"),
        20,
        true,
        [](int) { return 2; },
        1000,
        1000,
        6000,
        {},
        4,
        true,
        QStringLiteral("data/spot"),
    };
    return api;
}

} // namespace Candlewick
