#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace Candlewick {

class Exchange;

// Every exchange the program knows, for the CLI, the GUI, the recorder and the tests alike.
// Adding one: a folder under providers/ that describes it (an Exchange and its ExchangeSession)
// and one line in exchangeregistry.cpp.
namespace ExchangeRegistry {

const QList<const Exchange *> &all();
QStringList ids();
// nullptr for an unknown id.
const Exchange *find(const QString &id);
// The default exchange (the first registered).
const Exchange &defaultExchange();
// The exchange that works with no network, for first starts and demos.
const Exchange &offline();

} // namespace ExchangeRegistry
} // namespace Candlewick
