#pragma once

#include "clicommand.h"

namespace Candlewick::Cli {

// `rebuild --from-trades`: builds candles of any interval (1s up) from the stored trades
// (record --trades) of --from .. --to and writes them into the candle store with their coverage:
// only intervals the trades' coverage holds whole, built as the exchange builds its own (exact
// sums; intervals without trades omitted or flat at the previous close, as the exchange does).
class RebuildCommand : public CliCommand
{
    Q_DECLARE_TR_FUNCTIONS(Candlewick::Cli::RebuildCommand)

public:
    QString name() const override { return QStringLiteral("rebuild"); }
    QString summary() const override;
    void addOptions(QCommandLineParser &parser) const override;
    int run(const QCommandLineParser &parser, QTextStream &out, QTextStream &err) override;
};

} // namespace Candlewick::Cli
