#include "clioptions.h"

#include <candlestore.h>
#include <candlevalidation.h>
#include <clock.h>
#include <exchange.h>
#include <exchangesession.h>
#include <exchangeregistry.h>
#include <replay/replayfeed.h>
#include <utctime.h>

#include <QCoreApplication>
#include <QRegularExpression>

namespace Candlewick::Cli::Options {

// The messages here are translated in the context "Candlewick::Cli::Options" (spelled out in
// each call: lupdate reads it there).

QCommandLineOption db()
{
    return {QStringLiteral("db"),
            QCoreApplication::translate(
                "Candlewick::Cli::Options",
                "SQLite database file or postgresql://USER@HOST:PORT/DATABASE URL "
                "(default: %1).")
                .arg(CandleStore::defaultPath()),
            QStringLiteral("path")};
}

QCommandLineOption archiveUrl()
{
    return {QStringLiteral("archive-url"),
            QCoreApplication::translate("Candlewick::Cli::Options",
                                        "The base URL of the exchange's public archive (env "
                                        "CANDLEWICK_<EXCHANGE>_ARCHIVE_URL; Binance: "
                                        "https://data.binance.vision, unless --rest-url is "
                                        "another server)."),
            QStringLiteral("url")};
}

QCommandLineOption restUrl()
{
    return {QStringLiteral("rest-url"),
            QCoreApplication::translate("Candlewick::Cli::Options",
                                        "The exchange's REST base URL (env "
                                        "CANDLEWICK_<EXCHANGE>_REST_URL; defaults: see "
                                        "`candlewick-cli exchanges`)."),
            QStringLiteral("url")};
}

QCommandLineOption wsUrl()
{
    return {QStringLiteral("ws-url"),
            QCoreApplication::translate("Candlewick::Cli::Options",
                                        "The exchange's WebSocket base URL (env "
                                        "CANDLEWICK_<EXCHANGE>_WS_URL; defaults: see "
                                        "`candlewick-cli exchanges`)."),
            QStringLiteral("url")};
}

QCommandLineOption exchange()
{
    return {QStringLiteral("exchange"),
            QCoreApplication::translate("Candlewick::Cli::Options",
                                        "Exchange: %1 (default %2; %3 needs no network).")
                .arg(ExchangeRegistry::ids().join(QStringLiteral(", ")),
                     ExchangeRegistry::defaultExchange().id, ExchangeRegistry::offline().id),
            QStringLiteral("id"), ExchangeRegistry::defaultExchange().id};
}

QCommandLineOption symbol()
{
    return {QStringLiteral("symbol"),
            QCoreApplication::translate("Candlewick::Cli::Options",
                                        "Symbol, or a comma list (BTCUSDT,ETHUSDT)."),
            QStringLiteral("symbols")};
}

QCommandLineOption interval()
{
    return {
        QStringLiteral("interval"),
        QCoreApplication::translate("Candlewick::Cli::Options",
                                    "Candle interval: 1s 1m 3m 5m 15m 30m 1h 2h 4h 6h 8h 12h 1d "
                                    "3d 1w 1M (default 1m)."),
        QStringLiteral("interval"), QStringLiteral("1m")};
}

QCommandLineOption from()
{
    return {
        QStringLiteral("from"),
        QCoreApplication::translate("Candlewick::Cli::Options",
                                    "Start, inclusive, UTC (2024-03-01 or 2024-03-01T00:00:00Z)."),
        QStringLiteral("time")};
}

QCommandLineOption to()
{
    return {QStringLiteral("to"),
            QCoreApplication::translate("Candlewick::Cli::Options", "End, exclusive, UTC."),
            QStringLiteral("time")};
}

QList<QCommandLineOption> seriesOptions()
{
    return {symbol(), interval(), from(), to(), exchange(), db()};
}

QString databaseLocation(const QCommandLineParser &parser)
{
    const QString path = parser.value(QStringLiteral("db"));
    return path.isEmpty() ? CandleStore::defaultPath() : path;
}

std::shared_ptr<CandleDatabase> database(const QCommandLineParser &parser,
                                         CandleDatabase::Access access, QString &error)
{
    return CandleDatabase::open(databaseLocation(parser), access, &error);
}

const Exchange *exchange(const QCommandLineParser &parser, QString &error)
{
    const QString id = parser.value(QStringLiteral("exchange")).toLower();
    const Exchange *found = ExchangeRegistry::find(id);
    if (!found) {
        error = QCoreApplication::translate("Candlewick::Cli::Options",
                                            "unknown exchange '%1' (known: %2)")
                    .arg(id, ExchangeRegistry::ids().join(QStringLiteral(", ")));
    }
    return found;
}

std::optional<QStringList> symbols(const QCommandLineParser &parser, const Exchange &exchange,
                                   QString &error, const QString &option)
{
    static const QRegularExpression valid(QStringLiteral("^[A-Z0-9\\-_.]{1,24}$"));
    QStringList out;
    for (const QString &part : parser.value(option).split(u',', Qt::SkipEmptyParts)) {
        const QString s = exchange.nativeSymbol(part.trimmed()).toUpper();
        if (!valid.match(s).hasMatch()) {
            error = QCoreApplication::translate("Candlewick::Cli::Options", "invalid symbol '%1'")
                        .arg(part.trimmed());
            return std::nullopt;
        }
        if (!out.contains(s))
            out.append(s);
    }
    if (out.isEmpty()) {
        error = QCoreApplication::translate("Candlewick::Cli::Options",
                                            "--symbol is required (for example --symbol BTCUSDT)");
        return std::nullopt;
    }
    return out;
}

namespace {

// The interval `text` names (else `error` names it, as part of `where`), when the exchange can
// give it.
std::optional<Interval> checkedInterval(const QString &text, const QString &where,
                                        const Exchange &exchange, QString &error)
{
    const auto parsed = Intervals::parse(text);
    if (!parsed) {
        QStringList names;
        for (Interval i : Intervals::all())
            names.append(Intervals::name(i));
        error = where.isEmpty()
            ? QCoreApplication::translate("Candlewick::Cli::Options",
                                          "unknown interval '%1' (use one of %2)")
                  .arg(text, names.join(u' '))
            : QCoreApplication::translate("Candlewick::Cli::Options",
                                          "unknown interval '%1' in %2 (use one of %3)")
                  .arg(text, where, names.join(u' '));
        return std::nullopt;
    }
    const QString unavailable = exchange.intervalError(*parsed);
    if (!unavailable.isEmpty()) {
        error = unavailable;
        return std::nullopt;
    }
    return parsed;
}

} // namespace

std::optional<Interval> interval(const QCommandLineParser &parser, const Exchange &exchange,
                                 QString &error)
{
    return checkedInterval(parser.value(QStringLiteral("interval")), {}, exchange, error);
}

std::optional<QList<Interval>> intervals(const QCommandLineParser &parser, const QString &option,
                                         const Exchange &exchange, QString &error)
{
    const QString where = QStringLiteral("--") + option;
    QList<Interval> list;
    for (const QString &part : parser.value(option).split(u',', Qt::SkipEmptyParts)) {
        const auto i = checkedInterval(part.trimmed(), where, exchange, error);
        if (!i)
            return std::nullopt;
        if (!list.contains(*i))
            list.append(*i);
    }
    if (list.isEmpty()) {
        error = QCoreApplication::translate("Candlewick::Cli::Options",
                                            "%1 is empty (for example %1 1m)")
                    .arg(where);
        return std::nullopt;
    }
    return list;
}

namespace {

// A parsed --from / --to must lie where candles can be (2009 .. 2200): anything else is a typo,
// or epoch seconds read as milliseconds.
bool plausibleEdge(const QString &option, const QString &text, qint64 t, bool isEnd, QString &error)
{
    if (isEnd ? t > EarliestCandleTime && t <= LatestCandleTime : isPlausibleTime(t))
        return true;
    static const QRegularExpression digits(QStringLiteral("^\\d+$"));
    if (t < 100'000'000'000 && digits.match(text.trimmed()).hasMatch()) {
        error = QCoreApplication::translate(
                    "Candlewick::Cli::Options",
                    "--%1 %2 read as milliseconds is %3: seconds? use a date (2024-03-01) or "
                    "milliseconds (1709251200000)")
                    .arg(option, text.trimmed(), UtcTime::format(t));
    } else {
        error = QCoreApplication::translate(
                    "Candlewick::Cli::Options",
                    "--%1 %2 is outside the time candles can have (2009-01-01 .. 2200-01-01)")
                    .arg(option, UtcTime::format(t));
    }
    return false;
}

} // namespace

std::optional<TimeRange> range(const QCommandLineParser &parser, QString &error)
{
    const QString fromText = parser.value(QStringLiteral("from"));
    const QString toText = parser.value(QStringLiteral("to"));
    if (fromText.isEmpty() || toText.isEmpty()) {
        error = QCoreApplication::translate(
            "Candlewick::Cli::Options",
            "--from and --to are required (UTC, e.g. --from 2024-03-01 --to 2024-06-01)");
        return std::nullopt;
    }
    const auto from = UtcTime::parse(fromText);
    if (!from) {
        error = QCoreApplication::translate(
                    "Candlewick::Cli::Options",
                    "cannot read --from '%1' (use 2024-03-01 or 2024-03-01T00:00:00Z)")
                    .arg(fromText);
        return std::nullopt;
    }
    if (!plausibleEdge(QStringLiteral("from"), fromText, *from, false, error))
        return std::nullopt;
    const auto to = UtcTime::parse(toText);
    if (!to) {
        error = QCoreApplication::translate(
                    "Candlewick::Cli::Options",
                    "cannot read --to '%1' (use 2024-06-01 or 2024-06-01T00:00:00Z)")
                    .arg(toText);
        return std::nullopt;
    }
    if (!plausibleEdge(QStringLiteral("to"), toText, *to, true, error))
        return std::nullopt;
    if (*to <= *from) {
        error = QCoreApplication::translate("Candlewick::Cli::Options",
                                            "--to (%1) must be after --from (%2)")
                    .arg(UtcTime::format(*to), UtcTime::format(*from));
        return std::nullopt;
    }
    return TimeRange{*from, *to};
}

std::optional<Endpoints> endpoints(const QCommandLineParser &parser, const Exchange &exchange,
                                   QString &error, bool withWebSocket)
{
    const QString archiveOption = QStringLiteral("archive-url");
    const Endpoints resolved = exchange.resolveEndpoints(
        parser.value(QStringLiteral("rest-url")),
        withWebSocket ? parser.value(QStringLiteral("ws-url")) : QString(),
        parser.optionNames().contains(archiveOption) ? parser.value(archiveOption) : QString());
    if (!exchange.needsNetwork)
        return resolved;
    if (!Endpoints::isValidRestUrl(resolved.restUrl)) {
        error = QCoreApplication::translate("Candlewick::Cli::Options", "invalid REST URL '%1'")
                    .arg(resolved.restUrl.toString());
        return std::nullopt;
    }
    if (withWebSocket && !Endpoints::isValidWsUrl(resolved.wsUrl)) {
        error
            = QCoreApplication::translate("Candlewick::Cli::Options", "invalid WebSocket URL '%1'")
                  .arg(resolved.wsUrl.toString());
        return std::nullopt;
    }
    if (!resolved.archiveUrl.isEmpty() && !Endpoints::isValidRestUrl(resolved.archiveUrl)) {
        error = QCoreApplication::translate("Candlewick::Cli::Options", "invalid archive URL '%1'")
                    .arg(resolved.archiveUrl.toString());
        return std::nullopt;
    }
    return resolved;
}

std::unique_ptr<ExchangeSession> session(const QCommandLineParser &parser, QString &error)
{
    const Exchange *chosen = exchange(parser, error);
    const auto chosenEndpoints = chosen ? endpoints(parser, *chosen, error) : std::nullopt;
    if (!chosenEndpoints)
        return nullptr;
    return std::unique_ptr<ExchangeSession>(
        chosen->createSession(*chosen, *chosenEndpoints, Clock::system(), nullptr));
}

std::optional<double> speed(const QCommandLineParser &parser, QString &error)
{
    const QString text = parser.value(QStringLiteral("speed")).trimmed().toLower();
    if (text == QLatin1StringView("max"))
        return ReplayFeed::MaxSpeed;
    bool ok = false;
    const double factor = text.toDouble(&ok);
    if (!ok || !(factor >= ReplayFeed::SlowestSpeed) || factor > ReplayFeed::FastestPacedSpeed) {
        error = QCoreApplication::translate("Candlewick::Cli::Options",
                                            "--speed must be a factor from %1 to %2 or max, not "
                                            "'%3'")
                    .arg(QString::number(ReplayFeed::SlowestSpeed),
                         QString::number(ReplayFeed::FastestPacedSpeed, 'f', 0), text);
        return std::nullopt;
    }
    return factor;
}

std::optional<SeriesRequest> seriesRequest(const QCommandLineParser &parser, QString &error)
{
    const Exchange *chosen = exchange(parser, error);
    const auto symbolList = chosen ? symbols(parser, *chosen, error) : std::nullopt;
    const auto parsedInterval = symbolList ? interval(parser, *chosen, error) : std::nullopt;
    const auto parsedRange = parsedInterval ? range(parser, error) : std::nullopt;
    if (!parsedRange)
        return std::nullopt;
    return SeriesRequest{chosen, *symbolList, *parsedInterval, *parsedRange};
}

} // namespace Candlewick::Cli::Options
