#include "replaycommand.h"

#include "pluginoptions.h"

#include "clioptions.h"

#include <candlestore.h>
#include <exchange.h>
#include <exchangesession.h>
#include <historysource.h>
#include <replay/replayfeed.h>
#include <strategyhost.h>

#include <QEventLoop>
#include <QJsonDocument>
#include <QJsonObject>

namespace Candlewick::Cli {

QString ReplayCommand::summary() const
{
    return tr("Replay stored candles into a strategy plugin; signals as JSON lines.");
}

void ReplayCommand::addOptions(QCommandLineParser &parser) const
{
    parser.addOptions(Options::seriesOptions());
    parser.addOption({QStringLiteral("speed"),
                      tr("Replay speed: a factor from %1 to %2 (1 = real time, 60, 10000) or "
                         "max (default).")
                          .arg(QString::number(ReplayFeed::SlowestSpeed),
                               QString::number(ReplayFeed::FastestPacedSpeed, 'f', 0)),
                      QStringLiteral("factor"), QStringLiteral("max")});
    parser.addOption({QStringLiteral("strategy"), tr("Strategy plugin name (see `strategies`)."),
                      QStringLiteral("name")});
    parser.addOption({QStringLiteral("param"), tr("A strategy parameter, name=value (repeatable)."),
                      QStringLiteral("name=value")});
    parser.addOption(PluginOptions::pluginDir());
}

int ReplayCommand::run(const QCommandLineParser &parser, QTextStream &out, QTextStream &err)
{
    // Everything the user typed is checked before anything is opened or loaded.
    QString error;
    const auto request = Options::seriesRequest(parser, error);
    if (!request)
        return fail(err, error, BadInput);
    if (request->symbols.size() != 1)
        return fail(err, tr("replay takes one --symbol, not %1").arg(request->symbols.join(u',')),
                    BadInput);

    const std::optional<double> speed = Options::speed(parser, error);
    if (!speed)
        return fail(err, error, BadInput);
    const QString strategyName = parser.value(QStringLiteral("strategy"));
    if (strategyName.isEmpty())
        return fail(err, tr("--strategy is required (see `candlewick-cli strategies`)"), BadInput);
    QVariantMap params;
    if (!StrategyHost::parseAssignments(parser.values(QStringLiteral("param")), &params, &error))
        return fail(err, error, BadInput);

    StrategyHost host;
    PluginOptions::scan(host, parser, err);
    // An unknown strategy or a bad parameter is bad input; a plugin that then fails to load or
    // start is a failure.
    const StrategyInfo *info = host.strategy(strategyName);
    if (!info) {
        QStringList names;
        for (const StrategyInfo &i : host.strategies())
            names.append(i.name);
        return fail(err,
                    tr("unknown strategy '%1' (found: %2; searched %3)")
                        .arg(strategyName,
                             names.isEmpty() ? tr("none") : names.join(QStringLiteral(", ")),
                             host.pluginDirectories().join(QStringLiteral(", "))),
                    BadInput);
    }
    StrategyApi::Parameters resolved;
    if (!info->resolveParameters(params, &resolved, &error))
        return fail(err, error, BadInput);
    StrategyRun *run = host.createRun(strategyName, params, &error);
    if (!run)
        return fail(err, error);
    run->setCollectSignals(false);

    const Exchange &exchange = *request->exchange;
    const SeriesKey key{exchange.id, request->symbols.first(), request->interval};
    ReplayFeed replay;
    replay.setRange(request->range.from, request->range.to);
    replay.setSpeed(*speed);
    // An exchange that needs no network (the demo) replays its own history when no --db is given.
    const bool fromExchange = !exchange.needsNetwork && !parser.isSet(QStringLiteral("db"));
    if (fromExchange) {
        std::unique_ptr<ExchangeSession> session(
            exchange.createSession(exchange, {}, Clock::system(), nullptr));
        HistoryJob *job
            = session->history()->fetchHistory(key, request->range.from, request->range.to);
        CandleBatch candles;
        QObject::connect(job, &HistoryJob::batch, job,
                         [&candles](const SeriesKey &, const CandleBatch &b) { candles += b; });
        if (!job->exec())
            return fail(err, job->errorString());
        replay.setCandles(key, candles);
    } else {
        const auto database = Options::database(parser, CandleDatabase::Access::ReadOnly, error);
        if (!database)
            return fail(err, error);
        const CandleStore *store = database->reader();
        const qint64 stored = store->count(key, request->range);
        if (store->hasError())
            return fail(err, store->errorString());
        if (stored == 0)
            return fail(
                err,
                tr("no stored candles for %1 in that range; run `candlewick-cli fetch` first")
                    .arg(key.toString()));
        replay.setDatabase(database);
        replay.addSeries(key);
    }
    run->attach(&replay, {key});

    QEventLoop loop;
    int exitCode = Success;
    QObject::connect(run, &StrategyRun::signalEmitted, &loop, [&out](const StrategySignal &s) {
        out << s.toJsonLine() << '\n';
        out.flush();
    });
    QObject::connect(run, &StrategyRun::failed, &loop, [&](const QString &message) {
        exitCode = fail(err, message);
        loop.quit();
    });
    QObject::connect(&replay, &ReplayFeed::errorOccurred, &loop, [&](const QString &message) {
        exitCode = fail(err, message);
        loop.quit();
    });
    QObject::connect(&replay, &ReplayFeed::finished, &loop, &QEventLoop::quit);
    replay.play(); // at max speed the first slice (and a failure) may happen right here
    if (exitCode == Success && replay.playerState() == ReplayFeed::State::Playing)
        loop.exec();
    if (exitCode != Success)
        return exitCode;
    run->stop();

    QJsonObject summary = run->summary(key).toJson();
    summary.insert(QLatin1StringView("candles"), run->candleCount());
    summary.insert(QLatin1StringView("strategy"), strategyName);
    out << QJsonDocument(QJsonObject{{QStringLiteral("summary"), summary}})
               .toJson(QJsonDocument::Compact)
        << '\n';
    out.flush();
    return Success;
}

} // namespace Candlewick::Cli
