#pragma once

#include <strategyapi.h>

#include <QHash>
#include <QList>

namespace Candlewick::Examples {

// Simple moving averages of close over `fast` and `slow` closed candles. At candle i:
// buy when fast(i-1) <= slow(i-1) and fast(i) > slow(i); sell when fast(i-1) >= slow(i-1) and
// fast(i) < slow(i); nothing until both averages exist at i-1 and i. Price = close of candle i,
// time = its open time. Each series is tracked on its own. Both averages are drawn over the
// candles once both exist.
class SmaCrossStrategy : public StrategyApi::Strategy
{
public:
    void onStart(const StrategyApi::Parameters &params,
                 StrategyApi::StrategyContext &context) override;
    void onCandle(const StrategyApi::SeriesKey &series, const StrategyApi::Candle &candle) override;

private:
    struct SeriesState
    {
        QList<double> closes; // the last max(fast, slow) closes, oldest first
        bool havePrevious = false;
        double previousFast = 0;
        double previousSlow = 0;
    };

    double average(const QList<double> &closes, int length) const;

    StrategyApi::StrategyContext *m_context = nullptr;
    int m_fast = 9;
    int m_slow = 21;
    int m_fastPlot = -1;
    int m_slowPlot = -1;
    QHash<QString, SeriesState> m_series;
};

} // namespace Candlewick::Examples
