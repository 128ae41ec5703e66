// ccxt's own fetchOHLCV pagination loop against a Binance-compatible base URL, for
// bench/history_bench.cpp (fetch_vs_ccxt). Usage:
//   node fetch_ohlcv.mjs <baseUrl> <BASE/QUOTE> <sinceMs> <untilMs> <rate-limit|no-rate-limit>
// Prints one JSON line: {"rows":N,"requests":N,"seconds":S}.
import ccxt from 'ccxt';

const [baseUrl, symbol, sinceArg, untilArg, limiting] = process.argv.slice(2);
const since = Number(sinceArg);
const until = Number(untilArg);
const exchange = new ccxt.binance({
    enableRateLimit: limiting === 'rate-limit',
    options: { fetchMarkets: { types: ['spot'] }, fetchCurrencies: false },
});
exchange.urls.api.public = baseUrl + '/api/v3';

const started = process.hrtime.bigint();
await exchange.loadMarkets();
let cursor = since;
let rows = 0;
let requests = 0;
while (cursor < until) {
    const page = await exchange.fetchOHLCV(symbol, '1m', cursor, 1000, { until: until - 1 });
    requests += 1;
    if (page.length === 0)
        break;
    rows += page.filter((row) => row[0] < until).length;
    cursor = page[page.length - 1][0] + 60000;
}
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
console.log(JSON.stringify({ rows, requests, seconds }));
