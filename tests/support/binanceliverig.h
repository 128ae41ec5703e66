#pragma once

#include "clocksteps.h"
#include "eventwait.h"
#include "fakebinancerest.h"
#include "fakebinancews.h"
#include "framesync.h"

#include <binance/binancerestprovider.h>
#include <gapfreefeed.h>
#include <manualclock.h>

#include <QHash>

#include <initializer_list>
#include <memory>
#include <span>

namespace Candlewick::Testing {

// Binance's live path on one ManualClock: the fake REST server (ground truth and backfill) with
// `symbols` listed against USDT a month before `now`, the fake WebSocket server fed from the same
// ground truth, and (after start()) a GapFreeFeed over a feed on the fake that backfills through
// the REST provider, with the closed candles it emitted per series.
struct BinanceLiveRig
{
    ManualClock clock;
    FakeBinanceRest rest{&clock};
    FakeBinanceWs ws{&clock};
    BinanceRestProvider restProvider;
    std::unique_ptr<GapFreeFeed> live;
    QHash<SeriesKey, CandleBatch> closed;
    FrameSync frames{ws, [this] { return live.get(); }};

    BinanceLiveRig(qint64 now, std::initializer_list<const char *> symbols)
        : BinanceLiveRig(now, std::span(symbols.begin(), symbols.size()))
    {
    }
    BinanceLiveRig(qint64 now, std::span<const char *const> symbols)
        : clock(now)
        , restProvider(QUrl(), &clock)
    {
        for (const char *s : symbols)
            rest.addSymbol(QString::fromLatin1(s), QString::fromLatin1(s).left(3),
                           QStringLiteral("USDT"), now - 30LL * 24 * 3600 * 1000);
        rest.listen();
        restProvider.setBaseUrl(rest.baseUrl());
        ws.followRest(rest);
        ws.listen();
    }

    // The GapFreeFeed over `inner` (which it owns), its backoff seeded with `seed`.
    void start(LiveFeed *inner, quint32 seed)
    {
        GapFreeFeed::Options options;
        options.seed = seed;
        live = std::make_unique<GapFreeFeed>(inner, &restProvider, options, &clock);
        QObject::connect(live.get(), &LiveFeed::candleClosed, live.get(),
                         [this](const SeriesKey &k, const Candle &c) { closed[k].append(c); });
    }

    // The frames sent so far arrive, and the backfill requests on the wire are answered (the
    // client's HTTP runs in a thread of its own: it needs real time, not turns of this loop).
    void settle()
    {
        frames.settle();
        if (restProvider.requestsInFlight() > 0) {
            waitFor([this] { return restProvider.requestsInFlight() == 0; }, 5000);
            drainEvents();
        }
    }
    // Moves the clock forward one second at a time, delivering what the fake sends.
    void step(qint64 ms)
    {
        stepSeconds(clock, ms, [this] { settle(); });
    }
    bool waitLive()
    {
        return waitFor([this] { return live->state() == ConnectionState::Live; }, 5000);
    }
};

} // namespace Candlewick::Testing
