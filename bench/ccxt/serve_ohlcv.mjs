// ccxt (unmodified) against `candlewick-cli serve`, for tests/tst_cli_serve.cpp. Usage:
//   node serve_ohlcv.mjs fetch <httpBase> <BASE/QUOTE> <sinceMs> <untilMs>
//       ccxt's fetchOHLCV pagination over 1m; prints {"rows":N,"first":T,"last":T,"ordered":B}
//   node serve_ohlcv.mjs watch <httpBase> <BASE/QUOTE,...> <closedPerSymbol>
//       watchOHLCVForSymbols at 1m over ws://…/ws (ccxt connects to /ws/<n> and subscribes);
//       prints {"symbols":{"BTC/USDT":[t,…],…}} once each symbol has seen that many open times.
import ccxt from 'ccxt';

const [mode, base, symbolArg, a, b] = process.argv.slice(2);
const exchange = new ccxt.pro.binance({
    options: { fetchMarkets: { types: ['spot'] }, fetchCurrencies: false },
});
exchange.urls.api.public = base + '/api/v3';
exchange.urls.api.ws.spot = base.replace(/^http/, 'ws') + '/ws';
// ccxt insists on its proxy agent for plain ws:// URLs (a local server has no TLS).
await exchange.loadHttpProxyAgent();
await exchange.loadMarkets();

if (mode === 'fetch') {
    const since = Number(a);
    const until = Number(b);
    let cursor = since;
    let rows = [];
    while (cursor < until) {
        const page = await exchange.fetchOHLCV(symbolArg, '1m', cursor, 1000);
        if (page.length === 0)
            break;
        rows = rows.concat(page.filter((row) => row[0] < until));
        cursor = page[page.length - 1][0] + 60000;
    }
    const ordered = rows.every((row, i) => i === 0 || row[0] === rows[i - 1][0] + 60000);
    console.log(JSON.stringify({ rows: rows.length, first: rows[0]?.[0], last: rows.at(-1)?.[0],
                                 ordered }));
    process.exit(0);
}

const symbols = symbolArg.split(',');
const wanted = Number(a);
const seen = Object.fromEntries(symbols.map((s) => [s, []]));
const done = () => symbols.every((s) => seen[s].length >= wanted);
const timer = setTimeout(() => {
    console.log(JSON.stringify({ symbols: seen, timeout: true }));
    process.exit(1);
}, 20000);
while (!done()) {
    await exchange.watchOHLCVForSymbols(symbols.map((s) => [s, '1m']));
    // One call resolves with the symbol whose event came first; events of the others that
    // arrive meanwhile land in ccxt's caches, so read those.
    for (const symbol of symbols) {
        for (const candle of exchange.ohlcvs[symbol]?.['1m'] ?? []) {
            if (!seen[symbol].includes(candle[0]))
                seen[symbol].push(candle[0]);
        }
    }
}
clearTimeout(timer);
console.log(JSON.stringify({ symbols: seen }));
process.exit(0);
