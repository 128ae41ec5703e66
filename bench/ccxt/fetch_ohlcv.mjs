// ccxt's own fetchOHLCV pagination loop against a fake of one exchange, for
// bench/history_bench.cpp (fetch_vs_ccxt, Binance) and bench/bybit_bench.cpp / okx_bench.cpp
// (fetch_<id>_vs_ccxt). Usage:
//   node fetch_ohlcv.mjs <baseUrl> <BASE/QUOTE> <sinceMs> <untilMs> <rate-limit|no-rate-limit> [binance|bybit|okx]
// Prints one JSON line: {"rows":N,"requests":N,"seconds":S}.
import ccxt from 'ccxt';

const [baseUrl, symbol, sinceArg, untilArg, limiting, id = 'binance'] = process.argv.slice(2);
const since = Number(sinceArg);
const until = Number(untilArg);
const exchange = new ccxt[id]({
    enableRateLimit: limiting === 'rate-limit',
    options: { fetchMarkets: { types: ['spot'] }, fetchCurrencies: false },
});
if (id === 'binance') {
    exchange.urls.api.public = baseUrl + '/api/v3';
} else {
    for (const key of Object.keys(exchange.urls.api))
        exchange.urls.api[key] = baseUrl;
}

const started = process.hrtime.bigint();
await exchange.loadMarkets();
let cursor = since;
let rows = 0;
let requests = 0;
// Binance pages forward from `since` within `until`. Bybit and OKX answer the newest rows of a
// request that has an end, so they get `since` and the page size only (ccxt's deterministic
// pagination passes the whole range's end to every call and gets the same newest page back).
const pageLimit = { binance: 1000, bybit: 1000, okx: 300 }[id];
const params = id === 'binance' ? { until: until - 1 } : {};
while (cursor < until) {
    const page = await exchange.fetchOHLCV(symbol, '1m', cursor, pageLimit, params);
    requests += 1;
    if (page.length === 0)
        break;
    rows += page.filter((row) => row[0] >= cursor && row[0] < until).length;
    cursor = page[page.length - 1][0] + 60000;
}
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
console.log(JSON.stringify({ rows, requests, seconds }));
