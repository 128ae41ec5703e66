#pragma once

#include <candledatabase.h>
#include <endpoints.h>
#include <interval.h>
#include <timerange.h>

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

namespace Candlewick::Cli {

// The options several commands share, and the checks of what the user typed. A check that fails
// leaves its one-line message in `error`.
namespace Options {

QCommandLineOption db();
QCommandLineOption restUrl();
QCommandLineOption wsUrl();
QCommandLineOption exchange();
QCommandLineOption symbol();
QCommandLineOption interval();
QCommandLineOption from();
QCommandLineOption to();

// The database of --db (or the default file), opened once for the whole command; nullptr with
// `error` set when it cannot be opened.
std::shared_ptr<CandleDatabase> database(const QCommandLineParser &parser,
                                         CandleDatabase::Access access, QString &error);
// --exchange, lowercase; checked against the known exchanges.
std::optional<QString> exchangeId(const QCommandLineParser &parser, QString &error);
// --symbol as an uppercase, de-duplicated comma list; at least one.
std::optional<QStringList> symbols(const QCommandLineParser &parser, QString &error);
std::optional<Interval> interval(const QCommandLineParser &parser, QString &error);
// --from (inclusive) and --to (exclusive), UTC; --to must be after --from.
std::optional<TimeRange> range(const QCommandLineParser &parser, QString &error);

// The Binance base URLs from --rest-url / --ws-url (else environment, settings, defaults), checked:
// the REST URL always, the WebSocket URL when `withWebSocket` is set.
std::optional<Endpoints> endpoints(const QCommandLineParser &parser, QString &error,
                                   bool withWebSocket = false);

// What fetch, export and replay are asked for: --exchange, --symbol, --interval, --from, --to,
// checked in that order (the first problem is reported).
struct SeriesRequest
{
    QString exchange;
    QStringList symbols;
    Interval interval = Interval::M1;
    TimeRange range;
};
std::optional<SeriesRequest> seriesRequest(const QCommandLineParser &parser, QString &error);

} // namespace Options
} // namespace Candlewick::Cli
