#pragma once

#include "strategy.h"

#include <QtPlugin>

#include <memory>

namespace Candlewick::StrategyApi {

// The root object of a strategy plugin. A plugin is a shared library that links Qt6::Core and
// this header-only API only; its root is a QObject implementing this interface:
//
//     class MyFactory : public QObject, public Candlewick::StrategyApi::StrategyFactory
//     {
//         Q_OBJECT
//         Q_PLUGIN_METADATA(IID CandlewickStrategyFactory_iid FILE "my_strategy.json")
//         Q_INTERFACES(Candlewick::StrategyApi::StrategyFactory)
//     public:
//         std::unique_ptr<Candlewick::StrategyApi::Strategy> create() override;
//     };
//
// The JSON file declares the strategy (see strategies/api/README.md):
//     { "name": "my_strategy", "displayName": "My strategy", "displayName[de]": "...",
//       "description": "...", "version": "1.0",
//       "parameters": [ { "name": "period", "label": "Period", "label[de]": "Periode",
//                         "type": "int", "default": 14, "min": 2, "max": 500,
//                         "description": "..." } ] }
// Parameter types: int, double, bool, string, enum (with "values": [...]).
class StrategyFactory
{
public:
    virtual ~StrategyFactory() = default;
    // A fresh instance; one per run.
    virtual std::unique_ptr<Strategy> create() = 0;
};

// The same factory under the IID of API version 1 ("org.candlewick.Strategy/1"): a plugin built
// for version 1 declares this one. The host loads both; it never expects a version 1 strategy
// to call the version 2 parts of StrategyContext (addPlot(), plot()).
class StrategyFactoryV1 : public StrategyFactory
{
};

} // namespace Candlewick::StrategyApi

#define CandlewickStrategyFactory_iid "org.candlewick.Strategy/2"
#define CandlewickStrategyFactoryV1_iid "org.candlewick.Strategy/1"
Q_DECLARE_INTERFACE(Candlewick::StrategyApi::StrategyFactory, CandlewickStrategyFactory_iid)
Q_DECLARE_INTERFACE(Candlewick::StrategyApi::StrategyFactoryV1, CandlewickStrategyFactoryV1_iid)
