#include "commandregistry.h"

#include "coveragecommand.h"
#include "exportcommand.h"
#include "fetchcommand.h"
#include "recordcommand.h"
#include "replaycommand.h"
#include "strategiescommand.h"
#include "symbolscommand.h"

#include <QCoreApplication>

#include <cstdio>

namespace Candlewick::Cli {

CommandRegistry::CommandRegistry()
{
    m_commands.push_back(std::make_unique<FetchCommand>());
    m_commands.push_back(std::make_unique<ExportCommand>());
    m_commands.push_back(std::make_unique<CoverageCommand>());
    m_commands.push_back(std::make_unique<SymbolsCommand>());
    m_commands.push_back(std::make_unique<RecordCommand>());
    m_commands.push_back(std::make_unique<ReplayCommand>());
    m_commands.push_back(std::make_unique<StrategiesCommand>());
}

CommandRegistry::~CommandRegistry() = default;

void CommandRegistry::printUsage(QTextStream &stream) const
{
    stream << "Usage: candlewick-cli <command> [options]\n\n"
              "Crypto market data: download, cache, export, record and replay candles.\n\nCommands:\n";
    for (const auto &command : m_commands)
        stream << "  " << command->name().leftJustified(10) << command->summary() << '\n';
    stream << "\nRun `candlewick-cli <command> --help` for the options of a command.\n";
}

int CommandRegistry::run(const QStringList &arguments)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    const QString first = arguments.value(1);
    if (first.isEmpty() || first == QLatin1StringView("--help") || first == QLatin1StringView("-h")
        || first == QLatin1StringView("help")) {
        printUsage(first.isEmpty() ? err : out);
        return first.isEmpty() ? CliCommand::BadInput : CliCommand::Success;
    }
    if (first == QLatin1StringView("--version")) {
        out << "candlewick-cli " << QCoreApplication::applicationVersion() << '\n';
        return CliCommand::Success;
    }
    for (const auto &command : m_commands) {
        if (command->name() != first)
            continue;
        QCommandLineParser parser;
        parser.setApplicationDescription(command->summary());
        const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")},
                                      QStringLiteral("Show this help."));
        parser.addOption(help);
        command->addOptions(parser);
        QStringList commandArgs = arguments.mid(1);
        commandArgs[0] = QStringLiteral("candlewick-cli ") + first;
        if (!parser.parse(commandArgs)) {
            err << "candlewick-cli: error: " << parser.errorText() << '\n';
            return CliCommand::BadInput;
        }
        if (parser.isSet(help)) {
            // Qt prints the binary's path in the usage line; name the command instead.
            const QString text = parser.helpText();
            out << "Usage: candlewick-cli " << first << " [options]" << text.mid(text.indexOf(u'\n'));
            return CliCommand::Success;
        }
        if (!parser.positionalArguments().isEmpty()) {
            err << "candlewick-cli: error: unexpected argument '" << parser.positionalArguments().first()
                << "'\n";
            return CliCommand::BadInput;
        }
        const int code = command->run(parser, out, err);
        out.flush();
        err.flush();
        return code;
    }
    err << "candlewick-cli: error: unknown command '" << first
        << "' (run `candlewick-cli --help` for the list)\n";
    return CliCommand::BadInput;
}

} // namespace Candlewick::Cli
