#pragma once

#include "httprequest.h"

#include <QByteArray>
#include <QString>

namespace Candlewick {

// Incremental HTTP/1.x request parser for one connection: feed bytes as they arrive and take
// the complete requests out (pipelined requests come out in order). Supports Content-Length
// bodies; chunked request bodies are refused. After an error the connection must be closed.
class HttpRequestParser
{
public:
    static constexpr qsizetype MaxHeaderBytes = 64 * 1024;
    static constexpr qsizetype MaxBodyBytes = 1024 * 1024;

    // A larger Content-Length is refused with 413 (at most MaxBodyBytes).
    void setMaxBodyBytes(qsizetype bytes) { m_maxBody = qBound<qsizetype>(0, bytes, MaxBodyBytes); }

    void feed(const QByteArray &data);
    // Parses the next complete request out of the buffer. Returns false when there is none yet
    // or on error (check hasError()).
    bool next(HttpRequest *request);

    bool hasError() const { return !m_error.isEmpty(); }
    QString errorString() const { return m_error; }
    // Suggested status for the error: 400, 413, 431 or 501.
    int errorStatus() const { return m_errorStatus; }
    // Bytes fed so far that belong to the requests taken out (and the empty lines before them).
    qsizetype consumed() const { return m_consumed; }

private:
    bool fail(int status, const QString &message);

    QByteArray m_buffer;
    qsizetype m_pos = 0; // start of the unparsed part of m_buffer
    qsizetype m_consumed = 0;
    qsizetype m_maxBody = MaxBodyBytes;
    QString m_error;
    int m_errorStatus = 0;
};

} // namespace Candlewick
