#pragma once

#include <strategyapi.h>

#include <QObject>

namespace Candlewick::Examples {

class SmaCrossPlugin : public QObject, public StrategyApi::StrategyFactory
{
    Q_OBJECT
    Q_PLUGIN_METADATA(IID CandlewickStrategyFactory_iid FILE "sma_cross.json")
    Q_INTERFACES(Candlewick::StrategyApi::StrategyFactory)
public:
    std::unique_ptr<StrategyApi::Strategy> create() override;
};

} // namespace Candlewick::Examples
