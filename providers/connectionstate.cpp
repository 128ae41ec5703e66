#include "connectionstate.h"

#include <QCoreApplication>

namespace Candlewick {

QString connectionStateName(ConnectionState state)
{
    switch (state) {
    case ConnectionState::Disconnected:
        return QCoreApplication::translate("Candlewick::ConnectionState", "Disconnected");
    case ConnectionState::Connecting:
        return QCoreApplication::translate("Candlewick::ConnectionState", "Connecting");
    case ConnectionState::Live:
        return QCoreApplication::translate("Candlewick::ConnectionState", "Live");
    case ConnectionState::Reconnecting:
        return QCoreApplication::translate("Candlewick::ConnectionState", "Reconnecting");
    case ConnectionState::Backfilling:
        return QCoreApplication::translate("Candlewick::ConnectionState", "Backfilling");
    }
    return QCoreApplication::translate("Candlewick::ConnectionState", "Unknown");
}

} // namespace Candlewick
