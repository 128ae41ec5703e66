#include "commandregistry.h"

#include <QCoreApplication>
#include <QLoggingCategory>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("Candlewick"));
    QCoreApplication::setApplicationName(QStringLiteral("candlewick"));
    QCoreApplication::setApplicationVersion(QStringLiteral(CANDLEWICK_VERSION));
    // Errors reach the user as one line from the command; library logs only on request
    // (QT_LOGGING_RULES="candlewick.*=true").
    if (qEnvironmentVariableIsEmpty("QT_LOGGING_RULES"))
        QLoggingCategory::setFilterRules(QStringLiteral("candlewick.*=false"));
    return Candlewick::Cli::CommandRegistry().run(QCoreApplication::arguments());
}
