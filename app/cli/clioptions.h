#pragma once

#include <candledatabase.h>
#include <endpoints.h>
#include <interval.h>
#include <timerange.h>

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QList>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

namespace Candlewick {
class Exchange;
class ExchangeSession;
} // namespace Candlewick

namespace Candlewick::Cli {

// The options several commands share, and the checks of what the user typed. A check that fails
// leaves its one-line message in `error`.
namespace Options {

QCommandLineOption db();
QCommandLineOption restUrl();
QCommandLineOption wsUrl();
QCommandLineOption archiveUrl();
QCommandLineOption exchange();
QCommandLineOption symbol();
QCommandLineOption interval();
QCommandLineOption from();
QCommandLineOption to();
// The options of a stored series: what seriesRequest() reads, then --db.
QList<QCommandLineOption> seriesOptions();

// --db, or the default file.
QString databaseLocation(const QCommandLineParser &parser);
// The database of --db (or the default file), opened once for the whole command; nullptr with
// `error` set when it cannot be opened.
std::shared_ptr<CandleDatabase> database(const QCommandLineParser &parser,
                                         CandleDatabase::Access access, QString &error);
// --exchange, lowercase; checked against the exchange registry.
const Exchange *exchange(const QCommandLineParser &parser, QString &error);
// --symbol as a de-duplicated comma list of the exchange's native ids; each may also be given
// unified (BTC/USDT, BTC/USDT:USDT); at least one. `option` names another option to read.
std::optional<QStringList> symbols(const QCommandLineParser &parser, const Exchange &exchange,
                                   QString &error,
                                   const QString &option = QStringLiteral("symbol"));
// --interval, which the exchange must be able to give (natively or built).
std::optional<Interval> interval(const QCommandLineParser &parser, const Exchange &exchange,
                                 QString &error);
// --`option` as a comma list of intervals, each checked like --interval; duplicates dropped, at
// least one.
std::optional<QList<Interval>> intervals(const QCommandLineParser &parser, const QString &option,
                                         const Exchange &exchange, QString &error);
// --from (inclusive) and --to (exclusive), UTC; --to must be after --from.
std::optional<TimeRange> range(const QCommandLineParser &parser, QString &error);

// The exchange's base URLs from --rest-url / --ws-url / --archive-url (else environment,
// settings, defaults), checked: the REST URL always, the WebSocket URL when `withWebSocket` is
// set (an exchange that needs no network has none to check), an archive URL when one is given.
std::optional<Endpoints> endpoints(const QCommandLineParser &parser, const Exchange &exchange,
                                   QString &error, bool withWebSocket = false);

// A session of --exchange (on the system clock) at its checked endpoints(); nullptr with `error`
// set when either check fails.
std::unique_ptr<ExchangeSession> session(const QCommandLineParser &parser, QString &error);

// --speed: a replay factor (1 = real time) within ReplayFeed's paced range, or MaxSpeed for
// "max".
std::optional<double> speed(const QCommandLineParser &parser, QString &error);

// What fetch, export and replay are asked for: --exchange, --symbol, --interval, --from, --to,
// checked in that order (the first problem is reported).
struct SeriesRequest
{
    const Exchange *exchange = nullptr;
    QStringList symbols;
    Interval interval = Interval::M1;
    TimeRange range;
};
std::optional<SeriesRequest> seriesRequest(const QCommandLineParser &parser, QString &error);

} // namespace Options
} // namespace Candlewick::Cli
