#pragma once

#include "clicommand.h"

namespace Candlewick::Cli {

// candlewick-cli replay: replays a stored range into a strategy plugin and prints each signal
// as a JSON line on stdout, then {"summary":{...}}. With --exchange demo and no --db the
// candles come from the demo exchange's history, so it works with no data and no network.
class ReplayCommand : public CliCommand
{
    Q_DECLARE_TR_FUNCTIONS(Candlewick::Cli::ReplayCommand)

public:
    QString name() const override { return QStringLiteral("replay"); }
    QString summary() const override;
    void addOptions(QCommandLineParser &parser) const override;
    int run(const QCommandLineParser &parser, QTextStream &out, QTextStream &err) override;
};

} // namespace Candlewick::Cli
