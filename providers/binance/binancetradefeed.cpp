#include "binancetradefeed.h"

#include "klineeventparser.h"

#include <clock.h>

namespace Candlewick {

BinanceTradeFeed::BinanceTradeFeed(const QUrl &wsUrl, Options options, Clock *clock,
                                   QObject *parent)
    : TradeFeed(parent)
    , m_pool(new StreamPool(wsUrl, options, clock ? clock : Clock::system(), this))
{
    connect(m_pool, &StreamPool::tradeReceived, this,
            [this](const KlineEvent &event, bool) { handleTrade(event); });
    connect(m_pool, &StreamPool::streamsConnected, this, &BinanceTradeFeed::handleConnected);
    connect(m_pool, &StreamPool::stateChanged, this, &BinanceTradeFeed::setState);
    connect(m_pool, &StreamPool::logMessage, this, &TradeFeed::logMessage);
}

BinanceTradeFeed::~BinanceTradeFeed()
{
    // The pool's connections go before the symbols they report.
    delete m_pool;
}

void BinanceTradeFeed::subscribe(const QString &symbol)
{
    const QString stream = KlineEventParser::tradeStreamName(symbol);
    if (m_symbols.contains(stream))
        return;
    m_symbols.insert(stream, symbol);
    m_pool->addStream(stream);
}

void BinanceTradeFeed::unsubscribe(const QString &symbol)
{
    const QString stream = KlineEventParser::tradeStreamName(symbol);
    if (m_symbols.remove(stream) == 0)
        return;
    m_lastTimeUs.remove(symbol);
    m_pool->removeStream(stream);
}

QStringList BinanceTradeFeed::subscriptions() const
{
    QStringList symbols = m_symbols.values();
    symbols.sort();
    return symbols;
}

TradeFeedStats BinanceTradeFeed::stats() const
{
    const LiveFeedStats &pool = m_pool->stats();
    TradeFeedStats s;
    s.frames = pool.frames;
    s.trades = m_trades;
    s.rejectedFrames = pool.rejectedFrames;
    s.connectAttempts = pool.connectAttempts;
    s.reconnects = pool.reconnects;
    s.rollovers = pool.rollovers;
    s.controlErrors = pool.controlErrors;
    s.losses = m_losses;
    return s;
}

void BinanceTradeFeed::handleTrade(const KlineEvent &event)
{
    // Raw-stream frames carry no stream name; anything else is a stream we may no longer follow.
    const auto it = m_symbols.constFind(
        event.stream.isEmpty() ? KlineEventParser::tradeStreamName(event.symbol) : event.stream);
    if (it == m_symbols.constEnd())
        return;
    qint64 &last = m_lastTimeUs[*it];
    last = std::max(last, event.trade.timeUs);
    ++m_trades;
    emit tradesReceived(*it, TradeBatch{event.trade});
}

void BinanceTradeFeed::handleConnected(const QStringList &streams, bool lost)
{
    if (!lost)
        return;
    for (const QString &stream : streams) {
        const auto it = m_symbols.constFind(stream);
        if (it == m_symbols.constEnd())
            continue;
        ++m_losses;
        emit tradesLost(*it, m_lastTimeUs.value(*it, -1));
    }
}

} // namespace Candlewick
