#pragma once

#include <QMetaType>
#include <QString>

namespace Candlewick {

// An error from a provider, as a value: never thrown. `message` says what happened and what the
// user can do about it.
struct ProviderError
{
    enum class Kind {
        None,
        Network, // connection refused, reset, DNS, TLS
        Timeout, // no answer in time
        RateLimited, // HTTP 429: wait retryAfterMs
        Banned, // HTTP 418: IP banned for retryAfterMs
        Forbidden, // HTTP 403 (WAF)
        ServerError, // 5xx or exchange-side -1000.. codes, after retries
        InvalidSymbol, // -1121
        InvalidInterval, // -1120
        InvalidRequest, // other 4xx / exchange codes
        BadResponse, // malformed, truncated, oversized or wrong-shaped body
        Cancelled,
        Storage, // the local database could not be read or written
    };

    Kind kind = Kind::None;
    int httpStatus = 0;
    int exchangeCode = 0;
    QString message;
    qint64 retryAfterMs = 0;

    bool isError() const { return kind != Kind::None; }
    // Worth trying again later (network trouble, server trouble, rate limits).
    bool isTransient() const;
    static QString kindName(Kind kind);
    // The start of a response body for a message: at most 200 bytes, white space folded, "..."
    // when cut.
    static QString bodyExcerpt(const QByteArray &body);
    // The error of a request whose provider was destroyed before it was made (Cancelled).
    static ProviderError providerGone(const QString &exchangeName);
};

// What a REST request was about, to name it in error messages (the exchange's own names: "BTCUSDT"
// and "1m" on Binance, "BTC-USDT" and "1Dutc" on OKX).
struct RequestInfo
{
    QString symbol;
    QString interval;
    QString url;

    // The symbol and the interval as a message shows them: "(none)" when not given.
    QString shownSymbol() const;
    QString shownInterval() const;
};

} // namespace Candlewick

Q_DECLARE_METATYPE(Candlewick::ProviderError)
