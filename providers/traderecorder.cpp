#include "traderecorder.h"

#include "tradefeed.h"

#include <clock.h>
#include <tradestore.h>

#include <algorithm>

namespace Candlewick {

TradeRecorder::TradeRecorder(TradeStore *store, TradeFeed *feed, const QString &exchange,
                             Clock *clock, QObject *parent)
    : TradeRecorder(store, feed, exchange, Options(), clock, parent)
{
}

TradeRecorder::TradeRecorder(TradeStore *store, TradeFeed *feed, const QString &exchange,
                             Options options, Clock *clock, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_feed(feed)
    , m_exchange(exchange)
    , m_options(options)
    , m_clock(clock ? clock : Clock::system())
{
    connect(m_feed, &TradeFeed::tradesReceived, this,
            [this](const QString &symbol, const TradeBatch &trades) {
                auto it = m_symbols.find(symbol);
                if (it == m_symbols.end() || !m_running)
                    return;
                for (const Trade &t : trades)
                    observe(*it, t.timeUs);
                it->pending.append(trades);
            });
    connect(m_feed, &TradeFeed::exchangeTime, this, [this](qint64 timeUs) {
        if (!m_running)
            return;
        for (Symbol &s : m_symbols)
            observe(s, timeUs);
    });
    connect(m_feed, &TradeFeed::tradesLost, this, [this](const QString &symbol, qint64 fromUs) {
        auto it = m_symbols.find(symbol);
        if (it == m_symbols.end() || !m_running)
            return;
        ++m_counters.losses;
        // Covered up to the loss (less the grace), then again from the next time seen.
        const qint64 until = std::min(it->seenUs, fromUs) - m_options.graceUs;
        flush(symbol, *it, until);
        it->coveredFrom = -1;
    });
}

TradeRecorder::~TradeRecorder() = default;

void TradeRecorder::addSymbol(const QString &symbol)
{
    if (m_symbols.contains(symbol))
        return;
    m_symbols.insert(symbol, {});
    if (m_running)
        m_feed->subscribe(symbol);
}

void TradeRecorder::start()
{
    if (m_running)
        return;
    m_running = true;
    for (auto it = m_symbols.begin(); it != m_symbols.end(); ++it) {
        it->coveredFrom = -1;
        m_feed->subscribe(it.key());
    }
    m_timers = new QObject(this);
    scheduleFlush();
}

void TradeRecorder::stop()
{
    if (!m_running)
        return;
    flushAll();
    m_running = false;
    delete m_timers;
    m_timers = nullptr;
    for (auto it = m_symbols.cbegin(); it != m_symbols.cend(); ++it)
        m_feed->unsubscribe(it.key());
}

ConnectionState TradeRecorder::state() const
{
    return m_feed->state();
}

TradeRecorder::Counters TradeRecorder::counters() const
{
    Counters c = m_counters;
    const TradeFeedStats feed = m_feed->stats();
    c.reconnects = feed.reconnects;
    c.rejectedFrames = feed.rejectedFrames;
    return c;
}

void TradeRecorder::observe(Symbol &s, qint64 timeUs)
{
    // Trades before this time may have been sent before we listened: complete from here on.
    if (s.coveredFrom < 0)
        s.coveredFrom = timeUs + m_options.graceUs;
    s.seenUs = std::max(s.seenUs, timeUs);
}

bool TradeRecorder::flush(const QString &symbol, Symbol &s, qint64 coverUntil)
{
    TimeRanges coverage;
    if (s.coveredFrom >= 0 && coverUntil > std::max(s.coveredFrom, s.coveredTo)) {
        coverage.append({std::max(s.coveredFrom, s.coveredTo), coverUntil});
    }
    if (s.pending.isEmpty() && coverage.isEmpty())
        return true;
    if (!m_store->write(m_exchange, symbol, s.pending, coverage)) {
        emit writeFailed(m_store->errorString());
        return false;
    }
    if (!coverage.isEmpty())
        s.coveredTo = coverUntil;
    const TradeBatch stored = std::exchange(s.pending, {});
    m_counters.tradesStored += stored.size();
    for (const Trade &t : stored)
        m_counters.lastTradeUs = std::max(m_counters.lastTradeUs, t.timeUs);
    if (!stored.isEmpty())
        emit tradesStored(symbol, stored);
    return true;
}

void TradeRecorder::flushAll()
{
    for (auto it = m_symbols.begin(); it != m_symbols.end(); ++it) {
        if (!flush(it.key(), *it, it->seenUs - m_options.graceUs))
            return;
    }
}

void TradeRecorder::scheduleFlush()
{
    m_clock->callAfter(m_options.flushIntervalMs, m_timers, [this] {
        flushAll();
        scheduleFlush();
    });
}

} // namespace Candlewick
