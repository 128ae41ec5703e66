#pragma once

#include <QLoggingCategory>

namespace Candlewick {

Q_DECLARE_LOGGING_CATEGORY(lcLive)

} // namespace Candlewick
