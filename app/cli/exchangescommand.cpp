#include "exchangescommand.h"

#include <exchange.h>
#include <exchangeregistry.h>

#include <QJsonDocument>
#include <QJsonObject>

namespace Candlewick::Cli {

QString ExchangesCommand::summary() const
{
    return tr("List the exchanges, their markets and how each interval is obtained.");
}

void ExchangesCommand::addOptions(QCommandLineParser &parser) const
{
    parser.addOption({QStringLiteral("json"), tr("One JSON object per exchange.")});
}

int ExchangesCommand::run(const QCommandLineParser &parser, QTextStream &out, QTextStream &)
{
    const bool json = parser.isSet(QStringLiteral("json"));
    for (const Exchange *exchange : ExchangeRegistry::all()) {
        // Per interval: "native", "built from <source>", or null when it cannot be had.
        QJsonObject intervals;
        QStringList lines;
        for (Interval interval : Intervals::all()) {
            const auto source = exchange->sourceInterval(interval);
            const QString name = Intervals::name(interval);
            if (!source) {
                intervals.insert(name, QJsonValue::Null);
                lines.append(name + u' ' + tr("unavailable"));
            } else if (*source == interval) {
                intervals.insert(name, QStringLiteral("native"));
                lines.append(name + u' ' + tr("native"));
            } else {
                intervals.insert(name, QStringLiteral("built from ") + Intervals::name(*source));
                lines.append(name + u' ' + tr("built from %1").arg(Intervals::name(*source)));
            }
        }
        if (json) {
            const QJsonObject o{
                {QStringLiteral("id"), exchange->id},
                {QStringLiteral("name"), QString::fromLatin1(exchange->displayName)},
                {QStringLiteral("market"), QString::fromLatin1(exchange->marketDescription)},
                {QStringLiteral("restUrl"), exchange->defaultRestUrl.toString()},
                {QStringLiteral("wsUrl"), exchange->defaultWsUrl.toString()},
                {QStringLiteral("intervals"), intervals}};
            out << QJsonDocument(o).toJson(QJsonDocument::Compact) << '\n';
            continue;
        }
        out << exchange->id << " - " << exchange->translatedName() << ", "
            << exchange->translatedMarket() << '\n';
        if (exchange->needsNetwork) {
            out << "    " << exchange->defaultRestUrl.toString() << "  "
                << exchange->defaultWsUrl.toString() << '\n';
        }
        out << "    " << lines.join(QStringLiteral(", ")) << '\n';
    }
    out.flush();
    return Success;
}

} // namespace Candlewick::Cli
