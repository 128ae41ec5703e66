#pragma once

#include "trade.h"

#include <QByteArray>
#include <QString>

namespace Candlewick::TradeFormat {

// Stored trades as `export --trades` and `record --trades --json` write them, prices and sizes as
// the exchange's exact decimal strings. JSON Lines:
// {"time":<µs since the epoch>,"symbol":"BTCUSDT","id":123,"price":"66312.40","size":"0.00100000",
//  "side":"buy"}  (side: the taker's, buy, sell or unknown; id -1 when the exchange gave none)
void appendJsonLine(QByteArray &out, const QString &symbol, const Trade &trade);

// CSV with the same columns, the time also as ISO-8601 UTC with µs.
QByteArray csvHeader();
void appendCsvRow(QByteArray &out, const QString &symbol, const Trade &trade);

} // namespace Candlewick::TradeFormat
