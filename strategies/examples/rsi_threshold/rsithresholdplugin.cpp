#include "rsithresholdplugin.h"

#include "rsithresholdstrategy.h"

namespace Candlewick::Examples {

std::unique_ptr<StrategyApi::Strategy> RsiThresholdPlugin::create()
{
    return std::make_unique<RsiThresholdStrategy>();
}

} // namespace Candlewick::Examples
