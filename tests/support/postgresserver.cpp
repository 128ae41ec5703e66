#include "postgresserver.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>

#include <libpq-fe.h>

#include <memory>

#include <csignal>

#include <sys/prctl.h>
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
        && QFileInfo(BinDir + QStringLiteral("/postgres")).isExecutable();
}

QString PostgresServer::socketDir() const
{
    return m_dir.path();
}

void PostgresServer::prepare(QProcess &process, const QString &program,
                             const QStringList &args) const
{
    process.setWorkingDirectory(m_dir.path());
    // initdb and the server refuse to run as root: as root, they run as nobody. The parent-death
    // signal is set after the change of user (a change of credentials clears it).
    if (geteuid() == 0) {
        process.setProgram(QStringLiteral("setpriv"));
        process.setArguments(QStringList{QStringLiteral("--reuid=%1").arg(NobodyId),
                                         QStringLiteral("--regid=%1").arg(NobodyId),
                                         QStringLiteral("--clear-groups"),
                                         QStringLiteral("--pdeathsig=SIGQUIT"),
                                         BinDir + u'/' + program}
                             + args);
    } else {
        process.setProgram(BinDir + u'/' + program);
        process.setArguments(args);
        process.setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGQUIT); });
    }
}

bool PostgresServer::run(const QString &program, const QStringList &args)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    prepare(process, program, args);
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
    if (m_server.state() != QProcess::NotRunning)
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
    const QString log = m_dir.filePath(QStringLiteral("server.log"));
    m_server.setStandardOutputFile(log, QIODevice::Append);
    m_server.setStandardErrorFile(log, QIODevice::Append);
    prepare(m_server,
            QStringLiteral("postgres"),
            {QStringLiteral("-D"), m_dir.filePath(QStringLiteral("data")), QStringLiteral("-k"),
             m_dir.path(), QStringLiteral("-p"), QString::number(Port), QStringLiteral("-c"),
             QStringLiteral("listen_addresses="), QStringLiteral("-c"),
             QStringLiteral("fsync=off")});
    m_server.start();
    if (!m_server.waitForStarted(10000))
        return m_error = QStringLiteral("postgres did not start: %1").arg(m_server.errorString()),
               false;
    // Ready once it accepts connections; a server that exits instead has said why in its log.
    const QByteArray conninfo = url(QStringLiteral("postgres")).toUtf8();
    while (PQping(conninfo.constData()) != PQPING_OK) {
        if (m_server.waitForFinished(50)) {
            QFile file(log);
            file.open(QIODevice::ReadOnly);
            return m_error = QStringLiteral("postgres exited: %1")
                                 .arg(QString::fromLocal8Bit(file.readAll()).trimmed()),
                   false;
        }
    }
    return true;
}

bool PostgresServer::restart()
{
    stop();
    return launch();
}

void PostgresServer::stop()
{
    if (m_server.state() == QProcess::NotRunning)
        return;
    ::kill(pid_t(m_server.processId()), SIGQUIT); // immediate shutdown, like pg_ctl -m immediate
    if (!m_server.waitForFinished(30000))
        m_server.kill();
    m_server.waitForFinished(5000);
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
