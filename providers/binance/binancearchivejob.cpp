#include "binancearchivejob.h"

#include "binancearchivearrival.h"
#include "binancearchivecsv.h"
#include "binancearchivereadahead.h"
#include "binancearchivezip.h"

#include <candlecodec.h>
#include <candlestream.h>

#include <QFileInfo>
#include <QMutexLocker>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTemporaryDir>
#include <QTemporaryFile>

#include <algorithm>

namespace Candlewick {

struct BinanceArchiveJob::Task
{
    BinanceArchiveFile file;
    QString path; // the file on disk (a local file, or the download's temporary file)
    bool local = false;
    QList<QByteArray> held; // the download while it is kept in memory
    qint64 room = 0; // what the blocks held take
    qint64 announced = 0; // the zip's Content-Length in a 200 answer (0: none yet)
    // The download read as it arrives (from the blocks held), until the file is read.
    std::shared_ptr<BinanceArchiveArrival> arrival;
    // What it counts in m_downloadsInMemory with blocks taking `withRoom` held: one read as it
    // arrives counts its announced size at least (it stays in memory).
    qint64 counts(qint64 withRoom) const { return arrival ? qMax(withRoom, announced) : withRoom; }
    QByteArray checksumText; // the .CHECKSUM (local: empty when there is none beside it)
    BinanceArchiveChecksum checksum;
    std::unique_ptr<QTemporaryFile> download; // the download once it went to a file
    QList<QPointer<QNetworkReply>> replies; // the zip's and the checksum's, while they run
    std::shared_ptr<CandleStream> stream; // to the writer, while parsed
    // No file to read after it (the other worker soon idle): inflated on a thread of its own.
    bool last = false;
    bool parsed = false; // the worker is done with it (the fields below are the job thread's)
    bool written = false; // the writer answered (committed or rolled back)
    // Its .CHECKSUM was 404 while it was read as it arrived: missing (counted so already).
    bool missing = false;
    qint64 handed = 0; // candles handed to the writer
    QString error; // why it failed while being read
};

BinanceArchiveJob::BinanceArchiveJob(QNetworkAccessManager *network, QUrl baseUrl,
                                     QString marketPath, QString exchange,
                                     std::shared_ptr<CandleDatabase> database,
                                     QList<Source> sources, TimeRanges unpublished,
                                     qint64 recentMonth, QObject *parent)
    : BulkImportJob(parent)
    , m_network(network)
    , m_baseUrl(std::move(baseUrl))
    , m_marketPath(std::move(marketPath))
    , m_exchange(std::move(exchange))
    , m_database(std::move(database))
    , m_recentMonth(recentMonth)
{
    m_unpublished = unpublished;
    m_remaining = std::move(unpublished);
    for (const Source &source : sources) {
        auto task = std::make_shared<Task>();
        task->file = source.file;
        task->local = !source.localPath.isEmpty();
        task->path = source.localPath;
        m_queue.append(task);
    }
    m_stats.filesTotal = int(m_queue.size());
    m_pool.setMaxThreadCount(ParseThreads);
}

BinanceArchiveJob::~BinanceArchiveJob()
{
    stopWorkers();
    m_pool.waitForDone();
}

void BinanceArchiveJob::stopWorkers()
{
    m_cancelled = true;
    for (const std::shared_ptr<Task> &task : std::as_const(m_streaming)) {
        task->stream->abort();
        if (task->arrival)
            task->arrival->stop();
    }
}

void BinanceArchiveJob::doStart()
{
    m_tempDir = std::make_unique<QTemporaryDir>();
    if (!m_tempDir->isValid()) {
        emitResult({ProviderError::Kind::Storage, 0, 0,
                    tr("cannot create a temporary directory for the downloads: %1")
                        .arg(m_tempDir->errorString()),
                    0});
        return;
    }
    // Asynchronously, so the caller sees every signal (even of an empty import).
    QMetaObject::invokeMethod(this, &BinanceArchiveJob::pump, Qt::QueuedConnection);
}

void BinanceArchiveJob::doKill()
{
    stop(true);
}

void BinanceArchiveJob::stop(bool abortDownloads)
{
    for (const QPointer<QNetworkReply> &reply : std::exchange(m_replies, {}))
        forget(reply, abortDownloads);
    m_queue.clear();
    m_verified.clear();
    m_toWrite.clear();
    stopWorkers();
}

void BinanceArchiveJob::forget(QNetworkReply *reply, bool abort)
{
    if (!reply)
        return;
    reply->disconnect(this);
    if (abort && reply->isRunning())
        reply->abort();
    if (reply->isFinished())
        reply->deleteLater();
    else
        connect(reply, &QNetworkReply::finished, reply, &QObject::deleteLater);
}

void BinanceArchiveJob::pump()
{
    if (isFinished())
        return;
    // Files read (or being read) whose turn to be written came.
    for (;;) {
        const auto next
            = std::find_if(m_toWrite.begin(), m_toWrite.end(),
                           [this](const auto &task) { return !waitsForEarlier(*task); });
        if (next == m_toWrite.end())
            break;
        const std::shared_ptr<Task> task = *next;
        m_toWrite.erase(next);
        write(task);
    }
    while (m_parsing < ParseThreads && m_storing < FilesInFlight) {
        const auto next
            = std::find_if(m_verified.begin(), m_verified.end(),
                           [this](const auto &task) { return !readWaitsForEarlier(*task); });
        if (next != m_verified.end()) {
            const std::shared_ptr<Task> task = *next;
            m_verified.erase(next);
            parse(task);
            continue;
        }
        // A worker would be idle: it reads a file while it downloads (the writer sees it only
        // once it is verified).
        const auto arriving
            = std::find_if(m_downloads.begin(), m_downloads.end(), [this](const auto &task) {
                  return canReadArriving(*task) && !readWaitsForEarlier(*task);
              });
        if (arriving == m_downloads.end())
            break;
        const std::shared_ptr<Task> task = *arriving;
        // All of its announced size counts from now on: it stays in memory.
        const qint64 counted = task->counts(task->room);
        task->arrival = std::make_shared<BinanceArchiveArrival>(task->held);
        m_downloadsInMemory += task->counts(task->room) - counted;
        parse(task);
    }
    while (!m_queue.isEmpty()) {
        if (m_queue.first()->local) {
            if (m_parsing >= ParseThreads || m_storing >= FilesInFlight)
                break;
            parse(m_queue.takeFirst());
            continue;
        }
        // No further ahead of the parse than ParallelDownloads files and AheadMemory (and as
        // much again for each worker free for a file now, which reads its download as it
        // arrives), so the memory of those parsed serves the next; files that wait for an
        // earlier one not downloading yet (a month missing, asked for by its days) do not count,
        // or it would never download.
        const auto waiting
            = std::count_if(m_verified.begin(), m_verified.end(),
                            [this](const auto &task) { return !hasEarlier(m_queue, *task); });
        const int freeWorkers = std::min(ParseThreads - m_parsing, FilesInFlight - m_storing);
        if (m_downloads.size() + waiting >= ParallelDownloads
            || aheadInMemory() >= AheadMemory * (1 + freeWorkers))
            break;
        download(m_queue.takeFirst());
    }
    finishIfDone();
}

bool BinanceArchiveJob::hasEarlier(const QList<std::shared_ptr<Task>> &tasks, const Task &task,
                                   bool unreadOnly)
{
    return std::any_of(tasks.begin(), tasks.end(), [&](const std::shared_ptr<Task> &other) {
        return other.get() != &task && (!unreadOnly || !other->stream)
            && other->file.symbol == task.file.symbol && other->file.interval == task.file.interval
            && other->file.range.from < task.file.range.from;
    });
}

bool BinanceArchiveJob::waitsForEarlier(const Task &task) const
{
    return hasEarlier(m_queue, task) || hasEarlier(m_downloads, task)
        || hasEarlier(m_verified, task) || hasEarlier(m_toWrite, task);
}

bool BinanceArchiveJob::readWaitsForEarlier(const Task &task) const
{
    return hasEarlier(m_queue, task) || hasEarlier(m_downloads, task, true)
        || hasEarlier(m_verified, task);
}

qint64 BinanceArchiveJob::aheadInMemory() const
{
    qint64 bytes = 0;
    for (const auto &task : m_downloads) {
        if (!task->arrival && !task->download && !hasEarlier(m_queue, *task))
            bytes += task->announced > 0 ? qMax(task->room, task->announced) : AheadMemory;
    }
    for (const auto &task : m_verified) {
        if (!hasEarlier(m_queue, *task))
            bytes += task->room;
    }
    return bytes;
}

bool BinanceArchiveJob::canReadArriving(const Task &task) const
{
    return !task.stream && !task.download && task.announced > 0
        && m_downloadsInMemory - task.counts(task.room) + qMax(task.room, task.announced)
        <= m_downloadMemory;
}

void BinanceArchiveJob::download(const std::shared_ptr<Task> &task)
{
    m_downloads.append(task);
    // The zip and its checksum at once: one round trip less per file.
    const QUrl url = task->file.url(m_baseUrl, m_marketPath);
    for (const bool checksum : {true, false}) {
        QNetworkRequest request(checksum ? QUrl(url.toString() + QStringLiteral(".CHECKSUM"))
                                         : url);
        request.setTransferTimeout(TransferTimeoutMs);
        QNetworkReply *reply = m_network->get(request);
        m_replies.append(reply);
        task->replies.append(reply);
        countRequest();
        if (!checksum) {
            connect(reply, &QNetworkReply::readyRead, this, [this, task, reply] {
                const bool sizeKnown = task->announced > 0;
                if (!keep(task, reply))
                    return;
                emit statsChanged();
                // A worker may read it now, or the next download may start: its size is known.
                if ((m_parsing < ParseThreads && canReadArriving(*task))
                    || (!sizeKnown && task->announced > 0))
                    pump();
            });
        }
        connect(reply, &QNetworkReply::finished, this, [this, task, reply, checksum] {
            reply->deleteLater();
            m_replies.removeAll(reply);
            task->replies.removeAll(reply);
            if (!checkReply(task, reply))
                return;
            if (checksum) {
                task->checksumText = reply->readAll();
            } else if (!keep(task, reply)) {
                return;
            }
            if (!task->replies.isEmpty())
                return;
            settle(task);
            if (task->download) {
                if (!task->download->flush()) {
                    fileFailed(task, task->download->errorString());
                    return;
                }
                task->download->close();
            }
            if (!task->checksum.setExpected(task->checksumText, task->file.fileName())
                || !task->checksum.verify()) {
                downloadFailed(task, task->checksum.errorString());
                return;
            }
            if (task->arrival) {
                task->arrival->complete();
                write(task);
            } else {
                m_verified.append(task);
            }
            pump();
        });
    }
}

bool BinanceArchiveJob::keep(const std::shared_ptr<Task> &task, QNetworkReply *reply)
{
    // All that is there: the block as it arrived, not a copy, when it is one.
    QByteArray data = reply->read(reply->bytesAvailable());
    task->checksum.add(data);
    m_stats.bytes += data.size();
    if (task->announced == 0
        && reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() == 200)
        task->announced = reply->header(QNetworkRequest::ContentLengthHeader).toLongLong();
    // What the block takes: the reply's buffer grew by doubling, its room beyond the bytes
    // counts too. A zip whose announced size cannot fit goes to its file from the first block.
    // One read as it arrives counts its announced size (at least) and stays in memory.
    const qint64 counted = task->counts(task->room);
    const qint64 room = task->room + data.capacity();
    const qint64 counts = task->counts(room);
    const qint64 needed = task->held.isEmpty()
        ? qMax(reply->header(QNetworkRequest::ContentLengthHeader).toLongLong(), counts)
        : counts;
    if (!task->download
        && (task->arrival || m_downloadsInMemory - counted + needed <= m_downloadMemory)) {
        if (data.isEmpty())
            return true;
        m_downloadsInMemory += counts - counted;
        task->room = room;
        if (task->arrival)
            task->arrival->append(data);
        task->held.append(std::move(data));
        return true;
    }
    if (!task->download) {
        task->download
            = std::make_unique<QTemporaryFile>(m_tempDir->filePath(QStringLiteral("XXXXXX.zip")));
        if (!task->download->open()) {
            settle(task);
            fileFailed(task, task->download->errorString());
            return false;
        }
        task->path = task->download->fileName();
        // A write that fails shows at the flush at the end.
        for (const QByteArray &part : std::as_const(task->held))
            task->download->write(part);
        dropHeld(*task);
    }
    task->download->write(data);
    return true;
}

void BinanceArchiveJob::dropHeld(Task &task)
{
    m_downloadsInMemory -= task.counts(task.room);
    task.room = 0;
    task.held.clear();
    task.arrival.reset(); // (the worker reading it keeps its own)
}

void BinanceArchiveJob::release(Task &task)
{
    dropHeld(task);
    task.download.reset(); // removes the temporary file
}

void BinanceArchiveJob::settle(const std::shared_ptr<Task> &task)
{
    m_downloads.removeOne(task);
    // The other reply is stopped: nothing reads it any more (after a failure Qt would keep
    // the rest of a zip in memory), and its connection is free for the next download.
    for (const QPointer<QNetworkReply> &reply : std::exchange(task->replies, {})) {
        m_replies.removeAll(reply);
        forget(reply, true);
    }
}

bool BinanceArchiveJob::checkReply(const std::shared_ptr<Task> &task, QNetworkReply *reply)
{
    if (isFinished())
        return false;
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status == 0 && reply->error() != QNetworkReply::NoError && !m_reached) {
        // Nothing from the archive yet: it cannot be reached; no use trying the other files.
        const bool timeout = reply->error() == QNetworkReply::OperationCanceledError
            || reply->error() == QNetworkReply::TimeoutError;
        stop(false); // the replies still running fail the same way soon
        emitResult({timeout ? ProviderError::Kind::Timeout : ProviderError::Kind::Network, 0, 0,
                    tr("cannot reach the archive %1: %2")
                        .arg(m_baseUrl.toDisplayString(),
                             timeout ? tr("no answer within %1 s").arg(TransferTimeoutMs / 1000)
                                     : reply->errorString()),
                    0});
        return false;
    }
    if (status != 0)
        m_reached = true;
    if (status == 404) {
        settle(task);
        // (read as it arrives: let go of once its worker is done)
        if (task->arrival) {
            task->missing = true;
            stopReading(*task);
        } else {
            release(*task);
        }
        if (task->file.monthly && task->file.range.from >= m_recentMonth
            && BinanceArchivePlan::hasDailyFiles(task->file.interval)) {
            // Not published as a month yet: ask for its days.
            const QList<BinanceArchiveFile> days = BinanceArchivePlan::days(task->file);
            for (qsizetype i = days.size() - 1; i >= 0; --i) {
                auto day = std::make_shared<Task>();
                day->file = days.at(i);
                m_queue.prepend(day);
            }
            m_stats.filesTotal += int(days.size()) - 1;
        } else {
            ++m_stats.filesMissing;
            m_remaining.append(task->file.range);
            fileDone();
        }
        pump();
        return false;
    }
    if (reply->error() != QNetworkReply::NoError || status != 200) {
        settle(task);
        // A 200 answer that failed: its connection closed or timed out before its end.
        downloadFailed(
            task, status != 0 && status != 200 ? tr("HTTP %1").arg(status) : reply->errorString());
        return false;
    }
    return true;
}

