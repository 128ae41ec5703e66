#pragma once

#include <QNetworkReply>
#include <QObject>

#include <memory>

namespace Candlewick {

// Qt's HTTP client sends a request once more by itself when a kept-alive connection closes
// before any byte of the answer, and says nothing; QNetworkReply::requestSent fires for each
// send. Calls onResend (in context's thread) for every send after the first, so callers count
// every request the server saw.
template<typename Fn>
void connectSilentResends(QNetworkReply *reply, QObject *context, Fn onResend)
{
    auto sends = std::make_shared<int>(0);
    QObject::connect(reply, &QNetworkReply::requestSent, context, [sends, onResend] {
        if (++*sends > 1)
            onResend();
    });
}

} // namespace Candlewick
