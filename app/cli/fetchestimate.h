#pragma once

#include "clioptions.h"

#include <QCoreApplication>
#include <QString>

namespace Candlewick {
class CandleStore;
class HistorySource;
} // namespace Candlewick

namespace Candlewick::Cli {

// What a fetch is about to download: the candle slots the store lacks, the requests and the time
// they take at the provider's request budget, and the disk they need. `fetch` prints it before a
// large download, so nobody starts years of 1s candles by accident.
class FetchEstimate
{
    Q_DECLARE_TR_FUNCTIONS(Candlewick::Cli::FetchEstimate)

public:
    // From this many missing candles on, a fetch is large (about 34 MB on disk).
    static constexpr qint64 LargeFrom = 1'000'000;
    // SQLite file bytes per stored candle (schema 4), measured on a year of BTCUSDT-like 1m
    // candles (docs/benchmarks.md, store_bytes_per_candle_btc_like_1m).
    static constexpr qint64 BytesPerCandle = 34;

    // Asks the store what the request lacks up to nowMs; the requests and their pace come from
    // the history source's cost (none for a source without a budget).
    static FetchEstimate of(const CandleStore &store, const Options::SeriesRequest &request,
                            const HistorySource *history, qint64 nowMs);

    qint64 candles() const { return m_candles; }
    bool isLarge() const { return m_candles >= LargeFrom; }
    // One line for stderr.
    QString text() const;

private:
    qint64 m_candles = 0;
    qint64 m_requests = 0; // 0: the provider has no request budget (demo)
    qint64 m_durationMs = 0;
    int m_budgetWeight = 0;
    qint64 m_budgetWindowMs = 0;
};

} // namespace Candlewick::Cli
