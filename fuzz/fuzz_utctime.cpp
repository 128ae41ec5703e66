// What users type for --from / --to: UtcTime::parse, and printing what it returns.
#include <utctime.h>

#include <cstddef>
#include <cstdint>

using namespace Candlewick;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString text = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    if (const auto t = UtcTime::parse(text))
        UtcTime::format(*t);
    return 0;
}
