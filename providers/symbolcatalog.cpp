#include "symbolcatalog.h"

#include "marketdataprovider.h"

#include <candledatabase.h>
#include <candlestore.h>

#include <QSet>

namespace Candlewick {

SymbolCatalog::SymbolCatalog(MarketDataProvider *provider, std::shared_ptr<CandleDatabase> database,
                             Clock *clock, QObject *parent)
    : QObject(parent)
    , m_provider(provider)
    , m_database(std::move(database))
    , m_clock(clock)
{
}

QStringList SymbolCatalog::unknownIn(const SymbolList &symbols) const
{
    QSet<QString> known;
    for (const SymbolInfo &s : symbols)
        known.insert(s.symbol);
    QStringList unknown;
    for (const QString &w : m_wanted) {
        if (!known.contains(w))
            unknown.append(w);
    }
    return unknown;
}

void SymbolCatalog::resolve(const QStringList &wanted, bool forceRefresh)
{
    m_wanted = wanted;
    const CandleStore *store = m_database->reader();
    const SymbolList cached = store->symbols(m_provider->exchange());
    const qint64 fetchedAt
        = store->hasError() ? 0 : store->symbolsFetchedAt(m_provider->exchange());
    if (store->hasError()) {
        const ProviderError error{ProviderError::Kind::Storage, 0, 0, store->errorString(), 0};
        QMetaObject::invokeMethod(
            this, [this, error] { emit failed(error); }, Qt::QueuedConnection);
        return;
    }
    const bool fresh = fetchedAt > 0 && m_clock->nowMs() - fetchedAt < MaxAgeMs;
    if (!forceRefresh && fresh && !cached.isEmpty() && unknownIn(cached).isEmpty()) {
        QMetaObject::invokeMethod(
            this, [this, cached] { emit resolved(cached, {}); }, Qt::QueuedConnection);
        return;
    }
    download();
}

void SymbolCatalog::download()
{
    SymbolsJob *job = m_provider->fetchSymbols();
    connect(job, &SymbolsJob::finished, this, &SymbolCatalog::finish);
    connect(job, &SymbolsJob::failed, this, &SymbolCatalog::failed);
    job->start();
}

void SymbolCatalog::finish(const SymbolList &symbols)
{
    m_database->saveSymbols(
        m_provider->exchange(), symbols, m_clock->nowMs(), this,
        [this, symbols](const CandleDatabase::WriteResult &result) {
            if (!result.ok)
                return emit failed({ProviderError::Kind::Storage, 0, 0, result.error, 0});
            emit resolved(symbols, unknownIn(symbols));
        });
}

} // namespace Candlewick
