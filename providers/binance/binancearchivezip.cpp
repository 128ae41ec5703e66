#include "binancearchivezip.h"

#include "binancearchivearrival.h"

#include <QFile>
#include <QtEndian>

#include <isa-l/igzip_lib.h>
#include <zip.h>

#include <algorithm>
#include <cstring>
#include <limits>
#include <vector>

namespace Candlewick {

namespace {

// Compressed bytes read from the zip at a time.
constexpr qsizetype ZipInputChunk = 256 * 1024;

// A zip's local file header: its fixed part, and what is read of it.
constexpr qint64 LocalHeaderBytes = 30;
constexpr quint32 LocalHeaderSignature = 0x04034b50;
constexpr quint16 EncryptedFlag = 0x0001;
constexpr quint16 DataDescriptorFlag = 0x0008;
constexpr quint16 DeflateMethod = 8;
constexpr quint32 Zip64Size = 0xffffffff; // the size is in the zip64 extra field

QString notAZipText(zip_error_t *error)
{
    return BinanceArchiveZip::tr("not a readable zip file (%1)")
        .arg(QString::fromLocal8Bit(zip_error_strerror(error)));
}

QString downloadStoppedText()
{
    return BinanceArchiveZip::tr("the download stopped");
}

QString inflateErrorText(int code)
{
    switch (code) {
    case ISAL_INVALID_BLOCK:
        return BinanceArchiveZip::tr("invalid deflate block");
    case ISAL_INVALID_SYMBOL:
        return BinanceArchiveZip::tr("invalid deflate symbol");
    case ISAL_INVALID_LOOKBACK:
        return BinanceArchiveZip::tr("invalid deflate distance");
    default:
        return BinanceArchiveZip::tr("deflate error %1").arg(code);
    }
}

} // namespace

BinanceArchiveZip::BinanceArchiveZip() = default;

BinanceArchiveZip::~BinanceArchiveZip()
{
    close();
}

void BinanceArchiveZip::close()
{
    if (m_file)
        zip_fclose(m_file);
    if (m_archive)
        zip_discard(m_archive);
    m_file = nullptr;
    m_archive = nullptr;
    m_parts.clear();
    m_arrival.reset();
    m_arrivedBlock.clear();
    m_arrivedAt = 0;
    m_nextBlock = 0;
    m_compressedLeft = -1;
    m_fed = 0;
    m_checked = false;
    m_inflate.reset();
    m_input.clear();
    m_inputEnd = false;
    m_done = false;
    m_produced = 0;
}

void BinanceArchiveZip::clear()
{
    close();
    m_entry.clear();
    m_error.clear();
}

bool BinanceArchiveZip::open(const QString &path)
{
    clear();
    zip_error_t error;
    zip_error_init(&error);
    // The whole file (start 0, length -1), as zip_open() reads it.
    if (openSource(zip_source_file_create(QFile::encodeName(path).constData(), 0, -1, &error),
                   error)
        && openEntry())
        return true;
    close();
    return false;
}

bool BinanceArchiveZip::open(QList<QByteArray> parts)
{
    clear();
    if (openParts(std::move(parts)) && openEntry())
        return true;
    close();
    return false;
}

bool BinanceArchiveZip::open(std::shared_ptr<BinanceArchiveArrival> arrival)
{
    clear();
    m_arrival = std::move(arrival);
    switch (readLocalHeader()) {
    case LocalHeader::Deflated:
        m_inflate = std::make_unique<inflate_state>();
        isal_inflate_init(m_inflate.get());
        m_inflate->crc_flag = ISAL_GZIP_NO_HDR;
        return true;
    case LocalHeader::Other:
        if (m_arrival->waitForEnd())
            return open(m_arrival->blocks());
        break;
    case LocalHeader::Stopped:
        break;
    }
    m_error = downloadStoppedText();
    close();
    return false;
}

bool BinanceArchiveZip::openParts(QList<QByteArray> parts)
{
    m_parts = std::move(parts);
    std::vector<zip_buffer_fragment_t> fragments;
    fragments.reserve(size_t(m_parts.size()));
    for (const QByteArray &part : std::as_const(m_parts)) {
        // Read only (never a copy of a part shared with the caller's list).
        if (!part.isEmpty())
            fragments.push_back(
                {reinterpret_cast<zip_uint8_t *>(const_cast<char *>(part.constData())),
                 zip_uint64_t(part.size())});
    }
    zip_error_t error;
    zip_error_init(&error);
    // libzip reads the parts where they are (freep 0: they stay the list's). Nothing at all is
    // not a zip, as an empty file is not (libzip would open it as an empty archive).
    zip_source_t *source = nullptr;
    if (fragments.empty())
        zip_error_set(&error, ZIP_ER_NOZIP, 0);
    else
        source = zip_source_buffer_fragment_create(fragments.data(), fragments.size(), 0, &error);
    return openSource(source, error);
}

bool BinanceArchiveZip::openSource(zip_source_t *source, zip_error_t &error)
{
    if (source) {
        m_archive = zip_open_from_source(source, ZIP_RDONLY | ZIP_CHECKCONS, &error);
        if (!m_archive)
            zip_source_free(source);
    }
    if (!m_archive) {
        m_error = notAZipText(&error);
        zip_error_fini(&error);
        return false;
    }
    zip_error_fini(&error);
    return true;
}

bool BinanceArchiveZip::statEntry(zip_stat_t &stat)
{
    const zip_int64_t entries = zip_get_num_entries(m_archive, 0);
    if (entries != 1) {
        m_error = tr("%1 entries in the zip, expected one CSV").arg(entries);
        return false;
    }
    m_entry = QString::fromUtf8(zip_get_name(m_archive, 0, 0));
    zip_stat_init(&stat);
    constexpr zip_uint64_t needed = ZIP_STAT_SIZE | ZIP_STAT_COMP_SIZE | ZIP_STAT_CRC
        | ZIP_STAT_COMP_METHOD | ZIP_STAT_ENCRYPTION_METHOD;
    if (zip_stat_index(m_archive, 0, 0, &stat) != 0 || (stat.valid & needed) != needed) {
        m_error = tr("cannot read %1 in the zip (%2)")
                      .arg(m_entry, QString::fromLocal8Bit(zip_strerror(m_archive)));
        return false;
    }
    if (stat.encryption_method != ZIP_EM_NONE
        || (stat.comp_method != ZIP_CM_DEFLATE && stat.comp_method != ZIP_CM_STORE)) {
        m_error = tr("cannot read %1 in the zip (compression method %2%3)")
                      .arg(m_entry)
                      .arg(stat.comp_method)
                      .arg(stat.encryption_method != ZIP_EM_NONE ? tr(", encrypted") : QString());
        return false;
    }
    m_expectedCrc = stat.crc;
    m_expectedSize = stat.size;
    m_expectedCompressed = stat.comp_size;
    return true;
}

bool BinanceArchiveZip::openEntry()
{
    zip_stat_t stat;
    if (!statEntry(stat))
        return false;
    // A deflated entry's bytes as they are in the zip: ISA-L inflates them, and its CRC and size
    // are checked here. A stored entry is read (and its CRC checked) by libzip.
    const bool deflated = stat.comp_method == ZIP_CM_DEFLATE;
    m_file = zip_fopen_index(m_archive, 0, deflated ? ZIP_FL_COMPRESSED : 0);
    if (!m_file) {
        m_error = tr("cannot read %1 in the zip (%2)")
                      .arg(m_entry, QString::fromLocal8Bit(zip_strerror(m_archive)));
        return false;
    }
    if (deflated) {
        m_inflate = std::make_unique<inflate_state>();
        isal_inflate_init(m_inflate.get());
        m_inflate->crc_flag = ISAL_GZIP_NO_HDR; // raw deflate, CRC-32 of the output in ->crc
        m_input.resize(ZipInputChunk);
    }
    return true;
}

BinanceArchiveZip::LocalHeader BinanceArchiveZip::readLocalHeader()
{
    char header[LocalHeaderBytes];
    const qint64 n = copyArrived(header, LocalHeaderBytes);
    if (n < 0)
        return LocalHeader::Stopped;
    if (n < LocalHeaderBytes)
        return LocalHeader::Other;
    const auto u16 = [&header](int at) { return qFromLittleEndian<quint16>(header + at); };
    const auto u32 = [&header](int at) { return qFromLittleEndian<quint32>(header + at); };
    const quint16 flags = u16(6);
    const quint32 compressed = u32(18);
    const quint32 size = u32(22);
    if (u32(0) != LocalHeaderSignature || (flags & EncryptedFlag) != 0 || u16(8) != DeflateMethod
        || compressed == Zip64Size || size == Zip64Size)
        return LocalHeader::Other;
    // The name and the extra field.
    const qint64 skip = qint64(u16(26)) + u16(28);
    const qint64 skipped = copyArrived(nullptr, skip);
    if (skipped < 0)
        return LocalHeader::Stopped;
    if (skipped < skip)
        return LocalHeader::Other;
    // With a data descriptor, the CRC and sizes come after the data (the central directory's
    // are checked at the end, as always).
    if ((flags & DataDescriptorFlag) == 0) {
        m_compressedLeft = compressed;
        m_expectedSize = size;
    }
    return LocalHeader::Deflated;
}

qint64 BinanceArchiveZip::arrived(const char *&data, qint64 max)
{
    while (max > 0) {
        if (m_arrivedAt < m_arrivedBlock.size()) {
            const qint64 n = std::min<qint64>(max, m_arrivedBlock.size() - m_arrivedAt);
            data = m_arrivedBlock.constData() + m_arrivedAt;
            m_arrivedAt += n;
            return n;
        }
        if (!m_arrival->block(m_nextBlock, m_arrivedBlock))
            return m_arrival->end() == BinanceArchiveArrival::End::Complete ? 0 : -1;
        ++m_nextBlock;
        m_arrivedAt = 0;
    }
    return 0;
}

qint64 BinanceArchiveZip::copyArrived(char *out, qint64 size)
{
    qint64 copied = 0;
    while (copied < size) {
        const char *data = nullptr;
        const qint64 n = arrived(data, size - copied);
        if (n <= 0)
            return n < 0 ? -1 : copied;
        if (out)
            std::memcpy(out + copied, data, size_t(n));
        copied += n;
    }
    return copied;
}

bool BinanceArchiveZip::checkArrived()
{
    m_checked = true;
    if (!m_arrival->waitForEnd()) {
        m_error = downloadStoppedText();
        return false;
    }
    zip_stat_t stat;
    return openParts(m_arrival->blocks()) && statEntry(stat);
}

qint64 BinanceArchiveZip::read(char *buffer, qint64 size)
{
    if (!m_file && !m_arrival)
        return -1;
    if (m_done || size <= 0)
        return 0;
    return m_inflate ? readDeflated(buffer, size) : readStored(buffer, size);
}

qint64 BinanceArchiveZip::readStored(char *buffer, qint64 size)
{
    const zip_int64_t n = zip_fread(m_file, buffer, zip_uint64_t(size));
    return n < 0 ? failed(QString::fromLocal8Bit(zip_file_strerror(m_file))) : n;
}

bool BinanceArchiveZip::refill()
{
    if (m_arrival) {
        // The arrived bytes where they are (ISA-L only reads them), no further than the local
        // header says the data goes (as libzip hands over no more than that).
        constexpr qint64 most = std::numeric_limits<uint32_t>::max();
        const char *data = "";
        const qint64 n
            = arrived(data, m_compressedLeft < 0 ? most : std::min(m_compressedLeft, most));
        if (n < 0) {
            m_error = downloadStoppedText();
            return false;
        }
        if (m_compressedLeft > 0)
            m_compressedLeft -= n;
        m_fed += quint64(n);
        m_inputEnd = n == 0;
        m_inflate->next_in = reinterpret_cast<uint8_t *>(const_cast<char *>(data));
        m_inflate->avail_in = uint32_t(n);
        return true;
    }
    const zip_int64_t n = zip_fread(m_file, m_input.data(), zip_uint64_t(m_input.size()));
    if (n < 0) {
        failed(QString::fromLocal8Bit(zip_file_strerror(m_file)));
        return false;
    }
    m_inputEnd = n == 0;
    m_inflate->next_in = reinterpret_cast<uint8_t *>(m_input.data());
    m_inflate->avail_in = uint32_t(n);
    return true;
}

qint64 BinanceArchiveZip::readDeflated(char *buffer, qint64 size)
{
    inflate_state &state = *m_inflate;
    state.next_out = reinterpret_cast<uint8_t *>(buffer);
    state.avail_out = uint32_t(std::min<qint64>(size, std::numeric_limits<uint32_t>::max()));
    const uint32_t room = state.avail_out;
    while (state.avail_out > 0 && state.block_state != ISAL_BLOCK_FINISH) {
        if (state.avail_in == 0 && !m_inputEnd && !refill())
            return -1;
        const uint32_t before = state.avail_out;
        const int code = isal_inflate(&state);
        // Arriving, the zip as a whole tells its error first (a truncated zip has no central
        // directory), as when it is read downloaded.
        if (code < 0)
            return checked() ? failed(inflateErrorText(code)) : -1;
        if (state.avail_in == 0 && m_inputEnd && state.avail_out == before
            && state.block_state != ISAL_BLOCK_FINISH)
            return checked() ? failed(tr("the compressed data of %1 ends early").arg(m_entry)) : -1;
    }
    const qint64 n = room - state.avail_out;
    m_produced += quint64(n);
    if (n == 0)
        return finish(state.crc);
    return n;
}

qint64 BinanceArchiveZip::finish(quint32 crc)
{
    if (!checked())
        return -1;
    // Arriving, the data may have been read beyond the central directory's compressed size (up
    // to a data descriptor): libzip would have handed over less. ISA-L keeps the whole bytes it
    // read ahead and did not use in its bit buffer.
    if (m_arrival
        && m_fed - m_inflate->avail_in - quint64(m_inflate->read_in_length / 8)
            > m_expectedCompressed)
        return failed(tr("the compressed data of %1 ends early").arg(m_entry));
    if (m_produced != m_expectedSize)
        return failed(tr("%1 has %2 bytes, the zip says %3")
                          .arg(m_entry)
                          .arg(m_produced)
                          .arg(m_expectedSize));
    if (crc != m_expectedCrc)
        return failed(tr("CRC error in %1").arg(m_entry));
    m_done = true;
    return 0;
}

qint64 BinanceArchiveZip::failed(const QString &why)
{
    m_error = tr("damaged zip: %1").arg(why);
    return -1;
}

} // namespace Candlewick
