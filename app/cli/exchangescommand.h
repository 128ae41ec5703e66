#pragma once

#include "clicommand.h"

namespace Candlewick::Cli {

// candlewick-cli exchanges: the exchanges of the registry, their markets and default URLs, and how
// each of the sixteen intervals is obtained there (native, built from another, or not at all).
class ExchangesCommand : public CliCommand
{
    Q_DECLARE_TR_FUNCTIONS(Candlewick::Cli::ExchangesCommand)

public:
    QString name() const override { return QStringLiteral("exchanges"); }
    QString summary() const override;
    void addOptions(QCommandLineParser &parser) const override;
    int run(const QCommandLineParser &parser, QTextStream &out, QTextStream &err) override;
};

} // namespace Candlewick::Cli
