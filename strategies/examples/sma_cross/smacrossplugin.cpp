#include "smacrossplugin.h"

#include "smacrossstrategy.h"

namespace Candlewick::Examples {

std::unique_ptr<StrategyApi::Strategy> SmaCrossPlugin::create()
{
    return std::make_unique<SmaCrossStrategy>();
}

} // namespace Candlewick::Examples
