#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QList>
#include <QString>

#include <memory>

struct zip;
struct zip_file;
struct zip_error;
struct zip_source;
struct inflate_state;

namespace Candlewick {

// The one CSV inside a Binance archive zip, on disk or in memory (a download kept there), read
// chunk by chunk: never the whole CSV in memory. libzip finds the entry and hands over its
// compressed bytes, ISA-L inflates them and the entry's CRC-32 and size are checked at its end (a
// stored entry is read through libzip). A truncated or damaged zip fails open() (no central
// directory) or read() (a deflate error, a short entry, or a CRC or size that does not match).
class BinanceArchiveZip
{
    Q_DECLARE_TR_FUNCTIONS(Candlewick::BinanceArchiveZip)
public:
    BinanceArchiveZip();
    ~BinanceArchiveZip();
    BinanceArchiveZip(const BinanceArchiveZip &) = delete;
    BinanceArchiveZip &operator=(const BinanceArchiveZip &) = delete;

    // Opens the zip at `path` and its only entry.
    bool open(const QString &path);
    // Opens the zip made of `parts`, one after the other (kept until it is closed), and its only
    // entry.
    bool open(QList<QByteArray> parts);
    // Up to `size` bytes of the CSV into `buffer`: the count, 0 at the end, -1 on error.
    qint64 read(char *buffer, qint64 size);
    QString entryName() const { return m_entry; }
    // The CSV's size as the zip states it (checked at its end), once open.
    quint64 entrySize() const { return m_expectedSize; }
    QString errorString() const { return m_error; }

private:
    void close();
    // Opens the zip read from `source` (taken, null when it could not be made: the reason in
    // `error`, which is released here) and its only entry.
    bool openSource(zip_source *source, zip_error &error);
    // The archive's only entry, once m_archive is open.
    bool openEntry();
    qint64 readStored(char *buffer, qint64 size);
    qint64 readDeflated(char *buffer, qint64 size);
    bool refill();
    qint64 failed(const QString &why);
    // At the deflated entry's end: its size and CRC-32 against the zip's.
    qint64 finish(quint32 crc);

    QList<QByteArray> m_parts; // the zip when it is in memory
    zip *m_archive = nullptr;
    zip_file *m_file = nullptr;
    std::unique_ptr<inflate_state> m_inflate; // null for a stored entry
    QByteArray m_input; // compressed bytes waiting for the inflater
    bool m_inputEnd = false;
    bool m_done = false;
    quint32 m_expectedCrc = 0;
    quint64 m_expectedSize = 0;
    quint64 m_produced = 0;
    QString m_entry;
    QString m_error;
};

} // namespace Candlewick
