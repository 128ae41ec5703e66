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

// Built against API version 1 on purpose: the host keeps loading version 1 plugins.
class NoopPlugin : public QObject, public StrategyApi::StrategyFactoryV1
{
    Q_OBJECT
    Q_PLUGIN_METADATA(IID CandlewickStrategyFactoryV1_iid FILE "noop.json")
    Q_INTERFACES(Candlewick::StrategyApi::StrategyFactoryV1)
public:
    std::unique_ptr<StrategyApi::Strategy> create() override
    {
        return std::make_unique<NoopStrategy>();
    }
};

} // namespace Candlewick::TestPlugins
