#pragma once

#include "candle.h"
#include "candlecursor.h"
#include "seriesinfo.h"
#include "serieskey.h"
#include "symbolinfo.h"
#include "timerange.h"

#include <QString>

#include <memory>
#include <optional>

struct sqlite3;

namespace Candlewick {

// The local candle database (SQLite). One instance is one connection and belongs to the thread
// that opened it; open another instance per thread (StoreWriter does this).
// Every operation clears errorString() and sets it when it fails: writes return false, reads
// return an empty result and hasError() tells "failed" from "nothing stored". A damaged file
// (corrupt, I/O error) is reported as such and never written to again by this connection.
class CandleStore
{
public:
    enum class OpenMode { ReadWrite, ReadOnly };

    CandleStore();
    ~CandleStore();
    CandleStore(const CandleStore &) = delete;
    CandleStore &operator=(const CandleStore &) = delete;

    // Opens (in ReadWrite mode creating the file, its directory and the schema in a new file).
    // A corrupt, locked, unreadable or read-only file, a file of a newer schema and a database
    // that is not Candlewick's are errors; such a file is left byte-for-byte unchanged.
    bool open(const QString &path, OpenMode mode = OpenMode::ReadWrite);
    void close();
    bool isOpen() const;
    QString path() const;
    QString errorString() const;
    // Whether the last operation failed.
    bool hasError() const;

    // The default file under QStandardPaths::AppDataLocation.
    static QString defaultPath();

    // Upserts closed candles and records the coverage ranges, all in one transaction.
    // A candle written twice is stored once; a closed candle replaces a partial one.
    bool write(const SeriesKey &key, const CandleBatch &candles, const TimeRanges &coverage = {});
    // Stores the latest state of a still-forming candle (kept apart from closed candles).
    bool writePartial(const SeriesKey &key, const Candle &candle);
    bool addCoverage(const SeriesKey &key, TimeRange range);

    TimeRanges coverage(const SeriesKey &key) const;
    TimeRanges missing(const SeriesKey &key, TimeRange wanted) const;
    qint64 count(const SeriesKey &key, TimeRange range) const;
    // Closed candles with open time in [range.from, range.to), ascending.
    CandleBatch read(const SeriesKey &key, TimeRange range) const;
    // The same, in chunks, for ranges too big to hold.
    CandleCursor cursor(const SeriesKey &key, TimeRange range, int chunkSize = 50000) const;
    std::optional<qint64> lastOpenTime(const SeriesKey &key) const;
    // From the first stored open time in `range` to just after the last one; empty when none.
    TimeRange storedSpan(const SeriesKey &key, TimeRange range) const;
    std::optional<Candle> partial(const SeriesKey &key) const;
    QList<SeriesInfo> seriesList() const;

    bool saveSymbols(const QString &exchange, const SymbolList &symbols, qint64 fetchedAtMs);
    SymbolList symbols(const QString &exchange) const;
    // When the exchange's symbols were last saved, or 0 if never.
    qint64 symbolsFetchedAt(const QString &exchange) const;

private:
    friend class CandleCursor;
    // Up to `limit` candles from range (all when limit < 0), ascending, into `out` (reserving
    // `expected`). False on an error.
    bool readChunk(const SeriesKey &key, TimeRange range, qint64 limit, CandleBatch &out,
                   qint64 expected = 0) const;
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace Candlewick
