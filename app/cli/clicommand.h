#pragma once

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QString>
#include <QStringList>
#include <QTextStream>

namespace Candlewick::Cli {

// One `candlewick-cli <command>`. Results go to out (stdout), progress and the one-line error to
// err (stderr). run() returns the process exit code (0 on success). Each command declares its
// tr() (Q_DECLARE_TR_FUNCTIONS) and translates what the user reads; machine-readable output (JSON
// lines, CSV, the symbols table) and the "candlewick-cli: error: " prefix stay untranslated.
class CliCommand
{
public:
    virtual ~CliCommand() = default;
    virtual QString name() const = 0;
    virtual QString summary() const = 0;
    // Declares the command's options on the parser (--help is added by the caller).
    virtual void addOptions(QCommandLineParser &parser) const = 0;
    // Runs with the parsed options; may spin an event loop.
    virtual int run(const QCommandLineParser &parser, QTextStream &out, QTextStream &err) = 0;

    // Exit codes: 0 success, 1 a failure while working (network, database), 2 bad input.
    enum ExitCode { Success = 0, Failure = 1, BadInput = 2 };

protected:
    // Prints the one clear line on stderr and returns `code`. The prefix is fixed, so scripts can
    // find it in any language; `message` is already translated.
    static int fail(QTextStream &err, const QString &message, int code = Failure)
    {
        err << "candlewick-cli: error: " << message << '\n';
        err.flush();
        return code;
    }
};

} // namespace Candlewick::Cli
