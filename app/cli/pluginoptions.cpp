#include "pluginoptions.h"

#include <strategyhost.h>

namespace Candlewick::Cli::PluginOptions {

QCommandLineOption pluginDir()
{
    return {QStringLiteral("plugin-dir"), QStringLiteral("Also look for strategy plugins here (repeatable)."),
            QStringLiteral("dir")};
}

void scan(StrategyHost &host, const QCommandLineParser &parser, QTextStream &err)
{
    const QStringList dirs = parser.values(QStringLiteral("plugin-dir"));
    for (auto it = dirs.crbegin(); it != dirs.crend(); ++it)
        host.addPluginDirectory(*it);
    host.scan();
    for (const auto &p : host.problems())
        err << "candlewick-cli: warning: skipped plugin " << p.file << ": " << p.message << '\n';
}

} // namespace Candlewick::Cli::PluginOptions
