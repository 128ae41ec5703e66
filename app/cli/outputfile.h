#pragma once

#include <QCoreApplication>
#include <QFile>
#include <QSaveFile>
#include <QString>

namespace Candlewick::Cli {

// Where a command writes its output. A regular file (new or existing, also behind a symlink) is
// written to a temporary file in its directory and renamed over it on commit(), so it is either
// complete or untouched. Everything else that exists is written as a stream and never replaced:
// "-" or an empty path (stdout), a FIFO, a character device (/dev/null, a terminal), and
// /dev/fd/N (the shell's `>(gzip > x.gz)`).
class OutputFile
{
    Q_DECLARE_TR_FUNCTIONS(Candlewick::Cli::OutputFile)

public:
    explicit OutputFile(QString path);

    bool isStdout() const;
    // For messages: the path, or "stdout".
    QString displayName() const;

    bool open();
    bool write(const QByteArray &data);
    // Renames the temporary file into place, or ends the stream. False (with errorString())
    // when anything could not be written.
    bool commit();
    QString errorString() const { return m_error; }

private:
    bool fail(const QString &why);

    QString m_path;
    QSaveFile m_file; // a regular file
    QFile m_stream; // stdout or a special file
    QFileDevice *m_device = nullptr;
    QString m_error;
};

} // namespace Candlewick::Cli
