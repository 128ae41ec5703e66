#pragma once

#include "job.h"

#include <timerange.h>

#include <QStringList>

namespace Candlewick {

// One import from a BulkHistory: files are downloaded (several at once), verified, then parsed
// and stored while the next ones download. A file that fails (checksum mismatch, damaged zip,
// bad rows, HTTP error) stores nothing and is listed in failures(); the others go on, and the
// job then ends with a BadResponse error naming the failures. An archive that cannot be reached
// at all ends the job at once with a Network (or Timeout) error.
class BulkImportJob : public Job
{
    Q_OBJECT
public:
    struct Stats
    {
        int filesTotal = 0; // grows when a missing month is asked for day by day
        int filesDone = 0; // stored, failed or missing
        qint64 bytes = 0; // downloaded (or read, for local files)
        qint64 candles = 0; // handed to the database (less a file's that was rolled back)
        int filesMissing = 0; // not in the archive (HTTP 404)
    };

    const Stats &stats() const { return m_stats; }
    // One line per failed file, naming it.
    const QStringList &failures() const { return m_failures; }
    // What went right with a remark: candles a file held that failed validation and were
    // skipped (like invalid REST rows).
    const QStringList &warnings() const { return m_warnings; }
    // Files imported without a checksum to check them against (local files only).
    const QStringList &unverified() const { return m_unverified; }
    // The parts of the requested range the archive did not give: not published yet, partial
    // days at the edges, files it lacks, files that failed. Merged and sorted.
    TimeRanges remaining() const { return TimeRangeSet::merged(m_remaining); }
    // The part of remaining() that is not published yet (today, this month, partial days).
    TimeRanges unpublished() const { return TimeRangeSet::merged(m_unpublished); }

signals:
    // stats() changed (bytes arrived, a file was stored).
    void statsChanged();

protected:
    using Job::Job;

    Stats m_stats;
    QStringList m_failures;
    QStringList m_warnings;
    QStringList m_unverified;
    TimeRanges m_remaining;
    TimeRanges m_unpublished;
};

} // namespace Candlewick
