#pragma once

#include "timerange.h"
#include "trade.h"

#include <QCoreApplication>
#include <QString>

#include <memory>

namespace Candlewick {

// Raw trades, kept in the candle database's SQLite file in tables of their own (trade_series,
// trades, trade_coverage, made with CREATE TABLE IF NOT EXISTS the first time trades are stored;
// the candle schema and its version are not touched). Per (exchange, symbol): trades keyed by
// (time, trade id), so a trade stored twice is stored once, and the ranges known complete
// (coverage). Times here are µs since the epoch, UTC, coverage included. Trades without an id
// (-1) at the same µs count as one. A postgresql:// location is refused: trades are stored in
// SQLite files only, for now. Errors as CandleStore: writes return false, reads an empty result,
// errorString() says why.
class TradeStore
{
    Q_DECLARE_TR_FUNCTIONS(Candlewick::TradeStore)
public:
    enum class OpenMode { ReadWrite, ReadOnly };

    TradeStore();
    ~TradeStore();
    TradeStore(const TradeStore &) = delete;
    TradeStore &operator=(const TradeStore &) = delete;

    // ReadWrite opens (creating, like SqliteCandleStore) the candle database at `path` and makes
    // the trade tables; ReadOnly needs an existing Candlewick database and reads what is there.
    bool open(const QString &path, OpenMode mode = OpenMode::ReadWrite);
    void close();
    bool isOpen() const;
    QString errorString() const;
    bool hasError() const { return !errorString().isEmpty(); }

    // Stores trades (any order) and merges `coverage` into the symbol's, in one transaction.
    bool write(const QString &exchange, const QString &symbol, const TradeBatch &trades,
               const TimeRanges &coverage = {});
    TimeRanges coverage(const QString &exchange, const QString &symbol) const;
    // Trades with time in [range.from, range.to) (µs), by time then id.
    TradeBatch read(const QString &exchange, const QString &symbol, TimeRange range) const;
    qint64 count(const QString &exchange, const QString &symbol, TimeRange range) const;

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace Candlewick
