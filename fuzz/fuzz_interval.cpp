// Interval names (--interval, stream names, series keys) and the interval arithmetic on any
// qint64: the first byte picks an interval, the next 16 bytes are two times.
#include <interval.h>
#include <serieskey.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <limits>

using namespace Candlewick;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString text = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    Intervals::parse(text);
    SeriesKey::fromString(text);

    if (size < 17)
        return 0;
    const Interval interval = Intervals::all().at(data[0] % Intervals::all().size());
    qint64 a = 0;
    qint64 b = 0;
    std::memcpy(&a, data + 1, sizeof a);
    std::memcpy(&b, data + 9, sizeof b);
    const qint64 down = Intervals::alignDown(interval, a);
    const qint64 up = Intervals::alignUp(interval, a);
    const qint64 next = Intervals::next(interval, a);
    if (down > a || up < a || (next <= a && next != std::numeric_limits<qint64>::max()))
        std::abort();
    if (Intervals::isAligned(interval, a) != (down == a && up == a))
        std::abort();
    if (Intervals::closeTime(interval, a) < a || Intervals::lengthAt(interval, a) <= 0)
        std::abort();
    if (Intervals::countBetween(interval, a, b) < 0)
        std::abort();
    return 0;
}
