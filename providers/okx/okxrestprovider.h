#pragma once

#include <exchangerestprovider.h>

#include <QJsonArray>

#include <memory>

namespace Candlewick {

class ExchangeRestCall;

// History and instruments from the OKX v5 REST API (or anything that speaks it: a regional host,
// the test fake), on the shared ExchangeRestProvider. Each endpoint has a limiter of its own at
// its documented per-IP limit: /api/v5/market/candles 40 per 2 s, history-candles (the provider's
// limiter) and public/instruments 20 per 2 s; on the system clock each is shared with every
// process of the user that talks to the same host. OKX names no time to wait when it throttles:
// calls back off with ThrottleBackoff::Ceiling.
class OkxRestProvider : public ExchangeRestProvider
{
    Q_OBJECT
public:
    static constexpr int CandlesLimit = 40;
    static constexpr int HistoryCandlesLimit = 20;
    static constexpr int InstrumentsLimit = 20;
    static constexpr qint64 LimitWindowMs = 2000;
    static constexpr int PageRows = 300; // the largest `limit` of both candles endpoints
    // /api/v5/market/candles serves only this many of the latest rows.
    static constexpr int RecentRows = 1440;
    static const QString CandlesPath; // "/api/v5/market/candles"
    static const QString HistoryCandlesPath; // "/api/v5/market/history-candles"
    static const QString InstrumentsPath; // "/api/v5/public/instruments"

    OkxRestProvider(const QUrl &baseUrl, Clock *clock, QObject *parent = nullptr);

    // Returns an OkxHistoryJob (parented to the provider; call start()).
    HistoryJob *fetchHistory(const SeriesKey &key, qint64 fromMs, qint64 toMs) override;
    // Spot and swap instruments (two requests).
    SymbolsJob *fetchSymbols() override;

    RequestRateLimiter *historyLimiter() const { return rateLimiter(HistoryCandlesPath); }

    // A GET of path whose answers are read through OKX's {"code","msg","data"} envelope; the data
    // array of the good answer is put in `data` before succeeded() (call start()).
    ExchangeRestCall *newCall(const QString &path, const QUrlQuery &query, RequestInfo info,
                              std::shared_ptr<QJsonArray> data, QObject *parent);
};

} // namespace Candlewick
