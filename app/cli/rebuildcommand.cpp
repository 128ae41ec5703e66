#include "rebuildcommand.h"

#include "clioptions.h"

#include <candledatabase.h>
#include <candlestore.h>
#include <clock.h>
#include <exchange.h>
#include <exchangesession.h>
#include <tradeaggregator.h>
#include <tradefeed.h>
#include <tradestore.h>
#include <utctime.h>

#include <algorithm>
#include <memory>

namespace Candlewick::Cli {

QString RebuildCommand::summary() const
{
    return tr("Rebuild candles of any interval from stored trades (--from-trades).");
}

void RebuildCommand::addOptions(QCommandLineParser &parser) const
{
    parser.addOptions({{QStringLiteral("from-trades"),
                        tr("Build the candles from the trades `record --trades` stored (the only "
                           "source so far).")}});
    parser.addOptions(Options::seriesOptions());
}

int RebuildCommand::run(const QCommandLineParser &parser, QTextStream &out, QTextStream &err)
{
    if (!parser.isSet(QStringLiteral("from-trades")))
        return fail(err, tr("say what to rebuild from: --from-trades"), BadInput);
    QString error;
    const Exchange *exchange = Options::exchange(parser, error);
    if (!exchange)
        return fail(err, error, BadInput);
    const auto symbols = Options::symbols(parser, *exchange, error);
    if (!symbols)
        return fail(err, error, BadInput);
    // Trades give every interval, those the exchange's history lacks (1s) included.
    const QString intervalName = parser.value(QStringLiteral("interval"));
    const std::optional<Interval> interval = Intervals::parse(intervalName);
    if (!interval)
        return fail(err, tr("unknown interval '%1'").arg(intervalName), BadInput);
    const auto range = Options::range(parser, error);
    if (!range)
        return fail(err, error, BadInput);

    TradeStore trades;
    if (!trades.open(Options::databaseLocation(parser), TradeStore::OpenMode::ReadOnly))
        return fail(err, trades.errorString());
    const std::unique_ptr<CandleStore> candles = CandleDatabase::openStore(
        Options::databaseLocation(parser), CandleDatabase::Access::ReadWrite);
    if (!candles->isOpen())
        return fail(err, candles->errorString());

    // Intervals without trades: as the exchange's own candles have them.
    std::unique_ptr<ExchangeSession> session(
        exchange->createSession(*exchange, exchange->resolveEndpoints(), Clock::system(), nullptr));
    const std::unique_ptr<TradeFeed> feed(session->createTradeFeed());
    TradeAggregator::Options options;
    options.graceUs = 0; // stored trades are all there: nothing arrives late
    options.emptyIntervals = feed && feed->candlesForEmptyIntervals()
        ? TradeAggregator::EmptyIntervals::CarryClose
        : TradeAggregator::EmptyIntervals::Omit;

    const TimeRange rangeUs{range->from * 1000, range->to * 1000};
    qint64 written = 0;
    for (const QString &symbol : *symbols) {
        const SeriesKey key{exchange->id, symbol, *interval};
        const TimeRanges covered = trades.coverage(exchange->id, symbol);
        if (trades.hasError())
            return fail(err, trades.errorString());
        if (covered.isEmpty())
            return fail(err,
                        tr("no stored trades for %1 %2; run `candlewick-cli record --trades` "
                           "first")
                            .arg(exchange->id, symbol));
        for (const TimeRange &gap : TimeRangeSet::missing(covered, rangeUs)) {
            err << "candlewick-cli: warning: "
                << tr("trades of %1 are not recorded for %2 .. %3")
                       .arg(key.toString(), UtcTime::format(gap.from / 1000),
                            UtcTime::format(gap.to / 1000))
                << '\n';
        }
        for (const TimeRange &c : covered) {
            const TimeRange part{std::max(c.from, rangeUs.from), std::min(c.to, rangeUs.to)};
            if (part.isEmpty())
                continue;
            TradeAggregator aggregator(*interval, options);
            aggregator.setCompleteFrom(part.from);
            CandleBatch built;
            aggregator.addTrades(trades.read(exchange->id, symbol, part), built);
            if (trades.hasError())
                return fail(err, trades.errorString());
            aggregator.advanceTo(part.to, built);
            // Covered: whole intervals from the first one the trades could build.
            const qint64 first = Intervals::alignUp(*interval, (part.from + 999) / 1000);
            const qint64 end = Intervals::alignDown(*interval, part.to / 1000);
            const qint64 from
                = options.emptyIntervals == TradeAggregator::EmptyIntervals::CarryClose
                ? (built.isEmpty() ? end : built.first().openTime)
                : first;
            TimeRanges coverage;
            if (from < end)
                coverage.append({from, end});
            if (!candles->write(key, built, coverage))
                return fail(err, candles->errorString());
            written += built.size();
        }
    }
    out << tr("rebuilt %1 candles from trades").arg(written) << '\n';
    return Success;
}

} // namespace Candlewick::Cli
