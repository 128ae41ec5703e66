#include "binancearchivezip.h"

#include <QFile>

#include <zip.h>

namespace Candlewick {

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
}

bool BinanceArchiveZip::open(const QString &path)
{
    close();
    m_entry.clear();
    m_error.clear();
    int code = 0;
    m_archive = zip_open(QFile::encodeName(path).constData(), ZIP_RDONLY | ZIP_CHECKCONS, &code);
    if (!m_archive) {
        zip_error_t error;
        zip_error_init_with_code(&error, code);
        m_error = QStringLiteral("not a readable zip file (%1)")
                      .arg(QString::fromLocal8Bit(zip_error_strerror(&error)));
        zip_error_fini(&error);
        return false;
    }
    const zip_int64_t entries = zip_get_num_entries(m_archive, 0);
    if (entries != 1) {
        m_error = QStringLiteral("%1 entries in the zip, expected one CSV").arg(entries);
        close();
        return false;
    }
    m_entry = QString::fromUtf8(zip_get_name(m_archive, 0, 0));
    m_file = zip_fopen_index(m_archive, 0, 0);
    if (!m_file) {
        m_error = QStringLiteral("cannot read %1 in the zip (%2)")
                      .arg(m_entry, QString::fromLocal8Bit(zip_strerror(m_archive)));
        close();
        return false;
    }
    return true;
}

qint64 BinanceArchiveZip::read(char *buffer, qint64 size)
{
    if (!m_file)
        return -1;
    const zip_int64_t n = zip_fread(m_file, buffer, zip_uint64_t(size));
    if (n < 0) {
        m_error = QStringLiteral("damaged zip: %1")
                      .arg(QString::fromLocal8Bit(zip_file_strerror(m_file)));
        return -1;
    }
    return n;
}

} // namespace Candlewick
