#include "commandregistry.h"

#include "coveragecommand.h"
#include "exchangescommand.h"
#include "exportcommand.h"
#include "fetchcommand.h"
#include "rebuildcommand.h"
#include "importcommand.h"
#include "recordcommand.h"
#include "replaycommand.h"
#include "servecommand.h"
#include "strategiescommand.h"
#include "symbolscommand.h"
#include "watchcommand.h"

#include <candledatabase.h>

#include <QCoreApplication>

#include <cstdio>

namespace Candlewick::Cli {

CommandRegistry::CommandRegistry()
{
    m_commands.push_back(std::make_unique<FetchCommand>());
    m_commands.push_back(std::make_unique<ImportCommand>());
    m_commands.push_back(std::make_unique<ExportCommand>());
    m_commands.push_back(std::make_unique<CoverageCommand>());
    m_commands.push_back(std::make_unique<SymbolsCommand>());
    m_commands.push_back(std::make_unique<ExchangesCommand>());
    m_commands.push_back(std::make_unique<RecordCommand>());
    m_commands.push_back(std::make_unique<RebuildCommand>());
    m_commands.push_back(std::make_unique<ReplayCommand>());
    m_commands.push_back(std::make_unique<StrategiesCommand>());
    m_commands.push_back(std::make_unique<WatchCommand>());
    m_commands.push_back(std::make_unique<ServeCommand>());
}

CommandRegistry::~CommandRegistry() = default;

void CommandRegistry::printUsage(QTextStream &stream) const
{
    stream << tr("Usage: candlewick-cli <command> [options]") << "\n\n"
           << tr("Crypto market data: download, cache, export, record and replay candles.")
           << "\n\n"
           << tr("Commands:") << '\n';
    for (const auto &command : m_commands)
        stream << "  " << command->name().leftJustified(12) << command->summary() << '\n';
    stream << '\n'
           << tr("Run `candlewick-cli <command> --help` for the options of a command.") << '\n';
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
                                      tr("Show this help."));
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
            out << tr("Usage: candlewick-cli %1 [options]").arg(first)
                << text.mid(text.indexOf(u'\n'));
            return CliCommand::Success;
        }
        if (!parser.positionalArguments().isEmpty()) {
            err << "candlewick-cli: error: "
                << tr("unexpected argument '%1'").arg(parser.positionalArguments().first()) << '\n';
            return CliCommand::BadInput;
        }
        // A URL of another scheme is a mistake, never a file name to create.
        if (parser.optionNames().contains(QStringLiteral("db"))
            && !CandleDatabase::locationError(parser.value(QStringLiteral("db"))).isEmpty()) {
            err << "candlewick-cli: error: "
                << tr("unsupported database URL '%1': give a file path or "
                      "postgresql://USER@HOST:PORT/DATABASE")
                       .arg(parser.value(QStringLiteral("db")))
                << '\n';
            return CliCommand::BadInput;
        }
        const int code = command->run(parser, out, err);
        out.flush();
        err.flush();
        return code;
    }
    err << "candlewick-cli: error: "
        << tr("unknown command '%1' (run `candlewick-cli --help` for the list)").arg(first) << '\n';
    return CliCommand::BadInput;
}

} // namespace Candlewick::Cli
