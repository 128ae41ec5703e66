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
    if (m_conn)
        PQfinish(m_conn); // the server frees the locks with the session
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

bool PostgresWriterLocks::alive()
{
    PGresult *r = PQexec(m_conn, "SELECT 1");
    const bool ok = PQresultStatus(r) == PGRES_TUPLES_OK;
    PQclear(r);
    if (ok)
        return true;
    connect();
    return false;
}

} // namespace Candlewick
