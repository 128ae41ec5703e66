#include "clioptions.h"

#include <candlestore.h>
#include <providerfactory.h>
#include <utctime.h>

#include <QRegularExpression>

namespace Candlewick::Cli::Options {

QCommandLineOption db()
{
    return {QStringLiteral("db"),
            QStringLiteral("SQLite database file (default: %1).").arg(CandleStore::defaultPath()),
            QStringLiteral("path")};
}

QCommandLineOption restUrl()
{
    return {QStringLiteral("rest-url"),
            QStringLiteral("Binance REST base URL (env CANDLEWICK_BINANCE_REST_URL; default "
                           "https://api.binance.com)."),
            QStringLiteral("url")};
}

QCommandLineOption wsUrl()
{
    return {QStringLiteral("ws-url"),
            QStringLiteral("Binance WebSocket base URL (env CANDLEWICK_BINANCE_WS_URL; default "
                           "wss://stream.binance.com:9443)."),
            QStringLiteral("url")};
}

QCommandLineOption exchange()
{
    return {QStringLiteral("exchange"),
            QStringLiteral("Exchange: %1 (default binance; demo needs no network).")
                .arg(ProviderFactory::exchanges().join(QStringLiteral(", "))),
            QStringLiteral("id"), QStringLiteral("binance")};
}

QCommandLineOption symbol()
{
    return {QStringLiteral("symbol"), QStringLiteral("Symbol, or a comma list (BTCUSDT,ETHUSDT)."),
            QStringLiteral("symbols")};
}

QCommandLineOption interval()
{
    return {QStringLiteral("interval"),
            QStringLiteral("Candle interval: 1s 1m 3m 5m 15m 30m 1h 2h 4h 6h 8h 12h 1d 3d 1w 1M "
                           "(default 1m)."),
            QStringLiteral("interval"), QStringLiteral("1m")};
}

QCommandLineOption from()
{
    return {QStringLiteral("from"),
            QStringLiteral("Start, inclusive, UTC (2024-03-01 or 2024-03-01T00:00:00Z)."),
            QStringLiteral("time")};
}

QCommandLineOption to()
{
    return {QStringLiteral("to"), QStringLiteral("End, exclusive, UTC."), QStringLiteral("time")};
}

QString dbPath(const QCommandLineParser &parser)
{
    const QString path = parser.value(QStringLiteral("db"));
    return path.isEmpty() ? CandleStore::defaultPath() : path;
}

std::optional<QString> exchangeId(const QCommandLineParser &parser, QString &error)
{
    const QString id = parser.value(QStringLiteral("exchange")).toLower();
    if (!ProviderFactory::exchanges().contains(id)) {
        error = QStringLiteral("unknown exchange '%1' (known: %2)")
                    .arg(id, ProviderFactory::exchanges().join(QStringLiteral(", ")));
        return std::nullopt;
    }
    return id;
}

std::optional<QStringList> symbols(const QCommandLineParser &parser, QString &error)
{
    static const QRegularExpression valid(QStringLiteral("^[A-Z0-9\\-_.]{1,20}$"));
    QStringList out;
    for (const QString &part : parser.value(QStringLiteral("symbol")).split(u',', Qt::SkipEmptyParts)) {
        const QString s = part.trimmed().toUpper();
        if (!valid.match(s).hasMatch()) {
            error = QStringLiteral("invalid symbol '%1'").arg(part.trimmed());
            return std::nullopt;
        }
        if (!out.contains(s))
            out.append(s);
    }
    if (out.isEmpty()) {
        error = QStringLiteral("--symbol is required (for example --symbol BTCUSDT)");
        return std::nullopt;
    }
    return out;
}

std::optional<Interval> interval(const QCommandLineParser &parser, QString &error)
{
    const QString text = parser.value(QStringLiteral("interval"));
    const auto parsed = Intervals::parse(text);
    if (!parsed) {
        QStringList names;
        for (Interval i : Intervals::all())
            names.append(Intervals::name(i));
        error = QStringLiteral("unknown interval '%1' (use one of %2)").arg(text, names.join(u' '));
    }
    return parsed;
}

std::optional<TimeRange> range(const QCommandLineParser &parser, QString &error)
{
    const QString fromText = parser.value(QStringLiteral("from"));
    const QString toText = parser.value(QStringLiteral("to"));
    if (fromText.isEmpty() || toText.isEmpty()) {
        error = QStringLiteral("--from and --to are required (UTC, e.g. --from 2024-03-01 --to 2024-06-01)");
        return std::nullopt;
    }
    const auto from = UtcTime::parse(fromText);
    if (!from) {
        error = QStringLiteral("cannot read --from '%1' (use 2024-03-01 or 2024-03-01T00:00:00Z)").arg(fromText);
        return std::nullopt;
    }
    const auto to = UtcTime::parse(toText);
    if (!to) {
        error = QStringLiteral("cannot read --to '%1' (use 2024-06-01 or 2024-06-01T00:00:00Z)").arg(toText);
        return std::nullopt;
    }
    if (*to <= *from) {
        error = QStringLiteral("--to (%1) must be after --from (%2)")
                    .arg(UtcTime::format(*to), UtcTime::format(*from));
        return std::nullopt;
    }
    return TimeRange{*from, *to};
}

std::optional<SeriesRequest> seriesRequest(const QCommandLineParser &parser, QString &error)
{
    const auto exchange = exchangeId(parser, error);
    const auto symbolList = exchange ? symbols(parser, error) : std::nullopt;
    const auto parsedInterval = symbolList ? interval(parser, error) : std::nullopt;
    const auto parsedRange = parsedInterval ? range(parser, error) : std::nullopt;
    if (!parsedRange)
        return std::nullopt;
    return SeriesRequest{*exchange, *symbolList, *parsedInterval, *parsedRange};
}

} // namespace Candlewick::Cli::Options
