#pragma once

#include "clicommand.h"

#include <QCoreApplication>

#include <memory>
#include <vector>

namespace Candlewick::Cli {

// The commands of candlewick-cli, and the dispatch from argv to one of them.
class CommandRegistry
{
    Q_DECLARE_TR_FUNCTIONS(Candlewick::Cli::CommandRegistry)

public:
    CommandRegistry();
    ~CommandRegistry();

    // Parses `arguments` (argv as QStrings), runs the command and returns the exit code.
    int run(const QStringList &arguments);

private:
    void printUsage(QTextStream &stream) const;

    std::vector<std::unique_ptr<CliCommand>> m_commands;
};

} // namespace Candlewick::Cli
