#pragma once

#include "clicommand.h"

namespace Candlewick::Cli {

// `symbols`: the exchange's tradable symbols (cached in the database for a day).
class SymbolsCommand : public CliCommand
{
    Q_DECLARE_TR_FUNCTIONS(Candlewick::Cli::SymbolsCommand)

public:
    QString name() const override { return QStringLiteral("symbols"); }
    QString summary() const override;
    void addOptions(QCommandLineParser &parser) const override;
    int run(const QCommandLineParser &parser, QTextStream &out, QTextStream &err) override;
};

} // namespace Candlewick::Cli
