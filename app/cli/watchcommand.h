#pragma once

#include "clicommand.h"

namespace Candlewick::Cli {

// `watch`: a queue on stdout. Prints each closed candle of the watched series as one JSON line
// (the export format) as soon as any writer commits it to the database; with --from, the stored
// history from there first, then live with nothing missed or doubled at the seam. Ends on
// SIGINT/SIGTERM, and with exit code 0 when the reader of stdout goes away.
class WatchCommand : public CliCommand
{
    Q_DECLARE_TR_FUNCTIONS(Candlewick::Cli::WatchCommand)

public:
    QString name() const override { return QStringLiteral("watch"); }
    QString summary() const override;
    void addOptions(QCommandLineParser &parser) const override;
    int run(const QCommandLineParser &parser, QTextStream &out, QTextStream &err) override;
};

} // namespace Candlewick::Cli
