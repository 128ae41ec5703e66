#pragma once

#include "clicommand.h"

#include <endpoints.h>

#include <optional>

namespace Candlewick {
class Exchange;
}

namespace Candlewick::Cli {

// `record`: streams live candles of symbols x intervals into the database until --duration has
// passed or SIGINT/SIGTERM arrives (then it flushes and exits 0). Started again on the same
// database, it first backfills what was missed while it was not running. With --trades it records
// the symbols' raw trades instead (TradeRecorder), with their coverage.
class RecordCommand : public CliCommand
{
    Q_DECLARE_TR_FUNCTIONS(Candlewick::Cli::RecordCommand)

public:
    QString name() const override { return QStringLiteral("record"); }
    QString summary() const override;
    void addOptions(QCommandLineParser &parser) const override;
    int run(const QCommandLineParser &parser, QTextStream &out, QTextStream &err) override;

    // "90s", "10m", "2h" (or plain seconds) in ms; nullopt when malformed or not positive.
    static std::optional<qint64> parseDuration(const QString &text);

private:
    struct TradeRun
    {
        const Exchange *exchange = nullptr;
        QStringList symbols;
        Endpoints endpoints;
        std::optional<qint64> durationMs;
        int statusEvery = 5;
        bool json = false;
    };
    int recordTrades(const QCommandLineParser &parser, const TradeRun &run, QTextStream &out,
                     QTextStream &err);
};

} // namespace Candlewick::Cli
