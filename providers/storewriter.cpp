#include "storewriter.h"

#include <candlestore.h>

#include <QThread>

namespace Candlewick {

// Lives on the writer thread and owns that thread's connection.
class StoreWriter::Worker : public QObject
{
    Q_OBJECT
public:
    explicit Worker(QString path)
        : m_path(std::move(path))
    {
    }

    void write(const SeriesKey &key, const CandleBatch &candles, const TimeRanges &coverage)
    {
        if (!ensureOpen())
            return emit done(key, 0, m_store.errorString());
        const bool ok = m_store.write(key, candles, coverage);
        emit done(key, ok ? candles.size() : 0, ok ? QString() : m_store.errorString());
    }
    void writePartial(const SeriesKey &key, const Candle &candle)
    {
        if (!ensureOpen())
            return emit done(key, 0, m_store.errorString());
        const bool ok = m_store.writePartial(key, candle);
        emit done(key, 0, ok ? QString() : m_store.errorString());
    }

signals:
    void done(const Candlewick::SeriesKey &key, qint64 candles, const QString &error);

private:
    bool ensureOpen() { return m_store.isOpen() || m_store.open(m_path); }

    QString m_path;
    CandleStore m_store; // opened lazily, on this thread
};

StoreWriter::StoreWriter(QString dbPath, QObject *parent)
    : QObject(parent)
    , m_thread(new QThread(this))
    , m_worker(new Worker(std::move(dbPath)))
{
    m_thread->setObjectName(QStringLiteral("candlewick-store-writer"));
    m_worker->moveToThread(m_thread);
    connect(m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(m_worker, &Worker::done, this, &StoreWriter::handleDone);
    m_thread->start();
}

StoreWriter::~StoreWriter()
{
    // Queued writes still run before the thread's event loop quits.
    m_thread->quit();
    m_thread->wait();
}

void StoreWriter::write(const SeriesKey &key, const CandleBatch &candles,
                        const TimeRanges &coverage)
{
    ++m_pending;
    QMetaObject::invokeMethod(
        m_worker, [w = m_worker, key, candles, coverage] { w->write(key, candles, coverage); },
        Qt::QueuedConnection);
}

void StoreWriter::writePartial(const SeriesKey &key, const Candle &candle)
{
    ++m_pending;
    QMetaObject::invokeMethod(
        m_worker, [w = m_worker, key, candle] { w->writePartial(key, candle); },
        Qt::QueuedConnection);
}

void StoreWriter::handleDone(const SeriesKey &key, qint64 candles, const QString &error)
{
    --m_pending;
    if (error.isEmpty())
        emit written(key, candles);
    else
        emit writeFailed(error);
    if (m_pending == 0)
        emit drained();
}

} // namespace Candlewick

#include "storewriter.moc"
