#include "providerregistry.h"

#include <binancerestprovider.h>
#include <binancewebsocketprovider.h>
#include <endpoints.h>
#include <historycache.h>
#include <mockprovider.h>

namespace Candlewick {

ProviderRegistry::ProviderRegistry(QObject *parent)
    : QObject(parent)
{
}

ProviderRegistry::~ProviderRegistry()
{
    qDeleteAll(m_caches);
    m_caches.clear();
}

QStringList ProviderRegistry::exchanges()
{
    return {QStringLiteral("binance"), QStringLiteral("demo")};
}

QString ProviderRegistry::displayName(const QString &exchange)
{
    if (exchange == u"binance")
        return tr("Binance");
    if (exchange == u"demo")
        return tr("Demo (offline)");
    return exchange;
}

void ProviderRegistry::setDatabase(std::shared_ptr<CandleDatabase> database)
{
    if (database == m_database)
        return;
    m_database = std::move(database);
    qDeleteAll(m_caches);
    m_caches.clear();
}

MarketDataProvider *ProviderRegistry::provider(const QString &exchange)
{
    if (auto *p = m_providers.value(exchange))
        return p;
    MarketDataProvider *p = nullptr;
    if (exchange == u"demo") {
        auto *mock = new MockProvider(1, Clock::system(), this);
        p = mock;
    } else if (exchange == u"binance") {
        // Endpoints reads the environment and the preferences (SettingsKeys::restUrl()).
        p = new BinanceRestProvider(Endpoints::resolveRestUrl(), Clock::system(), this);
    } else {
        return nullptr;
    }
    connect(p, &MarketDataProvider::logMessage, this, &ProviderRegistry::logMessage);
    m_providers.insert(exchange, p);
    return p;
}

MarketDataProvider *ProviderRegistry::liveProvider(const QString &exchange)
{
    if (auto *p = m_liveProviders.value(exchange))
        return p;
    if (exchange == u"binance" && !m_injected.contains(exchange)) {
        MarketDataProvider *history = provider(exchange);
        // Endpoints reads the environment and the preferences (SettingsKeys::wsUrl()).
        auto *ws = new BinanceWebSocketProvider(Endpoints::resolveWsUrl(), Clock::system(), this);
        ws->setHistorySource(history);
        connect(ws, &MarketDataProvider::logMessage, this, &ProviderRegistry::logMessage);
        m_liveProviders.insert(exchange, ws);
        return ws;
    }
    return provider(exchange);
}

void ProviderRegistry::setLiveProvider(const QString &exchange, MarketDataProvider *provider)
{
    delete m_liveProviders.take(exchange);
    provider->setParent(this);
    connect(provider, &MarketDataProvider::logMessage, this, &ProviderRegistry::logMessage);
    m_liveProviders.insert(exchange, provider);
}

void ProviderRegistry::setProvider(const QString &exchange, MarketDataProvider *provider)
{
    delete m_caches.take(exchange);
    delete m_providers.take(exchange);
    provider->setParent(this);
    connect(provider, &MarketDataProvider::logMessage, this, &ProviderRegistry::logMessage);
    m_providers.insert(exchange, provider);
    m_injected.insert(exchange);
}

HistoryCache *ProviderRegistry::cache(const QString &exchange)
{
    if (auto *c = m_caches.value(exchange))
        return c;
    MarketDataProvider *p = provider(exchange);
    if (!p || !m_database)
        return nullptr;
    auto *c = new HistoryCache(p, m_database, Clock::system());
    m_caches.insert(exchange, c);
    return c;
}

} // namespace Candlewick
