#include "sqlitewalvfs.h"

#include <sqlite3.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <new>
#include <utility>

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

struct DbFile;

// A WAL opened through this VFS: the default VFS's file follows it in the same allocation.
struct WalFile
{
    sqlite3_file file; // what SQLite sees: first
    sqlite3_file *base = nullptr;
    DbFile *db = nullptr; // its database file's
    std::unique_ptr<unsigned char[]> held; // allocated by the first write held
    sqlite3_int64 heldAt = 0;
    int heldBytes = 0;
    // The last write held was a frame's header (not a commit's): its page follows at `end`.
    bool pageNext = false;
    sqlite3_int64 end = 0;
    // A failed write out that the call asking for it could not report (a lock's release):
    // the WAL's next write, read or sync reports it.
    int lostWrite = SQLITE_OK;
};

// A database file opened through this VFS, its calls the default VFS's file's (after it in the
// same allocation); the WAL of its connection while open.
struct DbFile
{
    sqlite3_file file; // what SQLite sees: first
    sqlite3_file *base = nullptr;
    WalFile *wal = nullptr;
};

constexpr int BaseOffset = int((std::max(sizeof(WalFile), sizeof(DbFile)) + 7) & ~size_t(7));

WalFile *walFile(sqlite3_file *file)
{
    return reinterpret_cast<WalFile *>(file);
}

DbFile *dbFile(sqlite3_file *file)
{
    return reinterpret_cast<DbFile *>(file);
}

