#include "walcheckpointer.h"

#include <QFile>
#include <QThread>

#include <sqlite3.h>

namespace Candlewick {

WalCheckpointer::WalCheckpointer(const QString &path)
    : m_path(path)
    , m_thread(QThread::create([this] { run(); }))
{
    m_thread->setObjectName(QStringLiteral("candlewick-wal-checkpoint"));
    m_thread->start();
}

WalCheckpointer::~WalCheckpointer()
{
    {
        QMutexLocker lock(&m_mutex);
        m_stopping = true;
        m_changed.wakeAll();
    }
    m_thread->wait();
}

void WalCheckpointer::request()
{
    QMutexLocker lock(&m_mutex);
    m_requested = true;
    m_changed.wakeAll();
}

void WalCheckpointer::wait()
{
    QMutexLocker lock(&m_mutex);
    while (m_requested || m_running)
        m_changed.wait(&m_mutex);
}

void WalCheckpointer::run()
{
    // Opened on the first request; a file that cannot be opened leaves the checkpoints to the
    // writing connection (its cap on the WAL's size).
    sqlite3 *db = nullptr;
    QMutexLocker lock(&m_mutex);
    for (;;) {
        while (!m_requested && !m_stopping)
            m_changed.wait(&m_mutex);
        if (m_stopping)
            break;
        m_requested = false;
        m_running = true;
        lock.unlock();
        // A connection checkpoints only once it has read the file (and so found its WAL).
        if (!db
            && (sqlite3_open_v2(QFile::encodeName(m_path).constData(), &db,
                                SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr)
                    != SQLITE_OK
                || sqlite3_exec(db, "PRAGMA schema_version", nullptr, nullptr, nullptr)
                    != SQLITE_OK)) {
            sqlite3_close_v2(db);
            db = nullptr;
        }
        // A checkpoint that cannot finish now (another one running, a reader on an old
        // snapshot) is taken up by the next request.
        if (db)
            sqlite3_wal_checkpoint_v2(db, nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
        lock.relock();
        m_running = false;
        m_changed.wakeAll();
    }
    lock.unlock();
    sqlite3_close_v2(db);
}

} // namespace Candlewick
