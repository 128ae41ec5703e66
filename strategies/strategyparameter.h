#pragma once

#include "localizedtext.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <QVariant>

#include <optional>

namespace Candlewick {

// One parameter a strategy plugin declares in its JSON metadata.
struct StrategyParameter
{
    enum class Type { Int, Double, Bool, String, Enum };

    QString name;
    Type type = Type::Int;
    QVariant defaultValue;
    QVariant minimum; // invalid when unbounded (int/double only)
    QVariant maximum;
    QStringList values; // the choices of an enum
    LocalizedText label; // what a form calls it ("label", "label[de]" ...; falls back to name)
    LocalizedText description;

    // Parses one entry of "parameters"; on failure returns nullopt and sets *error.
    static std::optional<StrategyParameter> fromJson(const QJsonObject &json, QString *error);
    static QString typeName(Type type);
    static std::optional<Type> parseType(const QString &name);

    // Checks and converts a value to this parameter's type: accepts a value of the right type,
    // or text as typed on a command line ("5", "0.5", "true", "ema"). Range and choices are
    // checked. On failure returns an invalid QVariant and sets *error.
    QVariant convert(const QVariant &value, QString *error) const;
    // "fast (int, default 9, 1..10000)"
    QString summary() const;
    Q_DECLARE_TR_FUNCTIONS(Candlewick::StrategyParameter)
};

} // namespace Candlewick
