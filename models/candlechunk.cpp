#include "candlechunk.h"

#include "floordiv.h"

#include <bit>

namespace Candlewick::CandleChunk {

static_assert(Slots <= 64, "Offsets is a 64-bit mask at most");
static_assert(CandleCodec::MaxBytes <= 255, "an entry's length is one byte");

qint64 chunkOf(qint64 slot)
{
    return floorDiv<qint64>(slot, Slots);
}

int offsetOf(qint64 slot)
{
    return int(slot - chunkOf(slot) * Slots);
}

qint64 slotOf(qint64 chunk, int offset)
{
    return chunk * Slots + offset;
}

bool keyOf(qint64 seriesId, qint64 chunk, qint64 &key)
{
    if (seriesId < 0 || seriesId > MaxSeriesId || chunk < MinChunk || chunk > MaxChunk)
        return false;
    key = (seriesId << 40) | (chunk - MinChunk);
    return true;
}

std::pair<qint64, qint64> keyRange(qint64 seriesId, qint64 first, qint64 last)
{
    qint64 from = 0;
    qint64 to = 0;
    keyOf(seriesId, qBound(MinChunk, first, MaxChunk), from);
    keyOf(seriesId, qBound(MinChunk, last, MaxChunk), to);
    return {from, to};
}

qint64 chunkOfKey(qint64 key)
{
    return (key & ((qint64(1) << 40) - 1)) + MinChunk;
}

Reader::Reader(const unsigned char *data, int size)
    : m_p(data)
    , m_end(data + size)
{
}

bool Reader::next(int &offset, const unsigned char *&data, int &size)
{
    if (m_p == m_end)
        return false;
    if (m_end - m_p < 2 || m_p[0] >= Slots || int(m_p[0]) <= m_last || m_p[1] == 0
        || m_end - m_p - 2 < m_p[1])
        return m_valid = false;
    offset = m_last = m_p[0];
    size = m_p[1];
    data = m_p + 2;
    m_p += 2 + size;
    return true;
}

void Builder::clear()
{
    m_put = 0;
    m_stored = 0;
}

void Builder::put(int offset, const unsigned char *data, int size)
{
    m_data[size_t(offset)] = data;
    m_size[size_t(offset)] = size;
    m_put |= Offsets(1) << offset;
}

bool Builder::load(const unsigned char *data, int size)
{
    m_storedBytes.assign(data, data + size);
    Reader reader(m_storedBytes.data(), size);
    int offset;
    const unsigned char *entry;
    int entrySize;
    while (reader.next(offset, entry, entrySize)) {
        const Offsets bit = Offsets(1) << offset;
        m_stored |= bit;
        if ((m_put & bit) == 0) {
            m_data[size_t(offset)] = entry;
            m_size[size_t(offset)] = entrySize;
        }
    }
    return reader.valid();
}

void Builder::build(std::vector<unsigned char> &out) const
{
    out.clear();
    for (Offsets present = m_put | m_stored; present != 0; present &= present - 1) {
        const int offset = std::countr_zero(present);
        const int size = m_size[size_t(offset)];
        out.push_back(static_cast<unsigned char>(offset));
        out.push_back(static_cast<unsigned char>(size));
        out.insert(out.end(), m_data[size_t(offset)], m_data[size_t(offset)] + size);
    }
}

} // namespace Candlewick::CandleChunk
