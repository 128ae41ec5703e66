#include "strategiescommand.h"

#include "pluginoptions.h"

#include <strategyhost.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace Candlewick::Cli {

QString StrategiesCommand::summary() const
{
    return tr("List the strategy plugins found and their parameters.");
}

void StrategiesCommand::addOptions(QCommandLineParser &parser) const
{
    parser.addOption(PluginOptions::pluginDir());
    parser.addOption({QStringLiteral("json"), tr("One JSON object per strategy.")});
}

int StrategiesCommand::run(const QCommandLineParser &parser, QTextStream &out, QTextStream &err)
{
    StrategyHost host;
    PluginOptions::scan(host, parser, err);
    const auto list = host.strategies();
    const bool json = parser.isSet(QStringLiteral("json"));
    for (const StrategyInfo &info : list) {
        if (json) {
            QJsonArray params;
            for (const StrategyParameter &p : info.parameters) {
                QJsonObject o{{QStringLiteral("name"), p.name},
                              {QStringLiteral("type"), StrategyParameter::typeName(p.type)},
                              {QStringLiteral("default"), QJsonValue::fromVariant(p.defaultValue)}};
                if (p.minimum.isValid())
                    o.insert(QLatin1StringView("min"), QJsonValue::fromVariant(p.minimum));
                if (p.maximum.isValid())
                    o.insert(QLatin1StringView("max"), QJsonValue::fromVariant(p.maximum));
                if (!p.values.isEmpty())
                    o.insert(QLatin1StringView("values"), QJsonArray::fromStringList(p.values));
                params.append(o);
            }
            out << QJsonDocument(QJsonObject{{QStringLiteral("name"), info.name},
                                             {QStringLiteral("description"), info.description.text},
                                             {QStringLiteral("version"), info.version},
                                             {QStringLiteral("file"), info.fileName},
                                             {QStringLiteral("parameters"), params}})
                       .toJson(QJsonDocument::Compact)
                << '\n';
            continue;
        }
        out << info.name;
        if (!info.version.isEmpty())
            out << " " << info.version;
        out << " - " << info.description.in() << '\n';
        for (const StrategyParameter &p : info.parameters)
            out << "    --param " << p.summary() << '\n';
    }
    if (list.isEmpty()) {
        err << "candlewick-cli: "
            << tr("no strategy plugins found in: %1")
                   .arg(host.pluginDirectories().join(QStringLiteral(", ")))
            << '\n';
    }
    out.flush();
    return Success;
}

} // namespace Candlewick::Cli
