#include "localizedtext.h"

namespace Candlewick {

LocalizedText LocalizedText::fromJson(const QJsonObject &json, QStringView key,
                                      const QString &fallback)
{
    LocalizedText out;
    out.text = json.value(key).toString(fallback);
    const QString prefix = key.toString() + u'[';
    for (auto it = json.constBegin(); it != json.constEnd(); ++it) {
        const QString &name = it.key();
        if (name.size() > prefix.size() + 1 && name.startsWith(prefix) && name.endsWith(u']')
            && it.value().isString()) {
            out.translations.insert(name.mid(prefix.size(), name.size() - prefix.size() - 1),
                                    it.value().toString());
        }
    }
    return out;
}

QString LocalizedText::in(const QLocale &locale) const
{
    if (translations.isEmpty())
        return text;
    const QString name = locale.name(); // "de_DE", "zh_CN"
    for (const QString &candidate : {name, name.section(u'_', 0, 0)}) {
        const auto it = translations.constFind(candidate);
        if (it != translations.constEnd() && !it->isEmpty())
            return *it;
    }
    return text;
}

} // namespace Candlewick
