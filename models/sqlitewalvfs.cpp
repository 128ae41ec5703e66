#include "sqlitewalvfs.h"

#include <sqlite3.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <new>

namespace Candlewick::SqliteWalVfs {

namespace {

// The WAL's file format: a 32-byte header, then frames of a 24-byte header (bytes 4..7: the
// database's size in pages after a commit, 0 in a frame that commits nothing) and a page.
constexpr int WalHeaderBytes = 32;
constexpr int FrameHeaderBytes = 24;
// Frames are written out in blocks that end at multiples of Block in the file: writes of that
// size cost the kernel a fraction of 4 KiB ones per byte (the page cache takes them in large
// pieces), and the default VFS writes less than 128 KiB at a time.
constexpr int Block = 64 * 1024;
constexpr int HeldBytes = 2 * Block;

sqlite3_vfs *baseVfs = nullptr;

// A WAL opened through this VFS: the default VFS's file follows it in the same allocation.
struct WalFile
{
    sqlite3_file file; // what SQLite sees: first
    sqlite3_file *base = nullptr;
    std::unique_ptr<unsigned char[]> held; // allocated by the first write held
    sqlite3_int64 heldAt = 0;
    int heldBytes = 0;
    // The last write held was a frame's header (not a commit's): its page follows at `end`.
    bool pageNext = false;
    sqlite3_int64 end = 0;
};

constexpr int BaseOffset = int((sizeof(WalFile) + 7) & ~size_t(7));

WalFile *walFile(sqlite3_file *file)
{
    return reinterpret_cast<WalFile *>(file);
}

// Writes the first `bytes` held, in pieces that end at multiples of Block, and keeps the rest.
// On failure nothing stays held; SQLite sees the failure as that of the call that asked.
int writeHeld(WalFile *w, int bytes)
{
    for (int done = 0; done < bytes;) {
        const sqlite3_int64 at = w->heldAt + done;
        const int piece = int(std::min<sqlite3_int64>(bytes - done, Block - at % Block));
        if (const int rc = w->base->pMethods->xWrite(w->base, w->held.get() + done, piece, at);
            rc != SQLITE_OK) {
            w->heldBytes = 0;
            return rc;
        }
        done += piece;
    }
    w->heldBytes -= bytes;
    w->heldAt += bytes;
    std::memmove(w->held.get(), w->held.get() + bytes, size_t(w->heldBytes));
    return SQLITE_OK;
}

int flush(WalFile *w)
{
    return writeHeld(w, w->heldBytes);
}

int walClose(sqlite3_file *file)
{
    WalFile *w = walFile(file);
    const int flushed = flush(w);
    const int closed = w->base->pMethods->xClose(w->base);
    w->~WalFile();
    return flushed != SQLITE_OK ? flushed : closed;
}

int walRead(sqlite3_file *file, void *data, int amount, sqlite3_int64 offset)
{
    WalFile *w = walFile(file);
    const int rc = flush(w);
    return rc != SQLITE_OK ? rc : w->base->pMethods->xRead(w->base, data, amount, offset);
}

int walWrite(sqlite3_file *file, const void *data, int amount, sqlite3_int64 offset)
{
    WalFile *w = walFile(file);
    const auto *bytes = static_cast<const unsigned char *>(data);
    const bool frameHeader = amount == FrameHeaderBytes && offset >= WalHeaderBytes;
    const bool commit = frameHeader && (bytes[4] | bytes[5] | bytes[6] | bytes[7]) != 0;
    // The WAL's header, and the frames of a transaction, header and page, up to its commit
    // frame: that one's two writes go to the file at once with all held before, so nothing of
    // a commit is held when SQLite publishes it, whatever the order of the writes.
    bool hold = !commit && amount <= Block
        && ((offset == 0 && amount == WalHeaderBytes) || frameHeader
            || (w->pageNext && offset == w->end));
    w->pageNext = frameHeader && !commit;
    if (hold && !w->held) {
        w->held.reset(new (std::nothrow) unsigned char[HeldBytes]);
        hold = w->held != nullptr;
    }
    if (!hold || offset != w->heldAt + w->heldBytes || w->heldBytes + amount > HeldBytes) {
        if (const int rc = flush(w); rc != SQLITE_OK)
            return rc;
    }
    if (!hold)
        return w->base->pMethods->xWrite(w->base, data, amount, offset);
    if (w->heldBytes == 0)
        w->heldAt = offset;
    std::memcpy(w->held.get() + w->heldBytes, data, size_t(amount));
    w->heldBytes += amount;
    w->end = offset + amount;
    // The whole blocks held go now.
    const sqlite3_int64 blockEnd = w->end / Block * Block;
    return blockEnd > w->heldAt ? writeHeld(w, int(blockEnd - w->heldAt)) : SQLITE_OK;
}

int walTruncate(sqlite3_file *file, sqlite3_int64 size)
{
    WalFile *w = walFile(file);
    const int rc = flush(w);
    return rc != SQLITE_OK ? rc : w->base->pMethods->xTruncate(w->base, size);
}

int walSync(sqlite3_file *file, int flags)
{
    WalFile *w = walFile(file);
    const int rc = flush(w);
    return rc != SQLITE_OK ? rc : w->base->pMethods->xSync(w->base, flags);
}

int walFileSize(sqlite3_file *file, sqlite3_int64 *size)
{
    WalFile *w = walFile(file);
    const int rc = flush(w);
    return rc != SQLITE_OK ? rc : w->base->pMethods->xFileSize(w->base, size);
}

int walLock(sqlite3_file *file, int level)
{
    WalFile *w = walFile(file);
    return w->base->pMethods->xLock(w->base, level);
}

int walUnlock(sqlite3_file *file, int level)
{
    WalFile *w = walFile(file);
    return w->base->pMethods->xUnlock(w->base, level);
}

int walCheckReservedLock(sqlite3_file *file, int *out)
{
    WalFile *w = walFile(file);
    return w->base->pMethods->xCheckReservedLock(w->base, out);
}

int walFileControl(sqlite3_file *file, int op, void *arg)
{
    WalFile *w = walFile(file);
    const int rc = flush(w);
    return rc != SQLITE_OK ? rc : w->base->pMethods->xFileControl(w->base, op, arg);
}

int walSectorSize(sqlite3_file *file)
{
    WalFile *w = walFile(file);
    return w->base->pMethods->xSectorSize(w->base);
}

int walDeviceCharacteristics(sqlite3_file *file)
{
    WalFile *w = walFile(file);
    return w->base->pMethods->xDeviceCharacteristics(w->base);
}

// Version 1: a WAL is neither shared memory nor memory-mapped (the database file is).
const sqlite3_io_methods WalMethods = {
    1,
    walClose,
    walRead,
    walWrite,
    walTruncate,
    walSync,
    walFileSize,
    walLock,
    walUnlock,
    walCheckReservedLock,
    walFileControl,
    walSectorSize,
    walDeviceCharacteristics,
    nullptr,
    nullptr,
    nullptr,
    nullptr,
    nullptr,
    nullptr,
};

int openFile(sqlite3_vfs *, const char *name, sqlite3_file *file, int flags, int *outFlags)
{
    // Every other file is the default VFS's own, in the same memory.
    if ((flags & SQLITE_OPEN_WAL) == 0)
        return baseVfs->xOpen(baseVfs, name, file, flags, outFlags);
    auto *w = new (file) WalFile;
    w->file.pMethods = nullptr;
    w->base = reinterpret_cast<sqlite3_file *>(reinterpret_cast<char *>(file) + BaseOffset);
    w->base->pMethods = nullptr;
    const int rc = baseVfs->xOpen(baseVfs, name, w->base, flags, outFlags);
    if (rc != SQLITE_OK) {
        if (w->base->pMethods)
            w->base->pMethods->xClose(w->base);
        w->~WalFile();
        file->pMethods = nullptr;
        return rc;
    }
    w->file.pMethods = &WalMethods;
    return SQLITE_OK;
}

} // namespace

const char *name()
{
    static sqlite3_vfs vfs;
    static const char *const registered = []() -> const char * {
        baseVfs = sqlite3_vfs_find(nullptr);
        if (!baseVfs)
            return nullptr;
        vfs = *baseVfs;
        vfs.pNext = nullptr;
        vfs.zName = "candlewick-wal";
        vfs.szOsFile = BaseOffset + baseVfs->szOsFile;
        vfs.xOpen = openFile;
        return sqlite3_vfs_register(&vfs, 0) == SQLITE_OK ? vfs.zName : nullptr;
    }();
    return registered;
}

} // namespace Candlewick::SqliteWalVfs
