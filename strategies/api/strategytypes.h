#pragma once

// Plain value types of the Candlewick strategy plugin API (header-only, QObject-free).
// Plugins see only these, never the application's own classes.

#include <QList>
#include <QString>
#include <QVariantMap>
#include <QtGlobal>

namespace Candlewick::StrategyApi {

// Version of this API; part of the plugin IID.
constexpr int Version = 2;

// Names one series: exchange "binance", symbol "BTCUSDT", interval "1m" (Binance spelling).
struct SeriesKey
{
    QString exchange;
    QString symbol;
    QString interval;

    QString toString() const { return exchange + u':' + symbol + u':' + interval; }
    friend bool operator==(const SeriesKey &, const SeriesKey &) = default;
};

// One candle. Times are ms since epoch, UTC. closed is false while a live candle still forms.
struct Candle
{
    qint64 openTime = 0;
    qint64 closeTime = 0; // next open time - 1 ms, as Binance prints it
    double open = 0;
    double high = 0;
    double low = 0;
    double close = 0;
    double volume = 0;
    bool closed = true;
};

enum class Side { Buy, Sell, Note };

inline const char *sideName(Side side)
{
    switch (side) {
    case Side::Buy:
        return "buy";
    case Side::Sell:
        return "sell";
    case Side::Note:
        break;
    }
    return "note";
}

// What a strategy says: buy/sell/note on a series, at a candle time and a price, with a reason.
struct Signal
{
    Side side = Side::Note;
    SeriesKey series;
    qint64 time = 0;
    double price = 0;
    QString reason;
};

// A line a strategy draws on the chart (API version 2), declared with
// StrategyContext::addPlot() and fed with StrategyContext::plot().
struct Plot
{
    QString name; // "SMA(9)": what the legend says
    // Empty: over the candles, in prices. Otherwise the title of a pane of its own under the
    // candles ("RSI(14)"); plots naming the same pane share it.
    QString pane;
    QString color; // "#1e88e5"; empty: the host picks one
    QList<double> levels; // horizontal lines in its pane (an RSI's thresholds)
    // A fixed scale for its own pane (both set, minimum < maximum); otherwise the pane fits
    // the values in view.
    double minimum = qQNaN();
    double maximum = qQNaN();
};

// Parameter values by name, already validated against the plugin's JSON metadata and
// completed with defaults by the host: an int parameter holds an int, and so on.
using Parameters = QVariantMap;

} // namespace Candlewick::StrategyApi
