#pragma once

#include "candlecodec.h"

#include <QtGlobal>

#include <array>
#include <bit>
#include <cstdint>
#include <cstring>
#include <span>
#include <utility>

namespace Candlewick::CandleChunk {

// How the SQLite store (schema version 4) groups a series' candles: one row per run of Slots
// consecutive slots (CandleCodec's slots, aligned: chunk = floor(slot / Slots)), so a bulk write
// pays SQLite's per-row cost once per Slots candles. The row's blob holds the chunk's candles in
// slot order, each one its offset in the chunk (a byte), the length of its CandleCodec bytes (a
// byte) and those bytes. A slot without a candle (exchange downtime) has no entry.
constexpr int Slots = 32;
// A set of offsets in a chunk (bit i: offset i).
using Offsets = std::uint32_t;
static_assert(Slots <= 32, "Offsets is a 32-bit mask");
// The largest blob of a chunk: every slot's entry at CandleCodec::MaxBytes.
constexpr int MaxBlobBytes = Slots * (2 + CandleCodec::MaxBytes);

static_assert(std::has_single_bit(unsigned(Slots)), "a chunk and an offset are a slot's bits");
constexpr int SlotBits = std::countr_zero(unsigned(Slots));

// floor(slot / Slots): an arithmetic shift rounds toward minus infinity.
constexpr qint64 chunkOf(qint64 slot)
{
    return slot >> SlotBits;
}

constexpr int offsetOf(qint64 slot)
{
    return int(slot & (Slots - 1));
}
static_assert(chunkOf(-1) == -1 && offsetOf(-1) == Slots - 1, "slots before the time base");

constexpr qint64 slotOf(qint64 chunk, int offset)
{
    return chunk * Slots + offset;
}

// The row's key: the series id and the chunk in one integer (a rowid table keeps rows of up to
// about 4 KB in the page, a WITHOUT ROWID one about 1 KB). Chunks run from MinChunk to MaxChunk
// (32 * 2^39 slots: with millisecond slots, 178,000 years each way).
constexpr qint64 MinChunk = -(qint64(1) << 39);
constexpr qint64 MaxChunk = (qint64(1) << 39) - 1;
constexpr qint64 MaxSeriesId = (qint64(1) << 23) - 1;
// False when the chunk or the series id is out of range.
bool keyOf(qint64 seriesId, qint64 chunk, qint64 &key);
// The keys of the series' chunks from `first` to `last` (clamped to the range).
std::pair<qint64, qint64> keyRange(qint64 seriesId, qint64 first, qint64 last);
qint64 chunkOfKey(qint64 key);

// The entries of stored chunk `chunk` in slot order.
class Reader
{
public:
    Reader(qint64 chunk, const unsigned char *data, int size);
    // The next entry: its slot and its candle's bytes; false at the end or at bytes that are not
    // a chunk (valid() tells).
    bool next(qint64 &slot, const unsigned char *&data, int &size);
    bool valid() const { return m_valid; }

private:
    qint64 m_chunk;
    const unsigned char *m_p;
    const unsigned char *m_end;
    int m_last = -1;
    bool m_valid = true;
};

// A chunk being written: the stored chunk's entries (load()) with candles put over them (put():
// new ones, or replacing the one stored at the same offset). Candles put in offset order into a
// chunk not loaded (a bulk write) go straight into its blob; the others are merged by offset.
class Builder
{
public:
    // Empty, as chunk `chunk`.
    void clear(qint64 chunk = 0);
    qint64 chunk() const { return m_chunk; }
    // The candle's bytes (copied) at `offset` (0..Slots-1); size <= CandleCodec::MaxBytes.
    void put(int offset, const unsigned char *data, int size);
    // The stored chunk's entries under those put (copied); false when the bytes are not a chunk.
    bool load(const unsigned char *data, int size);
    bool isEmpty() const { return m_put == 0; }
    // The offsets put that the stored chunk did not hold.
    Offsets added() const { return m_put & ~m_stored; }
    // The chunk's blob (valid until the next put(), load() or build()).
    std::span<const unsigned char> build();

private:
    // An entry (offset, size, bytes) at the blob's end.
    void appendEntry(int offset, const unsigned char *data, int size)
    {
        unsigned char *entry = m_blob + m_blobSize;
        entry[0] = static_cast<unsigned char>(offset);
        entry[1] = static_cast<unsigned char>(size);
        std::memcpy(entry + 2, data, size_t(size));
        m_blobSize += 2 + size;
    }
    // put() of a candle to be merged by offset.
    void putMerged(int offset, const unsigned char *data, int size);
    // The entries of the blob into m_bytes, to be merged.
    void unpack();

    qint64 m_chunk = 0;
    // The blob: while m_inBlob, every entry put so far (in offset order).
    unsigned char m_blob[MaxBlobBytes];
    int m_blobSize = 0;
    bool m_inBlob = true;
    unsigned char m_bytes[Slots][CandleCodec::MaxBytes];
    std::array<int, Slots> m_size{};
    Offsets m_put = 0;
    Offsets m_stored = 0;
};

// Inline: a bulk write puts every candle it stores.
inline void Builder::put(int offset, const unsigned char *data, int size)
{
    const Offsets bit = Offsets(1) << offset;
    if (m_inBlob && bit > m_put) // after every offset put so far
        appendEntry(offset, data, size);
    else
        putMerged(offset, data, size);
    m_put |= bit;
}

} // namespace Candlewick::CandleChunk
