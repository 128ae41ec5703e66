#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>

namespace Candlewick {

// One parsed HTTP/1.x request.
struct HttpRequest
{
    QByteArray method; // "GET"
    QByteArray target; // "/api/v3/klines?symbol=BTCUSDT"
    QByteArray path; // "/api/v3/klines"
    QByteArray query; // "symbol=BTCUSDT" (still percent-encoded)
    int versionMinor = 1; // HTTP/1.<minor>
    QList<QPair<QByteArray, QByteArray>> headers; // names lowercased
    QByteArray body;

    QByteArray header(const QByteArray &lowercaseName) const
    {
        for (const auto &h : headers) {
            if (h.first == lowercaseName)
                return h.second;
        }
        return {};
    }
    // HTTP/1.1 keeps the connection unless "Connection: close"; 1.0 only with "keep-alive".
    bool keepAlive() const
    {
        const QByteArray c = header("connection").toLower();
        return versionMinor >= 1 ? !c.contains("close") : c.contains("keep-alive");
    }
};

} // namespace Candlewick
