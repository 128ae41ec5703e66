#pragma once

#include "bybitapi.h"

#include <exchangerestprovider.h>

namespace Candlewick {

class ExchangeRestCall;

// History and symbols of one Bybit v5 category ("spot" or "linear") from the REST API at
// baseUrl, on the shared ExchangeRestProvider (its limiter is shared by spot and linear, which
// Bybit counts together per IP). Bybit reports no used weight: the budget is declared
// (DefaultMaxRequests per DefaultWindowMs, under the documented 600 per 5 s per IP, which answers
// 403 and bans the IP when exceeded).
class BybitRestProvider : public ExchangeRestProvider
{
    Q_OBJECT
public:
    static constexpr int DefaultMaxRequests = 550;
    static constexpr qint64 DefaultWindowMs = 5000;
    // Rows asked per kline request (default and maximum).
    static constexpr int MaxPageLimit = 1000;
    // Requests one history job keeps in flight by default (with 50 ms of latency, 4 fall short
    // of the budget).
    static constexpr int DefaultMaxConcurrentRequests = 8;

    BybitRestProvider(const QUrl &baseUrl, QString category, Clock *clock,
                      QObject *parent = nullptr);

    // Returns a BybitHistoryJob (parented to the provider; call start()).
    HistoryJob *fetchHistory(const SeriesKey &key, qint64 fromMs, qint64 toMs) override;
    SymbolsJob *fetchSymbols() override;

    const QString &category() const { return m_category; }

    // A GET of path whose answers are read through Bybit's retCode envelope: a 403 is a ban that
    // holds every request until it has passed (call start()).
    ExchangeRestCall *newCall(const QString &path, const QUrlQuery &query,
                              RequestInfo info, QObject *parent);

private:
    QString m_category;
};

} // namespace Candlewick
