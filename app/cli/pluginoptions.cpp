#include "pluginoptions.h"

#include <strategyhost.h>

#include <QCoreApplication>

namespace Candlewick::Cli::PluginOptions {

QCommandLineOption pluginDir()
{
    return {QStringLiteral("plugin-dir"),
            QCoreApplication::translate("Candlewick::Cli::PluginOptions",
                                        "Also look for strategy plugins here (repeatable)."),
            QStringLiteral("dir")};
}

void scan(StrategyHost &host, const QCommandLineParser &parser, QTextStream &err)
{
    const QStringList dirs = parser.values(QStringLiteral("plugin-dir"));
    for (auto it = dirs.crbegin(); it != dirs.crend(); ++it)
        host.addPluginDirectory(*it);
    host.scan();
    for (const auto &p : host.problems()) {
        err << "candlewick-cli: warning: "
            << QCoreApplication::translate("Candlewick::Cli::PluginOptions",
                                           "skipped plugin %1: %2")
                   .arg(p.file, p.message)
            << '\n';
    }
}

} // namespace Candlewick::Cli::PluginOptions
