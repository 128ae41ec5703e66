#include "postgreslistener.h"

#include "postgrescandlestore.h"

#include <QSocketNotifier>

#include <libpq-fe.h>

namespace Candlewick {

PostgresListener::PostgresListener(QObject *parent)
    : QObject(parent)
{
}

PostgresListener::~PostgresListener()
{
    m_notifier.reset();
    if (m_conn)
        PQfinish(m_conn);
}

bool PostgresListener::open(const QString &url, const QString &channel)
{
    m_url = url.toUtf8();
    m_channel = channel;
    m_display = PostgresCandleStore::displayUrl(url);
    return reconnect();
}

bool PostgresListener::reconnect()
{
    dropNotifier();
    if (m_conn)
        PQfinish(m_conn);
    const char *keywords[] = {"connect_timeout", "fallback_application_name", "dbname", nullptr};
    const char *values[] = {"10", "candlewick-listen", m_url.constData(), nullptr};
    m_conn = PQconnectdbParams(keywords, values, 1);
    if (PQstatus(m_conn) != CONNECTION_OK) {
        m_error = tr("Cannot connect to the PostgreSQL database: %1 (%2)")
                      .arg(QString::fromUtf8(PQerrorMessage(m_conn)).simplified(), m_display);
        PQfinish(m_conn);
        m_conn = nullptr;
        return false;
    }
    return listen();
}

bool PostgresListener::listen()
{
    char *quoted = PQescapeIdentifier(m_conn, m_channel.toUtf8().constData(),
                                      size_t(m_channel.toUtf8().size()));
    const QByteArray sql = QByteArray("LISTEN ") + (quoted ? quoted : "");
    PQfreemem(quoted);
    PGresult *r = PQexec(m_conn, sql.constData());
    const bool ok = PQresultStatus(r) == PGRES_COMMAND_OK;
    PQclear(r);
    if (!ok) {
        m_error = tr("Cannot listen for commits: %1 (%2)")
                      .arg(QString::fromUtf8(PQerrorMessage(m_conn)).simplified(), m_display);
        PQfinish(m_conn);
        m_conn = nullptr;
        return false;
    }
    m_error.clear();
    m_notifier = std::make_unique<QSocketNotifier>(PQsocket(m_conn), QSocketNotifier::Read);
    connect(m_notifier.get(), &QSocketNotifier::activated, this, &PostgresListener::readSocket);
    return true;
}

bool PostgresListener::isListening() const
{
    return m_notifier != nullptr;
}

void PostgresListener::readSocket()
{
    if (!PQconsumeInput(m_conn) || PQstatus(m_conn) == CONNECTION_BAD) {
        drop(QString::fromUtf8(PQerrorMessage(m_conn)).simplified());
        return;
    }
    QStringList payloads;
    while (PGnotify *n = PQnotifies(m_conn)) {
        payloads.append(QString::fromUtf8(n->extra));
        PQfreemem(n);
    }
    // Emitted after draining: a slot may reconnect the listener.
    for (const QString &payload : std::as_const(payloads))
        emit notified(payload);
}

void PostgresListener::dropNotifier()
{
    // Deleted later: this may run inside its activated() signal.
    if (m_notifier) {
        m_notifier->setEnabled(false);
        m_notifier.release()->deleteLater();
    }
}

void PostgresListener::drop(const QString &why)
{
    dropNotifier();
    m_error = tr("Lost the connection to the PostgreSQL server: %1 (%2)").arg(why, m_display);
    emit lost(m_error);
}

} // namespace Candlewick
