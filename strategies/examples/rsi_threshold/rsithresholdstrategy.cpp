#include "rsithresholdstrategy.h"

#include <QCoreApplication>

#include <stdexcept>

namespace Candlewick::Examples {

void RsiThresholdStrategy::onStart(const StrategyApi::Parameters &params,
                                   StrategyApi::StrategyContext &context)
{
    m_context = &context;
    m_period = params.value(QStringLiteral("period"), 14).toInt();
    m_low = params.value(QStringLiteral("low"), 30.0).toDouble();
    m_high = params.value(QStringLiteral("high"), 70.0).toDouble();
    if (m_period < 1)
        throw std::invalid_argument("rsi_threshold: period must be at least 1");
    if (!(m_low < m_high))
        throw std::invalid_argument("rsi_threshold: low must be below high");
    m_series.clear();
    StrategyApi::Plot rsi;
    rsi.name = QStringLiteral("RSI(%1)").arg(m_period);
    rsi.pane = rsi.name;
    rsi.color = QStringLiteral("#8e24aa");
    rsi.levels = {m_low, m_high};
    rsi.minimum = 0;
    rsi.maximum = 100;
    m_plot = context.addPlot(rsi);
}

void RsiThresholdStrategy::onCandle(const StrategyApi::SeriesKey &series,
                                    const StrategyApi::Candle &candle)
{
    if (!candle.closed)
        return;
    SeriesState &s = m_series[series.toString()];
    if (!s.haveClose) {
        s.haveClose = true;
        s.lastClose = candle.close;
        return;
    }
    const double change = candle.close - s.lastClose;
    s.lastClose = candle.close;
    const double gain = change > 0 ? change : 0;
    const double loss = change < 0 ? -change : 0;
    ++s.changes;
    if (s.changes < m_period) {
        s.gainSum += gain;
        s.lossSum += loss;
        return;
    }
    if (s.changes == m_period) {
        s.avgGain = (s.gainSum + gain) / m_period;
        s.avgLoss = (s.lossSum + loss) / m_period;
    } else {
        s.avgGain = (s.avgGain * (m_period - 1) + gain) / m_period;
        s.avgLoss = (s.avgLoss * (m_period - 1) + loss) / m_period;
    }
    double rsi = 50;
    if (s.avgLoss == 0)
        rsi = s.avgGain == 0 ? 50 : 100;
    else
        rsi = 100 - 100 / (1 + s.avgGain / s.avgLoss);
    m_context->plot(m_plot, series, candle.openTime, rsi);

    if (s.haveRsi) {
        const auto describe = [&](const char *sentence, double threshold) {
            return QCoreApplication::translate("RsiThresholdStrategy", sentence)
                .arg(m_period)
                .arg(threshold)
                .arg(rsi, 0, 'f', 2);
        };
        if (s.lastRsi <= m_low && rsi > m_low)
            m_context->buy(
                series, candle.openTime, candle.close,
                describe(QT_TRANSLATE_NOOP("RsiThresholdStrategy", "RSI(%1) rose through %2: %3"),
                         m_low));
        else if (s.lastRsi >= m_high && rsi < m_high)
            m_context->sell(
                series, candle.openTime, candle.close,
                describe(QT_TRANSLATE_NOOP("RsiThresholdStrategy", "RSI(%1) fell through %2: %3"),
                         m_high));
    }
    s.haveRsi = true;
    s.lastRsi = rsi;
}

} // namespace Candlewick::Examples
