#include "binancearchivechecksum.h"

#include <QFile>

#include <openssl/evp.h>

namespace Candlewick {

void BinanceArchiveChecksum::FreeContext::operator()(EVP_MD_CTX *context) const
{
    EVP_MD_CTX_free(context);
}

BinanceArchiveChecksum::BinanceArchiveChecksum() = default;

BinanceArchiveChecksum::~BinanceArchiveChecksum() = default;

EVP_MD_CTX *BinanceArchiveChecksum::context()
{
    if (!m_hash) {
        // Fetched once for the process: the first use of libcrypto initialises it (about 1 ms),
        // so no checksum is made before its file's first bytes are there, and the requests of
        // an import do not wait for it.
        static EVP_MD *const sha256 = EVP_MD_fetch(nullptr, "SHA256", nullptr);
        m_hash.reset(EVP_MD_CTX_new());
        EVP_DigestInit_ex(m_hash.get(), sha256, nullptr);
    }
    return m_hash.get();
}

void BinanceArchiveChecksum::add(QByteArrayView data)
{
    EVP_DigestUpdate(context(), data.data(), size_t(data.size()));
}

bool BinanceArchiveChecksum::setExpected(QByteArrayView checksumText, const QString &fileName)
{
    const QList<QByteArray> parts = checksumText.toByteArray().simplified().split(' ');
    const QByteArray digest = parts.value(0).toLower();
    const bool hex = digest.size() == 64 && std::all_of(digest.begin(), digest.end(), [](char c) {
                         return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
                     });
    if (!hex || parts.size() > 2) {
        m_error = tr("not a checksum file (expected \"<sha256>  %1\")").arg(fileName);
        return false;
    }
    // The name may come with a leading '*' (binary mode, as sha256sum writes it).
    QByteArray named = parts.value(1);
    if (named.startsWith('*'))
        named.remove(0, 1);
    if (!named.isEmpty() && QString::fromUtf8(named) != fileName) {
        m_error = tr("the checksum is for %1, not %2").arg(QString::fromUtf8(named), fileName);
        return false;
    }
    m_expected = digest;
    return true;
}

bool BinanceArchiveChecksum::addFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        m_error = file.errorString();
        return false;
    }
    QByteArray buffer(1 << 20, Qt::Uninitialized);
    qint64 n = 0;
    while ((n = file.read(buffer.data(), buffer.size())) > 0)
        add(QByteArrayView(buffer.constData(), n));
    if (n < 0) {
        m_error = file.errorString();
        return false;
    }
    return true;
}

bool BinanceArchiveChecksum::verify()
{
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int size = 0;
    EVP_DigestFinal_ex(context(), digest, &size);
    const QByteArray actual
        = QByteArray(reinterpret_cast<const char *>(digest), qsizetype(size)).toHex();
    if (actual == m_expected)
        return true;
    m_error = tr("checksum mismatch: SHA-256 %1, the .CHECKSUM says %2")
                  .arg(QString::fromLatin1(actual), QString::fromLatin1(m_expected));
    return false;
}

} // namespace Candlewick
