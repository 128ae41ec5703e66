#include "connectionstate.h"

namespace Candlewick {

QString connectionStateName(ConnectionState state)
{
    switch (state) {
    case ConnectionState::Disconnected:
        return QStringLiteral("Disconnected");
    case ConnectionState::Connecting:
        return QStringLiteral("Connecting");
    case ConnectionState::Live:
        return QStringLiteral("Live");
    case ConnectionState::Reconnecting:
        return QStringLiteral("Reconnecting");
    case ConnectionState::Backfilling:
        return QStringLiteral("Backfilling");
    }
    return QStringLiteral("Unknown");
}

} // namespace Candlewick
