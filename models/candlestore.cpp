#include "candlestore.h"

#include <QDir>
#include <QStandardPaths>

namespace Candlewick {

CandleStore::~CandleStore() = default;

QString CandleStore::defaultPath()
{
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    return QDir(dir.isEmpty() ? QDir::homePath() + QStringLiteral("/.local/share/candlewick") : dir)
        .filePath(QStringLiteral("candles.sqlite"));
}

bool CandleStore::addCoverage(const SeriesKey &key, TimeRange range)
{
    return write(key, {}, {range});
}

bool CandleStore::writeSeries(const QList<SeriesWrite> &writes, qsizetype &committed)
{
    for (committed = 0; committed < writes.size(); ++committed) {
        const SeriesWrite &w = writes[committed];
        if (!write(w.key, w.candles, w.coverage))
            return false;
    }
    return true;
}

bool CandleStore::writeAllEncoded(const SeriesKey &key, const EncodedBatchSource &next,
                                  const TimeRanges &coverage)
{
    EncodedBatch encoded;
    return writeAll(
        key,
        [&next, &encoded](CandleBatch &batch) {
            encoded.candles.clear();
            encoded.rows.ends.clear();
            NextBatch result = next(encoded);
            if (result == NextBatch::Batch && encoded.candles.isEmpty()
                && !encoded.rows.isEmpty()
                && !CandleCodec::decodeConsecutive(encoded.rows, encoded.candles))
                result = NextBatch::Abort;
            batch = std::move(encoded.candles);
            return result;
        },
        coverage);
}

TimeRanges CandleStore::missing(const SeriesKey &key, TimeRange wanted) const
{
    const TimeRanges covered = coverage(key);
    return hasError() ? TimeRanges{} : TimeRangeSet::missing(covered, wanted);
}

CandleCursor CandleStore::cursor(const SeriesKey &key, TimeRange range, int chunkSize) const
{
    return CandleCursor(this, key, range, chunkSize);
}

} // namespace Candlewick
