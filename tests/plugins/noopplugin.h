#pragma once

#include <strategyapi.h>

#include <QObject>

namespace Candlewick::TestPlugins {

class NoopStrategy : public StrategyApi::Strategy
{
public:
    void onStart(const StrategyApi::Parameters &, StrategyApi::StrategyContext &) override { }
    void onCandle(const StrategyApi::SeriesKey &, const StrategyApi::Candle &candle) override
    {
        m_sum += candle.close; // touch the data so the call is not optimised away
    }

private:
    double m_sum = 0;
};

class NoopPlugin : public QObject, public StrategyApi::StrategyFactory
{
    Q_OBJECT
    Q_PLUGIN_METADATA(IID CandlewickStrategyFactory_iid FILE "noop.json")
    Q_INTERFACES(Candlewick::StrategyApi::StrategyFactory)
public:
    std::unique_ptr<StrategyApi::Strategy> create() override
    {
        return std::make_unique<NoopStrategy>();
    }
};

} // namespace Candlewick::TestPlugins
