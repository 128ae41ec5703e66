#pragma once

#include <QByteArray>
#include <QHash>
#include <QString>

namespace Candlewick::Bench {

// The CPU time of this process's threads, by name, from /proc.

// CPU seconds so far of each of this process's threads whose name starts with `name` (as the
// kernel keeps it: the first 15 bytes), by thread id, from the scheduler's statistics (user and
// system, in nanoseconds). Empty when none is found or /proc cannot be read.
QHash<QString, double> namedThreadsCpuSeconds(const QByteArray &name);
// What the threads named `name` used since `before` (namedThreadsCpuSeconds()): all of it for a
// thread started meanwhile; threads that ended meanwhile (such as an earlier database's writer)
// count nothing.
double namedThreadsCpuSince(const QByteArray &name, const QHash<QString, double> &before);

} // namespace Candlewick::Bench
