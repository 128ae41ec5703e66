#pragma once

#include <QString>

struct zip;
struct zip_file;

namespace Candlewick {

// The one CSV inside a Binance archive zip on disk, read chunk by chunk through libzip: never
// the whole archive in memory. A truncated or damaged zip fails open() (no central directory)
// or read() (a deflate or CRC error, checked at the end of the entry).
class BinanceArchiveZip
{
public:
    BinanceArchiveZip() = default;
    ~BinanceArchiveZip();
    BinanceArchiveZip(const BinanceArchiveZip &) = delete;
    BinanceArchiveZip &operator=(const BinanceArchiveZip &) = delete;

    // Opens the zip at `path` and its only entry.
    bool open(const QString &path);
    // Up to `size` bytes of the CSV into `buffer`: the count, 0 at the end, -1 on error.
    qint64 read(char *buffer, qint64 size);
    QString entryName() const { return m_entry; }
    QString errorString() const { return m_error; }

private:
    void close();

    zip *m_archive = nullptr;
    zip_file *m_file = nullptr;
    QString m_entry;
    QString m_error;
};

} // namespace Candlewick
