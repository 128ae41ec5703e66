#pragma once

#include <interval.h>
#include <serieskey.h>
#include <timerange.h>

#include <QStringList>
#include <QUrl>

#include <memory>

class QObject;

namespace Candlewick {

class BulkImportJob;
class CandleDatabase;

// The optional role of a source that publishes past candles as whole files (an exchange's
// public archive: a file per month or per day, each with a checksum). Importing a range writes
// candles and coverage through the CandleDatabase, like HistoryCache, so a later fetch of the
// same range asks the network for nothing. ExchangeSession::bulkHistory() gives it, or nullptr
// when the exchange (or its configuration) has none.
class BulkHistory
{
public:
    virtual ~BulkHistory() = default;

    // Where the files come from (for messages).
    virtual QUrl baseUrl() const = 0;
    // Whether the archive publishes `interval`.
    virtual bool hasInterval(Interval interval) const = 0;
    // Imports the whole past days of `range` the database does not cover yet; what the archive
    // cannot give (days not published yet, partial days at the edges, missing files) is left
    // for the history source (BulkImportJob::remaining()). The job is not started.
    virtual BulkImportJob *importRange(const SeriesKey &key, TimeRange range,
                                       std::shared_ptr<CandleDatabase> database,
                                       QObject *parent = nullptr)
        = 0;
    // Why the file at `path` cannot be imported (its name is not an archive file's), or empty.
    virtual QString fileError(const QString &path) const = 0;
    // Imports files the user downloaded (the series and the range come from each file's name;
    // a checksum file beside one, "<file>.CHECKSUM", is checked when present).
    virtual BulkImportJob *importFiles(const QStringList &paths,
                                       std::shared_ptr<CandleDatabase> database,
                                       QObject *parent = nullptr)
        = 0;

protected:
    BulkHistory() = default;
    BulkHistory(const BulkHistory &) = default;
    BulkHistory &operator=(const BulkHistory &) = default;
};

} // namespace Candlewick
