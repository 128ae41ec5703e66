#include "httpresponse.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace Candlewick {

HttpResponse HttpResponse::json(QByteArray body, int status)
{
    HttpResponse r;
    r.status = status;
    r.body = std::move(body);
    return r;
}

HttpResponse HttpResponse::binanceError(int status, int code, const QString &msg)
{
    return json(
        QJsonDocument(QJsonObject{{QStringLiteral("code"), code}, {QStringLiteral("msg"), msg}})
            .toJson(QJsonDocument::Compact),
        status);
}

QByteArray HttpResponse::serialize(bool keepAlive) const
{
    return head(keepAlive) + body;
}

QByteArray HttpResponse::head(bool keepAlive) const
{
    QByteArray out;
    out.reserve(160);
    out += "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status) + "\r\n";
    out += "Content-Type: " + contentType + "\r\n";
    out += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    for (const auto &h : headers)
        out += h.first + ": " + h.second + "\r\n";
    if (!keepAlive)
        out += "Connection: close\r\n";
    out += "\r\n";
    return out;
}

const char *HttpResponse::reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 413:
        return "Payload Too Large";
    case 418:
        return "I'm a teapot";
    case 429:
        return "Too Many Requests";
    case 431:
        return "Request Header Fields Too Large";
    case 500:
        return "Internal Server Error";
    case 501:
        return "Not Implemented";
    case 502:
        return "Bad Gateway";
    case 503:
        return "Service Unavailable";
    case 504:
        return "Gateway Timeout";
    default:
        return "Unknown";
    }
}

} // namespace Candlewick
