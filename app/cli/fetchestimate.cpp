#include "fetchestimate.h"

#include <candlestore.h>
#include <exchange.h>
#include <historycache.h>
#include <historysource.h>

#include <QLocale>

namespace Candlewick::Cli {

namespace {

QString duration(qint64 ms)
{
    const double minutes = ms / 60000.0;
    if (minutes < 1)
        return FetchEstimate::tr("%1 s").arg(qMax<qint64>(1, ms / 1000));
    if (minutes < 120)
        return FetchEstimate::tr("%1 min").arg(qRound(minutes));
    if (minutes < 2 * 24 * 60)
        return FetchEstimate::tr("%1 h").arg(minutes / 60, 0, 'f', 1);
    return FetchEstimate::tr("%1 days").arg(minutes / (24 * 60), 0, 'f', 1);
}

} // namespace

FetchEstimate FetchEstimate::of(const CandleStore &store, const Options::SeriesRequest &request,
                                const HistorySource *history, qint64 nowMs)
{
    FetchEstimate e;
    const TimeRange wanted = HistoryCache::closedPart(request.interval, request.range, nowMs);
    if (wanted.isEmpty())
        return e;
    for (const QString &symbol : request.symbols) {
        const SeriesKey key{request.exchange->id, symbol, request.interval};
        for (const TimeRange &r : store.missing(key, wanted))
            e.m_candles += Intervals::countBetween(request.interval, r.from, r.to);
    }

    const HistorySource::Cost cost = history->cost(request.interval, e.m_candles);
    e.m_requests = cost.requests;
    e.m_durationMs = cost.durationMs;
    e.m_budgetWeight = cost.budgetWeight;
    e.m_budgetWindowMs = cost.budgetWindowMs;
    return e;
}

QString FetchEstimate::text() const
{
    const QLocale locale;
    const QString disk
        = locale.formattedDataSize(m_candles * BytesPerCandle, 1, QLocale::DataSizeSIFormat);
    if (m_requests == 0) {
        return tr("large download: %1 candles, about %2 on disk")
            .arg(locale.toString(m_candles), disk);
    }
    return tr("large download: %1 candles in %2 requests, about %3 at the request budget of "
              "%4 weight per %5, about %6 on disk")
        .arg(locale.toString(m_candles), locale.toString(m_requests), duration(m_durationMs),
             locale.toString(m_budgetWeight), duration(m_budgetWindowMs), disk);
}

} // namespace Candlewick::Cli
