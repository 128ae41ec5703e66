#pragma once

#include <QString>
#include <QTemporaryDir>

namespace Candlewick::Testing {

// A real PostgreSQL 15 server of the test's own: initdb into a temporary directory, listening
// only on a Unix socket in that directory (no TCP port), stopped and deleted by the destructor.
// Run as root (as in CI), the server runs as the unprivileged user `nobody`.
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
    bool run(const QString &program, const QStringList &args);
    bool launch(); // pg_ctl start on the initialised data directory

    QTemporaryDir m_dir;
    bool m_running = false;
    QString m_error;
};

} // namespace Candlewick::Testing
