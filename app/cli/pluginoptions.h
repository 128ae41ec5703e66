#pragma once

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QTextStream>

namespace Candlewick {
class StrategyHost;
}

namespace Candlewick::Cli::PluginOptions {

// --plugin-dir DIR (repeatable): searched before the default plugin directories.
QCommandLineOption pluginDir();
// Adds the --plugin-dir directories to `host`, scans, and warns on stderr about each plugin
// that was skipped.
void scan(StrategyHost &host, const QCommandLineParser &parser, QTextStream &err);

} // namespace Candlewick::Cli::PluginOptions
