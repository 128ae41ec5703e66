#include "recordcommand.h"
#include <durations.h>

#include "clioptions.h"
#include "signalwatcher.h"

#include <candleformat.h>
#include <clock.h>
#include <exchange.h>
#include <exchangesession.h>
#include <gapfreefeed.h>
#include <recorder.h>
#include <tradefeed.h>
#include <tradeformat.h>
#include <traderecorder.h>
#include <tradestore.h>
#include <utctime.h>

#include <QCoreApplication>
#include <QEventLoop>
#include <QFile>
#include <QTimer>

namespace Candlewick::Cli {

namespace {

// The helpers below translate in RecordCommand's context (spelled out: lupdate reads it there).

QCommandLineOption symbolsOption()
{
    return {{QStringLiteral("symbols"), QStringLiteral("symbol")},
            QCoreApplication::translate("Candlewick::Cli::RecordCommand",
                                        "Symbols to record, a comma list (BTCUSDT,ETHUSDT)."),
            QStringLiteral("list")};
}

QCommandLineOption intervalsOption()
{
    return {QStringLiteral("intervals"),
            QCoreApplication::translate(
                "Candlewick::Cli::RecordCommand",
                "Several intervals, a comma list (1m,1s); overrides --interval."),
            QStringLiteral("list")};
}

QCommandLineOption durationOption()
{
    return {QStringLiteral("duration"),
            QCoreApplication::translate("Candlewick::Cli::RecordCommand",
                                        "Stop after this long: 90s, 10m, 2h (default: until "
                                        "SIGINT/SIGTERM)."),
            QStringLiteral("time")};
}

QCommandLineOption partialsOption()
{
    return {QStringLiteral("partials"),
            QCoreApplication::translate("Candlewick::Cli::RecordCommand",
                                        "Also store the forming candle's updates (kept apart from "
                                        "closed candles).")};
}

QCommandLineOption jsonOption()
{
    return {QStringLiteral("json"),
            QCoreApplication::translate("Candlewick::Cli::RecordCommand",
                                        "Print each closed candle on stdout as a JSON line once it "
                                        "is stored.")};
}

QCommandLineOption tradesOption()
{
    return {QStringLiteral("trades"),
            QCoreApplication::translate("Candlewick::Cli::RecordCommand",
                                        "Record the symbols' raw trades (id, time, price, size, "
                                        "side) instead of candles; --json prints each stored "
                                        "trade.")};
}

QCommandLineOption statusOption()
{
    return {QStringLiteral("status-every"),
            QCoreApplication::translate("Candlewick::Cli::RecordCommand",
                                        "Seconds between status lines on stderr (default 5)."),
            QStringLiteral("seconds"), QStringLiteral("5")};
}

// With several recorders on one database (PostgreSQL): how many series this one writes.
QString rolesPart(const Recorder &recorder)
{
    if (!recorder.coordinates())
        return {};
    qsizetype writing = 0;
    for (const SeriesKey &key : recorder.series())
        writing += recorder.isWriting(key) ? 1 : 0;
    return QCoreApplication::translate("Candlewick::Cli::RecordCommand",
                                       ", %1 writing, %2 standing by")
        .arg(writing)
        .arg(recorder.series().size() - writing);
}

QString statusLine(const Recorder &recorder)
{
    const Recorder::Counters c = recorder.counters();
    // "record: " names the command, like the error prefix; the rest is translated.
    return QStringLiteral("record: ")
        + QCoreApplication::translate("Candlewick::Cli::RecordCommand",
                                      "%1, %2 msg/s, %3 closed stored, %4 gaps backfilled (%5 "
                                      "candles), %6 reconnects, %7 rejected frames, last %8")
              .arg(connectionStateName(recorder.state()))
              .arg(c.messagesPerSecond, 0, 'f', 1)
              .arg(c.closedStored)
              .arg(c.gapsBackfilled)
              .arg(c.candlesBackfilled)
              .arg(c.reconnects)
              .arg(c.rejectedFrames)
              .arg(c.lastOpenTime >= 0 ? UtcTime::format(c.lastOpenTime) : QStringLiteral("-"))
        + rolesPart(recorder);
}

} // namespace

QString RecordCommand::summary() const
{
    return tr("Record live candles into the local database, gap-free.");
}

void RecordCommand::addOptions(QCommandLineParser &parser) const
{
    QCommandLineOption interval = Options::interval();
    interval.setDefaultValue(QStringLiteral("1m"));
    parser.addOptions({symbolsOption(), interval, intervalsOption(), durationOption(),
                       partialsOption(), jsonOption(), tradesOption(), statusOption(),
                       Options::db(), Options::exchange(), Options::wsUrl(), Options::restUrl()});
}

std::optional<qint64> RecordCommand::parseDuration(const QString &text)
{
    QString t = text.trimmed();
    qint64 unit = Durations::SecondMs;
    if (t.endsWith(u's')) {
        t.chop(1);
    } else if (t.endsWith(u'm')) {
        unit = Durations::MinuteMs;
        t.chop(1);
    } else if (t.endsWith(u'h')) {
        unit = Durations::HourMs;
        t.chop(1);
    }
    bool ok = false;
    const double value = t.toDouble(&ok);
    if (!ok || !(value > 0) || value * double(unit) > 1e15)
        return std::nullopt;
    return qint64(value * double(unit));
}

int RecordCommand::run(const QCommandLineParser &parser, QTextStream &out, QTextStream &err)
{
    QString error;
    const Exchange *exchange = Options::exchange(parser, error);
    if (!exchange)
        return fail(err, error, BadInput);
    const auto symbols = Options::symbols(parser, *exchange, error);
    if (!symbols)
        return fail(err, error, BadInput);
    QList<Interval> intervals;
    if (parser.isSet(QStringLiteral("intervals"))) {
        const auto list = Options::intervals(parser, QStringLiteral("intervals"), *exchange, error);
        if (!list)
            return fail(err, error, BadInput);
        intervals = *list;
    } else {
        const auto i = Options::interval(parser, *exchange, error);
        if (!i)
            return fail(err, error, BadInput);
        intervals.append(*i);
    }
    std::optional<qint64> durationMs;
    if (parser.isSet(QStringLiteral("duration"))) {
        durationMs = parseDuration(parser.value(QStringLiteral("duration")));
        if (!durationMs)
            return fail(err,
                        tr("bad --duration '%1' (use e.g. 90s, 10m, 2h)")
                            .arg(parser.value(QStringLiteral("duration"))),
                        BadInput);
    }
    bool statusOk = false;
    const int statusEvery = parser.value(QStringLiteral("status-every")).toInt(&statusOk);
    if (!statusOk || statusEvery < 1)
        return fail(err, tr("bad --status-every (whole seconds, at least 1)"), BadInput);
    const auto endpoints = Options::endpoints(parser, *exchange, error, true);
    if (!endpoints)
        return fail(err, error, BadInput);
    if (parser.isSet(QStringLiteral("trades")))
        return recordTrades(parser,
                            {exchange, *symbols, *endpoints, durationMs, statusEvery,
                             parser.isSet(QStringLiteral("json"))},
                            out, err);

    const auto database = Options::database(parser, CandleDatabase::Access::ReadWrite, error);
    if (!database)
        return fail(err, error);

    std::unique_ptr<ExchangeSession> session(
        exchange->createSession(*exchange, *endpoints, Clock::system(), nullptr));
    std::unique_ptr<GapFreeFeed> live(session->createGapFreeFeed());
    if (!live)
        return fail(err, tr("%1 has no live feed").arg(exchange->translatedName()), BadInput);
    Recorder recorder(database, live.get());
    recorder.setPartials(parser.isSet(QStringLiteral("partials")));
    for (const QString &symbol : *symbols) {
        for (Interval interval : std::as_const(intervals))
            recorder.addSeries({exchange->id, symbol, interval});
    }

    QEventLoop loop;
    const bool json = parser.isSet(QStringLiteral("json"));
    QObject::connect(
        &recorder, &Recorder::candleStored, &loop, [&](const SeriesKey &key, const Candle &candle) {
            if (!json)
                return;
            // The export format, with the interval first: one series per
            // (symbol, interval).
            QByteArray line = "{\"interval\":\"" + Intervals::name(key.interval).toLatin1() + "\",";
            CandleFormat::appendJsonLine(line, key.symbol, candle);
            line.remove(line.indexOf('{', 1), 1);
            out << QString::fromUtf8(line);
            out.flush();
        });
    QString fatal;
    QObject::connect(&recorder, &Recorder::writeFailed, &loop, [&](const QString &message) {
        fatal = tr("cannot write to the database: %1").arg(message);
        loop.quit();
    });
    QObject::connect(
        &recorder, &Recorder::roleChanged, &loop, [&](const SeriesKey &key, bool writing) {
            err << "record: "
                << (writing ? tr("%1 writing").arg(key.toString())
                            : tr("%1 standing by (another recorder writes it)").arg(key.toString()))
                << '\n';
            err.flush();
        });
    QObject::connect(live.get(), &LiveFeed::logMessage, &loop, [&](const QString &message) {
        err << "record: " << message << '\n';
        err.flush();
    });
    SignalWatcher watcher([&loop] { loop.quit(); });
    QTimer status;
    QObject::connect(&status, &QTimer::timeout, &loop, [&] {
        err << statusLine(recorder) << '\n';
        err.flush();
    });
    status.start(statusEvery * 1000);
    if (durationMs)
        QTimer::singleShot(std::chrono::milliseconds(*durationMs), &loop, &QEventLoop::quit);

    err << "record: "
        << tr("%1 x %2 interval(s) into %3 from %4")
               .arg(symbols->join(u','))
               .arg(intervals.size())
               .arg(database->displayPath(),
                    exchange->needsNetwork ? endpoints->wsUrl.toDisplayString()
                                           : exchange->translatedName())
        << '\n';
    err.flush();
    recorder.start();
    if (fatal.isEmpty())
        loop.exec();
    recorder.stop();
    status.stop();

    err << statusLine(recorder) << '\n';
    err.flush();
    if (!fatal.isEmpty())
        return fail(err, fatal);
    const Recorder::Counters c = recorder.counters();
    if (!json)
        out << tr("recorded %1 closed candles, %2 backfilled, %3 reconnects")
                   .arg(c.closedStored)
                   .arg(c.candlesBackfilled)
                   .arg(c.reconnects)
            << '\n';
    return Success;
}

int RecordCommand::recordTrades(const QCommandLineParser &parser, const TradeRun &run,
                                QTextStream &out, QTextStream &err)
{
    TradeStore store;
    if (!store.open(Options::databaseLocation(parser)))
        return fail(err, store.errorString());
    std::unique_ptr<ExchangeSession> session(
        run.exchange->createSession(*run.exchange, run.endpoints, Clock::system(), nullptr));
    std::unique_ptr<TradeFeed> feed(session->createTradeFeed());
    if (!feed)
        return fail(err, tr("%1 has no trade feed").arg(run.exchange->translatedName()), BadInput);
    TradeRecorder recorder(&store, feed.get(), run.exchange->id, Clock::system());
    for (const QString &symbol : run.symbols)
        recorder.addSymbol(symbol);

    QEventLoop loop;
    QObject::connect(&recorder, &TradeRecorder::tradesStored, &loop,
                     [&](const QString &symbol, const TradeBatch &trades) {
                         if (!run.json)
                             return;
                         QByteArray lines;
                         for (const Trade &t : trades)
                             TradeFormat::appendJsonLine(lines, symbol, t);
                         out << QString::fromUtf8(lines);
                         out.flush();
                     });
    QString fatal;
    QObject::connect(&recorder, &TradeRecorder::writeFailed, &loop, [&](const QString &message) {
        fatal = tr("cannot write to the database: %1").arg(message);
        loop.quit();
    });
    QObject::connect(feed.get(), &TradeFeed::logMessage, &loop, [&](const QString &message) {
        err << "record: " << message << '\n';
        err.flush();
    });
    const auto status = [&] {
        const TradeRecorder::Counters c = recorder.counters();
        return QStringLiteral("record: ")
            + tr("%1, %2 trades stored, %3 losses, %4 reconnects, %5 rejected frames, last %6")
                  .arg(connectionStateName(recorder.state()))
                  .arg(c.tradesStored)
                  .arg(c.losses)
                  .arg(c.reconnects)
                  .arg(c.rejectedFrames)
                  .arg(c.lastTradeUs >= 0 ? UtcTime::format(c.lastTradeUs / 1000)
                                          : QStringLiteral("-"));
    };
    SignalWatcher watcher([&loop] { loop.quit(); });
    QTimer statusTimer;
    QObject::connect(&statusTimer, &QTimer::timeout, &loop, [&] {
        err << status() << '\n';
        err.flush();
    });
    statusTimer.start(run.statusEvery * 1000);
    if (run.durationMs)
        QTimer::singleShot(std::chrono::milliseconds(*run.durationMs), &loop, &QEventLoop::quit);

    err << "record: "
        << tr("trades of %1 into %2 from %3")
               .arg(run.symbols.join(u','), Options::databaseLocation(parser),
                    run.endpoints.wsUrl.toDisplayString())
        << '\n';
    err.flush();
    recorder.start();
    loop.exec();
    recorder.stop();
    statusTimer.stop();

    err << status() << '\n';
    err.flush();
    if (!fatal.isEmpty())
        return fail(err, fatal);
    if (!run.json)
        out << tr("recorded %1 trades, %2 losses")
                   .arg(recorder.counters().tradesStored)
                   .arg(recorder.counters().losses)
            << '\n';
    return Success;
}

} // namespace Candlewick::Cli