void BinanceArchiveJob::downloadFailed(const std::shared_ptr<Task> &task, const QString &why)
{
    if (!task->arrival) {
        fileFailed(task, why);
        return;
    }
    // The file fails with the download's reason once its worker is done.
    task->error = why;
    stopReading(*task);
    completeIfWritten(task);
    pump(); // (the later files of its series wait for it no more)
}

void BinanceArchiveJob::stopReading(Task &task)
{
    task.written = true;
    m_stats.candles -= std::exchange(task.handed, 0);
    task.stream->abort();
    task.arrival->stop();
}

BinanceArchiveJob::Parsed BinanceArchiveJob::readFile(const std::shared_ptr<Task> &task)
{
    Parsed parsed;
    BinanceArchiveZip zip;
    if (task->local) {
        parsed.bytesRead = QFileInfo(task->path).size();
        // Without a checksum the zip's CRC, checked at its end, is all there is: a damaged
        // file fails there and its transaction is rolled back.
        if (!task->checksumText.isEmpty()) {
            BinanceArchiveChecksum checksum;
            if (!checksum.setExpected(task->checksumText, task->file.fileName())
                || !checksum.addFile(task->path) || !checksum.verify()) {
                parsed.error = checksum.errorString();
                return parsed;
            }
        }
    }
    const bool opened = task->arrival ? zip.open(task->arrival)
        : task->path.isEmpty()        ? zip.open(task->held)
                                      : zip.open(task->path);
    if (!opened) {
        parsed.error = zip.errorString();
        return parsed;
    }
    // The candles are encoded here when the store takes the rows, so the writer (one thread for
    // every file) only inserts them; from the decimals the series' last file ended with, so
    // they are rarely widened. A store that encodes them itself needs no exact values.
    const bool encoded = m_database->takesEncodedRows();
    BinanceArchiveCsv csv(task->file.interval, task->file.range, encoded);
    const SeriesKey key{m_exchange, task->file.symbol, task->file.interval};
    CandleCodec::Encoding encoding;
    {
        QMutexLocker lock(&m_encodingMutex);
        encoding = m_encodings.value(key);
    }
    // The batches are ones the writer is done with when there are some (their memory filled
    // again rather than touched for the first time). A batch of consecutive rows goes to the
    // writer without its candles: their list goes back to the CSV for the next rows, so the
    // candles waiting for the writer take no memory (a month of 1m: 13 blocks of about 360 KB).
    // The exact values' two vectors (the CSV's and the one encoded from, swapped at each batch)
    // are the worker's, kept from file to file.
    thread_local std::vector<CandleCodec::ExactValues> exact, exactRoom;
    csv.takeCandles(&exactRoom);
    // Hands the parsed candles to the writer (waiting while it is behind); false when the
    // stream stopped (the job ended, or the writer failed: its answer says why).
    const auto hand = [this, &task, &csv, &encoding, encoded] {
        CandleStore::EncodedBatch batch = m_spareBatches->take();
        CandleBatch parsed = csv.takeCandles(&exact, std::move(batch.candles));
        if (encoded)
            CandleCodec::encodeRows(encoding, task->file.interval, parsed, batch.rows, exact);
        if (encoded && batch.rows.consecutive && !batch.rows.isEmpty())
            batch.candles = csv.takeCandles(&exact, std::move(parsed));
        else
            batch.candles = std::move(parsed);
        const qint64 candles = batch.size();
        if (!task->stream->push(std::move(batch)))
            return false;
        QMetaObject::invokeMethod(
            this, [this, task, candles] { candlesHanded(task, candles); }, Qt::QueuedConnection);
        return true;
    };
    // Inflated on a thread of its own while this one parses the blocks before when the file is
    // the last to read or is large (its end would leave a core idle for long); else here, while
    // the other worker keeps the other core busy (no hand-over, the block still in this core's
    // cache).
    const bool ownThread = task->last || zip.entrySize() > InflateAheadBytes;
    BinanceArchiveReadAhead csvText(zip,
                                    ownThread ? BinanceArchiveReadAhead::Thread::Own
                                              : BinanceArchiveReadAhead::Thread::Caller);
    QByteArrayView block;
    while (!m_cancelled && csvText.next(block)) {
        if (!csv.feed(block)) {
            parsed.error = csv.errorString();
            return parsed;
        }
        // A batch per block: the same size each time (the CSV reserves a block's rows), so
        // the memory of the batches the writer is done with serves the next ones.
        if (csv.pendingCandles() > 0 && !hand())
            return parsed;
    }
    if (const QString error = csvText.errorString(); !error.isEmpty()) {
        parsed.error = error;
        return parsed;
    }
    if (!csv.finish()) {
        parsed.error = csv.errorString();
        return parsed;
    }
    if (!m_cancelled && csv.pendingCandles() > 0 && !hand())
        return parsed;
    csv.takeCandles(&exactRoom);
    QMutexLocker lock(&m_encodingMutex);
    m_encodings.insert(key, encoding);
    parsed.rejected = csv.rejected();
    parsed.firstRejection = csv.firstRejection();
    return parsed;
}

