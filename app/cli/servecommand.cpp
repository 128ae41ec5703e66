#include "servecommand.h"

#include "clioptions.h"
#include "signalwatcher.h"

#include <binancerestapi.h>
#include <candledatabase.h>
#include <candlestore.h>
#include <clock.h>
#include <exchange.h>
#include <exchangesession.h>
#include <gapfreefeed.h>
#include <klinestreamhub.h>
#include <marketdataserver.h>
#include <recorder.h>
#include <replay/replayfeed.h>
#include <replaycontrolapi.h>
#include <utctime.h>

#include <QEventLoop>

namespace Candlewick::Cli {

QString ServeCommand::summary() const
{
    return tr("Serve stored candles as a Binance-compatible local exchange (REST + WebSocket).");
}

void ServeCommand::addOptions(QCommandLineParser &parser) const
{
    QCommandLineOption interval = Options::interval();
    interval.setDescription(tr("With --live: the intervals to record, a comma list (default 1m)."));
    parser.addOptions(
        {Options::db(),
         {QStringLiteral("port"), tr("TCP port (default 0: any free port)."),
          QStringLiteral("port"), QStringLiteral("0")},
         {QStringLiteral("bind"),
          tr("Address to listen on (default 127.0.0.1; anything else is reachable from other "
             "machines)."),
          QStringLiteral("address"), QStringLiteral("127.0.0.1")},
         {QStringLiteral("token"),
          tr("Require this value in the X-Candlewick-Token header of every request."),
          QStringLiteral("token")},
         {QStringLiteral("max-clients"),
          tr("Most connections at once, REST and WebSocket (default 64)."), QStringLiteral("n"),
          QStringLiteral("64")},
         Options::exchange(),
         {QStringLiteral("live"),
          tr("Record these symbols live (a comma list) and stream them to the clients."),
          QStringLiteral("symbols")},
         interval,
         {QStringLiteral("replay"),
          tr("Replay stored candles; the server's clock is the replay's.")},
         Options::from(),
         Options::to(),
         {QStringLiteral("speed"),
          tr("Replay speed: a factor (1 = real time, 600) or max (default 1)."),
          QStringLiteral("x"), QStringLiteral("1")},
         {QStringLiteral("paused"), tr("Start the replay paused.")},
         {{QStringLiteral("symbols"), QStringLiteral("symbol")},
          tr("Replay only these symbols (default: every stored series in the range)."),
          QStringLiteral("list")},
         Options::restUrl(),
         Options::wsUrl()});
}

int ServeCommand::run(const QCommandLineParser &parser, QTextStream &out, QTextStream &err)
{
    QString error;
    const Exchange *exchange = Options::exchange(parser, error);
    if (!exchange)
        return fail(err, error, BadInput);
    const QHostAddress bind(parser.value(QStringLiteral("bind")));
    if (bind.isNull())
        return fail(err,
                    tr("bad --bind '%1' (an IP address, e.g. 127.0.0.1)")
                        .arg(parser.value(QStringLiteral("bind"))),
                    BadInput);
    bool ok = false;
    const uint port = parser.value(QStringLiteral("port")).toUInt(&ok);
    if (!ok || port > 65535)
        return fail(err, tr("bad --port (0 to 65535)"), BadInput);
    const int maxClients = parser.value(QStringLiteral("max-clients")).toInt(&ok);
    if (!ok || maxClients < 1 || maxClients > 100000)
        return fail(err, tr("bad --max-clients (1 to 100000)"), BadInput);
    const bool replayMode = parser.isSet(QStringLiteral("replay"));
    const bool liveMode = parser.isSet(QStringLiteral("live"));
    if (replayMode && liveMode)
        return fail(err, tr("--replay and --live cannot be combined"), BadInput);

    const auto database = Options::database(
        parser, liveMode ? CandleDatabase::Access::ReadWrite : CandleDatabase::Access::ReadOnly,
        error);
    if (!database)
        return fail(err, error);
    const QString path = database->displayPath();
    const CandleStore &store = *database->reader();

    std::unique_ptr<ReplayFeed> replay;
    std::unique_ptr<ExchangeSession> session;
    std::unique_ptr<GapFreeFeed> live;
    std::unique_ptr<Recorder> recorder;
    std::function<qint64()> now = [] { return Clock::system()->nowMs(); };
    if (replayMode) {
        const auto range = Options::range(parser, error);
        if (!range)
            return fail(err, error, BadInput);
        const auto speed = Options::speed(parser, error);
        if (!speed)
            return fail(err, error, BadInput);
        QStringList only;
        if (parser.isSet(QStringLiteral("symbols"))) {
            const auto symbols = Options::symbols(parser, *exchange, error);
            if (!symbols)
                return fail(err, error, BadInput);
            only = *symbols;
        }
        replay = std::make_unique<ReplayFeed>();
        replay->setDatabase(database);
        replay->setRange(range->from, range->to);
        replay->setSpeed(*speed);
        for (const SeriesInfo &s : store.seriesList()) {
            if (s.key.exchange == exchange->id && (only.isEmpty() || only.contains(s.key.symbol))
                && store.count(s.key, *range) > 0)
                replay->addSeries(s.key);
        }
        if (replay->series().isEmpty())
            return fail(err,
                        tr("no stored candles of %1 in that range; run `candlewick-cli "
                           "fetch` first")
                            .arg(exchange->id));
        ReplayFeed *feed = replay.get();
        now = [feed] { return feed->replayTime(); };
    } else if (liveMode) {
        const auto symbols = Options::symbols(parser, *exchange, error, QStringLiteral("live"));
        if (!symbols)
            return fail(err, error, BadInput);
        const auto list = Options::intervals(parser, QStringLiteral("interval"), *exchange, error);
        if (!list)
            return fail(err, error, BadInput);
        const auto endpoints = Options::endpoints(parser, *exchange, error, true);
        if (!endpoints)
            return fail(err, error, BadInput);
        session.reset(exchange->createSession(*exchange, *endpoints, Clock::system(), nullptr));
        live.reset(session->createGapFreeFeed());
        if (!live)
            return fail(err, tr("%1 has no live feed").arg(exchange->translatedName()), BadInput);
        // One upstream connection for every local client; every closed candle stored as by
        // `record`, the forming one too (klines ends with it, as Binance's does).
        recorder = std::make_unique<Recorder>(database, live.get());
        recorder->setPartials(true);
        for (const QString &symbol : *symbols) {
            for (Interval i : *list)
                recorder->addSeries({exchange->id, symbol, i});
        }
    }

    BinanceRestApi rest(&store, exchange->id, now);
    rest.setIncludeForming(!replayMode);
    KlineStreamHub hub(now);
    MarketDataServer server(&rest, &hub);
    server.setMaxClients(maxClients);
    const QString token = parser.value(QStringLiteral("token"));
    server.setToken(token.toUtf8());
    std::unique_ptr<ReplayControlApi> control;
    if (replay) {
        control = std::make_unique<ReplayControlApi>(replay.get());
        // The replay goes no faster than the slowest client reads.
        control->setBackPressure(&hub);
        server.setReplayControl(control.get());
    }
    if (!server.listen(bind, quint16(port)))
        return fail(err,
                    tr("cannot listen on %1:%2: %3")
                        .arg(bind.toString())
                        .arg(port)
                        .arg(server.errorString()));
    const QString host = bind.protocol() == QAbstractSocket::IPv6Protocol
        ? QStringLiteral("[%1]").arg(bind.toString())
        : bind.toString();
    // Machine-readable: the first line on stdout.
    out << "serving on http://" << host << ':' << server.port() << '\n';
    out.flush();
    if (!bind.isLoopback())
        err << "candlewick-cli: warning: "
            << tr("listening on %1: reachable from other machines%2")
                   .arg(bind.toString(),
                        token.isEmpty() ? tr("; without --token the control endpoints "
                                             "stay closed")
                                        : QString())
            << '\n';

    QEventLoop loop;
    QString fatal;
    if (replay) {
        QObject::connect(replay.get(), &LiveFeed::candleClosed, &hub, &KlineStreamHub::publish);
        QObject::connect(replay.get(), &LiveFeed::candleUpdated, &hub, &KlineStreamHub::publish);
        QObject::connect(replay.get(), &ReplayFeed::errorOccurred, &loop,
                         [&](const QString &message) {
                             fatal = message;
                             loop.quit();
                         });
        if (parser.isSet(QStringLiteral("paused")))
            replay->seek(replay->from());
        else
            replay->play();
    }
    if (recorder) {
        // Closed candles once they are stored, so a client's klines request after the event
        // finds them; forming updates as they come.
        QObject::connect(recorder.get(), &Recorder::candleStored, &hub, &KlineStreamHub::publish);
        QObject::connect(live.get(), &LiveFeed::candleUpdated, &hub, &KlineStreamHub::publish);
        QObject::connect(recorder.get(), &Recorder::writeFailed, &loop,
                         [&](const QString &message) {
                             fatal = tr("cannot write to the database: %1").arg(message);
                             loop.quit();
                         });
        QObject::connect(live.get(), &LiveFeed::logMessage, &loop, [&](const QString &message) {
            err << "serve: " << message << '\n';
            err.flush();
        });
        recorder->start();
    }
    SignalWatcher stopOnSignal([&loop] { loop.quit(); });
    err << "serve: "
        << tr("%1 on port %2 from %3")
               .arg(replayMode     ? tr("replay")
                        : liveMode ? tr("live")
                                   : tr("stored candles"))
               .arg(server.port())
               .arg(path)
        << '\n';
    err.flush();
    if (fatal.isEmpty())
        loop.exec();
    if (recorder)
        recorder->stop();
    if (!fatal.isEmpty())
        return fail(err, fatal);
    return Success;
}

} // namespace Candlewick::Cli