// Writes the first `bytes` held, in pieces that end at multiples of Block, and keeps the rest.
// On failure nothing stays held; SQLite sees the failure as that of the call that asked.
int writeHeld(WalFile *w, int bytes)
{
    if (bytes == 0)
        return SQLITE_OK; // (nothing may ever have been held: no buffer)
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

// The failure of an earlier write out, once.
int takeLostWrite(WalFile *w)
{
    return std::exchange(w->lostWrite, SQLITE_OK);
}

int walClose(sqlite3_file *file)
{
    WalFile *w = walFile(file);
    const int flushed = flush(w);
    const int closed = w->base->pMethods->xClose(w->base);
    if (w->db)
        w->db->wal = nullptr;
    w->~WalFile();
    return flushed != SQLITE_OK ? flushed : closed;
}

int walRead(sqlite3_file *file, void *data, int amount, sqlite3_int64 offset)
{
    WalFile *w = walFile(file);
    int rc = takeLostWrite(w);
    if (rc == SQLITE_OK)
        rc = flush(w);
    return rc != SQLITE_OK ? rc : w->base->pMethods->xRead(w->base, data, amount, offset);
}

int walWrite(sqlite3_file *file, const void *data, int amount, sqlite3_int64 offset)
{
    WalFile *w = walFile(file);
    if (const int rc = takeLostWrite(w); rc != SQLITE_OK)
        return rc;
    const auto *bytes = static_cast<const unsigned char *>(data);
    const bool frameHeader = amount == FrameHeaderBytes && offset >= WalHeaderBytes;
    const bool commit = frameHeader && (bytes[4] | bytes[5] | bytes[6] | bytes[7]) != 0;
    // The WAL's header, and the frames of a transaction, header and page, up to its commit
    // frame: that one's two writes go to the file at once with all held before, so nothing of
    // a commit is held when SQLite publishes it, whatever the order of the writes. Only while
    // the connection's database file can tell when the transaction ends (dbShmLock()).
    bool hold = !commit && w->db && amount <= Block
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
    int rc = takeLostWrite(w);
    if (rc == SQLITE_OK)
        rc = flush(w);
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

// The database file's calls, as the default VFS's file makes them.
sqlite3_file *dbBase(sqlite3_file *file)
{
    return dbFile(file)->base;
}

int dbClose(sqlite3_file *file)
{
    DbFile *d = dbFile(file);
    if (d->wal)
        d->wal->db = nullptr;
    const int rc = d->base->pMethods->xClose(d->base);
    d->~DbFile();
    return rc;
}

int dbRead(sqlite3_file *file, void *data, int amount, sqlite3_int64 offset)
{
    return dbBase(file)->pMethods->xRead(dbBase(file), data, amount, offset);
}

int dbWrite(sqlite3_file *file, const void *data, int amount, sqlite3_int64 offset)
{
    return dbBase(file)->pMethods->xWrite(dbBase(file), data, amount, offset);
}

int dbTruncate(sqlite3_file *file, sqlite3_int64 size)
{
    return dbBase(file)->pMethods->xTruncate(dbBase(file), size);
}

int dbSync(sqlite3_file *file, int flags)
{
    return dbBase(file)->pMethods->xSync(dbBase(file), flags);
}

int dbFileSize(sqlite3_file *file, sqlite3_int64 *size)
{
    return dbBase(file)->pMethods->xFileSize(dbBase(file), size);
}

int dbLock(sqlite3_file *file, int level)
{
    return dbBase(file)->pMethods->xLock(dbBase(file), level);
}

int dbUnlock(sqlite3_file *file, int level)
{
    return dbBase(file)->pMethods->xUnlock(dbBase(file), level);
}

int dbCheckReservedLock(sqlite3_file *file, int *out)
{
    return dbBase(file)->pMethods->xCheckReservedLock(dbBase(file), out);
}

int dbFileControl(sqlite3_file *file, int op, void *arg)
{
    return dbBase(file)->pMethods->xFileControl(dbBase(file), op, arg);
}

int dbSectorSize(sqlite3_file *file)
{
    return dbBase(file)->pMethods->xSectorSize(dbBase(file));
}

int dbDeviceCharacteristics(sqlite3_file *file)
{
    return dbBase(file)->pMethods->xDeviceCharacteristics(dbBase(file));
}

int dbShmMap(sqlite3_file *file, int region, int size, int extend, void volatile **out)
{
    return dbBase(file)->pMethods->xShmMap(dbBase(file), region, size, extend, out);
}

// The WAL's locks: a lock given up (the end of a transaction, committed or rolled back, or a
// reader's mark changed) first writes out what the connection's WAL holds, so no frame is held
// while another connection may write (over the same place of the WAL: a rolled-back
// transaction's frames written later would overwrite its commit).
int dbShmLock(sqlite3_file *file, int offset, int n, int flags)
{
    DbFile *d = dbFile(file);
    if (d->wal && (flags & SQLITE_SHM_UNLOCK) != 0) {
        if (const int rc = flush(d->wal); rc != SQLITE_OK)
            d->wal->lostWrite = rc;
    }
    return d->base->pMethods->xShmLock(d->base, offset, n, flags);
}

void dbShmBarrier(sqlite3_file *file)
{
    dbBase(file)->pMethods->xShmBarrier(dbBase(file));
}

int dbShmUnmap(sqlite3_file *file, int deleteFlag)
{
    return dbBase(file)->pMethods->xShmUnmap(dbBase(file), deleteFlag);
}

int dbFetch(sqlite3_file *file, sqlite3_int64 offset, int amount, void **out)
{
    return dbBase(file)->pMethods->xFetch(dbBase(file), offset, amount, out);
}

int dbUnfetch(sqlite3_file *file, sqlite3_int64 offset, void *data)
{
    return dbBase(file)->pMethods->xUnfetch(dbBase(file), offset, data);
}

// Version 3, as the default VFS's database file (checked when it is opened).
const sqlite3_io_methods DbMethods = {
    3,
    dbClose,
    dbRead,
    dbWrite,
    dbTruncate,
    dbSync,
    dbFileSize,
    dbLock,
    dbUnlock,
    dbCheckReservedLock,
    dbFileControl,
    dbSectorSize,
    dbDeviceCharacteristics,
    dbShmMap,
    dbShmLock,
    dbShmBarrier,
    dbShmUnmap,
    dbFetch,
    dbUnfetch,
};

// Opens the default VFS's file after `file` (BaseOffset on); the base file, or nullptr with
// `rc` set (and file->pMethods cleared) when it cannot be opened.
sqlite3_file *openBase(const char *name, sqlite3_file *file, int flags, int *outFlags, int &rc)
{
    auto *base = reinterpret_cast<sqlite3_file *>(reinterpret_cast<char *>(file) + BaseOffset);
    base->pMethods = nullptr;
    file->pMethods = nullptr;
    rc = baseVfs->xOpen(baseVfs, name, base, flags, outFlags);
    if (rc == SQLITE_OK)
        return base;
    if (base->pMethods)
        base->pMethods->xClose(base);
    return nullptr;
}

int openFile(sqlite3_vfs *, const char *name, sqlite3_file *file, int flags, int *outFlags)
{
    int rc = SQLITE_OK;
    if ((flags & SQLITE_OPEN_MAIN_DB) != 0) {
        sqlite3_file *base = openBase(name, file, flags, outFlags, rc);
        if (!base)
            return rc;
        if (base->pMethods->iVersion < DbMethods.iVersion) {
            base->pMethods->xClose(base);
            return SQLITE_CANTOPEN;
        }
        auto *d = new (file) DbFile;
        d->base = base;
        d->file.pMethods = &DbMethods;
        return SQLITE_OK;
    }
    // Every other file but the WAL is the default VFS's own, in the same memory.
    if ((flags & SQLITE_OPEN_WAL) == 0)
        return baseVfs->xOpen(baseVfs, name, file, flags, outFlags);
    sqlite3_file *base = openBase(name, file, flags, outFlags, rc);
    if (!base)
        return rc;
    auto *w = new (file) WalFile;
    w->base = base;
    // Its database file, when this VFS opened it (else nothing is held).
    sqlite3_file *db = sqlite3_database_file_object(name);
    if (db && db->pMethods == &DbMethods) {
        w->db = dbFile(db);
        w->db->wal = w;
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