void BinanceArchiveJob::parse(const std::shared_ptr<Task> &task)
{
    if (task->local) {
        const QString checksumPath = task->path + QStringLiteral(".CHECKSUM");
        QFile checksumFile(checksumPath);
        if (checksumFile.exists()) {
            if (!checksumFile.open(QIODevice::ReadOnly)) {
                fileFailed(task, checksumFile.errorString());
                return;
            }
            task->checksumText = checksumFile.readAll();
            if (!task->checksum.setExpected(task->checksumText, task->file.fileName())) {
                fileFailed(task, task->checksum.errorString());
                return;
            }
        } else {
            m_unverified.append(QFileInfo(task->path).fileName());
        }
    }
    // The file before it may still be parsed: soon it is not, and its worker has nothing to do.
    task->last = m_queue.isEmpty() && m_verified.isEmpty()
        && std::all_of(m_downloads.begin(), m_downloads.end(),
                       [&task](const auto &other) { return other == task; });
    ++m_parsing;
    ++m_storing;
    task->stream = std::make_shared<CandleStream>(BatchesInFlight, m_spareBatches);
    m_streaming.append(task);
    // Read as it arrives, the file goes to the writer once verified.
    if (!task->arrival)
        write(task);
    m_pool.start([this, task] {
        Parsed result = readFile(task);
        // A file read as it arrives is done once its download is (a file that failed early
        // fails with the download's reason when that fails too).
        if (task->arrival)
            task->arrival->waitForEnd();
        const bool complete = result.error.isEmpty() && !m_cancelled;
        // The job hears of the parse before the writer can answer the stream's end.
        QMetaObject::invokeMethod(
            this,
            [this, task, result = std::move(result)]() mutable {
                fileParsed(task, std::move(result));
            },
            Qt::QueuedConnection);
        if (complete)
            task->stream->finish();
        else
            task->stream->abort();
    });
}

