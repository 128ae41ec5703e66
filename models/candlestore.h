#pragma once

#include "candle.h"
#include "candlecodec.h"
#include "candlecursor.h"
#include "seriesinfo.h"
#include "serieskey.h"
#include "symbolinfo.h"
#include "timerange.h"

#include <QString>

#include <functional>
#include <optional>

namespace Candlewick {

// The local candle store: closed candles per series, the ranges known complete (coverage), the
// latest forming candle per series and the exchanges' symbol lists. SqliteCandleStore is the
// implementation; CandleDatabase shares one per thread.
// Every operation clears errorString() and sets it when it fails: writes return false, reads
// return an empty result and hasError() tells "failed" from "nothing stored".
class CandleStore
{
public:
    CandleStore() = default;
    virtual ~CandleStore();
    CandleStore(const CandleStore &) = delete;
    CandleStore &operator=(const CandleStore &) = delete;

    virtual bool isOpen() const = 0;
    virtual QString errorString() const = 0;
    // Whether the last operation failed.
    bool hasError() const { return !errorString().isEmpty(); }

    // The default database file under QStandardPaths::AppDataLocation.
    static QString defaultPath();

    // Upserts closed candles and records the coverage ranges, all in one transaction.
    // A candle written twice is stored once; a closed candle replaces a partial one.
    virtual bool write(const SeriesKey &key, const CandleBatch &candles,
                       const TimeRanges &coverage = {})
        = 0;
    // Where writeAll() takes its batches from: fills `batch` and says Batch, or End (commit)
    // or Abort (store nothing).
    enum class NextBatch { Batch, End, Abort };
    using BatchSource = std::function<NextBatch(CandleBatch &batch)>;
    // Writes every batch `next` gives, in order, and the coverage in ONE transaction: all of
    // them or (Abort, an error) nothing. Each batch is written as it comes (memory stays flat).
    virtual bool writeAll(const SeriesKey &key, const BatchSource &next, const TimeRanges &coverage)
        = 0;
    // The closed candles and coverage of one series, for writeSeries().
    struct SeriesWrite
    {
        SeriesKey key;
        CandleBatch candles;
        TimeRanges coverage;
    };
    // Writes several series as write() does each. A store that can writes them all in ONE
    // transaction (SQLite: all of them or nothing); this implementation writes each in its own,
    // in order, and stops at the first that fails. `committed` gets how many of `writes`, from
    // the first, are stored.
    virtual bool writeSeries(const QList<SeriesWrite> &writes, qsizetype &committed);
    // A batch with its rows encoded ahead by the producer (CandleCodec::encodeRows, on its own
    // thread). A store that keeps that encoding takes the bytes as they are when its series
    // is stored at the same decimals; this implementation reads the candles (writeAll()).
    // Consecutive rows may come without their candles (`candles` empty: the producer kept its
    // list), which a store that cannot take the bytes decodes (CandleCodec::decodeConsecutive).
    struct EncodedBatch
    {
        CandleBatch candles;
        CandleCodec::Rows rows;

        // Its candles: the rows' when it has them alone.
        qsizetype size() const
        {
            return candles.isEmpty() ? qsizetype(rows.ends.size()) : candles.size();
        }
    };
    using EncodedBatchSource = std::function<NextBatch(EncodedBatch &batch)>;
    virtual bool writeAllEncoded(const SeriesKey &key, const EncodedBatchSource &next,
                                 const TimeRanges &coverage);
    // Whether writeAllEncoded() uses the rows (else a producer need not encode them).
    virtual bool takesEncodedRows() const { return false; }
    // Work the store left out of its last writes so they answer sooner (SQLite: the WAL
    // checkpoint that keeps its size bounded), done now; CandleDatabase's writer calls it after
    // each request's answer is on its way. Nothing by default.
    virtual void idle() { }
    // Stores the latest state of a still-forming candle (kept apart from closed candles).
    virtual bool writePartial(const SeriesKey &key, const Candle &candle) = 0;
    bool addCoverage(const SeriesKey &key, TimeRange range);

    virtual TimeRanges coverage(const SeriesKey &key) const = 0;
    TimeRanges missing(const SeriesKey &key, TimeRange wanted) const;
    virtual qint64 count(const SeriesKey &key, TimeRange range) const = 0;
    // Closed candles with open time in [range.from, range.to), ascending.
    virtual CandleBatch read(const SeriesKey &key, TimeRange range) const = 0;
    // The same, in chunks, for ranges too big to hold.
    CandleCursor cursor(const SeriesKey &key, TimeRange range, int chunkSize = 50000) const;
    virtual std::optional<qint64> lastOpenTime(const SeriesKey &key) const = 0;
    // From the first stored open time in `range` to just after the last one; empty when none.
    virtual TimeRange storedSpan(const SeriesKey &key, TimeRange range) const = 0;
    virtual std::optional<Candle> partial(const SeriesKey &key) const = 0;
    // Every series with its candle count, first and last open time and coverage; kept up to
    // date on write, so listing does not read the candles.
    virtual QList<SeriesInfo> seriesList() const = 0;

    virtual bool saveSymbols(const QString &exchange, const SymbolList &symbols, qint64 fetchedAtMs)
        = 0;
    virtual SymbolList symbols(const QString &exchange) const = 0;
    // When the exchange's symbols were last saved, or 0 if never.
    virtual qint64 symbolsFetchedAt(const QString &exchange) const = 0;

protected:
    friend class CandleCursor;
    // Up to `limit` candles from range (all when limit < 0), ascending, into `out` (reserving
    // `expected`). False on an error.
    virtual bool readChunk(const SeriesKey &key, TimeRange range, qint64 limit, CandleBatch &out,
                           qint64 expected) const = 0;
};

} // namespace Candlewick
