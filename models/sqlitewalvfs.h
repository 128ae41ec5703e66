#pragma once

namespace Candlewick::SqliteWalVfs {

// An SQLite VFS over the default one that gathers a connection's writes to its WAL into large
// writes. SQLite writes each frame as two small writes (its 24-byte header, then the page);
// into a file the page cache does not hold yet, the kernel's cost is per write (and per page it
// adds), so a large import's WAL cost the writer more than twice what the same bytes cost
// written in blocks. The frames are held only until the transaction's commit frame: that one
// is written with every frame before it before SQLite goes on to publish the commit (and
// before any other use of the file), so another connection, and the file after a crash, see
// every committed frame as without it; what a rolled-back transaction left is written before
// the connection gives up its WAL lock, so never over another connection's frames. Writes of
// any other shape go to the file as they come. The database file's calls (its shared-memory
// locks watched for that) and every other file are the default VFS's.
//
// The VFS's name (registered on the first call; nullptr, the default VFS, when it cannot be).
const char *name();

} // namespace Candlewick::SqliteWalVfs
