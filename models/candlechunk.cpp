#include "candlechunk.h"

#include <bit>
#include <cstring>

namespace Candlewick::CandleChunk {

static_assert(CandleCodec::MaxBytes <= 255, "an entry's length is one byte");

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

Reader::Reader(qint64 chunk, const unsigned char *data, int size)
    : m_chunk(chunk)
    , m_p(data)
    , m_end(data + size)
{
}

bool Reader::next(qint64 &slot, const unsigned char *&data, int &size)
{
    if (m_p == m_end)
        return false;
    if (m_end - m_p < 2 || m_p[0] >= Slots || int(m_p[0]) <= m_last || m_p[1] == 0
        || m_end - m_p - 2 < m_p[1])
        return m_valid = false;
    m_last = m_p[0];
    slot = slotOf(m_chunk, m_last);
    size = m_p[1];
    data = m_p + 2;
    m_p += 2 + size;
    return true;
}

void Builder::clear(qint64 chunk)
{
    m_chunk = chunk;
    m_put = 0;
    m_stored = 0;
}

void Builder::put(int offset, const unsigned char *data, int size)
{
    std::memcpy(m_bytes[offset], data, size_t(size));
    m_size[size_t(offset)] = size;
    m_put |= Offsets(1) << offset;
}

bool Builder::load(const unsigned char *data, int size)
{
    Reader reader(m_chunk, data, size);
    qint64 slot;
    const unsigned char *entry;
    int entrySize;
    while (reader.next(slot, entry, entrySize)) {
        if (entrySize > CandleCodec::MaxBytes)
            return false;
        const int offset = offsetOf(slot);
        const Offsets bit = Offsets(1) << offset;
        m_stored |= bit;
        if ((m_put & bit) == 0) {
            std::memcpy(m_bytes[offset], entry, size_t(entrySize));
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
        out.insert(out.end(), m_bytes[offset], m_bytes[offset] + size);
    }
}

} // namespace Candlewick::CandleChunk
