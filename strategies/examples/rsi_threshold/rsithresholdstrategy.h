#pragma once

#include <strategyapi.h>

#include <QHash>

namespace Candlewick::Examples {

// Wilder's RSI on close. The first average gain/loss is the simple mean of the first `period`
// changes (so the first RSI is at candle `period`); after that avg = (avg * (period - 1) + x) /
// period. RSI = 100 - 100 / (1 + avgGain / avgLoss); 100 when avgLoss is 0 (50 when both are 0).
// Buy when RSI(i-1) <= low < RSI(i); sell when RSI(i-1) >= high > RSI(i). Price = close of
// candle i, time = its open time. The RSI is drawn in a pane of its own with both thresholds.
class RsiThresholdStrategy : public StrategyApi::Strategy
{
public:
    void onStart(const StrategyApi::Parameters &params,
                 StrategyApi::StrategyContext &context) override;
    void onCandle(const StrategyApi::SeriesKey &series, const StrategyApi::Candle &candle) override;

private:
    struct SeriesState
    {
        int changes = 0;
        bool haveClose = false;
        double lastClose = 0;
        double gainSum = 0;
        double lossSum = 0;
        double avgGain = 0;
        double avgLoss = 0;
        bool haveRsi = false;
        double lastRsi = 0;
    };

    StrategyApi::StrategyContext *m_context = nullptr;
    int m_period = 14;
    double m_low = 30;
    double m_high = 70;
    int m_plot = -1;
    QHash<QString, SeriesState> m_series;
};

} // namespace Candlewick::Examples
