#pragma once

#include "clicommand.h"

namespace Candlewick::Cli {

// candlewick-cli strategies: lists the strategy plugins found, with their parameters.
class StrategiesCommand : public CliCommand
{
    Q_DECLARE_TR_FUNCTIONS(Candlewick::Cli::StrategiesCommand)

public:
    QString name() const override { return QStringLiteral("strategies"); }
    QString summary() const override;
    void addOptions(QCommandLineParser &parser) const override;
    int run(const QCommandLineParser &parser, QTextStream &out, QTextStream &err) override;
};

} // namespace Candlewick::Cli
