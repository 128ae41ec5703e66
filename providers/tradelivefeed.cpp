#include "tradelivefeed.h"

#include "streamlogging.h"
#include "tradefeed.h"

#include <utctime.h>

#include <algorithm>

namespace Candlewick {

namespace {

TradeAggregator::Options exchangeOptions(const TradeFeed *trades)
{
    TradeAggregator::Options options;
    options.emptyIntervals = trades->candlesForEmptyIntervals()
        ? TradeAggregator::EmptyIntervals::CarryClose
        : TradeAggregator::EmptyIntervals::Omit;
    return options;
}

} // namespace

TradeLiveFeed::TradeLiveFeed(TradeFeed *trades, QObject *parent)
    : TradeLiveFeed(trades, exchangeOptions(trades), parent)
{
}

TradeLiveFeed::TradeLiveFeed(TradeFeed *trades, TradeAggregator::Options options, QObject *parent)
    : LiveFeed(parent)
    , m_trades(trades)
    , m_options(options)
{
    m_trades->setParent(this);
    connect(m_trades, &TradeFeed::tradesReceived, this, &TradeLiveFeed::handleTrades);
    connect(m_trades, &TradeFeed::exchangeTime, this, &TradeLiveFeed::handleExchangeTime);
    connect(m_trades, &TradeFeed::tradesLost, this, &TradeLiveFeed::handleLost);
    connect(m_trades, &TradeFeed::connectionStateChanged, this, &TradeLiveFeed::handleState);
    connect(m_trades, &TradeFeed::logMessage, this, &LiveFeed::logMessage);
}

TradeLiveFeed::~TradeLiveFeed() = default;

TradeLiveFeed::Series *TradeLiveFeed::findSeries(const SeriesKey &key)
{
    const auto it = std::find_if(m_series.begin(), m_series.end(),
                                 [&key](const Series &s) { return s.first == key; });
    return it == m_series.end() ? nullptr : &*it;
}

void TradeLiveFeed::subscribe(const SeriesKey &key)
{
    if (findSeries(key))
        return;
    m_series.emplace_back(key, TradeAggregator(key.interval, m_options));
    m_trades->subscribe(key.symbol);
}

void TradeLiveFeed::unsubscribe(const SeriesKey &key)
{
    if (std::erase_if(m_series, [&key](const Series &s) { return s.first == key; }) == 0)
        return;
    const bool symbolUsed = std::any_of(m_series.begin(), m_series.end(), [&key](const auto &s) {
        return s.first.symbol == key.symbol;
    });
    if (!symbolUsed)
        m_trades->unsubscribe(key.symbol);
}

QList<SeriesKey> TradeLiveFeed::subscriptions() const
{
    QList<SeriesKey> keys;
    keys.reserve(qsizetype(m_series.size()));
    for (const auto &s : m_series)
        keys.append(s.first);
    return keys;
}

LiveFeedStats TradeLiveFeed::stats() const
{
    const TradeFeedStats t = m_trades->stats();
    LiveFeedStats s = m_stats;
    s.frames = t.frames;
    s.rejectedFrames = t.rejectedFrames;
    s.connectAttempts = t.connectAttempts;
    s.reconnects = t.reconnects;
    s.rollovers = t.rollovers;
    s.controlErrors = t.controlErrors;
    for (const auto &series : m_series)
        s.duplicatesDropped += series.second.stats().duplicates;
    return s;
}

void TradeLiveFeed::handleTrades(const QString &symbol, const TradeBatch &trades)
{
    // Keys are copied: a consumer may unsubscribe from inside a signal.
    const QList<SeriesKey> keys = subscriptions();
    for (const SeriesKey &key : keys) {
        if (key.symbol != symbol)
            continue;
        Series *series = findSeries(key);
        if (!series)
            continue;
        TradeAggregator &aggregator = series->second;
        const qint64 lateBefore = aggregator.stats().late;
        CandleBatch closed;
        aggregator.addTrades(trades, closed);
        const qint64 late = aggregator.stats().late - lateBefore;
        const std::optional<Candle> forming = aggregator.forming();
        if (late > 0)
            emit logMessage(tr("%1: trades arrived after their candle had closed (%2)")
                                .arg(key.toString())
                                .arg(late));
        emitClosed(key, closed);
        if (forming && findSeries(key)) {
            ++m_stats.updatesEmitted;
            emit candleUpdated(key, *forming);
        }
    }
}

void TradeLiveFeed::handleExchangeTime(qint64 timeUs)
{
    const QList<SeriesKey> keys = subscriptions();
    for (const SeriesKey &key : keys) {
        Series *series = findSeries(key);
        if (!series)
            continue;
        CandleBatch closed;
        series->second.advanceTo(timeUs, closed);
        emitClosed(key, closed);
    }
}

void TradeLiveFeed::handleLost(const QString &symbol, qint64 fromUs)
{
    QList<SeriesKey> affected;
    for (auto &s : m_series) {
        if (s.first.symbol != symbol)
            continue;
        s.second.markLost(fromUs);
        affected.append(s.first);
    }
    if (affected.isEmpty())
        return;
    const QString from = fromUs < 0 ? tr("the start") : UtcTime::format(fromUs / 1000);
    const QString message
        = tr("%1: trades after %2 may be lost; those candles come from history").arg(symbol, from);
    qCInfo(lcLive).noquote() << message;
    emit logMessage(message);
    emit seriesConnected(affected);
}

void TradeLiveFeed::handleState(ConnectionState state)
{
    setState(state);
    if (state == ConnectionState::Live && !m_series.empty())
        emit seriesConnected(subscriptions());
}

void TradeLiveFeed::emitClosed(const SeriesKey &key, const CandleBatch &closed)
{
    for (const Candle &c : closed) {
        ++m_stats.closedEmitted;
        emit candleClosed(key, c);
    }
}

} // namespace Candlewick
