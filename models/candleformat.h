#pragma once

#include "candle.h"

#include <QByteArray>
#include <QString>

namespace Candlewick::CandleFormat {

// The product's exchange format. JSON Lines:
// {"timestamp":<open time ms>,"symbol":"BTCUSDT","open":..,"high":..,"low":..,"close":..,
//  "volume":..,"quoteVolume":..,"trades":..,"takerBuyBase":..,"takerBuyQuote":..}
// Numbers are printed in their shortest exact form: the decimal the exchange wrote (trailing zeros
// dropped) for any value of up to 15 significant digits, and for longer quote volumes the candle
// carries exactly (Candle::quoteVolumeE8).
void appendJsonLine(QByteArray &out, const QString &symbol, const Candle &candle);

// CSV with the same columns in the same order, timestamp as ms and as ISO-8601 UTC.
QByteArray csvHeader();
void appendCsvRow(QByteArray &out, const QString &symbol, const Candle &candle);

} // namespace Candlewick::CandleFormat
