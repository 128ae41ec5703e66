#include "connectionstate.h"

#include <QCoreApplication>

namespace Candlewick {

namespace {

// This file's texts, under the context of their catalogue entries.
class ConnectionStateTr
{
    Q_DECLARE_TR_FUNCTIONS(Candlewick::ConnectionState)
};

} // namespace

QString connectionStateName(ConnectionState state)
{
    switch (state) {
    case ConnectionState::Disconnected:
        return ConnectionStateTr::tr("Disconnected");
    case ConnectionState::Connecting:
        return ConnectionStateTr::tr("Connecting");
    case ConnectionState::Live:
        return ConnectionStateTr::tr("Live");
    case ConnectionState::Reconnecting:
        return ConnectionStateTr::tr("Reconnecting");
    case ConnectionState::Backfilling:
        return ConnectionStateTr::tr("Backfilling");
    }
    return ConnectionStateTr::tr("Unknown");
}

} // namespace Candlewick
