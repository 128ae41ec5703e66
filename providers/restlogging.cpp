#include "restlogging.h"

namespace Candlewick {

Q_LOGGING_CATEGORY(lcRest, "candlewick.providers.rest", QtInfoMsg)

} // namespace Candlewick
