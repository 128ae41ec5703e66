#pragma once

#include "binancearchivechecksum.h"
#include "binancearchiveplan.h"

#include <bulkimportjob.h>
#include <candle.h>
#include <candlebatchpool.h>
#include <candlecodec.h>
#include <candledatabase.h>

#include <QHash>
#include <QList>
#include <QMutex>
#include <QPointer>
#include <QThreadPool>
#include <QUrl>

#include <atomic>
#include <memory>

class QNetworkAccessManager;
class QNetworkReply;
class QTemporaryDir;
class QTemporaryFile;

namespace Candlewick {

// Imports files of Binance's public archive into the database: up to ParallelDownloads files
// download at once (hashed while they arrive, checked against their .CHECKSUM), and at most that
// many files wait downloaded or downloading for the parse, kept in memory while the downloads
// kept there stay within DownloadMemory, else in temporary files; up to ParseThreads files are
// read (BinanceArchiveZip) and parsed (BinanceArchiveCsv) on worker threads while the next ones
// download, the files of a series in time order: a verified file, or one kept in memory while
// it downloads, read from its bytes as they arrive (BinanceArchiveArrival).
// Each file is one transaction: its candles stream to CandleDatabase::writeStream() as they are
// parsed, a batch per block of the CSV (BinanceArchiveReadAhead::BlockBytes, about 3,500 rows),
// at most BatchesInFlight waiting per file, so memory stays flat however large the file; its
// range is the coverage committed with them. The writer is given a file's stream only once the
// file is verified (and the earlier files of its series were given theirs): until then its
// batches wait in the stream. Nothing of a file is stored unless all of it was read: a checksum
// mismatch, a download that fails, a damaged zip (a local file without a checksum: its CRC,
// checked at its end) or a row that cannot be read rolls the file back (or it never reaches the
// writer). The last month, when the archive lacks it, is asked for day by day; a day (or an
// older month) it lacks is left to REST (remaining()).
class BinanceArchiveJob : public BulkImportJob
{
    Q_OBJECT
public:
    static constexpr int ParallelDownloads = 4;
    static constexpr int ParseThreads = 2;
    static constexpr int TransferTimeoutMs = 10'000; // without a byte: the archive is unreachable
    // The most the downloads no worker reads yet keep in memory, together (at least one file),
    // besides one for each worker free for a file: while the parse is the bottleneck (a fast
    // network), more would only wait there; on a slow one the workers read the files as they
    // arrive, which do not count. A download whose size is not known yet counts all of it, so
    // no more start at once than the free workers and one more.
    static constexpr qint64 AheadMemory = 2 << 20;
    // The most the downloads waiting to be read keep in memory, all together; a download that
    // would go beyond it goes to a temporary file (a month of 1s, about 100 MB, always does).
    static constexpr qint64 DownloadMemory = 64 << 20;
    // A file whose CSV is larger is inflated on a thread of its own, a few blocks ahead of its
    // parse (a month of 1s: about 290 MB; a month of 1m: 7 MB), as is the last file to read.
    static constexpr quint64 InflateAheadBytes = 32 << 20;
    // Per file: a month of 1m (about 13 blocks) fits whole, so the worker of the next file does
    // not wait for the writer to finish the file before.
    static constexpr int BatchesInFlight = 16;
    // Files being parsed or written at once: the workers stay at most a file ahead of the
    // writer each (a small file fits its stream whole), so they leave the CPU to the writer
    // rather than parse the whole range first and leave the writer alone with a backlog.
    static constexpr int FilesInFlight = ParseThreads + 1;

    // One file: from the archive (localPath empty) or a file on disk.
    struct Source
    {
        BinanceArchiveFile file;
        QString localPath;
    };

    // A month that is 404 is asked for day by day when it began at or after `recentMonth` (the
    // last month may not be published yet); an older one is missing as a whole (the symbol was
    // not listed yet).
    BinanceArchiveJob(QNetworkAccessManager *network, QUrl baseUrl, QString marketPath,
                      QString exchange, std::shared_ptr<CandleDatabase> database,
                      QList<Source> sources, TimeRanges unpublished, qint64 recentMonth,
                      QObject *parent = nullptr);
    ~BinanceArchiveJob() override;

    // Another bound than DownloadMemory (tests: 0 puts every download in a temporary file).
    void setDownloadMemory(qint64 bytes) { m_downloadMemory = bytes; }

protected:
    void doStart() override;
    void doKill() override;

private:
    struct Task;
    struct Parsed
    {
        QString error;
        qint64 bytesRead = 0; // local files: their size
        qint64 rejected = 0;
        QString firstRejection;
    };
    // On a worker thread: verifies (local files), reads and parses the file (as it arrives,
    // when it does), handing each batch to the file's stream as it is parsed.
    Parsed readFile(const std::shared_ptr<Task> &task);
    // On the job's thread: candles handed to the writer (progress until the file commits).
    void candlesHanded(const std::shared_ptr<Task> &task, qint64 candles);
    void fileWritten(const std::shared_ptr<Task> &task, const CandleDatabase::WriteResult &result);

