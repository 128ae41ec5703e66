// WebSocket frames: KlineEventParser (raw and combined kline events, control responses,
// serverShutdown), as UTF-8 bytes and as text.
#include <candlevalidation.h>
#include <binance/klineeventparser.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>

using namespace Candlewick;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static KlineEventParser parser;
    const QByteArrayView frame(reinterpret_cast<const char *>(data), qsizetype(size));
    const KlineEvent bytes = parser.parse(frame);
    if (bytes.kind == KlineEvent::Kind::Kline) {
        if (!candleRejection(bytes.candle, bytes.interval).isEmpty())
            std::abort(); // a kline that reaches consumers is valid
    } else if (bytes.kind == KlineEvent::Kind::Rejected && bytes.reason.isEmpty()) {
        std::abort(); // every rejection says why
    }
    const QString text = QString::fromUtf8(frame);
    parser.parse(QStringView(text));
    return 0;
}
