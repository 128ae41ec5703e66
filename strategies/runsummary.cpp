#include "runsummary.h"

#include <algorithm>

namespace Candlewick {

void RunSummary::addSignal(const StrategySignal &signal)
{
    addSignal(signal.side, signal.price);
}

void RunSummary::addSignal(StrategySignal::Side side, double price)
{
    switch (side) {
    case StrategySignal::Side::Note:
        ++m_notes;
        return;
    case StrategySignal::Side::Buy:
        ++m_buys;
        if (!m_long && price > 0) {
            m_long = true;
            m_entry = price;
            m_lastPrice = price;
        }
        return;
    case StrategySignal::Side::Sell:
        ++m_sells;
        if (m_long && price > 0) {
            m_lastPrice = price;
            observe(equity());
            m_cash *= price / m_entry;
            m_long = false;
            ++m_trades;
            if (price > m_entry)
                ++m_wins;
        }
        return;
    }
}

void RunSummary::mark(qint64 time, double price)
{
    if (m_long && price > 0) {
        m_lastPrice = price;
        observe(equity());
    }
    if (m_keepCurve) {
        const double now = equity();
        m_curve.append({time, now, m_peak > 0 ? std::max(0.0, (m_peak - now) / m_peak * 100) : 0});
    }
}

double RunSummary::equity() const
{
    return m_long ? m_cash * m_lastPrice / m_entry : m_cash;
}

void RunSummary::observe(double equityNow)
{
    m_peak = std::max(m_peak, equityNow);
    if (m_peak > 0)
        m_maxDrawdown = std::max(m_maxDrawdown, (m_peak - equityNow) / m_peak);
}

QJsonObject RunSummary::toJson() const
{
    QJsonObject o;
    o.insert(QLatin1StringView("signals"), signalCount());
    o.insert(QLatin1StringView("buys"), m_buys);
    o.insert(QLatin1StringView("sells"), m_sells);
    o.insert(QLatin1StringView("notes"), m_notes);
    o.insert(QLatin1StringView("trades"), m_trades);
    o.insert(QLatin1StringView("winningTrades"), m_wins);
    o.insert(QLatin1StringView("totalReturnPct"), totalReturnPercent());
    o.insert(QLatin1StringView("maxDrawdownPct"), maxDrawdownPercent());
    o.insert(QLatin1StringView("openPosition"), m_long);
    return o;
}

} // namespace Candlewick
