#pragma once

#include "clicommand.h"

#include <timerange.h>

namespace Candlewick::Cli {

// `export`: writes stored candles as CSV or JSON Lines, to a file or stdout; with --trades the
// stored trades instead (TradeFormat).
class ExportCommand : public CliCommand
{
    Q_DECLARE_TR_FUNCTIONS(Candlewick::Cli::ExportCommand)

public:
    QString name() const override { return QStringLiteral("export"); }
    QString summary() const override;
    void addOptions(QCommandLineParser &parser) const override;
    int run(const QCommandLineParser &parser, QTextStream &out, QTextStream &err) override;

private:
    int exportTrades(const QCommandLineParser &parser, const QString &exchange,
                     const QStringList &symbols, TimeRange range, bool csv, QTextStream &out,
                     QTextStream &err);
};

} // namespace Candlewick::Cli
