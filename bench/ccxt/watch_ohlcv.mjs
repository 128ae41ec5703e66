// ccxt.pro's watchOHLCVForSymbols against a Binance-compatible REST base URL (for loadMarkets)
// and WebSocket base URL, for bench/live_ingest.cpp (live_vs_ccxt). Usage:
//   node watch_ohlcv.mjs <restBaseUrl> <wsBaseUrl> <symbolsFile> <seconds>
// symbolsFile: unified symbols (BASE/QUOTE), one per line; all are watched at 1m in one call.
// Counting starts at the first kline event and runs for <seconds> of wall time. Prints one JSON line:
//   {"streams":N,"handled":N,"delivered":N,"rows":N,"seconds":S,"ready":S}
//   handled:   kline events ccxt parsed into its OHLCV caches (binance.handleOHLCV calls)
//   delivered: times watchOHLCVForSymbols resolved to the caller; rows: candles it returned
//   ready:     seconds from the start to the first event (loadMarkets + connect + subscribe)
import ccxt from 'ccxt';
import { readFileSync } from 'node:fs';

const [restBase, wsBase, symbolsFile, secondsArg] = process.argv.slice(2);
const seconds = Number(secondsArg);
const symbols = readFileSync(symbolsFile, 'utf8').split('\n').filter((s) => s.length > 0);

const exchange = new ccxt.pro.binance({
    options: { fetchMarkets: { types: ['spot'] }, fetchCurrencies: false },
});
exchange.urls.api.public = restBase + '/api/v3';
// ccxt opens <urls.api.ws.spot>/<stream index> ("/ws/0") and subscribes with one SUBSCRIBE
// message. Binance ignores the "0" path segment; the fake (like binance-api.md) only knows
// stream names there and would reject it, so the index goes into an ignored query instead.
exchange.urls.api.ws.spot = wsBase + '/ws?ccxt-stream-index=';

const started = process.hrtime.bigint();
const now = () => Number(process.hrtime.bigint() - started) / 1e9;
let firstAt = -1;
let counting = false;
let handled = 0;
let delivered = 0;
let rows = 0;

function finish() {
    counting = false;
    const elapsed = now() - firstAt;
    console.log(JSON.stringify({ streams: symbols.length, handled, delivered, rows, seconds: elapsed,
                                 ready: firstAt }));
    process.exit(0);
}

// Count every kline event ccxt processes (handleMessage looks the handler up on each message).
const handleOHLCV = exchange.handleOHLCV;
exchange.handleOHLCV = function (client, message) {
    if (firstAt < 0) {
        firstAt = now();
        counting = true;
        setTimeout(finish, seconds * 1000);
    }
    if (counting)
        handled += 1;
    return handleOHLCV.call(this, client, message);
};

// Plain ws:// (loopback, no TLS) needs node's http agent loaded first; ccxt says so itself.
await exchange.loadHttpProxyAgent();
await exchange.loadMarkets();
const pairs = symbols.map((s) => [s, '1m']);
for (;;) {
    const candles = await exchange.watchOHLCVForSymbols(pairs);
    if (counting) {
        delivered += 1;
        for (const symbol of Object.keys(candles)) {
            for (const timeframe of Object.keys(candles[symbol]))
                rows += candles[symbol][timeframe].length;
        }
    }
}
