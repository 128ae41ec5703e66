#pragma once

#include <strategyapi.h>

#include <QObject>

namespace Candlewick::TestPlugins {

// Right IID, but its metadata declares a parameter of an unknown type.
class BadMetaPlugin : public QObject, public StrategyApi::StrategyFactoryV1
{
    Q_OBJECT
    Q_PLUGIN_METADATA(IID CandlewickStrategyFactoryV1_iid FILE "badmeta.json")
    Q_INTERFACES(Candlewick::StrategyApi::StrategyFactoryV1)
public:
    std::unique_ptr<StrategyApi::Strategy> create() override { return nullptr; }
};

} // namespace Candlewick::TestPlugins
