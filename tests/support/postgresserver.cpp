#include "postgresserver.h"

#include <QDir>
#include <QFileInfo>
#include <QProcess>

#include <libpq-fe.h>

#include <memory>

#include <sys/stat.h>
#include <unistd.h>

namespace Candlewick::Testing {

namespace {

const QString BinDir = QStringLiteral("/usr/lib/postgresql/15/bin");
constexpr int Port = 5432; // names the socket file only: the server opens no TCP port
constexpr uid_t NobodyId = 65534;

} // namespace

PostgresServer::PostgresServer() = default;

PostgresServer::~PostgresServer()
{
    stop();
}

bool PostgresServer::available()
{
    return QFileInfo(BinDir + QStringLiteral("/initdb")).isExecutable()
        && QFileInfo(BinDir + QStringLiteral("/pg_ctl")).isExecutable();
}

QString PostgresServer::socketDir() const
{
    return m_dir.path();
}

bool PostgresServer::run(const QString &program, const QStringList &args)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.setWorkingDirectory(m_dir.path());
    // initdb and the server refuse to run as root: as root, they run as nobody.
    if (geteuid() == 0) {
        process.setProgram(QStringLiteral("setpriv"));
        process.setArguments(QStringList{QStringLiteral("--reuid=%1").arg(NobodyId),
                                         QStringLiteral("--regid=%1").arg(NobodyId),
                                         QStringLiteral("--clear-groups"), BinDir + u'/' + program}
                             + args);
    } else {
        process.setProgram(BinDir + u'/' + program);
        process.setArguments(args);
    }
    process.start();
    if (!process.waitForFinished(60000) || process.exitStatus() != QProcess::NormalExit
        || process.exitCode() != 0) {
        m_error = QStringLiteral("%1 failed: %2")
                      .arg(program, QString::fromLocal8Bit(process.readAll()).trimmed());
        if (process.state() != QProcess::NotRunning)
            process.kill();
        return false;
    }
    return true;
}

bool PostgresServer::start()
{
    if (m_running)
        return true;
    if (!available())
        return m_error = QStringLiteral("PostgreSQL 15 is not installed in %1").arg(BinDir), false;
    if (!m_dir.isValid())
        return m_error = QStringLiteral("Cannot create a temporary directory"), false;
    if (geteuid() == 0
        && ::chown(QFile::encodeName(m_dir.path()).constData(), NobodyId, NobodyId) != 0)
        return m_error = QStringLiteral("Cannot hand the temporary directory to nobody"), false;
    const QString data = m_dir.filePath(QStringLiteral("data"));
    if (!run(QStringLiteral("initdb"),
             {QStringLiteral("-D"), data, QStringLiteral("-U"), QStringLiteral("candlewick"),
              QStringLiteral("--auth=trust"), QStringLiteral("-E"), QStringLiteral("UTF8"),
              QStringLiteral("--no-locale"), QStringLiteral("--no-sync")}))
        return false;
    return launch();
}

bool PostgresServer::launch()
{
    const QString data = m_dir.filePath(QStringLiteral("data"));
    const QString options = QStringLiteral("-k %1 -p %2 -c listen_addresses='' -c fsync=off")
                                .arg(m_dir.path())
                                .arg(Port);
    if (!run(QStringLiteral("pg_ctl"),
             {QStringLiteral("start"), QStringLiteral("-w"), QStringLiteral("-D"), data,
              QStringLiteral("-l"), m_dir.filePath(QStringLiteral("server.log")),
              QStringLiteral("-o"), options}))
        return false;
    m_running = true;
    return true;
}

bool PostgresServer::restart()
{
    stop();
    return launch();
}

void PostgresServer::stop()
{
    if (!m_running)
        return;
    run(QStringLiteral("pg_ctl"),
        {QStringLiteral("stop"), QStringLiteral("-w"), QStringLiteral("-m"),
         QStringLiteral("immediate"), QStringLiteral("-D"),
         m_dir.filePath(QStringLiteral("data"))});
    m_running = false;
}

QString PostgresServer::url(const QString &database, const QString &role) const
{
    return QStringLiteral("postgresql://%1@localhost:%2/%3?host=%4")
        .arg(role)
        .arg(Port)
        .arg(database, m_dir.path());
}

bool PostgresServer::exec(const QString &database, const QString &sql)
{
    std::unique_ptr<PGconn, decltype(&PQfinish)> conn(
        PQconnectdb(url(database).toUtf8().constData()), &PQfinish);
    if (PQstatus(conn.get()) != CONNECTION_OK)
        return m_error = QString::fromUtf8(PQerrorMessage(conn.get())).trimmed(), false;
    std::unique_ptr<PGresult, decltype(&PQclear)> result(
        PQexec(conn.get(), sql.toUtf8().constData()), &PQclear);
    const ExecStatusType status = PQresultStatus(result.get());
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
        return m_error = QString::fromUtf8(PQerrorMessage(conn.get())).trimmed(), false;
    return true;
}

bool PostgresServer::createDatabase(const QString &name, const QString &owner)
{
    return exec(
        QStringLiteral("postgres"),
        QStringLiteral("CREATE DATABASE \"%1\"%2")
            .arg(name, owner.isEmpty() ? QString() : QStringLiteral(" OWNER \"%1\"").arg(owner)));
}

} // namespace Candlewick::Testing
