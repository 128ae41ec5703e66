#pragma once

#include "binancearchivechecksum.h"
#include "binancearchiveplan.h"

#include <bulkimportjob.h>
#include <candle.h>

#include <QList>
#include <QPointer>
#include <QThreadPool>
#include <QUrl>

#include <memory>

class QNetworkAccessManager;
class QNetworkReply;
class QTemporaryDir;
class QTemporaryFile;

namespace Candlewick {

class CandleDatabase;

// Imports files of Binance's public archive into the database: up to ParallelDownloads files
// download at once into temporary files (hashed while they arrive, checked against their
// .CHECKSUM), then up to ParseThreads verified files are read (BinanceArchiveZip) and parsed
// (BinanceArchiveCsv) on worker threads while the next ones download; a file is written (each
// batch through CandleDatabase::write(), its range as coverage with the last one) only once it
// was read to its end without error, so a failing file stores nothing. A month the archive
// lacks is asked for day by day; a day it lacks is left to REST (remaining()).
class BinanceArchiveJob : public BulkImportJob
{
    Q_OBJECT
public:
    static constexpr int ParallelDownloads = 4;
    static constexpr int ParseThreads = 2;
    static constexpr int TransferTimeoutMs = 10'000; // without a byte: the archive is unreachable
    static constexpr qsizetype BatchCandles = 100'000;

    // One file: from the archive (localPath empty) or a file on disk.
    struct Source
    {
        BinanceArchiveFile file;
        QString localPath;
    };

    BinanceArchiveJob(QNetworkAccessManager *network, QUrl baseUrl, QString marketPath,
                      QString exchange, std::shared_ptr<CandleDatabase> database,
                      QList<Source> sources, TimeRanges unpublished, QObject *parent = nullptr);
    ~BinanceArchiveJob() override;

protected:
    void doStart() override;
    void doKill() override;

private:
    struct Task;
    struct Parsed
    {
        QList<CandleBatch> batches;
        QString error;
        qint64 bytesRead = 0; // local files: their size
        qint64 rejected = 0;
        QString firstRejection;
        bool unverified = false;
    };
    static Parsed readFile(const Task &task);

    void pump();
    void download(const std::shared_ptr<Task> &task);
    void fetchZip(const std::shared_ptr<Task> &task);
    // false when the reply ended the job (the archive cannot be reached)
    bool checkReply(const std::shared_ptr<Task> &task, QNetworkReply *reply);
    void parse(const std::shared_ptr<Task> &task);
    void store(const std::shared_ptr<Task> &task, Parsed parsed);
    void fileFailed(const std::shared_ptr<Task> &task, const QString &why);
    void fileDone();
    void finishIfDone();

    QNetworkAccessManager *m_network;
    QUrl m_baseUrl;
    QString m_marketPath;
    QString m_exchange;
    std::shared_ptr<CandleDatabase> m_database;
    std::unique_ptr<QTemporaryDir> m_tempDir;
    QList<std::shared_ptr<Task>> m_queue; // to download (or, local, to parse)
    QList<std::shared_ptr<Task>> m_verified; // downloaded and verified, to parse
    QList<QPointer<QNetworkReply>> m_replies;
    int m_downloading = 0;
    int m_parsing = 0;
    int m_storing = 0; // files parsed whose writes are not all answered
    bool m_reached = false; // the archive answered something
    QThreadPool m_pool;
};

} // namespace Candlewick
