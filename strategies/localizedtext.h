#pragma once

#include <QHash>
#include <QJsonObject>
#include <QLocale>
#include <QString>

namespace Candlewick {

// A text of a strategy plugin's JSON metadata with its translations: "label" is the text,
// "label[de]" and "label[zh_CN]" its German and Chinese translations.
struct LocalizedText
{
    QString text;
    QHash<QString, QString> translations; // by locale name: "de", "zh_CN"

    // `key` and every "key[<locale>]" of `json`; `fallback` when there is no `key`.
    static LocalizedText fromJson(const QJsonObject &json, QStringView key,
                                  const QString &fallback = {});
    // The translation for `locale` ("zh_CN", then its language "zh"), else the text.
    QString in(const QLocale &locale = QLocale()) const;
    bool isEmpty() const { return text.isEmpty(); }
};

} // namespace Candlewick
