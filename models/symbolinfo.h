#pragma once

#include <QList>
#include <QMetaType>
#include <QString>

namespace Candlewick {

// One tradable instrument as an exchange lists it (Binance: an exchangeInfo `symbols[]` entry).
struct SymbolInfo
{
    QString symbol; // "BTCUSDT"
    QString baseAsset; // "BTC"
    QString quoteAsset; // "USDT"
    QString status; // "TRADING", "HALT", "BREAK", ...
    double tickSize = 0;

    bool isTrading() const { return status == QLatin1StringView("TRADING"); }
    friend bool operator==(const SymbolInfo &, const SymbolInfo &) = default;
};

using SymbolList = QList<SymbolInfo>;

} // namespace Candlewick

Q_DECLARE_METATYPE(Candlewick::SymbolList)
