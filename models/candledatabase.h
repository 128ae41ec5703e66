#pragma once

#include "candle.h"
#include "candlestore.h"
#include "seriesinfo.h"
#include "serieskey.h"
#include "symbolinfo.h"
#include "timerange.h"

#include <QFuture>
#include <QHash>
#include <QObject>
#include <QString>

class QThread;

#include <functional>
#include <memory>

namespace Candlewick {

class CandleStream;

// One open candle database, shared by everybody in the process who opens the same file: it
// owns the writer thread (with the one writing connection) and a read connection per thread
// that reads (opened on first use, closed when that thread finishes).
// Every write request gets its own answer, delivered to its caller only, so a failing write
// fails only its own job and two jobs writing one series never count each other's writes.
class CandleDatabase : public QObject
{
    Q_OBJECT
public:
    enum class Access { ReadWrite, ReadOnly };

    // The answer to one write request.
    struct WriteResult
    {
        bool ok = false;
        qint64 candles = 0; // closed candles written by this request
        QString error; // why it failed
    };
    using WriteCallback = std::function<void(const WriteResult &)>;
    using SeriesListCallback
        = std::function<void(const QList<SeriesInfo> &series, const QString &error)>;

    // The database at `path`, an SQLite file or a postgresql:// URL (opened once per process: a
    // second call with the same file or URL gets the same instance). ReadWrite creates the file,
    // its directory and the schema; ReadOnly needs an existing database and never writes to it.
    // nullptr with `error` set on failure.
    static std::shared_ptr<CandleDatabase> open(const QString &path, Access access, QString *error);
    // A connection of its own to the store at `location` (an SQLite file or a postgresql:// URL)
    // for the calling thread; isOpen() and errorString() tell whether it opened.
    static std::unique_ptr<CandleStore> openStore(const QString &location, Access access);
    // Why `location` cannot name a database (a URL of a scheme other than postgresql://, which
    // is never taken for a file path); empty when it can.
    static QString locationError(const QString &location);
    // Queued writes are finished first.
    ~CandleDatabase() override;

    // The file path or URL it was opened with (a URL may hold a password: not for messages).
    QString path() const { return m_path; }
    // The same for messages and display, a password masked.
    QString displayPath() const { return displayLocation(m_path); }
    static QString displayLocation(const QString &location);
    Access access() const { return m_access; }
    // Whether writeStream()'s store uses the rows a producer encoded
    // (CandleStore::takesEncodedRows).
    bool takesEncodedRows() const { return m_takesEncodedRows; }

    // The calling thread's read connection. Use it on this thread only; reads on the GUI
    // thread should stay small (use listSeries() for the series list).
    CandleStore *reader();

    // Writes on the writer thread; `done` is called on `context`'s thread (not at all once
    // `context` is gone). The same operations as CandleStore's. Writes of one series queued
    // behind each other are committed in one transaction (each still gets its own answer; when
    // that transaction fails, each is written again on its own).
    void write(const SeriesKey &key, const CandleBatch &candles, const TimeRanges &coverage,
               QObject *context, WriteCallback done);
    // The batches of `stream` and the coverage, written in ONE transaction as they come: all
    // or nothing (the stream aborted, a write failed). The writer takes no other request
    // meanwhile (writeNow() waits), so keep a stream's producer busy until it finishes.
    void writeStream(const SeriesKey &key, std::shared_ptr<CandleStream> stream,
                     const TimeRanges &coverage, QObject *context, WriteCallback done);
    void saveSymbols(const QString &exchange, const SymbolList &symbols, qint64 fetchedAtMs,
                     QObject *context, WriteCallback done);
    // What writeSeries() did.
    struct SeriesWriteResult
    {
        WriteResult closed; // the closed candles; `error` also when only some series are stored
        qsizetype committed = 0; // how many of the writes, from the first, are stored
        qsizetype partialsStored = 0;
        qsizetype partialsFailed = 0;
    };
    // Several series' closed candles (CandleStore::writeSeries: one transaction on SQLite), then
    // the partial candles, each with CandleStore::writePartial(), on the writer thread in order
    // with the other requests. The future finishes once all are written (or failed): wait for it,
    // or watch it.
    QFuture<SeriesWriteResult> writeSeries(const QList<CandleStore::SeriesWrite> &writes,
                                           const QHash<SeriesKey, Candle> &partials);
    // The same write, committed before it returns. Runs on the calling thread with the writer's
    // connection.
    WriteResult writeNow(const SeriesKey &key, const CandleBatch &candles,
                         const TimeRanges &coverage);
    // The series list with counts, read by the writer after the writes queued before it;
    // `done` is called on `context`'s thread.
    void listSeries(QObject *context, SeriesListCallback done);

private:
    class Writer;
    class Answer;
    struct MergedWrite;
    static void runMerged(Writer &writer, MergedWrite &merged);
    CandleDatabase(QString path, Access access);
    bool start(QString *error);
    // Runs `work` with the writer's store on the writer thread, then what it returns on
    // `context`'s thread while `context` lives.
    void post(std::function<std::function<void()>(CandleStore &)> work, QObject *context);
    void dropReader(QThread *thread);

    QString m_path;
    Access m_access;
    bool m_takesEncodedRows = false;
    QThread *m_thread;
    Writer *m_writer;
    struct Readers;
    std::unique_ptr<Readers> m_readers;
};

} // namespace Candlewick
