#pragma once

#include "localizedtext.h"
#include "strategyparameter.h"

#include <strategytypes.h>

#include <QCoreApplication>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace Candlewick {

// What a strategy plugin declares about itself (its JSON metadata), read before the library
// is loaded.
struct StrategyInfo
{
    QString name; // "sma_cross": what --strategy takes
    LocalizedText displayName; // "SMA cross" (falls back to name), "displayName[de]" ...
    LocalizedText description;
    QString version;
    int apiVersion = StrategyApi::Version; // from the IID: 1 or 2
    QString fileName; // the plugin library
    QList<StrategyParameter> parameters;

    // From QPluginLoader::metaData(): checks the IID (org.candlewick.Strategy/1 or /2) and the
    // "MetaData" object. On failure
    // returns nullopt and sets *error to one clear sentence.
    static std::optional<StrategyInfo> fromPluginMetaData(const QJsonObject &metaData,
                                                          QString *error);
    // From the plugin's own JSON (the FILE of Q_PLUGIN_METADATA).
    static std::optional<StrategyInfo> fromJson(const QJsonObject &json, QString *error);

    const StrategyParameter *parameter(const QString &name) const;

    // Checks `given` (unknown names, wrong types, out of range) and completes it with defaults.
    // Values may be typed or text from a command line. Returns false and sets *error on the
    // first problem.
    bool resolveParameters(const QVariantMap &given, StrategyApi::Parameters *resolved,
                           QString *error) const;
    Q_DECLARE_TR_FUNCTIONS(Candlewick::StrategyInfo)
};

} // namespace Candlewick
