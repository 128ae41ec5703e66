// Bybit v5 public WebSocket frames: kline pushes and the answers to subscribe, unsubscribe and
// ping (BybitApi::parseStreamMessage).
#include <bybit/bybitapi.h>
#include <candlevalidation.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>

using namespace Candlewick;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray frame(reinterpret_cast<const char *>(data), qsizetype(size));
    BybitApi::StreamMessage message;
    const QString why = BybitApi::parseStreamMessage(frame, &message);
    if (why.isEmpty() && message.type == BybitApi::StreamMessage::Type::Kline) {
        if (message.topic.isEmpty())
            std::abort(); // a push names its topic
        for (const Candle &c : message.candles) {
            if (!isPlausibleTime(c.openTime) && candleRejection(c, Interval::M1).isEmpty())
                std::abort(); // an absurd time never passes validation
        }
    }
    return 0;
}
