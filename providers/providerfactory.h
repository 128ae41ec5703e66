#pragma once

#include "endpoints.h"

#include <clock.h>

#include <QStringList>

namespace Candlewick {

class MarketDataProvider;

// Makes the history/symbols provider of an exchange by its id ("binance", "demo").
namespace ProviderFactory {

QStringList exchanges();
// nullptr for an unknown exchange id.
MarketDataProvider *createHistoryProvider(const QString &exchange, const Endpoints &endpoints,
                                          Clock *clock = Clock::system(),
                                          QObject *parent = nullptr);

} // namespace ProviderFactory
} // namespace Candlewick
