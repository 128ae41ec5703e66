#pragma once

#include <QUrl>

namespace Candlewick {

// Where an exchange's REST and WebSocket services live (Exchange::resolveEndpoints() says which
// are in effect).
struct Endpoints
{
    QUrl restUrl;
    QUrl wsUrl;

    // True for an absolute http(s) URL (REST) or ws(s) URL (WebSocket) with a host.
    static bool isValidRestUrl(const QUrl &url);
    static bool isValidWsUrl(const QUrl &url);
};

} // namespace Candlewick
