#include "coretranslation.h"

#include <QCoreApplication>
#include <QTranslator>

namespace Candlewick {

bool CoreTranslation::install(const QString &language)
{
    static QTranslator *installed = nullptr;
    if (installed) {
        QCoreApplication::removeTranslator(installed);
        delete installed;
        installed = nullptr;
    }
    if (language.isEmpty() || language == u"en")
        return true;
    auto *translator = new QTranslator;
    if (!translator->load(QStringLiteral(":/i18n/candlewick-core_") + language)) {
        delete translator;
        return false;
    }
    QCoreApplication::installTranslator(translator);
    installed = translator;
    return true;
}

} // namespace Candlewick
