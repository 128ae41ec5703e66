#include "seriesloader.h"

#include "seriesreader.h"

#include <QMetaObject>
#include <QThread>

namespace Candlewick {

SeriesLoader::SeriesLoader(QObject *parent)
    : QObject(parent)
{
    qRegisterMetaType<CandleBatch>();
    qRegisterMetaType<SeriesKey>();
    qRegisterMetaType<TimeRanges>();
}

SeriesLoader::~SeriesLoader()
{
    if (!m_thread)
        return;
    m_latest->store(-1, std::memory_order_release); // a read in progress is dropped
    m_thread->requestInterruption();
    m_thread->quit();
    m_thread->wait();
    // The thread's finished() deleted the reader and closed its connection on the reader thread.
}

void SeriesLoader::setDatabase(std::shared_ptr<CandleDatabase> database)
{
    if (database != m_database)
        cancel();
    m_database = std::move(database);
}

void SeriesLoader::ensureThread()
{
    if (m_thread)
        return;
    m_thread = new QThread(this);
    m_thread->setObjectName(QStringLiteral("series-loader"));
    m_reader = new SeriesReader(m_latest);
    m_reader->moveToThread(m_thread);
    connect(m_thread, &QThread::finished, m_reader, &QObject::deleteLater);
    connect(m_reader, &SeriesReader::loaded, this, &SeriesLoader::handleLoaded);
    connect(m_reader, &SeriesReader::failed, this, &SeriesLoader::handleFailed);
    m_thread->start();
}

void SeriesLoader::load(const SeriesKey &key, TimeRange range)
{
    ensureThread();
    const int request = ++m_request;
    m_latest->store(request, std::memory_order_release);
    m_pending = true;
    m_key = key;
    m_range = range;
    QMetaObject::invokeMethod(
        m_reader,
        [reader = m_reader, request, database = m_database, key, range] {
            reader->read(request, database, key, range.from, range.to);
        },
        Qt::QueuedConnection);
}

void SeriesLoader::cancel()
{
    if (!m_pending)
        return;
    m_pending = false;
    m_latest->store(++m_request, std::memory_order_release);
}

void SeriesLoader::handleLoaded(int request, const CandleBatch &candles, const TimeRanges &coverage,
                                double tickSize)
{
    if (!m_pending || request != m_request)
        return; // stale: another series was asked for since
    m_pending = false;
    emit loaded(m_key, m_range, candles, coverage, tickSize);
}

void SeriesLoader::handleFailed(int request, const QString &message)
{
    if (!m_pending || request != m_request)
        return;
    m_pending = false;
    emit failed(m_key, message);
}

} // namespace Candlewick
