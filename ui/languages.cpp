#include "languages.h"

#include "coretranslation.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

namespace Candlewick {

namespace {

QList<QTranslator *> &installed()
{
    static QList<QTranslator *> list;
    return list;
}

} // namespace

QStringList Languages::available()
{
    return {QStringLiteral("en"), QStringLiteral("de"), QStringLiteral("zh_CN")};
}

QString Languages::resolve(const QString &preferred)
{
    if (!preferred.isEmpty()) {
        for (const QString &l : available()) {
            if (preferred.compare(l, Qt::CaseInsensitive) == 0
                || QString(preferred).replace(u'-', u'_').compare(l, Qt::CaseInsensitive) == 0)
                return l;
        }
        if (preferred.startsWith(QLatin1StringView("zh"), Qt::CaseInsensitive))
            return QStringLiteral("zh_CN");
        if (preferred.startsWith(QLatin1StringView("de"), Qt::CaseInsensitive))
            return QStringLiteral("de");
    }
    const QLocale system = QLocale::system();
    if (system.language() == QLocale::German)
        return QStringLiteral("de");
    if (system.language() == QLocale::Chinese)
        return QStringLiteral("zh_CN");
    return QStringLiteral("en");
}

bool Languages::install(const QString &language)
{
    for (QTranslator *t : std::as_const(installed())) {
        QCoreApplication::removeTranslator(t);
        delete t;
    }
    installed().clear();
    QLocale::setDefault(QLocale(language));
    if (!CoreTranslation::install(language))
        return false;
    if (language == u"en")
        return true;
    auto *ours = new QTranslator;
    if (!ours->load(QStringLiteral(":/i18n/candlewick_") + language)) {
        delete ours;
        return false;
    }
    QCoreApplication::installTranslator(ours);
    installed().append(ours);
    // Qt's own strings (standard buttons, dialogs), when the system has them.
    auto *qt = new QTranslator;
    if (qt->load(QLocale(language), QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        QCoreApplication::installTranslator(qt);
        installed().append(qt);
    } else {
        delete qt;
    }
    return true;
}

} // namespace Candlewick
