#include "symbolcatalog.h"

#include "marketdataprovider.h"

#include <candlestore.h>

#include <QSet>

namespace Candlewick {

SymbolCatalog::SymbolCatalog(MarketDataProvider *provider, QString dbPath, Clock *clock,
                             QObject *parent)
    : QObject(parent)
    , m_provider(provider)
    , m_dbPath(std::move(dbPath))
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
    SymbolList cached;
    qint64 fetchedAt = 0;
    {
        CandleStore store;
        if (store.open(m_dbPath, CandleStore::OpenMode::ReadOnly)) {
            cached = store.symbols(m_provider->exchange());
            if (!store.hasError())
                fetchedAt = store.symbolsFetchedAt(m_provider->exchange());
            if (store.hasError()) {
                const ProviderError error{ProviderError::Kind::Storage, 0, 0, store.errorString(),
                                          0};
                QMetaObject::invokeMethod(
                    this, [this, error] { emit failed(error); }, Qt::QueuedConnection);
                return;
            }
        }
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
    CandleStore store;
    if (!store.open(m_dbPath)
        || !store.saveSymbols(m_provider->exchange(), symbols, m_clock->nowMs())) {
        emit failed({ProviderError::Kind::Storage, 0, 0, store.errorString(), 0});
        return;
    }
    emit resolved(symbols, unknownIn(symbols));
}

} // namespace Candlewick
