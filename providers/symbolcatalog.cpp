#include "symbolcatalog.h"

#include "symbolsource.h"

#include <candlestore.h>

#include <QSet>

namespace Candlewick {

SymbolCatalog::SymbolCatalog(SymbolSource *source, QString exchange, QString dbPath,
                             QStringList wanted, bool forceRefresh, Clock *clock, QObject *parent)
    : Job(parent)
    , m_source(source)
    , m_exchange(std::move(exchange))
    , m_dbPath(std::move(dbPath))
    , m_wanted(std::move(wanted))
    , m_forceRefresh(forceRefresh)
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

void SymbolCatalog::doStart()
{
    SymbolList cached;
    qint64 fetchedAt = 0;
    {
        CandleStore store;
        if (store.open(m_dbPath, CandleStore::OpenMode::ReadOnly)) {
            cached = store.symbols(m_exchange);
            fetchedAt = store.symbolsFetchedAt(m_exchange);
        }
    }
    const bool fresh = fetchedAt > 0 && m_clock->nowMs() - fetchedAt < MaxAgeMs;
    if (!m_forceRefresh && fresh && !cached.isEmpty() && unknownIn(cached).isEmpty()) {
        m_symbols = std::move(cached);
        QMetaObject::invokeMethod(this, [this] { emitResult(); }, Qt::QueuedConnection);
        return;
    }
    download();
}

void SymbolCatalog::download()
{
    SymbolsJob *job = m_source->fetchSymbols();
    connect(job, &Job::result, this, [this, job] {
        countRequest(job->requestCount());
        if (job->error().isError())
            emitResult(job->error());
        else
            finish(job->symbols());
    });
    job->start();
}

void SymbolCatalog::finish(SymbolList symbols)
{
    CandleStore store;
    if (!store.open(m_dbPath) || !store.saveSymbols(m_exchange, symbols, m_clock->nowMs())) {
        emitResult({ProviderError::Kind::Storage, 0, 0, store.errorString(), 0});
        return;
    }
    m_unknown = unknownIn(symbols);
    m_symbols = std::move(symbols);
    emitResult();
}

} // namespace Candlewick