    void pump();
    void download(const std::shared_ptr<Task> &task);
    // Keeps the bytes of the task's zip that `reply` has: in memory while the downloads there
    // stay within the bound, else in its temporary file (what it kept in memory moved there
    // first). False when that file cannot be created: the file failed.
    bool keep(const std::shared_ptr<Task> &task, QNetworkReply *reply);
    // Whether the task's download may be read as it arrives: kept in memory, a 200 answer of a
    // known length, and all of that length fits in memory with the others.
    bool canReadArriving(const Task &task) const;
    // Lets go of the task's download held in memory (its bytes no longer counted), and of its
    // reading as it arrives.
    void dropHeld(Task &task);
    // Lets go of the task's download (memory or temporary file).
    void release(Task &task);
    // What the downloads no worker reads yet keep in memory (AheadMemory for one whose size is
    // not known yet), files waiting for an earlier one that is not downloading yet left out.
    qint64 aheadInMemory() const;
    // The downloads of `task` are over (its other reply, still running, is aborted).
    void settle(const std::shared_ptr<Task> &task);
    // Stops everything: queued files, parsing (the streams are aborted: nothing of them is
    // stored) and the downloads (aborted, or left to end and be deleted).
    void stop(bool abortDownloads);
    // The workers stop: their streams are aborted (nothing of them is stored), and those reading
    // a download as it arrives read no further.
    void stopWorkers();
    void forget(QNetworkReply *reply, bool abort);
    // false when the reply ended the job (the archive cannot be reached)
    bool checkReply(const std::shared_ptr<Task> &task, QNetworkReply *reply);
    // The task's download failed (settled): the file fails, once its worker is done when it was
    // read as it arrived (nothing of it reached the writer).
    void downloadFailed(const std::shared_ptr<Task> &task, const QString &why);
    // The download of a task read as it arrives ended without a zip to read: its stream never
    // reaches the writer (as if answered), its candles leave the progress, its worker stops
    // (it waits for the download's end).
    void stopReading(Task &task);
    // Whether a file of the task's series that begins earlier is not given to the writer yet:
    // the files of a series are written in time order, each one's rows appended after the last
    // one's (a file written before an earlier one puts all of the earlier one's rows in the
    // middle of the table's B-tree, where SQLite's inserts cost about twice as much).
    bool waitsForEarlier(const Task &task) const;
    // Whether a file of the task's series that begins earlier is not being read yet: the files
    // of a series are read in time order too.
    bool readWaitsForEarlier(const Task &task) const;
    // Whether `tasks` hold a file of `task`'s series that begins earlier (not being read, with
    // `unreadOnly`).
    static bool hasEarlier(const QList<std::shared_ptr<Task>> &tasks, const Task &task,
                           bool unreadOnly = false);
    // Starts reading the task's file on a worker (verified, local, or as it arrives).
    void parse(const std::shared_ptr<Task> &task);
    // Gives the task's stream to the writer, or queues it behind an earlier file's.
    void write(const std::shared_ptr<Task> &task);
    void fileParsed(const std::shared_ptr<Task> &task, Parsed parsed);
    void completeIfWritten(const std::shared_ptr<Task> &task);
    void fileFailed(const std::shared_ptr<Task> &task, const QString &why);
    void fileDone();
    void finishIfDone();

    QNetworkAccessManager *m_network;
    QUrl m_baseUrl;
    QString m_marketPath;
    QString m_exchange;
    std::shared_ptr<CandleDatabase> m_database;
    std::unique_ptr<QTemporaryDir> m_tempDir;
    qint64 m_downloadMemory = DownloadMemory;
    qint64 m_downloadsInMemory = 0; // bytes
    QList<std::shared_ptr<Task>> m_queue; // to download (or, local, to parse)
    QList<std::shared_ptr<Task>> m_verified; // downloaded and verified, to parse
    // Being read or read, waiting for an earlier file's stream to go to the writer first.
    QList<std::shared_ptr<Task>> m_toWrite;
    QList<QPointer<QNetworkReply>> m_replies;
    QList<std::shared_ptr<Task>> m_downloads; // downloading (some being read as they arrive)
    int m_parsing = 0;
    int m_storing = 0; // files parsed whose writes are not all answered
    QList<std::shared_ptr<Task>> m_streaming; // being parsed into their streams
    std::atomic<bool> m_cancelled{false}; // workers stop
    QMutex m_encodingMutex;
    // Per series, the last file's, where the workers start encoding its next file.
    QHash<SeriesKey, CandleCodec::Encoding> m_encodings;
    // The batches the writer is done with, for the workers' next ones: as many as the streams
    // hold at most (a batch is made only when none is spare, so it keeps no more memory than
    // the batches in flight took at their peak). Shared with the streams, which the writer may
    // hold a little longer than the job lives.
    std::shared_ptr<CandleBatchPool> m_spareBatches
        = std::make_shared<CandleBatchPool>(FilesInFlight * BatchesInFlight);
    qint64 m_recentMonth;
    bool m_reached = false; // the archive answered something
    QThreadPool m_pool;
};

} // namespace Candlewick
