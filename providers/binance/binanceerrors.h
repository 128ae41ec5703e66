#pragma once

#include "providererror.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace Candlewick {

// Turns Binance HTTP errors into ProviderError values whose message says what to do.
namespace BinanceErrors {

struct ErrorBody
{
    int code = 0;
    QString msg;
};

// {"code":-1121,"msg":"Invalid symbol."}; nullopt for anything else.
std::optional<ErrorBody> parseErrorBody(const QByteArray &body);


// An HTTP response with a status other than 200. `retryAfterMs` < 0 when unknown.
ProviderError fromHttpResponse(int httpStatus, const QByteArray &body, qint64 retryAfterMs,
                               const RequestInfo &info);

// True for exchange codes that mean "server trouble, try again" (-1000, -1001, -1006..-1008).
bool isServerSideCode(int code);

} // namespace BinanceErrors
} // namespace Candlewick
