#include "streamlogging.h"

namespace Candlewick {

Q_LOGGING_CATEGORY(lcLive, "candlewick.providers.ws", QtInfoMsg)

} // namespace Candlewick
