#include "binancearchivezip.h"

#include <QFile>

#include <isa-l/igzip_lib.h>
#include <zip.h>

#include <algorithm>
#include <limits>
#include <vector>

namespace Candlewick {

namespace {

// Compressed bytes read from the zip at a time.
constexpr qsizetype ZipInputChunk = 256 * 1024;

QString notAZipText(zip_error_t *error)
{
    return BinanceArchiveZip::tr("not a readable zip file (%1)")
        .arg(QString::fromLocal8Bit(zip_error_strerror(error)));
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
    m_inflate.reset();
    m_input.clear();
    m_inputEnd = false;
    m_done = false;
    m_produced = 0;
}

bool BinanceArchiveZip::open(const QString &path)
{
    close();
    zip_error_t error;
    zip_error_init(&error);
    // The whole file (start 0, length -1), as zip_open() reads it.
    return openSource(zip_source_file_create(QFile::encodeName(path).constData(), 0, -1, &error),
                      error);
}

bool BinanceArchiveZip::open(QList<QByteArray> parts)
{
    close();
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
    m_entry.clear();
    m_error.clear();
    if (source) {
        m_archive = zip_open_from_source(source, ZIP_RDONLY | ZIP_CHECKCONS, &error);
        if (!m_archive)
            zip_source_free(source);
    }
    if (!m_archive) {
        m_error = notAZipText(&error);
        zip_error_fini(&error);
        close();
        return false;
    }
    zip_error_fini(&error);
    return openEntry();
}

bool BinanceArchiveZip::openEntry()
{
    const zip_int64_t entries = zip_get_num_entries(m_archive, 0);
    if (entries != 1) {
        m_error = tr("%1 entries in the zip, expected one CSV").arg(entries);
        close();
        return false;
    }
    m_entry = QString::fromUtf8(zip_get_name(m_archive, 0, 0));
    zip_stat_t stat;
    zip_stat_init(&stat);
    constexpr zip_uint64_t needed
        = ZIP_STAT_SIZE | ZIP_STAT_CRC | ZIP_STAT_COMP_METHOD | ZIP_STAT_ENCRYPTION_METHOD;
    if (zip_stat_index(m_archive, 0, 0, &stat) != 0 || (stat.valid & needed) != needed) {
        m_error = tr("cannot read %1 in the zip (%2)")
                      .arg(m_entry, QString::fromLocal8Bit(zip_strerror(m_archive)));
        close();
        return false;
    }
    if (stat.encryption_method != ZIP_EM_NONE
        || (stat.comp_method != ZIP_CM_DEFLATE && stat.comp_method != ZIP_CM_STORE)) {
        m_error = tr("cannot read %1 in the zip (compression method %2%3)")
                      .arg(m_entry)
                      .arg(stat.comp_method)
                      .arg(stat.encryption_method != ZIP_EM_NONE ? tr(", encrypted") : QString());
        close();
        return false;
    }
    // A deflated entry's bytes as they are in the zip: ISA-L inflates them, and its CRC and size
    // are checked here. A stored entry is read (and its CRC checked) by libzip.
    const bool deflated = stat.comp_method == ZIP_CM_DEFLATE;
    m_file = zip_fopen_index(m_archive, 0, deflated ? ZIP_FL_COMPRESSED : 0);
    if (!m_file) {
        m_error = tr("cannot read %1 in the zip (%2)")
                      .arg(m_entry, QString::fromLocal8Bit(zip_strerror(m_archive)));
        close();
        return false;
    }
    m_expectedCrc = stat.crc;
    m_expectedSize = stat.size;
    if (deflated) {
        m_inflate = std::make_unique<inflate_state>();
        isal_inflate_init(m_inflate.get());
        m_inflate->crc_flag = ISAL_GZIP_NO_HDR; // raw deflate, CRC-32 of the output in ->crc
        m_input.resize(ZipInputChunk);
    }
    return true;
}

qint64 BinanceArchiveZip::read(char *buffer, qint64 size)
{
    if (!m_file)
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
        if (code < 0)
            return failed(inflateErrorText(code));
        if (state.avail_in == 0 && m_inputEnd && state.avail_out == before
            && state.block_state != ISAL_BLOCK_FINISH)
            return failed(tr("the compressed data of %1 ends early").arg(m_entry));
    }
    const qint64 n = room - state.avail_out;
    m_produced += quint64(n);
    if (n == 0)
        return finish(state.crc);
    return n;
}

qint64 BinanceArchiveZip::finish(quint32 crc)
{
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
