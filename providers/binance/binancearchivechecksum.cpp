#include "binancearchivechecksum.h"

#include <QFile>

namespace Candlewick {

bool BinanceArchiveChecksum::setExpected(QByteArrayView checksumText, const QString &fileName)
{
    const QList<QByteArray> parts = checksumText.toByteArray().simplified().split(' ');
    const QByteArray digest = parts.value(0).toLower();
    const bool hex = digest.size() == 64 && std::all_of(digest.begin(), digest.end(), [](char c) {
                         return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
                     });
    if (!hex || parts.size() > 2) {
        m_error = QStringLiteral("not a checksum file (expected \"<sha256>  %1\")").arg(fileName);
        return false;
    }
    // The name may come with a leading '*' (binary mode, as sha256sum writes it).
    QByteArray named = parts.value(1);
    if (named.startsWith('*'))
        named.remove(0, 1);
    if (!named.isEmpty() && QString::fromUtf8(named) != fileName) {
        m_error = QStringLiteral("the checksum is for %1, not %2")
                      .arg(QString::fromUtf8(named), fileName);
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
    if (!m_hash.addData(&file)) {
        m_error = file.errorString();
        return false;
    }
    return true;
}

bool BinanceArchiveChecksum::verify()
{
    const QByteArray actual = m_hash.result().toHex();
    if (actual == m_expected)
        return true;
    m_error = QStringLiteral("checksum mismatch: SHA-256 %1, the .CHECKSUM says %2")
                  .arg(QString::fromLatin1(actual), QString::fromLatin1(m_expected));
    return false;
}

} // namespace Candlewick
