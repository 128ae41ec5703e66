#include "cliprocess.h"

#include <QDir>
#include <QSignalSpy>

namespace Candlewick::Testing {

void prepareCli(QProcess &process, const QString &home, const QProcessEnvironment &extraEnv)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("CANDLEWICK_BINANCE_REST_URL"));
    env.remove(QStringLiteral("CANDLEWICK_BINANCE_WS_URL"));
    env.remove(QStringLiteral("CANDLEWICK_BINANCE_ARCHIVE_URL"));
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), QDir(home).filePath(QStringLiteral("config")));
    env.insert(QStringLiteral("XDG_DATA_HOME"), QDir(home).filePath(QStringLiteral("data")));
    env.insert(QStringLiteral("XDG_CACHE_HOME"), QDir(home).filePath(QStringLiteral("cache")));
    const QString runtime = QDir(home).filePath(QStringLiteral("runtime"));
    QDir().mkpath(runtime);
    env.insert(QStringLiteral("XDG_RUNTIME_DIR"), runtime);
    env.insert(QStringLiteral("LANGUAGE"), QStringLiteral("en"));
    env.insert(extraEnv);
    process.setProcessEnvironment(env);
}

CliResult runCli(const QString &program, const QStringList &args, const QString &home,
                 int timeoutMs, const QProcessEnvironment &extraEnv)
{
    QProcess process;
    prepareCli(process, home, extraEnv);
    QSignalSpy done(&process, &QProcess::finished);
    process.start(program, args);
    if (!done.wait(timeoutMs)) {
        process.kill();
        process.waitForFinished();
    }
    return {process.exitCode(), process.exitStatus(), process.readAllStandardOutput(),
            process.readAllStandardError()};
}

} // namespace Candlewick::Testing
