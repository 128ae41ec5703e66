#pragma once

namespace Candlewick {

class Exchange;
struct BinanceApi;

namespace BinanceUsdm {

// Binance USD-M perpetual futures ("binance-usdm"): the Binance machinery (providers/binance/)
// on the /fapi/v1 dialect and the /market WebSocket route.
const Exchange &exchange();

// /fapi/v1 klines and exchangeInfo; klines weigh by `limit` ([1,100) 1, [100,500) 2,
// [500,1000] 5, above 10) and we ask for 1000 rows (200 rows per weight unit; 1500 would
// give 150); 2400 per minute unless exchangeInfo says otherwise; only PERPETUAL contracts;
// 10 incoming messages per second per WebSocket connection; archive files under data/futures/um.
const BinanceApi &api();

// The request weight of a klines page asking for `limit` rows.
int klinesWeight(int limit);

} // namespace BinanceUsdm
} // namespace Candlewick
