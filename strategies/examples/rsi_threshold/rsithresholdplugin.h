#pragma once

#include <strategyapi.h>

#include <QObject>

namespace Candlewick::Examples {

class RsiThresholdPlugin : public QObject, public StrategyApi::StrategyFactory
{
    Q_OBJECT
    Q_PLUGIN_METADATA(IID CandlewickStrategyFactory_iid FILE "rsi_threshold.json")
    Q_INTERFACES(Candlewick::StrategyApi::StrategyFactory)
public:
    std::unique_ptr<StrategyApi::Strategy> create() override;
};

} // namespace Candlewick::Examples
