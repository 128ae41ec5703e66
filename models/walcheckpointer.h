#pragma once

#include <QMutex>
#include <QString>
#include <QWaitCondition>

#include <memory>

class QThread;
struct sqlite3;

namespace Candlewick {

// Checkpoints the WAL of an SQLite file on a thread and a connection of its own, beside the
// writes going on (SQLITE_CHECKPOINT_PASSIVE: it waits for no reader and no writer), so the
// writing connection's commits do not wait while the pages are copied into the file and it is
// synced. The WAL starts over at the first write after a checkpoint that took all of it.
class WalCheckpointer
{
public:
    explicit WalCheckpointer(const QString &path);
    // Lets a checkpoint under way finish, then closes the connection.
    ~WalCheckpointer();
    WalCheckpointer(const WalCheckpointer &) = delete;
    WalCheckpointer &operator=(const WalCheckpointer &) = delete;

    // Asks for a checkpoint and returns at once; asked while one runs, another follows it.
    void request();
    // Waits until no checkpoint runs or is asked for.
    void wait();

private:
    void run();

    QString m_path;
    QMutex m_mutex;
    QWaitCondition m_changed;
    bool m_requested = false;
    bool m_running = false;
    bool m_stopping = false;
    std::unique_ptr<QThread> m_thread;
};

} // namespace Candlewick
