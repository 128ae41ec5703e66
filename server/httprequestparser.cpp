#include "httprequestparser.h"

namespace Candlewick {

void HttpRequestParser::feed(const QByteArray &data)
{
    if (m_pos > 0 && m_pos == m_buffer.size()) {
        m_buffer.clear();
        m_pos = 0;
    } else if (m_pos > 64 * 1024) {
        m_buffer.remove(0, m_pos);
        m_pos = 0;
    }
    m_buffer.append(data);
}

bool HttpRequestParser::fail(int status, const QString &message)
{
    m_errorStatus = status;
    m_error = message;
    return false;
}

bool HttpRequestParser::next(HttpRequest *request)
{
    if (hasError())
        return false;
    // Tolerate empty lines between requests (RFC 9112 2.2).
    while (m_pos + 1 < m_buffer.size() && m_buffer.at(m_pos) == '\r'
           && m_buffer.at(m_pos + 1) == '\n') {
        m_pos += 2;
        m_consumed += 2;
    }

    const qsizetype headerEnd = m_buffer.indexOf("\r\n\r\n", m_pos);
    if (headerEnd < 0) {
        if (m_buffer.size() - m_pos > MaxHeaderBytes)
            return fail(431, QStringLiteral("request header too large"));
        return false;
    }
    if (headerEnd - m_pos > MaxHeaderBytes)
        return fail(431, QStringLiteral("request header too large"));

    const QByteArrayView head(m_buffer.constData() + m_pos, headerEnd - m_pos);
    const qsizetype lineEnd = head.indexOf("\r\n");
    const QByteArrayView requestLine = lineEnd < 0 ? head : head.first(lineEnd);

    HttpRequest r;
    const qsizetype sp1 = requestLine.indexOf(' ');
    const qsizetype sp2 = sp1 < 0 ? -1 : requestLine.indexOf(' ', sp1 + 1);
    if (sp1 <= 0 || sp2 <= sp1 + 1)
        return fail(400, QStringLiteral("malformed request line"));
    r.method = requestLine.first(sp1).toByteArray();
    r.target = requestLine.sliced(sp1 + 1, sp2 - sp1 - 1).toByteArray();
    const QByteArrayView version = requestLine.sliced(sp2 + 1);
    if (version == "HTTP/1.1")
        r.versionMinor = 1;
    else if (version == "HTTP/1.0")
        r.versionMinor = 0;
    else
        return fail(400, QStringLiteral("unsupported HTTP version"));
    const qsizetype q = r.target.indexOf('?');
    r.path = q < 0 ? r.target : r.target.left(q);
    r.query = q < 0 ? QByteArray() : r.target.mid(q + 1);
    if (!r.path.startsWith('/'))
        return fail(400, QStringLiteral("request target is not a path"));

    qsizetype contentLength = 0;
    qsizetype pos = lineEnd < 0 ? head.size() : lineEnd + 2;
    while (pos < head.size()) {
        qsizetype end = head.indexOf("\r\n", pos);
        if (end < 0)
            end = head.size();
        const QByteArrayView line = head.sliced(pos, end - pos);
        pos = end + 2;
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            return fail(400, QStringLiteral("malformed header line"));
        const QByteArray name = line.first(colon).toByteArray().toLower();
        const QByteArray value = line.sliced(colon + 1).toByteArray().trimmed();
        if (name == "content-length") {
            bool ok = false;
            contentLength = value.toLongLong(&ok);
            if (!ok || contentLength < 0)
                return fail(400, QStringLiteral("bad Content-Length"));
            if (contentLength > m_maxBody)
                return fail(413, QStringLiteral("request body too large"));
        } else if (name == "transfer-encoding" && value.toLower() != "identity") {
            return fail(501, QStringLiteral("chunked request bodies are not supported"));
        }
        r.headers.append({name, value});
    }

    const qsizetype bodyStart = headerEnd + 4;
    if (m_buffer.size() - bodyStart < contentLength)
        return false; // wait for the rest of the body
    r.body = m_buffer.mid(bodyStart, contentLength);
    m_consumed += bodyStart + contentLength - m_pos;
    m_pos = bodyStart + contentLength;
    *request = std::move(r);
    return true;
}

} // namespace Candlewick
