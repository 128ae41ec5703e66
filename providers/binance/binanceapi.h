#pragma once

#include <QString>

namespace Candlewick {

// The dialect of one Binance market's public API, for the REST provider, its jobs and the
// live feed: where klines and exchangeInfo live, what they weigh, how many rows a page may
// have, which symbols the market lists and how fast control messages may go out on a
// WebSocket connection. Binance Spot's is spot(); other Binance markets describe theirs in
// their own folder.
struct BinanceApi
{
    QString klinesPath; // "/api/v3/klines"
    QString exchangeInfoPath; // "/api/v3/exchangeInfo"
    int exchangeInfoWeight = 20;
    bool exchangeInfoTakesSymbol = true; // may be narrowed to one symbol (?symbol=)
    int (*klinesWeight)(int limit) = nullptr; // request weight of a klines page of `limit` rows
    int maxPageLimit = 1000; // the largest `limit` klines accepts
    int defaultPageLimit = 1000; // what we ask for
    int fallbackWeightPerMinute = 6000; // assumed when exchangeInfo cannot be had
    QString contractType; // non-empty: list only symbols with this contractType
    int wsMessagesPerSecond = 4; // control messages we send per connection per second
    bool tradeStreams = false; // serves `<symbol>@trade` streams (BinanceTradeFeed)
    QString archivePath; // the market's folder in the public archive: "data/spot"

    // Binance Spot: /api/v3, klines weigh 2, 6000 per minute, 5 incoming messages/s, archive
    // files under data/spot.
    static const BinanceApi &spot();
};

} // namespace Candlewick
