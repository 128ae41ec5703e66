#pragma once

#include "serieskey.h"

#include <QCoreApplication>
#include <QList>
#include <QSet>
#include <QString>

typedef struct pg_conn PGconn;

namespace Candlewick {

// Which series this process writes, among several recorders on one PostgreSQL database: a
// session-level advisory lock per series, held on a connection of its own. The server frees a
// session's locks when the session ends (the process is killed, the network is lost), so a
// recorder standing by can take the series over. The lock's key is a 64-bit hash of the series.
class PostgresWriterLocks
{
    Q_DECLARE_TR_FUNCTIONS(PostgresWriterLocks)
public:
    PostgresWriterLocks();
    ~PostgresWriterLocks();
    PostgresWriterLocks(const PostgresWriterLocks &) = delete;
    PostgresWriterLocks &operator=(const PostgresWriterLocks &) = delete;

    bool open(const QString &url);
    QString errorString() const { return m_error; }

    // Takes the lock of `key` unless another session holds it; true when this one holds it.
    bool tryLock(const SeriesKey &key);
    void unlock(const SeriesKey &key);
    bool holds(const SeriesKey &key) const { return m_held.contains(key); }
    // In one round trip, tries the locks of `keys` this session does not hold (none: it only
    // asks whether the session lives) and puts those it took into `taken`. False when the session
    // did not live: every lock is gone (the server freed them), a new session is opened, holding
    // none, and nothing is taken.
    bool tryLocks(const QList<SeriesKey> &keys, QList<SeriesKey> &taken);

private:
    bool connect();

    QByteArray m_url;
    QString m_display;
    PGconn *m_conn = nullptr;
    QSet<SeriesKey> m_held;
    QString m_error;
};

} // namespace Candlewick
