#pragma once

#include "candlestore.h"

#include <QCoreApplication>

#include <memory>

namespace Candlewick {

// The CandleStore in a PostgreSQL database, reached by a postgresql:// URL
// (postgresql://USER[:PASS]@HOST:PORT/DB, or ?host=/socket/dir for a Unix socket). One instance
// is one connection (libpq) and belongs to the thread that opened it. The schema is SQLite's,
// with the same semantics: series statistics kept on write, coverage merged in the write's
// transaction, values kept exactly (integer units at the series' decimals). Batches are written
// by binary COPY (or one multi-row INSERT … ON CONFLICT over stored candles); reads are binary
// COPY of range queries on the primary key (the cursor pages them by key).
// A connection lost between operations is re-established by the next one.
class PostgresCandleStore : public CandleStore
{
    Q_DECLARE_TR_FUNCTIONS(Candlewick::PostgresCandleStore)
public:
    enum class OpenMode { ReadWrite, ReadOnly };
    static constexpr int SchemaVersion = 3;
    // Every write of closed candles notifies this channel with the series
    // (SeriesKey::toString()) when it commits: other processes LISTEN instead of polling.
    static constexpr const char *NotifyChannel = "candlewick_candles";

    PostgresCandleStore();
    ~PostgresCandleStore() override;

    // Whether `location` is a PostgreSQL URL (postgresql:// or postgres://).
    static bool isUrl(const QString &location);
    // `url` for messages and display: a password (in the user part or as ?password=) is masked.
    static QString displayUrl(const QString &url);

    // Connects (in ReadWrite mode creating the schema in a database without tables, and
    // migrating a version 2 one in place; read-only, a version 2 one is read as it is). An
    // unreachable server, a database of a newer schema or of another program and a role without
    // the rights to create the schema are errors; such a database is left unchanged.
    bool open(const QString &url, OpenMode mode = OpenMode::ReadWrite);
    void close();
    // The schema version of the database; 0 when not open.
    int schemaVersion() const;

    bool isOpen() const override;
    QString errorString() const override;

    bool write(const SeriesKey &key, const CandleBatch &candles,
               const TimeRanges &coverage = {}) override;
    // One transaction, each batch sent as it comes.
    bool writeAll(const SeriesKey &key, const BatchSource &next,
                  const TimeRanges &coverage) override;
    bool writePartial(const SeriesKey &key, const Candle &candle) override;
    TimeRanges coverage(const SeriesKey &key) const override;
    qint64 count(const SeriesKey &key, TimeRange range) const override;
    CandleBatch read(const SeriesKey &key, TimeRange range) const override;
    std::optional<qint64> lastOpenTime(const SeriesKey &key) const override;
    TimeRange storedSpan(const SeriesKey &key, TimeRange range) const override;
    std::optional<Candle> partial(const SeriesKey &key) const override;
    QList<SeriesInfo> seriesList() const override;
    bool saveSymbols(const QString &exchange, const SymbolList &symbols,
                     qint64 fetchedAtMs) override;
    SymbolList symbols(const QString &exchange) const override;
    qint64 symbolsFetchedAt(const QString &exchange) const override;

protected:
    bool readChunk(const SeriesKey &key, TimeRange range, qint64 limit, CandleBatch &out,
                   qint64 expected) const override;

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace Candlewick
