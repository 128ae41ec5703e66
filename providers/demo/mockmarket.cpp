#include "mockmarket.h"

#include "mockhistoryjob.h"
#include "mocksymbolsjob.h"

#include <interval.h>

#include <algorithm>
#include <cmath>

namespace Candlewick {

MockMarket::MockMarket(quint64 seed, Clock *clock, QObject *parent)
    : LiveFeed(parent)
    , m_generator(seed)
    , m_clock(clock ? clock : Clock::system())
{
}

MockMarket::~MockMarket() = default;

SymbolList MockMarket::demoSymbols()
{
    static const SymbolList list = [] {
        SymbolList l;
        const char *bases[]
            = {"BTC", "ETH", "BNB", "SOL", "XRP", "ADA", "DOGE", "LTC", "DOT", "LINK"};
        for (const char *b : bases) {
            const QString base = QString::fromLatin1(b);
            l.append({base + QStringLiteral("USDT"), base, QStringLiteral("USDT"),
                      QStringLiteral("TRADING"), 0});
        }
        return l;
    }();
    return list;
}

HistoryJob *MockMarket::fetchHistory(const SeriesKey &key, qint64 fromMs, qint64 toMs)
{
    const auto script = m_scripts.constFind(key);
    if (script != m_scripts.constEnd())
        return new MockHistoryJob(*script, key, fromMs, toMs, this);
    return new MockHistoryJob(m_generator, key, fromMs, toMs, feedTime(), this);
}

SymbolsJob *MockMarket::fetchSymbols()
{
    SymbolList list = demoSymbols();
    for (auto it = m_scripts.constBegin(); it != m_scripts.constEnd(); ++it) {
        const bool known = std::any_of(list.cbegin(), list.cend(), [&](const SymbolInfo &s) {
            return s.symbol == it.key().symbol;
        });
        if (!known)
            list.append(
                {it.key().symbol, it.key().symbol, QString(), QStringLiteral("TRADING"), 0});
    }
    return new MockSymbolsJob(std::move(list), this);
}

void MockMarket::copySettings(const MockMarket &other)
{
    if (m_started)
        return;
    m_speed = other.m_speed;
    m_liveStart = other.m_liveStart;
    m_partials = other.m_partials;
    m_scripts = other.m_scripts;
}

void MockMarket::setLiveSpeed(double speed)
{
    if (!(speed > 0) || !std::isfinite(speed))
        return;
    if (m_started) {
        m_feedAnchor = feedTime();
        m_wallAnchor = m_clock->nowMs();
    }
    m_speed = speed;
    if (m_started)
        reschedulePending();
}

void MockMarket::setLiveStart(qint64 feedTimeMs)
{
    if (!m_started)
        m_liveStart = feedTimeMs;
}

qint64 MockMarket::feedTime() const
{
    if (!m_started)
        return m_liveStart >= 0 ? m_liveStart : m_clock->nowMs();
    const double elapsed = static_cast<double>(m_clock->nowMs() - m_wallAnchor) * m_speed;
    return m_feedAnchor + static_cast<qint64>(std::floor(elapsed));
}

void MockMarket::ensureStarted()
{
    if (m_started)
        return;
    m_feedAnchor = m_liveStart >= 0 ? m_liveStart : m_clock->nowMs();
    m_wallAnchor = m_clock->nowMs();
    m_started = true;
}

qint64 MockMarket::wallTimeFor(qint64 feedTimeMs) const
{
    const double wall = static_cast<double>(feedTimeMs - m_feedAnchor) / m_speed;
    return m_wallAnchor + static_cast<qint64>(std::ceil(wall));
}

qint64 MockMarket::scriptEventTime(const SeriesKey &key, const Candle &c) const
{
    const qint64 len = Intervals::lengthAt(key.interval, c.openTime);
    return c.closed ? c.openTime + len : c.openTime + len / 2;
}

void MockMarket::subscribe(const SeriesKey &key)
{
    if (m_subscriptions.contains(key))
        return;
    const bool first = m_subscriptions.isEmpty();
    ensureStarted();
    const qint64 now = feedTime();
    Subscription sub;
    const auto script = m_scripts.constFind(key);
    if (script != m_scripts.constEnd()) {
        while (sub.scriptIndex < script->size()
               && scriptEventTime(key, script->at(sub.scriptIndex)) <= now)
            ++sub.scriptIndex;
    } else {
        const qint64 open = Intervals::alignDown(key.interval, now);
        const qint64 len = Intervals::lengthAt(key.interval, open);
        const int steps = m_partials ? MockCandleGenerator::UpdatesPerCandle : 1;
        sub.nextEvent = open + len;
        for (int k = 1; k < steps; ++k) {
            const qint64 t = open + len * k / MockCandleGenerator::UpdatesPerCandle;
            if (t > now) {
                sub.nextEvent = t;
                break;
            }
        }
    }
    m_subscriptions.insert(key, sub);
    if (first)
        setState(ConnectionState::Live);
    schedule(key);
}

void MockMarket::unsubscribe(const SeriesKey &key)
{
    auto it = m_subscriptions.find(key);
    if (it == m_subscriptions.end())
        return;
    delete it->timer.data();
    m_subscriptions.erase(it);
    if (m_subscriptions.isEmpty())
        setState(ConnectionState::Disconnected);
}

void MockMarket::setScript(const SeriesKey &key, const CandleBatch &candles)
{
    CandleBatch sorted = candles;
    std::stable_sort(sorted.begin(), sorted.end(), [&](const Candle &a, const Candle &b) {
        return scriptEventTime(key, a) < scriptEventTime(key, b);
    });
    m_scripts.insert(key, sorted);
    if (m_subscriptions.contains(key)) {
        unsubscribe(key);
        subscribe(key);
    }
}

void MockMarket::clearScript(const SeriesKey &key)
{
    m_scripts.remove(key);
    if (m_subscriptions.contains(key)) {
        unsubscribe(key);
        subscribe(key);
    }
}

void MockMarket::emitCandle(const SeriesKey &key, const Candle &candle)
{
    ++m_stats.frames;
    if (candle.closed) {
        ++m_stats.closedEmitted;
        emit candleClosed(key, candle);
    } else {
        ++m_stats.updatesEmitted;
        emit candleUpdated(key, candle);
    }
}

void MockMarket::schedule(const SeriesKey &key)
{
    auto it = m_subscriptions.find(key);
    if (it == m_subscriptions.end())
        return;
    delete it->timer.data();
    qint64 event = it->nextEvent;
    const auto script = m_scripts.constFind(key);
    if (script != m_scripts.constEnd()) {
        if (it->scriptIndex >= script->size())
            return; // the script has run out
        event = scriptEventTime(key, script->at(it->scriptIndex));
    }
    it->timer = m_clock->callAt(wallTimeFor(event), this, [this, key] { handleEvent(key); });
}

void MockMarket::reschedulePending()
{
    const auto keys = m_subscriptions.keys();
    for (const SeriesKey &key : keys)
        schedule(key);
}

void MockMarket::handleEvent(const SeriesKey &key)
{
    auto it = m_subscriptions.find(key);
    if (it == m_subscriptions.end())
        return;
    it->timer.clear();
    const auto script = m_scripts.constFind(key);
    if (script != m_scripts.constEnd()) {
        if (it->scriptIndex < script->size()) {
            const Candle c = script->at(it->scriptIndex++);
            schedule(key);
            emitCandle(key, c);
        }
        return;
    }

    const qint64 event = it->nextEvent;
    const qint64 open = Intervals::alignDown(key.interval, event - 1);
    const qint64 len = Intervals::lengthAt(key.interval, open);
    const int step = static_cast<int>((event - open) * MockCandleGenerator::UpdatesPerCandle / len);
    // The next event: the next quarter of this candle, or the next candle's first one.
    qint64 next = 0;
    if (step >= MockCandleGenerator::UpdatesPerCandle) {
        const qint64 nextLen = Intervals::lengthAt(key.interval, open + len);
        next = m_partials ? open + len + nextLen / MockCandleGenerator::UpdatesPerCandle
                          : open + len + nextLen;
    } else {
        next = open + len * (step + 1) / MockCandleGenerator::UpdatesPerCandle;
    }
    it->nextEvent = next;
    const bool late = wallTimeFor(next) <= m_clock->nowMs();
    schedule(key);
    if (step >= MockCandleGenerator::UpdatesPerCandle)
        emitCandle(key, m_generator.candleAt(key, open));
    else if (m_partials && !late)
        emitCandle(key, m_generator.partialAt(key, open, step));
}

} // namespace Candlewick
