#include "smacrossstrategy.h"

#include <QCoreApplication>

#include <algorithm>
#include <stdexcept>

namespace Candlewick::Examples {

void SmaCrossStrategy::onStart(const StrategyApi::Parameters &params,
                               StrategyApi::StrategyContext &context)
{
    m_context = &context;
    m_fast = params.value(QStringLiteral("fast"), 9).toInt();
    m_slow = params.value(QStringLiteral("slow"), 21).toInt();
    if (m_fast < 1 || m_slow < 1)
        throw std::invalid_argument("sma_cross: fast and slow must be at least 1");
    m_series.clear();
    m_fastPlot = context.addPlot(
        {QStringLiteral("SMA(%1)").arg(m_fast), {}, QStringLiteral("#ab47bc"), {}});
    m_slowPlot = context.addPlot(
        {QStringLiteral("SMA(%1)").arg(m_slow), {}, QStringLiteral("#8d6e63"), {}});
}

double SmaCrossStrategy::average(const QList<double> &closes, int length) const
{
    double sum = 0;
    for (qsizetype i = closes.size() - length; i < closes.size(); ++i)
        sum += closes[i];
    return sum / length;
}

void SmaCrossStrategy::onCandle(const StrategyApi::SeriesKey &series,
                                const StrategyApi::Candle &candle)
{
    if (!candle.closed)
        return;
    SeriesState &state = m_series[series.toString()];
    const int longest = std::max(m_fast, m_slow);
    state.closes.append(candle.close);
    if (state.closes.size() > longest)
        state.closes.removeFirst();
    if (state.closes.size() < longest)
        return;

    const double fast = average(state.closes, m_fast);
    const double slow = average(state.closes, m_slow);
    m_context->plot(m_fastPlot, series, candle.openTime, fast);
    m_context->plot(m_slowPlot, series, candle.openTime, slow);
    if (state.havePrevious) {
        // Whole sentences, so that a translation may order them as its language needs.
        const auto describe = [&](const char *sentence) {
            return QCoreApplication::translate("SmaCrossStrategy", sentence)
                .arg(m_fast)
                .arg(fast, 0, 'g', 10)
                .arg(m_slow)
                .arg(slow, 0, 'g', 10);
        };
        if (state.previousFast <= state.previousSlow && fast > slow)
            m_context->buy(series, candle.openTime, candle.close,
                           describe(QT_TRANSLATE_NOOP("SmaCrossStrategy",
                                                      "SMA(%1) %2 crossed above SMA(%3) %4")));
        else if (state.previousFast >= state.previousSlow && fast < slow)
            m_context->sell(series, candle.openTime, candle.close,
                            describe(QT_TRANSLATE_NOOP("SmaCrossStrategy",
                                                       "SMA(%1) %2 crossed below SMA(%3) %4")));
    }
    state.havePrevious = true;
    state.previousFast = fast;
    state.previousSlow = slow;
}

} // namespace Candlewick::Examples
