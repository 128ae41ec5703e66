#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QCoreApplication>
#include <QString>

#include <memory>

typedef struct evp_md_ctx_st EVP_MD_CTX;

namespace Candlewick {

// The SHA-256 of an archive file against its ".CHECKSUM" ("<sha256 hex>  <file name>", with or
// without a trailing newline). add() takes the file's bytes as they arrive, so a download is
// hashed while it is written and never read again. OpenSSL's SHA-256 (libcrypto uses the CPU's
// SHA instructions: several times QCryptographicHash's speed, which matters for 100 MB files).
class BinanceArchiveChecksum
{
    Q_DECLARE_TR_FUNCTIONS(Candlewick::BinanceArchiveChecksum)
public:
    BinanceArchiveChecksum();
    ~BinanceArchiveChecksum();

    // Reads the expected digest from a checksum file's text; false (errorString()) when it is not
    // one or names another file than `fileName`.
    bool setExpected(QByteArrayView checksumText, const QString &fileName);
    bool hasExpected() const { return !m_expected.isEmpty(); }

    void add(QByteArrayView data);
    // Hashes the file at `path` chunk by chunk; false when it cannot be read.
    bool addFile(const QString &path);

    // Whether what was added has the expected digest; errorString() tells both digests. Once,
    // after the last add().
    bool verify();
    QString errorString() const { return m_error; }

private:
    // The hash, started on its first use.
    EVP_MD_CTX *context();

    struct FreeContext
    {
        void operator()(EVP_MD_CTX *context) const;
    };
    std::unique_ptr<EVP_MD_CTX, FreeContext> m_hash; // null until the first use
    QByteArray m_expected; // lowercase hex
    QString m_error;
};

} // namespace Candlewick
