#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QCryptographicHash>
#include <QString>

namespace Candlewick {

// The SHA-256 of an archive file against its ".CHECKSUM" ("<sha256 hex>  <file name>", with or
// without a trailing newline). add() takes the file's bytes as they arrive, so a download is
// hashed while it is written and never read again.
class BinanceArchiveChecksum
{
public:
    // Reads the expected digest from a checksum file's text; false (errorString()) when it is not
    // one or names another file than `fileName`.
    bool setExpected(QByteArrayView checksumText, const QString &fileName);
    bool hasExpected() const { return !m_expected.isEmpty(); }

    void add(QByteArrayView data) { m_hash.addData(data); }
    // Hashes the file at `path` chunk by chunk; false when it cannot be read.
    bool addFile(const QString &path);

    // Whether what was added has the expected digest; errorString() tells both digests.
    bool verify();
    QString errorString() const { return m_error; }

private:
    QCryptographicHash m_hash{QCryptographicHash::Sha256};
    QByteArray m_expected; // lowercase hex
    QString m_error;
};

} // namespace Candlewick
