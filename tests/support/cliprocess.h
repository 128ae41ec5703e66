#pragma once

#include <QByteArray>
#include <QProcess>
#include <QProcessEnvironment>
#include <QStringList>

namespace Candlewick::Testing {

struct CliResult
{
    int exitCode = -1;
    QProcess::ExitStatus exitStatus = QProcess::CrashExit;
    QByteArray out;
    QByteArray err;

    // The complete lines of stdout / stderr.
    QList<QByteArray> outLines() const { return out.split('\n').mid(0, out.count('\n')); }
    QList<QByteArray> errLines() const { return err.split('\n').mid(0, err.count('\n')); }
};

// Gives `process` the environment of a CLI under test: its settings, data, cache and runtime
// folders (the shared request weight budget lives in the runtime folder) under `home`, so the
// user's own never leak in, and no Binance URL from the environment. Messages are in English
// (LANGUAGE=en) whatever the test's locale. `extraEnv` is set on top of that (for example LANG /
// LANGUAGE to ask for a translation; an empty value hides a variable).
void prepareCli(QProcess &process, const QString &home, const QProcessEnvironment &extraEnv = {});

// Runs `program` (candlewick-cli) prepared with prepareCli(). Waits in a real event loop, so
// fake servers living in the test's thread keep answering; kills the process after `timeoutMs`.
CliResult runCli(const QString &program, const QStringList &args, const QString &home,
                 int timeoutMs = 120000, const QProcessEnvironment &extraEnv = {});

} // namespace Candlewick::Testing
