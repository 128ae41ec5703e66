#pragma once

#include "strategysignal.h"

#include <QJsonObject>

namespace Candlewick {

// The plain summary of one strategy run on one instrument: signal counts, and the result of a
// long/flat position that enters on buy and exits on sell at the signal prices (no fees, no
// slippage, all-in). A sanity check for a strategy, not a backtester.
//
// Equity starts at 1. A buy while flat enters; a sell while long exits and completes a trade;
// a buy while long and a sell while flat change nothing. mark() values an open position at a
// market price (e.g. every candle close) so the drawdown sees losses inside a trade. An
// position still open at the end counts in totalReturnPercent (at the last known price) but not
// in trades.
class RunSummary
{
public:
    void addSignal(const StrategySignal &signal);
    void addSignal(StrategySignal::Side side, double price);
    void mark(double price);

    int signalCount() const { return m_buys + m_sells + m_notes; }
    int buyCount() const { return m_buys; }
    int sellCount() const { return m_sells; }
    int noteCount() const { return m_notes; }
    // Completed round trips (buy then sell).
    int trades() const { return m_trades; }
    int winningTrades() const { return m_wins; }
    bool inPosition() const { return m_long; }
    double equity() const;
    double totalReturnPercent() const { return (equity() - 1.0) * 100.0; }
    // Largest fall of equity from its running peak, in percent of that peak (>= 0).
    double maxDrawdownPercent() const { return m_maxDrawdown * 100.0; }

    // {"signals":..,"buys":..,"sells":..,"notes":..,"trades":..,"winningTrades":..,
    //  "totalReturnPct":..,"maxDrawdownPct":..,"openPosition":..}
    QJsonObject toJson() const;

private:
    void observe(double equityNow);

    int m_buys = 0;
    int m_sells = 0;
    int m_notes = 0;
    int m_trades = 0;
    int m_wins = 0;
    bool m_long = false;
    double m_cash = 1.0; // equity when flat
    double m_entry = 0;
    double m_lastPrice = 0;
    double m_peak = 1.0;
    double m_maxDrawdown = 0;
};

} // namespace Candlewick
