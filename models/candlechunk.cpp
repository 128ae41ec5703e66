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
    m_blobSize = 0;
    m_inBlob = true;
}

void Builder::putMerged(int offset, const unsigned char *data, int size)
{
    unpack();
    std::memcpy(m_bytes[offset], data, size_t(size));
    m_size[size_t(offset)] = size;
}

void Builder::unpack()
{
    if (!m_inBlob)
        return;
    m_inBlob = false;
    for (const unsigned char *p = m_blob; p != m_blob + m_blobSize; p += 2 + p[1]) {
        std::memcpy(m_bytes[p[0]], p + 2, p[1]);
        m_size[p[0]] = p[1];
    }
}

bool Builder::load(const unsigned char *data, int size)
{
    unpack();
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

std::span<const unsigned char> Builder::build()
{
    if (!m_inBlob) {
        m_blobSize = 0;
        for (Offsets present = m_put | m_stored; present != 0; present &= present - 1) {
            const int offset = std::countr_zero(present);
            appendEntry(offset, m_bytes[offset], m_size[size_t(offset)]);
        }
    }
    return {m_blob, size_t(m_blobSize)};
}

} // namespace Candlewick::CandleChunk
