// Coinbase Advanced Trade payloads: the candles body (CoinbaseApi::parseCandles), the products
// body and the WebSocket messages (parseStreamMessage: market_trades, heartbeats, subscriptions,
// errors), all from the same bytes.
#include <candlevalidation.h>
#include <coinbase/coinbaseapi.h>
#include <exactdecimal.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>

using namespace Candlewick;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    CandleBatch candles;
    if (CoinbaseApi::parseCandles(bytes, &candles).isEmpty()) {
        for (qsizetype i = 1; i < candles.size(); ++i) {
            if (candles.at(i).openTime <= candles.at(i - 1).openTime)
                std::abort(); // candles come out ascending and distinct
        }
        for (const Candle &c : std::as_const(candles))
            candleRejection(c, Interval::M1); // must not crash on any value
    }
    SymbolList symbols;
    CoinbaseApi::parseProducts(bytes, &symbols);
    CoinbaseApi::StreamMessage message;
    if (CoinbaseApi::parseStreamMessage(bytes, &message).isEmpty()) {
        for (const CoinbaseApi::TradeRow &t : std::as_const(message.trades)) {
            if (t.tradeId.isEmpty() || t.productId.isEmpty())
                std::abort(); // a trade that passes has an id and a product
            ExactDecimal::parse(std::string_view(t.price.constData(), size_t(t.price.size())));
            ExactDecimal::parse(std::string_view(t.size.constData(), size_t(t.size.size())));
        }
    }
    CoinbaseApi::parseTimeUs(QByteArrayView(bytes));
    return 0;
}
