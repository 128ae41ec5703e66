#pragma once

#include <QProcess>
#include <QString>
#include <QTemporaryDir>

namespace Candlewick::Testing {

// A real PostgreSQL 15 server of the test's own: initdb into a temporary directory, listening
// only on a Unix socket in that directory (no TCP port), stopped and deleted by the destructor.
// Run as root (as in CI), the server runs as the unprivileged user `nobody`. The server is a
// child of the test process and gets SIGQUIT (PostgreSQL's immediate shutdown) when the test
// process dies, even by a crash or kill -9: no server outlives its test.
// Its superuser is `candlewick`, trusted without a password.
class PostgresServer
{
public:
    PostgresServer();
    ~PostgresServer();
    PostgresServer(const PostgresServer &) = delete;
    PostgresServer &operator=(const PostgresServer &) = delete;

    // Whether the PostgreSQL 15 server programs are installed.
    static bool available();

    bool start();
    void stop();
    // Stops the server at once (like a crash: open connections break) and starts it again.
    bool restart();
    QString errorString() const { return m_error; }

    QString socketDir() const;
    // The URL of `database` on this server (postgresql://ROLE@localhost:PORT/DB?host=SOCKETDIR).
    QString url(const QString &database, const QString &role = QStringLiteral("candlewick")) const;
    // Runs `sql` in `database` as the superuser with a connection of its own. False on any error.
    bool exec(const QString &database, const QString &sql);
    // A new empty database, owned by the superuser unless `owner` is given.
    bool createDatabase(const QString &name, const QString &owner = {});

private:
    // `program` of the server's bin directory with `args`, as nobody when run as root, set to
    // get SIGQUIT when this process dies.
    void prepare(QProcess &process, const QString &program, const QStringList &args) const;
    bool run(const QString &program, const QStringList &args);
    bool launch(); // postgres on the initialised data directory, until it accepts connections

    QTemporaryDir m_dir;
    QProcess m_server;
    QString m_error;
};

} // namespace Candlewick::Testing
