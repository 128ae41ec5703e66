#include "symbolcatalog.h"

#include "symbolsource.h"

#include <candledatabase.h>
#include <candlestore.h>

#include <QSet>

namespace Candlewick {

SymbolCatalog::SymbolCatalog(SymbolSource *source, QString exchange,
                             std::shared_ptr<CandleDatabase> database, QStringList wanted,
                             bool forceRefresh, Clock *clock, QObject *parent)
    : Job(parent)
    , m_source(source)
    , m_exchange(std::move(exchange))
    , m_database(std::move(database))
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
    const CandleStore *store = m_database->reader();
    SymbolList cached = store->symbols(m_exchange);
    const qint64 fetchedAt = store->hasError() ? 0 : store->symbolsFetchedAt(m_exchange);
    if (store->hasError()) {
        const ProviderError error{ProviderError::Kind::Storage, 0, 0, store->errorString(), 0};
        QMetaObject::invokeMethod(this, [this, error] { emitResult(error); }, Qt::QueuedConnection);
        return;
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
    m_database->saveSymbols(m_exchange, symbols, m_clock->nowMs(), this,
                            [this, symbols](const CandleDatabase::WriteResult &result) {
                                if (!result.ok)
                                    return emitResult(
                                        {ProviderError::Kind::Storage, 0, 0, result.error, 0});
                                m_unknown = unknownIn(symbols);
                                m_symbols = symbols;
                                emitResult();
                            });
}

} // namespace Candlewick
