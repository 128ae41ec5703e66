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
struct zip_stat;
struct inflate_state;

namespace Candlewick {

class BinanceArchiveArrival;

// The one CSV inside a Binance archive zip, on disk, in memory (a download kept there) or
// arriving (a download read while it goes on), read chunk by chunk: never the whole CSV in
// memory. libzip finds the entry and hands over its compressed bytes, ISA-L inflates them and the
// entry's CRC-32 and size are checked at its end (a stored entry is read through libzip). A
// truncated or damaged zip fails open() (no central directory) or read() (a deflate error, a
// short entry, or a CRC or size that does not match).
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
    // Opens the zip as it downloads: its local header is read as it arrives and its entry's
    // deflate data inflated from the bytes as they come (read() waits for them). Once all of it
    // arrived, the zip is opened as open(parts) opens it (the central directory: one entry,
    // matching its local header) before read() tells its end or an error, so the same zip fails
    // the same way: the CRC-32 and size inflated are the central directory's, the deflate data
    // no longer than it says. A zip whose local header this does not read (not the first bytes,
    // not deflated, encrypted, zip64 sizes) is opened so once it all arrived. False when the
    // download stopped (or as open(parts)).
    bool open(std::shared_ptr<BinanceArchiveArrival> arrival);
    // Up to `size` bytes of the CSV into `buffer`: the count, 0 at the end, -1 on error.
    qint64 read(char *buffer, qint64 size);
    QString entryName() const { return m_entry; }
    // The CSV's size as the zip states it (checked at its end), once open; arriving, as its
    // local header states it (0 when it is in a data descriptor after the data).
    quint64 entrySize() const { return m_expectedSize; }
    QString errorString() const { return m_error; }

private:
    void close();
    // Closes it, its entry's name and error too (before it opens).
    void clear();
    // Opens the archive made of `parts` (kept in m_parts).
    bool openParts(QList<QByteArray> parts);
    // Opens the archive read from `source` (taken, null when it could not be made: the reason in
    // `error`, which is released here).
    bool openSource(zip_source *source, zip_error &error);
    // The archive's only entry, once m_archive is open: its name, CRC and sizes, checked to be
    // read here (deflated or stored, not encrypted).
    bool statEntry(struct zip_stat &stat);
    // The archive's only entry, opened to be read.
    bool openEntry();
    enum class LocalHeader { Deflated, Other, Stopped };
    // The arriving zip's local header, read up to its entry's data.
    LocalHeader readLocalHeader();
    // The next bytes of the arriving zip, at most `max`, where they are in the block holding
    // them, waiting for them: their count, 0 at the zip's end (or for `max` 0), -1 when its
    // download stopped.
    qint64 arrived(const char *&data, qint64 max);
    // The next `size` bytes of the arriving zip into `out`: how many there were, -1 when its
    // download stopped.
    qint64 copyArrived(char *out, qint64 size);
    // The arriving zip, all arrived, opened as open(parts) opens it (once): false with the
    // error.
    bool checkArrived();
    // Whether the zip can tell its errors: not arriving, or checked once arrived.
    bool checked() { return !m_arrival || m_checked || checkArrived(); }
    qint64 readStored(char *buffer, qint64 size);
    qint64 readDeflated(char *buffer, qint64 size);
    bool refill();
    qint64 failed(const QString &why);
    // At the deflated entry's end: its size and CRC-32 against the zip's.
    qint64 finish(quint32 crc);

    QList<QByteArray> m_parts; // the zip when it is in memory
    std::shared_ptr<BinanceArchiveArrival> m_arrival; // the zip as it arrives
    QByteArray m_arrivedBlock; // the block of m_arrival being read
    qsizetype m_arrivedAt = 0; // in m_arrivedBlock
    qsizetype m_nextBlock = 0; // of m_arrival
    qint64 m_compressedLeft = -1; // the deflate data not fed yet, as the local header says (-1 not)
    quint64 m_fed = 0; // the deflate data fed to the inflater (arriving)
    bool m_checked = false; // checkArrived() ran
    zip *m_archive = nullptr;
    zip_file *m_file = nullptr;
    std::unique_ptr<inflate_state> m_inflate; // null for a stored entry
    QByteArray m_input; // compressed bytes waiting for the inflater
    bool m_inputEnd = false;
    bool m_done = false;
    quint32 m_expectedCrc = 0;
    quint64 m_expectedSize = 0;
    quint64 m_expectedCompressed = 0;
    quint64 m_produced = 0;
    QString m_entry;
    QString m_error;
};

} // namespace Candlewick
