#pragma once

#include "clicommand.h"

namespace Candlewick::Cli {

// `serve`: a Binance-compatible local exchange on one port (REST + WebSocket) over the candle
// database. Plain: the stored candles as they are. --live: records the given streams through
// one gap-free upstream connection each and fans every candle out to the local clients.
// --replay: replays a stored range; the server's clock is the replay clock (no look-ahead).
// Prints "serving on http://HOST:PORT" first; ends on SIGINT/SIGTERM.
class ServeCommand : public CliCommand
{
    Q_DECLARE_TR_FUNCTIONS(Candlewick::Cli::ServeCommand)

public:
    QString name() const override { return QStringLiteral("serve"); }
    QString summary() const override;
    void addOptions(QCommandLineParser &parser) const override;
    int run(const QCommandLineParser &parser, QTextStream &out, QTextStream &err) override;
};

} // namespace Candlewick::Cli
