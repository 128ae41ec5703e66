#pragma once

#include <QByteArray>
#include <QString>

namespace Candlewick::Testing {

// SHA-256 of the file's bytes (empty when it cannot be read).
QByteArray fileHash(const QString &path);

// Runs `sql` on the file with a connection of its own (as another program would), then closes
// it. False on any error.
bool execSql(const QString &path, const char *sql);

// Overwrites `count` 4 KiB pages from page index `first` with random bytes from a fixed seed,
// like `dd if=/dev/urandom of=FILE bs=4096 seek=FIRST count=COUNT conv=notrunc`.
bool damagePages(const QString &path, int first, int count);

} // namespace Candlewick::Testing
