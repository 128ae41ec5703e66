#include "databasefiles.h"

#include <QCryptographicHash>
#include <QFile>
#include <QRandomGenerator>

#include <sqlite3.h>

namespace Candlewick::Testing {

QByteArray fileHash(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256);
}

bool execSql(const QString &path, const char *sql)
{
    sqlite3 *db = nullptr;
    const bool ok = sqlite3_open(QFile::encodeName(path).constData(), &db) == SQLITE_OK
        && sqlite3_exec(db, sql, nullptr, nullptr, nullptr) == SQLITE_OK;
    sqlite3_close(db);
    return ok;
}

bool damagePages(const QString &path, int first, int count)
{
    constexpr qint64 PageSize = 4096;
    QFile f(path);
    if (!f.open(QIODevice::ReadWrite) || !f.seek(first * PageSize))
        return false;
    QRandomGenerator random(15);
    QByteArray noise(count * PageSize, Qt::Uninitialized);
    for (char &b : noise)
        b = char(random.bounded(256));
    return f.write(noise) == noise.size();
}

} // namespace Candlewick::Testing
