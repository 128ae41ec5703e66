#pragma once

#include <strategyapi.h>

#include <QObject>

namespace Candlewick::TestPlugins {

// API version 2: declares one plot, then plots with an id it never got after `after` candles.
class BadPlotStrategy : public StrategyApi::Strategy
{
public:
    void onStart(const StrategyApi::Parameters &params,
                 StrategyApi::StrategyContext &context) override
    {
        m_context = &context;
        m_after = params.value(QStringLiteral("after")).toInt();
        m_plot = context.addPlot({QStringLiteral("close"), {}, {}, {}});
    }
    void onCandle(const StrategyApi::SeriesKey &series, const StrategyApi::Candle &candle) override
    {
        m_context->plot(m_seen++ < m_after ? m_plot : m_plot + 99, series, candle.openTime,
                        candle.close);
    }

private:
    StrategyApi::StrategyContext *m_context = nullptr;
    int m_after = 2;
    int m_seen = 0;
    int m_plot = -1;
};

class BadPlotPlugin : public QObject, public StrategyApi::StrategyFactory
{
    Q_OBJECT
    Q_PLUGIN_METADATA(IID CandlewickStrategyFactory_iid FILE "badplot.json")
    Q_INTERFACES(Candlewick::StrategyApi::StrategyFactory)
public:
    std::unique_ptr<StrategyApi::Strategy> create() override
    {
        return std::make_unique<BadPlotStrategy>();
    }
};

} // namespace Candlewick::TestPlugins
