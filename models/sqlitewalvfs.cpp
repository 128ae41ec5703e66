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

// A call of `File` (WalFile, DbFile) made by the default VFS's file it wraps.
template<typename File, auto Method> struct Forward;
template<typename File, typename R, typename... Args,
         R (*sqlite3_io_methods::*Method)(sqlite3_file *, Args...)>
struct Forward<File, Method>
{
    static R call(sqlite3_file *file, Args... args)
    {
        sqlite3_file *base = reinterpret_cast<File *>(file)->base;
        return (base->pMethods->*Method)(base, args...);
    }
};

// A call of a WAL made once what it holds is written out (and, with ReportsLostWrite, an
// earlier failure to write it out reported first).
template<auto Method, bool ReportsLostWrite = false> struct Flushed;
template<typename... Args, int (*sqlite3_io_methods::*Method)(sqlite3_file *, Args...),
         bool ReportsLostWrite>
struct Flushed<Method, ReportsLostWrite>
{
    static int call(sqlite3_file *file, Args... args)
    {
        WalFile *w = walFile(file);
        int rc = ReportsLostWrite ? takeLostWrite(w) : SQLITE_OK;
        if (rc == SQLITE_OK)
            rc = flush(w);
        return rc != SQLITE_OK ? rc : (w->base->pMethods->*Method)(w->base, args...);
    }
};

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

// Version 1: a WAL is neither shared memory nor memory-mapped (the database file is).
const sqlite3_io_methods WalMethods = {
    1,
    walClose,
    Flushed<&sqlite3_io_methods::xRead, true>::call,
    walWrite,
    Flushed<&sqlite3_io_methods::xTruncate>::call,
    Flushed<&sqlite3_io_methods::xSync, true>::call,
    Flushed<&sqlite3_io_methods::xFileSize>::call,
    Forward<WalFile, &sqlite3_io_methods::xLock>::call,
    Forward<WalFile, &sqlite3_io_methods::xUnlock>::call,
    Forward<WalFile, &sqlite3_io_methods::xCheckReservedLock>::call,
    Flushed<&sqlite3_io_methods::xFileControl>::call,
    Forward<WalFile, &sqlite3_io_methods::xSectorSize>::call,
    Forward<WalFile, &sqlite3_io_methods::xDeviceCharacteristics>::call,
    nullptr,
    nullptr,
    nullptr,
    nullptr,
    nullptr,
    nullptr,
};

int dbClose(sqlite3_file *file)
{
    DbFile *d = dbFile(file);
    if (d->wal)
        d->wal->db = nullptr;
    const int rc = d->base->pMethods->xClose(d->base);
    d->~DbFile();
    return rc;
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

// Version 3, as the default VFS's database file (checked when it is opened).
const sqlite3_io_methods DbMethods = {
    3,
    dbClose,
    Forward<DbFile, &sqlite3_io_methods::xRead>::call,
    Forward<DbFile, &sqlite3_io_methods::xWrite>::call,
    Forward<DbFile, &sqlite3_io_methods::xTruncate>::call,
    Forward<DbFile, &sqlite3_io_methods::xSync>::call,
    Forward<DbFile, &sqlite3_io_methods::xFileSize>::call,
    Forward<DbFile, &sqlite3_io_methods::xLock>::call,
    Forward<DbFile, &sqlite3_io_methods::xUnlock>::call,
    Forward<DbFile, &sqlite3_io_methods::xCheckReservedLock>::call,
    Forward<DbFile, &sqlite3_io_methods::xFileControl>::call,
    Forward<DbFile, &sqlite3_io_methods::xSectorSize>::call,
    Forward<DbFile, &sqlite3_io_methods::xDeviceCharacteristics>::call,
    Forward<DbFile, &sqlite3_io_methods::xShmMap>::call,
    dbShmLock,
    Forward<DbFile, &sqlite3_io_methods::xShmBarrier>::call,
    Forward<DbFile, &sqlite3_io_methods::xShmUnmap>::call,
    Forward<DbFile, &sqlite3_io_methods::xFetch>::call,
    Forward<DbFile, &sqlite3_io_methods::xUnfetch>::call,
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
