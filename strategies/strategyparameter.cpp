#include "strategyparameter.h"

#include <QJsonArray>

#include <cmath>

namespace Candlewick {

namespace {

bool isNumber(const QVariant &v)
{
    switch (v.typeId()) {
    case QMetaType::Int:
    case QMetaType::UInt:
    case QMetaType::LongLong:
    case QMetaType::ULongLong:
    case QMetaType::Double:
    case QMetaType::Float:
        return true;
    default:
        return false;
    }
}

bool isIntegral(const QVariant &v)
{
    switch (v.typeId()) {
    case QMetaType::Int:
    case QMetaType::UInt:
    case QMetaType::LongLong:
    case QMetaType::ULongLong:
        return true;
    case QMetaType::Double:
    case QMetaType::Float: {
        const double d = v.toDouble();
        return std::isfinite(d) && std::floor(d) == d && std::abs(d) < 9e15;
    }
    default:
        return false;
    }
}

QString describe(const QVariant &v)
{
    if (v.typeId() == QMetaType::QString)
        return u'"' + v.toString() + u'"';
    return v.toString();
}

} // namespace

QString StrategyParameter::typeName(Type type)
{
    switch (type) {
    case Type::Int:
        return QStringLiteral("int");
    case Type::Double:
        return QStringLiteral("double");
    case Type::Bool:
        return QStringLiteral("bool");
    case Type::String:
        return QStringLiteral("string");
    case Type::Enum:
        return QStringLiteral("enum");
    }
    return {};
}

std::optional<StrategyParameter::Type> StrategyParameter::parseType(const QString &name)
{
    for (Type t : {Type::Int, Type::Double, Type::Bool, Type::String, Type::Enum}) {
        if (typeName(t) == name)
            return t;
    }
    return std::nullopt;
}

std::optional<StrategyParameter> StrategyParameter::fromJson(const QJsonObject &json,
                                                             QString *error)
{
    StrategyParameter p;
    p.name = json.value(QLatin1StringView("name")).toString();
    if (p.name.isEmpty()) {
        *error = tr("a parameter has no \"name\"");
        return std::nullopt;
    }
    const QString typeText = json.value(QLatin1StringView("type")).toString();
    const auto type = parseType(typeText);
    if (!type) {
        *error = QStringLiteral(
                     "parameter \"%1\" has unknown type \"%2\" (int, double, bool, string or enum)")
                     .arg(p.name, typeText);
        return std::nullopt;
    }
    p.type = *type;
    p.label = LocalizedText::fromJson(json, u"label", p.name);
    p.description = LocalizedText::fromJson(json, u"description");

    for (const char *bound : {"min", "max"}) {
        const QJsonValue v = json.value(QLatin1StringView(bound));
        if (v.isUndefined() || v.isNull())
            continue;
        if (!v.isDouble() || (p.type != Type::Int && p.type != Type::Double)) {
            *error = tr("parameter \"%1\": \"%2\" must be a number, on an int or double")
                         .arg(p.name, QLatin1StringView(bound));
            return std::nullopt;
        }
        QVariant value = p.type == Type::Int ? QVariant(static_cast<qint64>(v.toDouble()))
                                             : QVariant(v.toDouble());
        (qstrcmp(bound, "min") == 0 ? p.minimum : p.maximum) = value;
    }
    if (p.minimum.isValid() && p.maximum.isValid() && p.minimum.toDouble() > p.maximum.toDouble()) {
        *error = tr("parameter \"%1\": min is above max").arg(p.name);
        return std::nullopt;
    }
    if (p.type == Type::Enum) {
        const QJsonArray values = json.value(QLatin1StringView("values")).toArray();
        for (const QJsonValue &v : values) {
            if (!v.isString() || v.toString().isEmpty()) {
                *error = tr("parameter \"%1\": enum values must be non-empty strings").arg(p.name);
                return std::nullopt;
            }
            p.values.append(v.toString());
        }
        if (p.values.isEmpty()) {
            *error = tr("parameter \"%1\": an enum needs \"values\"").arg(p.name);
            return std::nullopt;
        }
    }
    const QJsonValue def = json.value(QLatin1StringView("default"));
    if (def.isUndefined() || def.isNull()) {
        *error = tr("parameter \"%1\" has no \"default\"").arg(p.name);
        return std::nullopt;
    }
    QString why;
    p.defaultValue = p.convert(def.toVariant(), &why);
    if (!p.defaultValue.isValid()) {
        *error = tr("parameter \"%1\": bad default: %2").arg(p.name, why);
        return std::nullopt;
    }
    return p;
}

QVariant StrategyParameter::convert(const QVariant &value, QString *error) const
{
    const bool text = value.typeId() == QMetaType::QString;
    const QString s = text ? value.toString().trimmed() : QString();
    QVariant out;
    switch (type) {
    case Type::Int: {
        if (text) {
            bool ok = false;
            const qint64 v = s.toLongLong(&ok);
            if (ok)
                out = v;
        } else if (isIntegral(value)) {
            out = value.toLongLong();
        }
        if (!out.isValid()) {
            *error = tr("\"%1\" expects an integer, got %2").arg(name, describe(value));
            return {};
        }
        break;
    }
    case Type::Double: {
        if (text) {
            bool ok = false;
            const double v = s.toDouble(&ok);
            if (ok && std::isfinite(v))
                out = v;
        } else if (isNumber(value) && std::isfinite(value.toDouble())) {
            out = value.toDouble();
        }
        if (!out.isValid()) {
            *error = tr("\"%1\" expects a number, got %2").arg(name, describe(value));
            return {};
        }
        break;
    }
    case Type::Bool: {
        if (value.typeId() == QMetaType::Bool) {
            out = value.toBool();
        } else if (text) {
            const QString l = s.toLower();
            if (l == u"true" || l == u"1" || l == u"yes" || l == u"on")
                out = true;
            else if (l == u"false" || l == u"0" || l == u"no" || l == u"off")
                out = false;
        }
        if (!out.isValid()) {
            *error = tr("\"%1\" expects true or false, got %2").arg(name, describe(value));
            return {};
        }
        return out;
    }
    case Type::String:
        if (!text) {
            *error = tr("\"%1\" expects text, got %2").arg(name, describe(value));
            return {};
        }
        return value.toString();
    case Type::Enum:
        if (!text || !values.contains(value.toString())) {
            *error = tr("\"%1\" must be one of %2, got %3")
                         .arg(name, values.join(QStringLiteral(", ")), describe(value));
            return {};
        }
        return value.toString();
    }
    const double d = out.toDouble();
    if ((minimum.isValid() && d < minimum.toDouble())
        || (maximum.isValid() && d > maximum.toDouble())) {
        *error = tr("\"%1\" = %2 is out of range [%3, %4]")
                     .arg(name, out.toString(),
                          minimum.isValid() ? minimum.toString() : QStringLiteral("-inf"),
                          maximum.isValid() ? maximum.toString() : QStringLiteral("inf"));
        return {};
    }
    if (type == Type::Int && out.toLongLong() >= INT_MIN && out.toLongLong() <= INT_MAX)
        return static_cast<int>(out.toLongLong());
    return out;
}

QString StrategyParameter::summary() const
{
    QString s
        = name + QStringLiteral(" (") + typeName(type) + tr(", default ") + defaultValue.toString();
    if (type == Type::Enum)
        s += tr(", one of ") + values.join(u'|');
    if (minimum.isValid() || maximum.isValid())
        s += QStringLiteral(", ") + (minimum.isValid() ? minimum.toString() : QString())
            + QStringLiteral("..") + (maximum.isValid() ? maximum.toString() : QString());
    return s + u')';
}

} // namespace Candlewick
