#include "postgreswriterlocks.h"

#include "postgrescandlestore.h"

#include <libpq-fe.h>

namespace Candlewick {

namespace {

// One statement with the series as its text parameter; nullptr-safe.
PGresult *execWithSeries(PGconn *conn, const char *sql, const SeriesKey &key)
{
    const QByteArray series = "candlewick writer " + key.toString().toUtf8();
    const char *values[] = {series.constData()};
    return PQexecParams(conn, sql, 1, nullptr, values, nullptr, nullptr, 0);
}

} // namespace

PostgresWriterLocks::PostgresWriterLocks() = default;

PostgresWriterLocks::~PostgresWriterLocks()
{
    if (!m_conn)
        return;
    // Freed before the session ends, so that a recorder standing by finds them free at its next
    // look: the server frees a closed session's locks only once its process has ended. (Should
    // this fail, the session's end frees them all the same.)
    if (!m_held.isEmpty())
        PQclear(PQexec(m_conn, "SELECT pg_advisory_unlock_all()"));
    PQfinish(m_conn);
}

bool PostgresWriterLocks::open(const QString &url)
{
    m_url = url.toUtf8();
    m_display = PostgresCandleStore::displayUrl(url);
    return connect();
}

bool PostgresWriterLocks::connect()
{
    if (m_conn)
        PQfinish(m_conn);
    m_held.clear();
    const char *keywords[] = {"connect_timeout", "fallback_application_name", "dbname", nullptr};
    const char *values[] = {"10", "candlewick-record", m_url.constData(), nullptr};
    m_conn = PQconnectdbParams(keywords, values, 1);
    if (PQstatus(m_conn) == CONNECTION_OK) {
        m_error.clear();
        return true;
    }
    m_error = tr("Cannot connect to the PostgreSQL database: %1 (%2)")
                  .arg(QString::fromUtf8(PQerrorMessage(m_conn)).simplified(), m_display);
    return false;
}

bool PostgresWriterLocks::tryLock(const SeriesKey &key)
{
    if (m_held.contains(key))
        return true;
    PGresult *r
        = execWithSeries(m_conn, "SELECT pg_try_advisory_lock(hashtextextended($1, 0))", key);
    const bool locked = PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) == 1
        && PQgetvalue(r, 0, 0)[0] == 't';
    PQclear(r);
    if (locked)
        m_held.insert(key);
    return locked;
}

void PostgresWriterLocks::unlock(const SeriesKey &key)
{
    if (!m_held.remove(key))
        return;
    PQclear(execWithSeries(m_conn, "SELECT pg_advisory_unlock(hashtextextended($1, 0))", key));
}

bool PostgresWriterLocks::tryLocks(const QList<SeriesKey> &keys, QList<SeriesKey> &taken)
{
    taken.clear();
    // The series one per line (a SeriesKey has no line break), each row saying whether its lock
    // was taken; tryLock()'s key for each.
    QByteArray lines;
    QList<SeriesKey> asked;
    for (const SeriesKey &key : keys) {
        if (m_held.contains(key))
            continue;
        lines += (asked.isEmpty() ? "" : "\n") + key.toString().toUtf8();
        asked.append(key);
    }
    const char *values[] = {lines.constData()};
    PGresult *r = PQexecParams(m_conn,
                               "SELECT pg_try_advisory_lock(hashtextextended("
                               "'candlewick writer ' || k, 0)) FROM unnest(string_to_array($1,"
                               " E'\\n')) WITH ORDINALITY AS s(k, i) ORDER BY i",
                               1, nullptr, values, nullptr, nullptr, 0);
    const bool ok = PQresultStatus(r) == PGRES_TUPLES_OK
        && PQntuples(r) == (asked.isEmpty() ? 0 : int(asked.size()));
    for (int i = 0; ok && i < PQntuples(r); ++i) {
        if (PQgetvalue(r, i, 0)[0] == 't') {
            m_held.insert(asked[i]);
            taken.append(asked[i]);
        }
    }
    PQclear(r);
    if (ok)
        return true;
    connect();
    return false;
}

} // namespace Candlewick
