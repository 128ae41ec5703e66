#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>

namespace Candlewick {

// One HTTP/1.1 response, serialized with a Content-Length.
struct HttpResponse
{
    int status = 200;
    QByteArray contentType = QByteArrayLiteral("application/json;charset=UTF-8");
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers;

    static HttpResponse json(QByteArray body, int status = 200);
    // Binance's error shape: {"code":<code>,"msg":"<msg>"}.
    static HttpResponse binanceError(int status, int code, const QString &msg);

    QByteArray serialize(bool keepAlive) const;
    // The status line and headers (with the blank line): a big body written after it on its
    // own is not copied (the socket's buffer keeps a reference to it).
    QByteArray head(bool keepAlive) const;
    static const char *reasonPhrase(int status);
};

} // namespace Candlewick
