#pragma once

#include <QString>
#include <QStringList>

namespace Candlewick {

// The UI languages and loading their translations (compiled into the UI library as
// :/i18n/candlewick_<lang>.qm, the libraries' messages as :/i18n/candlewick-core_<lang>.qm).
class Languages
{
public:
    // {"en", "de", "zh_CN"}
    static QStringList available();
    // `preferred` if given and available, else the system locale's language if available,
    // else "en".
    static QString resolve(const QString &preferred);
    // Installs the translators for `language` on the application (replacing earlier ones) and
    // makes its locale the default. Returns false if the translation could not be loaded.
    static bool install(const QString &language);
};

} // namespace Candlewick
