#pragma once

#include <QLoggingCategory>

namespace Candlewick {

// Log category of the Binance REST provider and its helpers.
Q_DECLARE_LOGGING_CATEGORY(lcRest)

} // namespace Candlewick
