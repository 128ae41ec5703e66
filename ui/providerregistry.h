#pragma once

#include <QHash>
#include <QObject>
#include <QSet>
#include <QStringList>

#include <memory>

namespace Candlewick {

class CandleDatabase;
class HistoryCache;
class MarketDataProvider;

// The providers and history caches the desktop app uses, one per exchange, created on first use
// from the settings (REST URL). "demo" is the MockProvider and works without a network.
class ProviderRegistry : public QObject
{
    Q_OBJECT
public:
    explicit ProviderRegistry(QObject *parent = nullptr);
    ~ProviderRegistry() override;

    static QStringList exchanges(); // {"binance", "demo"}
    static QString displayName(const QString &exchange);

    void setDatabase(std::shared_ptr<CandleDatabase> database);
    const std::shared_ptr<CandleDatabase> &database() const { return m_database; }

    // History and symbols; owned by the registry; nullptr for an unknown exchange.
    MarketDataProvider *provider(const QString &exchange);
    // The live feed (Binance: the WebSocket provider, backfilling through provider()); the
    // demo exchange uses one provider for both.
    MarketDataProvider *liveProvider(const QString &exchange);
    // A cache in front of provider(exchange) writing to database(); nullptr when unknown.
    HistoryCache *cache(const QString &exchange);
    // Lets tests (and later other exchanges) put in their own provider; takes ownership.
    // Without a separate live provider, `provider` serves the live feed too.
    void setProvider(const QString &exchange, MarketDataProvider *provider);
    void setLiveProvider(const QString &exchange, MarketDataProvider *provider);

signals:
    void logMessage(const QString &message);

private:
    std::shared_ptr<CandleDatabase> m_database;
    QHash<QString, MarketDataProvider *> m_providers;
    QHash<QString, MarketDataProvider *> m_liveProviders;
    QSet<QString> m_injected; // set with setProvider(): serves the live feed too
    QHash<QString, HistoryCache *> m_caches;
};

} // namespace Candlewick