void BinanceArchiveJob::write(const std::shared_ptr<Task> &task)
{
    if (waitsForEarlier(*task)) {
        m_toWrite.append(task);
        return;
    }
    const SeriesKey key{m_exchange, task->file.symbol, task->file.interval};
    m_database->writeStream(
        key, task->stream, {task->file.range}, this,
        [this, task](const CandleDatabase::WriteResult &result) { fileWritten(task, result); });
}

void BinanceArchiveJob::candlesHanded(const std::shared_ptr<Task> &task, qint64 candles)
{
    // (written already: its download failed before it reached the writer, its candles gone)
    if (isFinished() || task->written)
        return;
    task->handed += candles;
    m_stats.candles += candles;
    emit statsChanged();
}

void BinanceArchiveJob::fileWritten(const std::shared_ptr<Task> &task,
                                    const CandleDatabase::WriteResult &result)
{
    task->written = true;
    if (isFinished())
        return;
    if (!result.ok) {
        m_stats.candles -= task->handed; // rolled back
        if (!task->parsed || task->error.isEmpty()) {
            // Not the file's own failure: the database's.
            doKill();
            emitResult({ProviderError::Kind::Storage, 0, 0, result.error, 0});
            return;
        }
    }
    emit statsChanged();
    completeIfWritten(task);
}

