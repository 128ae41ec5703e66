#pragma once

#include "coinbaseapi.h"

#include <exchangerestprovider.h>

namespace Candlewick {

class ExchangeRestCall;

// History and products of Coinbase Advanced Trade from the public market-data REST API at baseUrl
// (/api/v3/brokerage/market/...), on the shared ExchangeRestProvider. Coinbase reports no used
// weight: the budget is declared (DefaultMaxRequests per DefaultWindowMs: the public limit of about
// 10 requests per second per IP; CANDLEWICK_COINBASE_REQUEST_BUDGET replaces it).
class CoinbaseRestProvider : public ExchangeRestProvider
{
    Q_OBJECT
public:
    static constexpr int DefaultMaxRequests = 10;
    static constexpr qint64 DefaultWindowMs = 1000;
    // Buckets one candles request spans. Coinbase refuses (never truncates) a request spanning more
    // than its cap, which has read 300 and 350; 300 fits under both. Lowered for the whole
    // provider (setPageLimit()) when Coinbase says its cap is lower.
    static constexpr int DefaultPageLimit = 300;
    static constexpr int MaxPageLimit = 350;
    static const QString ApiPath; // "/api/v3/brokerage"

    CoinbaseRestProvider(const QUrl &baseUrl, Clock *clock, QObject *parent = nullptr);

    // Returns a CoinbaseHistoryJob (parented to the provider; call start()).
    HistoryJob *fetchHistory(const SeriesKey &key, qint64 fromMs, qint64 toMs) override;
    SymbolsJob *fetchSymbols() override;

    // A GET of ApiPath + path whose answers Coinbase's errors are read from (call start()).
    ExchangeRestCall *newCall(const QString &path, const QUrlQuery &query,
                              RequestInfo info, QObject *parent);
};

} // namespace Candlewick
