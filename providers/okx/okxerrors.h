#pragma once

#include <providererror.h>

#include <QString>

namespace Candlewick::OkxErrors {

// An answer that is not a success: the HTTP status and, when the body was an OKX envelope, its
// code and msg ("51001", "Instrument ID does not exist"). Throttling (429, 50011) is RateLimited,
// 5xx and 50001/50013 ServerError, 51001 InvalidSymbol, a "bar" parameter error InvalidInterval.
ProviderError fromResponse(int httpStatus, const QString &code, const QString &msg,
                           const RequestInfo &info);

} // namespace Candlewick::OkxErrors
