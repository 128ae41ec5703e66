#pragma once

#include <QUrl>
#include <QUrlQuery>

namespace Candlewick {

// Where an exchange's REST, WebSocket and archive services live (Exchange::resolveEndpoints() says
// which are in effect).
struct Endpoints
{
    QUrl restUrl;
    QUrl wsUrl;
    // An archive of whole files of past candles given explicitly (option, environment or
    // settings); empty: the exchange's default archive, if it has one and restUrl is its default.
    QUrl archiveUrl{};

    // True for an absolute http(s) URL (REST) or ws(s) URL (WebSocket) with a host.
    static bool isValidRestUrl(const QUrl &url);
    static bool isValidWsUrl(const QUrl &url);
    // `base` with `path` appended to its path (a trailing slash of base's path dropped) and
    // `query`.
    static QUrl joined(const QUrl &base, const QString &path, const QUrlQuery &query = {});
};

} // namespace Candlewick
