#pragma once

#include "strategysignal.h"

#include <QJsonObject>
#include <QList>

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
//
// With setKeepCurve(true), every mark() also adds a point to the equity curve: the equity and the
// drawdown from its peak at that candle, for the chart's equity and drawdown panes.
class RunSummary
{
public:
    struct CurvePoint
    {
        qint64 time = 0; // the candle's open time, ms UTC
        double equity = 1;
        double drawdownPercent = 0; // below the running peak, >= 0
    };

    void addSignal(const StrategySignal &signal);
    void addSignal(StrategySignal::Side side, double price);
    // Values an open position at `price` (the close of the candle opening at `time`).
    void mark(qint64 time, double price);
    void setKeepCurve(bool keep) { m_keepCurve = keep; }
    const QList<CurvePoint> &curve() const { return m_curve; }

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
    bool m_keepCurve = false;
    QList<CurvePoint> m_curve;
};

} // namespace Candlewick
