#include "outputfile.h"

#include <QFileInfo>

#include <sys/stat.h>
#include <unistd.h>

namespace Candlewick::Cli {

OutputFile::OutputFile(QString path)
    : m_path(std::move(path))
{
}

bool OutputFile::isStdout() const
{
    return m_path.isEmpty() || m_path == QLatin1StringView("-");
}

QString OutputFile::displayName() const
{
    return isStdout() ? QStringLiteral("stdout") : m_path;
}

bool OutputFile::open()
{
    constexpr QIODevice::OpenMode Stream = QIODevice::WriteOnly | QIODevice::Unbuffered;
    if (isStdout()) {
        m_device = &m_stream;
        if (!m_stream.open(STDOUT_FILENO, Stream, QFileDevice::DontCloseHandle))
            return fail(m_stream.errorString());
        return true;
    }
    struct stat st = {};
    const QByteArray native = QFile::encodeName(m_path);
    if (::stat(native.constData(), &st) == 0) { // follows symlinks, /dev/fd/N included
        if (S_ISDIR(st.st_mode))
            return fail(tr("it is a directory"));
        if (!S_ISREG(st.st_mode)) {
            m_device = &m_stream;
            m_stream.setFileName(m_path);
            if (!m_stream.open(Stream))
                return fail(m_stream.errorString());
            return true;
        }
    }
    // A regular file, or none yet: replace the file a symlink points to, not the symlink.
    const QString target = QFileInfo(m_path).canonicalFilePath();
    m_file.setFileName(target.isEmpty() ? m_path : target);
    m_device = &m_file;
    if (!m_file.open(QIODevice::WriteOnly))
        return fail(m_file.errorString());
    return true;
}

bool OutputFile::write(const QByteArray &data)
{
    if (m_device->write(data) != data.size())
        return fail(m_device->errorString());
    return true;
}

bool OutputFile::commit()
{
    if (m_device == &m_file) {
        if (!m_file.commit())
            return fail(m_file.errorString());
        return true;
    }
    m_stream.close();
    if (m_stream.error() != QFileDevice::NoError)
        return fail(m_stream.errorString());
    return true;
}

bool OutputFile::fail(const QString &why)
{
    m_error = tr("cannot write %1: %2").arg(displayName(), why);
    return false;
}

} // namespace Candlewick::Cli
