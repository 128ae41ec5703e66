#include "commandregistry.h"
#include "coretranslation.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QLoggingCategory>
#include <QTranslator>

namespace {

// The languages the user asked messages in, most wanted first, like gettext: the locale is
// LC_ALL, else LC_MESSAGES, else LANG; unless it is C/POSIX (then messages stay English), the
// LANGUAGE list comes before it.
QStringList requestedLanguages()
{
    QString locale;
    for (const char *name : {"LC_ALL", "LC_MESSAGES", "LANG"}) {
        locale = qEnvironmentVariable(name);
        if (!locale.isEmpty())
            break;
    }
    if (locale.isEmpty() || locale == u"C" || locale.startsWith(u"C.") || locale == u"POSIX")
        return {};
    QStringList languages = qEnvironmentVariable("LANGUAGE").split(u':', Qt::SkipEmptyParts);
    languages.append(locale);
    return languages;
}

// The first requested language the CLI has messages for ("de", "zh_CN"); empty for English
// (also when English comes first) or when none matches.
QString messageLanguage()
{
    for (QString name : requestedLanguages()) {
        name = name.section(u'.', 0, 0).section(u'@', 0, 0); // de_DE.UTF-8@euro -> de_DE
        switch (QLocale(name).language()) {
        case QLocale::German:
            return QStringLiteral("de");
        case QLocale::Chinese:
            return QStringLiteral("zh_CN");
        case QLocale::English:
            return {};
        default:
            break;
        }
    }
    return {};
}

// Our messages from :/i18n/candlewick-cli_<lang>.qm, the libraries' (CoreTranslation), and Qt's
// own (QCommandLineParser's "Options:", its parse errors) when the system has them. The language
// becomes QLocale()'s, which strategy plugins' messages and descriptions follow.
void installTranslators(QCoreApplication &app)
{
    const QString language = messageLanguage();
    QLocale::setDefault(language.isEmpty() ? QLocale(QLocale::English) : QLocale(language));
    if (language.isEmpty())
        return;
    auto *ours = new QTranslator(&app);
    if (ours->load(QStringLiteral(":/i18n/candlewick-cli_") + language))
        QCoreApplication::installTranslator(ours);
    Candlewick::CoreTranslation::install(language);
    auto *qt = new QTranslator(&app);
    if (qt->load(QLocale(language), QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("Candlewick"));
    QCoreApplication::setApplicationName(QStringLiteral("candlewick"));
    QCoreApplication::setApplicationVersion(QStringLiteral(CANDLEWICK_VERSION));
    installTranslators(app);
    // Errors reach the user as one line from the command; library logs only on request
    // (QT_LOGGING_RULES="candlewick.*=true"). The line saying a database is being migrated to a
    // new schema is always shown.
    if (qEnvironmentVariableIsEmpty("QT_LOGGING_RULES"))
        QLoggingCategory::setFilterRules(
            QStringLiteral("candlewick.*=false\ncandlewick.models.store.migration.info=true"));
    return Candlewick::Cli::CommandRegistry().run(QCoreApplication::arguments());
}
