#pragma once

#include "candlestore.h"

#include <QCoreApplication>

#include <memory>

namespace Candlewick {

// The CandleStore in an SQLite file. One instance is one connection and belongs to the thread
// that opened it (CandleDatabase keeps one per thread). Reads and batch writes use prepared
// statements on the raw sqlite3 handle.
// A damaged file (corrupt, I/O error) is reported as such and never written to again by this
// connection. A file of schema version 1, 2 or 3 is migrated in place to version 4 (exact
// decimals, CandleCodec, in chunks of consecutive slots: CandleChunk) when opened for writing,
// with one line in the log; read-only, it is read as it is.
class SqliteCandleStore : public CandleStore
{
    Q_DECLARE_TR_FUNCTIONS(Candlewick::SqliteCandleStore)
public:
    enum class OpenMode { ReadWrite, ReadOnly };
    static constexpr int SchemaVersion = 4;

    SqliteCandleStore();
    ~SqliteCandleStore() override;

    // Opens (in ReadWrite mode creating the file, its directory and the schema in a new file).
    // A corrupt, locked, unreadable or read-only file, a file of a newer schema and a database
    // that is not Candlewick's are errors; such a file is left byte-for-byte unchanged.
    bool open(const QString &path, OpenMode mode = OpenMode::ReadWrite);
    void close();
    // The schema version of the open file (after any migration); 0 when not open.
    int schemaVersion() const;

    bool isOpen() const override;
    QString errorString() const override;

    bool write(const SeriesKey &key, const CandleBatch &candles,
               const TimeRanges &coverage = {}) override;
    // The batches go into the open transaction as they come (memory stays flat).
    bool writeAll(const SeriesKey &key, const BatchSource &next,
                  const TimeRanges &coverage) override;
    // All of them in one transaction: `committed` is writes.size() or 0.
    bool writeSeries(const QList<SeriesWrite> &writes, qsizetype &committed) override;
    // The same; rows encoded at the series' decimals are inserted as they are.
    bool writeAllEncoded(const SeriesKey &key, const EncodedBatchSource &next,
                         const TimeRanges &coverage) override;
    bool takesEncodedRows() const override { return true; }
    bool writePartial(const SeriesKey &key, const Candle &candle) override;
    // The WAL is checkpointed on a thread of its own from 32 MiB on; from 128 MiB (a writer that
    // never paused for that checkpoint to take all of it) this connection finishes it, here
    // after the answer, else before the next write.
    void idle() override;
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
    bool openFile(OpenMode mode);

    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace Candlewick
