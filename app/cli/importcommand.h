#pragma once

#include "clicommand.h"

#include <bulkimportjob.h>

namespace Candlewick::Cli {

// `import`: a range of whole days from the exchange's public archive (monthly files for whole
// months, daily files for the other days; what is not published yet is left to `fetch`), or
// archive files the user downloaded (--file).
class ImportCommand : public CliCommand
{
    Q_DECLARE_TR_FUNCTIONS(Candlewick::Cli::ImportCommand)

public:
    QString name() const override { return QStringLiteral("import"); }
    QString summary() const override;
    void addOptions(QCommandLineParser &parser) const override;
    int run(const QCommandLineParser &parser, QTextStream &out, QTextStream &err) override;

    // What one import did, kept after its job is gone.
    struct Outcome
    {
        ProviderError error;
        BulkImportJob::Stats stats;
        QStringList failures;
        QStringList warnings;
        QStringList unverified;
        TimeRanges remaining;
        TimeRanges unpublished;
        qint64 elapsedMs = 0;
        int requests = 0;
    };
    // Runs `job` to its end, with progress on `err` (files, bytes, candles/s); prints its
    // warnings and failures (each on a line of its own) on `err`: as errors when
    // `failuresAreErrors`, else as warnings (REST fetches what failed).
    static Outcome runJob(BulkImportJob *job, const QString &label, QTextStream &err,
                          bool failuresAreErrors = true);
    // "12 files, 525600 candles stored, 18.3 MB, 0.91 s (577000 candles/s)"
    static QString summaryText(const Outcome &outcome);
};

} // namespace Candlewick::Cli
