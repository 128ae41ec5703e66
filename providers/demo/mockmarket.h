#pragma once

#include "mockcandlegenerator.h"

#include <historysource.h>
#include <livefeed.h>
#include <symbolsource.h>

#include <clock.h>

#include <QHash>
#include <QPointer>

namespace Candlewick {

// The "demo" exchange's market: deterministic synthetic candles with no network, for tests, demos
// and offline use, in all three roles (history, symbols, live feed). History is generated from a seeded random walk (MockCandleGenerator); the live
// feed emits candleUpdated() steps and candleClosed() for every subscribed series, paced on a
// Clock at a chosen speed. In scripted mode a test hands over the exact candles instead.
//
// The feed runs on its own virtual time: feedTime = liveStart + (clock - startedAt) * speed.
// By default liveStart is the clock's time at the first subscription and the speed is 1, so the
// feed is a real-time one; setLiveStart() in the past plus a speed of 60 gives a fast demo.
class MockMarket : public LiveFeed, public HistorySource, public SymbolSource
{
    Q_OBJECT
public:
    explicit MockMarket(quint64 seed = 1, Clock *clock = nullptr, QObject *parent = nullptr);
    ~MockMarket() override;

    HistoryJob *fetchHistory(const SeriesKey &key, qint64 fromMs, qint64 toMs) override;
    SymbolsJob *fetchSymbols() override;
    void subscribe(const SeriesKey &key) override;
    void unsubscribe(const SeriesKey &key) override;

    const MockCandleGenerator &generator() const { return m_generator; }
    Clock *clock() const { return m_clock; }
    QList<SeriesKey> subscriptions() const override { return m_subscriptions.keys(); }
    LiveFeedStats stats() const override { return m_stats; }

    // Live pace: feed ms per clock ms (> 0). Takes effect at once, also while running.
    void setLiveSpeed(double speed);
    double liveSpeed() const { return m_speed; }
    // Where the feed's virtual time starts (ms UTC); before the first subscription only.
    void setLiveStart(qint64 feedTimeMs);
    // The feed's current virtual time (the clock's time until the feed has started).
    qint64 feedTime() const;
    // Whether candleUpdated() steps are sent for forming candles (default true).
    void setPartialUpdates(bool enabled) { m_partials = enabled; }

    // Scripted mode: history and the live feed of `key` come from `candles` instead of the
    // generator. Live, each closed candle is emitted at its close time on the feed clock, a
    // not-yet-closed one at the middle of its interval.
    void setScript(const SeriesKey &key, const CandleBatch &candles);
    void clearScript(const SeriesKey &key);
    bool hasScript(const SeriesKey &key) const { return m_scripts.contains(key); }
    // Takes over `other`'s live pace, start and scripts (before the first subscription).
    void copySettings(const MockMarket &other);
    // Emits one candle right now, as candleUpdated (closed == false) or candleClosed.
    void emitCandle(const SeriesKey &key, const Candle &candle);

    // The symbols fetchSymbols() lists (all TRADING, quoted in USDT).
    static SymbolList demoSymbols();

private:
    struct Subscription
    {
        qint64 nextEvent = 0; // feed time of the next emission
        qsizetype scriptIndex = 0;
        QPointer<QObject> timer;
    };

    void ensureStarted();
    qint64 wallTimeFor(qint64 feedTimeMs) const;
    qint64 scriptEventTime(const SeriesKey &key, const Candle &c) const;
    void schedule(const SeriesKey &key);
    void handleEvent(const SeriesKey &key);
    void reschedulePending();

    MockCandleGenerator m_generator;
    Clock *m_clock;
    double m_speed = 1.0;
    bool m_started = false;
    bool m_partials = true;
    qint64 m_liveStart = -1;
    qint64 m_feedAnchor = 0; // feed time at m_wallAnchor
    qint64 m_wallAnchor = 0;
    QHash<SeriesKey, Subscription> m_subscriptions;
    QHash<SeriesKey, CandleBatch> m_scripts;
    LiveFeedStats m_stats;
};

} // namespace Candlewick