void BinanceArchiveJob::fileParsed(const std::shared_ptr<Task> &task, Parsed parsed)
{
    --m_parsing;
    m_streaming.removeOne(task);
    release(*task);
    task->parsed = true;
    if (isFinished())
        return;
    m_stats.bytes += parsed.bytesRead;
    // (an error already: its download failed, the reason the file fails)
    if (!parsed.error.isEmpty()) {
        if (task->error.isEmpty())
            task->error = parsed.error;
    } else if (parsed.rejected > 0) {
        m_warnings.append(tr("%1: invalid candles skipped: %2 (%3)")
                              .arg(task->file.fileName())
                              .arg(parsed.rejected)
                              .arg(parsed.firstRejection));
    }
    completeIfWritten(task);
    pump();
}

void BinanceArchiveJob::completeIfWritten(const std::shared_ptr<Task> &task)
{
    if (!task->parsed || !task->written)
        return;
    --m_storing;
    if (task->missing)
        return;
    if (!task->error.isEmpty()) {
        fileFailed(task, task->error);
        return;
    }
    fileDone();
    pump();
}

void BinanceArchiveJob::fileFailed(const std::shared_ptr<Task> &task, const QString &why)
{
    release(*task);
    m_failures.append(QStringLiteral("%1: %2").arg(task->file.fileName(), why));
    m_remaining.append(task->file.range);
    fileDone();
    pump();
}

void BinanceArchiveJob::fileDone()
{
    ++m_stats.filesDone;
    emit statsChanged();
    emit progress(m_stats.filesDone, m_stats.filesTotal);
}

void BinanceArchiveJob::finishIfDone()
{
    if (isFinished() || !m_queue.isEmpty() || !m_verified.isEmpty() || !m_downloads.isEmpty()
        || m_parsing > 0 || m_storing > 0)
        return;
    const qsizetype failedFiles = m_failures.size();
    if (failedFiles == 0) {
        emitResult();
        return;
    }
    emitResult({ProviderError::Kind::BadResponse, 0, 0,
                tr("archive files that could not be imported: %1").arg(failedFiles), 0});
}

} // namespace Candlewick
