#include "endpoints.h"

namespace Candlewick {

bool Endpoints::isValidRestUrl(const QUrl &url)
{
    const QString scheme = url.scheme();
    return url.isValid() && !url.host().isEmpty()
        && (scheme == QLatin1StringView("http") || scheme == QLatin1StringView("https"));
}

bool Endpoints::isValidWsUrl(const QUrl &url)
{
    const QString scheme = url.scheme();
    return url.isValid() && !url.host().isEmpty()
        && (scheme == QLatin1StringView("ws") || scheme == QLatin1StringView("wss"));
}

} // namespace Candlewick
