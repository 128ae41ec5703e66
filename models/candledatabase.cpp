#include "candledatabase.h"

#include "candlestream.h"
#include "postgrescandlestore.h"
#include "sqlitecandlestore.h"

#include <QFileInfo>
#include <QHash>
#include <QMutex>
#include <QPromise>
#include <QPointer>
#include <QRegularExpression>
#include <QThread>

#include <unordered_map>

namespace Candlewick {

namespace {

CandleDatabase::WriteResult resultOf(const CandleStore &store, qint64 candles, bool ok)
{
    return ok ? CandleDatabase::WriteResult{true, candles, {}}
              : CandleDatabase::WriteResult{false, 0, store.errorString()};
}

// The databases open in this process, by absolute file path or URL.
QMutex registryMutex;
QHash<QString, std::weak_ptr<CandleDatabase>> registry;

} // namespace

// Writes of one series queued behind each other, written as one (write()).
struct CandleDatabase::MergedWrite
{
    struct Part
    {
        CandleBatch candles;
        TimeRanges coverage;
        WriteCallback done;
        Answer *answer;
    };
    SeriesKey key;
    qsizetype candles = 0;
    QList<Part> parts;
};

// Lives on the writer thread and owns the writing connection. Queued requests run there;
// writeNow() uses the same connection from the caller's thread, under the mutex.
class CandleDatabase::Writer : public QObject
{
public:
    QMutex mutex;
    std::unique_ptr<CandleStore> store;
    // The last queued request when it is a write the writer has not taken yet: a write of the
    // same series joins it. Every request is queued under queueMutex.
    QMutex queueMutex;
    std::shared_ptr<MergedWrite> open;
};

// Carries one answer to the thread of the request's context.
class CandleDatabase::Answer : public QObject
{
public:
    explicit Answer(QObject *context)
        : m_context(context)
    {
        moveToThread(context->thread());
    }
    void deliver(std::function<void()> callback)
    {
        QMetaObject::invokeMethod(
            this,
            [this, callback = std::move(callback)] {
                if (m_context)
                    callback();
                deleteLater();
            },
            Qt::QueuedConnection);
    }

private:
    QPointer<QObject> m_context;
};

struct CandleDatabase::Readers
{
    QMutex mutex;
    std::unordered_map<QThread *, std::unique_ptr<CandleStore>> stores;
};

std::unique_ptr<CandleStore> CandleDatabase::openStore(const QString &location, Access access)
{
    if (PostgresCandleStore::isUrl(location)) {
        auto store = std::make_unique<PostgresCandleStore>();
        store->open(location,
                    access == Access::ReadOnly ? PostgresCandleStore::OpenMode::ReadOnly
                                               : PostgresCandleStore::OpenMode::ReadWrite);
        return store;
    }
    auto store = std::make_unique<SqliteCandleStore>();
    store->open(location,
                access == Access::ReadOnly ? SqliteCandleStore::OpenMode::ReadOnly
                                           : SqliteCandleStore::OpenMode::ReadWrite);
    return store;
}

QString CandleDatabase::locationError(const QString &location)
{
    static const QRegularExpression scheme(QStringLiteral("^([A-Za-z][A-Za-z0-9+.-]*)://"));
    const QRegularExpressionMatch match = scheme.match(location);
    if (!match.hasMatch() || PostgresCandleStore::isUrl(location))
        return {};
    return tr("Unsupported database URL scheme '%1' (use a file path or "
              "postgresql://USER@HOST:PORT/DATABASE)")
        .arg(match.captured(1));
}

QString CandleDatabase::displayLocation(const QString &location)
{
    return PostgresCandleStore::isUrl(location) ? PostgresCandleStore::displayUrl(location)
                                                : location;
}

std::shared_ptr<CandleDatabase> CandleDatabase::open(const QString &path, Access access,
                                                     QString *error)
{
    if (const QString why = locationError(path); !why.isEmpty()) {
        if (error)
            *error = why;
        return {};
    }
    const QString key = path.isEmpty() || PostgresCandleStore::isUrl(path)
        ? path
        : QFileInfo(path).absoluteFilePath();
    QMutexLocker lock(&registryMutex);
    if (std::shared_ptr<CandleDatabase> open = registry.value(key).lock()) {
        if (access == Access::ReadOnly || open->access() == Access::ReadWrite)
            return open;
        if (error)
            *error = tr("Database is already open read-only in this process (%1)")
                         .arg(displayLocation(path));
        return {};
    }
    std::shared_ptr<CandleDatabase> db(new CandleDatabase(path, access));
    QString message;
    if (!db->start(&message)) {
        if (error)
            *error = message;
        return {};
    }
    registry.removeIf([](auto it) { return it.value().expired(); });
    registry.insert(key, db);
    return db;
}

CandleDatabase::CandleDatabase(QString path, Access access)
    : m_path(std::move(path))
    , m_access(access)
    , m_thread(new QThread(this))
    , m_writer(new Writer)
    , m_readers(std::make_unique<Readers>())
{
    m_thread->setObjectName(QStringLiteral("candlewick-db-writer"));
    m_writer->moveToThread(m_thread);
    m_thread->start();
}

CandleDatabase::~CandleDatabase()
{
    // The readers close first: the writer, closing last, checkpoints the WAL into the file.
    {
        QMutexLocker lock(&m_readers->mutex);
        m_readers->stores.clear();
    }
    // Quitting is queued behind the requests already queued, so they still run.
    QMetaObject::invokeMethod(
        m_writer, [thread = m_thread] { thread->quit(); }, Qt::QueuedConnection);
    m_thread->wait();
    delete m_writer;
}

bool CandleDatabase::start(QString *error)
{
    bool ok = false;
    // The writing connection is opened on the writer thread.
    QMetaObject::invokeMethod(
        m_writer,
        [this, &ok, error] {
            m_writer->store = openStore(m_path, m_access);
            ok = m_writer->store->isOpen();
            *error = m_writer->store->errorString();
            m_takesEncodedRows = m_writer->store->takesEncodedRows();
        },
        Qt::BlockingQueuedConnection);
    return ok;
}

CandleStore *CandleDatabase::reader()
{
    QThread *thread = QThread::currentThread();
    QMutexLocker lock(&m_readers->mutex);
    std::unique_ptr<CandleStore> &store = m_readers->stores[thread];
    if (!store) {
        store = openStore(m_path, Access::ReadOnly);
        connect(
            thread, &QThread::finished, this, [this, thread] { dropReader(thread); },
            Qt::DirectConnection);
    }
    return store.get();
}

void CandleDatabase::dropReader(QThread *thread)
{
    QMutexLocker lock(&m_readers->mutex);
    m_readers->stores.erase(thread);
}

void CandleDatabase::post(std::function<std::function<void()>(CandleStore &)> work,
                          QObject *context)
{
    Answer *answer = context ? new Answer(context) : nullptr;
    QMutexLocker queue(&m_writer->queueMutex);
    m_writer->open.reset(); // a write after this request must not run before it
    QMetaObject::invokeMethod(
        m_writer,
        [writer = m_writer, work = std::move(work), answer] {
            std::function<void()> callback;
            {
                QMutexLocker lock(&writer->mutex);
                callback = work(*writer->store);
            }
            if (answer)
                answer->deliver(std::move(callback));
            QMutexLocker lock(&writer->mutex);
            writer->store->idle();
        },
        Qt::QueuedConnection);
}

void CandleDatabase::write(const SeriesKey &key, const CandleBatch &candles,
                           const TimeRanges &coverage, QObject *context, WriteCallback done)
{
    // While the writer is busy, the writes of a series queued behind each other (a fetch's
    // pages) become one transaction: a store pays per transaction (a PostgreSQL COPY more so
    // than the rows it carries), and the writer catches up.
    constexpr qsizetype MaxMergedCandles = 50'000;
    Answer *answer = done && context ? new Answer(context) : nullptr;
    QMutexLocker queue(&m_writer->queueMutex);
    std::shared_ptr<MergedWrite> &open = m_writer->open;
    if (open && open->key == key && open->candles + candles.size() <= MaxMergedCandles) {
        open->candles += candles.size();
        open->parts.append({candles, coverage, std::move(done), answer});
        return;
    }
    open = std::make_shared<MergedWrite>();
    open->key = key;
    open->candles = candles.size();
    open->parts.append({candles, coverage, std::move(done), answer});
    QMetaObject::invokeMethod(
        m_writer, [writer = m_writer, merged = open] { runMerged(*writer, *merged); },
        Qt::QueuedConnection);
}

void CandleDatabase::runMerged(Writer &writer, MergedWrite &merged)
{
    {
        QMutexLocker queue(&writer.queueMutex);
        if (writer.open.get() == &merged)
            writer.open.reset(); // taken: later writes queue anew
    }
    const auto answer = [](MergedWrite::Part &part, const WriteResult &result) {
        if (part.answer)
            part.answer->deliver([done = std::move(part.done), result] { done(result); });
    };
    QMutexLocker lock(&writer.mutex);
    CandleStore &store = *writer.store;
    bool written = false;
    if (merged.parts.size() > 1) {
        CandleBatch candles;
        candles.reserve(merged.candles);
        TimeRanges coverage;
        for (const MergedWrite::Part &part : std::as_const(merged.parts)) {
            candles.append(part.candles);
            coverage.append(part.coverage);
        }
        written = store.write(merged.key, candles, TimeRangeSet::merged(coverage));
    }
    // Unless written together: each on its own, so a write that fails fails only its caller.
    for (MergedWrite::Part &part : merged.parts)
        answer(part,
               resultOf(store, part.candles.size(),
                        written || store.write(merged.key, part.candles, part.coverage)));
    store.idle();
}

void CandleDatabase::writeStream(const SeriesKey &key, std::shared_ptr<CandleStream> stream,
                                 const TimeRanges &coverage, QObject *context, WriteCallback done)
{
    post(
        [key, stream = std::move(stream), coverage, done = std::move(done)](CandleStore &store) {
            qint64 candles = 0;
            const bool ok = store.writeAllEncoded(
                key,
                [&stream, &candles](CandleStore::EncodedBatch &batch) {
                    const CandleStore::NextBatch next = stream->take(batch);
                    candles += batch.size();
                    return next;
                },
                coverage);
            stream->close();
            const WriteResult result = resultOf(store, candles, ok);
            return std::function<void()>([done, result] { done(result); });
        },
        done ? context : nullptr);
}

void CandleDatabase::saveSymbols(const QString &exchange, const SymbolList &symbols,
                                 qint64 fetchedAtMs, QObject *context, WriteCallback done)
{
    post(
        [exchange, symbols, fetchedAtMs, done = std::move(done)](CandleStore &store) {
            const WriteResult result
                = resultOf(store, 0, store.saveSymbols(exchange, symbols, fetchedAtMs));
            return std::function<void()>([done, result] { done(result); });
        },
        done ? context : nullptr);
}

CandleDatabase::WriteResult CandleDatabase::writeNow(const SeriesKey &key,
                                                     const CandleBatch &candles,
                                                     const TimeRanges &coverage)
{
    QMutexLocker lock(&m_writer->mutex);
    return resultOf(*m_writer->store, candles.size(),
                    m_writer->store->write(key, candles, coverage));
}

QFuture<CandleDatabase::SeriesWriteResult>
CandleDatabase::writeSeries(const QList<CandleStore::SeriesWrite> &writes,
                            const QHash<SeriesKey, Candle> &partials)
{
    auto promise = std::make_shared<QPromise<SeriesWriteResult>>();
    promise->start();
    QFuture<SeriesWriteResult> future = promise->future();
    post(
        [writes, partials, promise](CandleStore &store) {
            SeriesWriteResult result;
            if (!writes.isEmpty()) {
                const bool ok = store.writeSeries(writes, result.committed);
                for (qsizetype i = 0; i < result.committed; ++i)
                    result.closed.candles += writes[i].candles.size();
                result.closed.ok = ok;
                if (!ok)
                    result.closed.error = store.errorString();
            } else {
                result.closed.ok = true;
            }
            for (const auto &[key, candle] : partials.asKeyValueRange())
                ++(store.writePartial(key, candle) ? result.partialsStored : result.partialsFailed);
            promise->addResult(std::move(result));
            promise->finish();
            return std::function<void()>();
        },
        nullptr);
    return future;
}

void CandleDatabase::listSeries(QObject *context, SeriesListCallback done)
{
    post(
        [done = std::move(done)](CandleStore &store) {
            const QList<SeriesInfo> series = store.seriesList();
            const QString error = store.errorString();
            return std::function<void()>([done, series, error] { done(series, error); });
        },
        done ? context : nullptr);
}

} // namespace Candlewick
