#include "strategyinfo.h"

#include <strategyfactory.h>

#include <QJsonArray>
#include <QRegularExpression>
#include <QSet>

namespace Candlewick {

std::optional<StrategyInfo> StrategyInfo::fromPluginMetaData(const QJsonObject &metaData,
                                                             QString *error)
{
    const QString iid = metaData.value(QLatin1StringView("IID")).toString();
    const bool v1 = iid == QLatin1StringView(CandlewickStrategyFactoryV1_iid);
    if (!v1 && iid != QLatin1StringView(CandlewickStrategyFactory_iid)) {
        *error = iid.isEmpty() ? tr("not a Qt plugin (no IID)")
                               : tr("IID \"%1\" is neither \"%2\" nor \"%3\"")
                                     .arg(iid, QLatin1StringView(CandlewickStrategyFactory_iid),
                                          QLatin1StringView(CandlewickStrategyFactoryV1_iid));
        return std::nullopt;
    }
    const QJsonValue meta = metaData.value(QLatin1StringView("MetaData"));
    if (!meta.isObject() || meta.toObject().isEmpty()) {
        *error = tr("the plugin has no JSON metadata (Q_PLUGIN_METADATA FILE)");
        return std::nullopt;
    }
    auto info = fromJson(meta.toObject(), error);
    if (info)
        info->apiVersion = v1 ? 1 : 2;
    return info;
}

std::optional<StrategyInfo> StrategyInfo::fromJson(const QJsonObject &json, QString *error)
{
    static const QRegularExpression validName(QStringLiteral("^[A-Za-z0-9_-]+$"));
    StrategyInfo info;
    info.name = json.value(QLatin1StringView("name")).toString();
    if (!validName.match(info.name).hasMatch()) {
        *error = info.name.isEmpty()
            ? tr("metadata has no \"name\"")
            : tr("metadata name \"%1\" may only hold letters, digits, _ and -").arg(info.name);
        return std::nullopt;
    }
    info.displayName = LocalizedText::fromJson(json, u"displayName", info.name);
    info.description = LocalizedText::fromJson(json, u"description");
    info.version = json.value(QLatin1StringView("version")).toString();
    const QJsonValue params = json.value(QLatin1StringView("parameters"));
    if (!params.isUndefined() && !params.isArray()) {
        *error = tr("\"%1\": \"parameters\" must be an array").arg(info.name);
        return std::nullopt;
    }
    QSet<QString> seen;
    for (const QJsonValue &v : params.toArray()) {
        if (!v.isObject()) {
            *error = tr("\"%1\": every parameter must be an object").arg(info.name);
            return std::nullopt;
        }
        QString why;
        auto p = StrategyParameter::fromJson(v.toObject(), &why);
        if (!p) {
            *error = QStringLiteral("\"%1\": %2").arg(info.name, why);
            return std::nullopt;
        }
        if (seen.contains(p->name)) {
            *error = tr("\"%1\": parameter \"%2\" is declared twice").arg(info.name, p->name);
            return std::nullopt;
        }
        seen.insert(p->name);
        info.parameters.append(*p);
    }
    return info;
}

const StrategyParameter *StrategyInfo::parameter(const QString &name) const
{
    for (const StrategyParameter &p : parameters) {
        if (p.name == name)
            return &p;
    }
    return nullptr;
}

bool StrategyInfo::resolveParameters(const QVariantMap &given, StrategyApi::Parameters *resolved,
                                     QString *error) const
{
    StrategyApi::Parameters out;
    for (auto it = given.cbegin(); it != given.cend(); ++it) {
        const StrategyParameter *p = parameter(it.key());
        if (!p) {
            QStringList known;
            for (const StrategyParameter &q : parameters)
                known.append(q.name);
            *error = tr("%1 has no parameter \"%2\" (it has: %3)")
                         .arg(name, it.key(),
                              known.isEmpty() ? tr("none") : known.join(QStringLiteral(", ")));
            return false;
        }
        QString why;
        const QVariant v = p->convert(it.value(), &why);
        if (!v.isValid()) {
            *error = QStringLiteral("%1: %2").arg(name, why);
            return false;
        }
        out.insert(p->name, v);
    }
    for (const StrategyParameter &p : parameters) {
        if (!out.contains(p.name))
            out.insert(p.name, p.defaultValue);
    }
    *resolved = out;
    return true;
}

} // namespace Candlewick
