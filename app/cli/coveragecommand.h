#pragma once

#include "clicommand.h"

namespace Candlewick::Cli {

// `coverage`: every stored series with its covered ranges, candle count and gaps.
class CoverageCommand : public CliCommand
{
    Q_DECLARE_TR_FUNCTIONS(Candlewick::Cli::CoverageCommand)

public:
    QString name() const override { return QStringLiteral("coverage"); }
    QString summary() const override;
    void addOptions(QCommandLineParser &parser) const override;
    int run(const QCommandLineParser &parser, QTextStream &out, QTextStream &err) override;
};

} // namespace Candlewick::Cli
