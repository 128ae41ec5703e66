#pragma once

#include <strategyapi.h>

#include <QObject>

#include <stdexcept>

namespace Candlewick::TestPlugins {

class ThrowingStrategy : public StrategyApi::Strategy
{
public:
    void onStart(const StrategyApi::Parameters &params,
                 StrategyApi::StrategyContext &context) override
    {
        m_context = &context;
        m_after = params.value(QStringLiteral("after")).toInt();
        if (params.value(QStringLiteral("throwOnStart")).toBool())
            throw std::runtime_error("refusing to start");
    }
    void onCandle(const StrategyApi::SeriesKey &series, const StrategyApi::Candle &candle) override
    {
        if (m_seen++ >= m_after)
            throw std::runtime_error("boom");
        m_context->note(series, candle.openTime, candle.close, QStringLiteral("seen"));
    }

private:
    StrategyApi::StrategyContext *m_context = nullptr;
    int m_after = 3;
    int m_seen = 0;
};

class ThrowingPlugin : public QObject, public StrategyApi::StrategyFactoryV1
{
    Q_OBJECT
    Q_PLUGIN_METADATA(IID CandlewickStrategyFactoryV1_iid FILE "throwing.json")
    Q_INTERFACES(Candlewick::StrategyApi::StrategyFactoryV1)
public:
    std::unique_ptr<StrategyApi::Strategy> create() override
    {
        return std::make_unique<ThrowingStrategy>();
    }
};

} // namespace Candlewick::TestPlugins
