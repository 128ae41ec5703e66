#pragma once

#include "clicommand.h"

namespace Candlewick::Cli {

// `fetch`: downloads what the local cache lacks for one or more symbols and a range.
class FetchCommand : public CliCommand
{
    Q_DECLARE_TR_FUNCTIONS(Candlewick::Cli::FetchCommand)

public:
    QString name() const override { return QStringLiteral("fetch"); }
    QString summary() const override;
    void addOptions(QCommandLineParser &parser) const override;
    int run(const QCommandLineParser &parser, QTextStream &out, QTextStream &err) override;
};

} // namespace Candlewick::Cli
