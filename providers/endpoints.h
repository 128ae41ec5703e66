#pragma once

#include <QString>
#include <QUrl>

namespace Candlewick {

// Where the Binance REST and WebSocket services live. Each URL is resolved, first match wins,
// from: an explicit option (--rest-url / --ws-url), the environment
// (CANDLEWICK_BINANCE_REST_URL / CANDLEWICK_BINANCE_WS_URL), the QSettings keys
// "binance/restUrl" / "binance/wsUrl", and the public defaults.
struct Endpoints
{
    QUrl restUrl;
    QUrl wsUrl;

    static Endpoints resolve(const QString &restOption = {}, const QString &wsOption = {});
    static QUrl resolveRestUrl(const QString &option = {});
    static QUrl resolveWsUrl(const QString &option = {});

    static QUrl defaultRestUrl(); // https://api.binance.com
    static QUrl defaultWsUrl(); // wss://stream.binance.com:9443

    // True for an absolute http(s) URL (REST) or ws(s) URL (WebSocket) with a host.
    static bool isValidRestUrl(const QUrl &url);
    static bool isValidWsUrl(const QUrl &url);
};

} // namespace Candlewick
