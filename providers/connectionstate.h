#pragma once

#include <QMetaType>
#include <QString>

namespace Candlewick {

// The state of a live feed, as connectionStateChanged() reports it.
enum class ConnectionState { Disconnected, Connecting, Live, Reconnecting, Backfilling };

QString connectionStateName(ConnectionState state);

} // namespace Candlewick

Q_DECLARE_METATYPE(Candlewick::ConnectionState)
