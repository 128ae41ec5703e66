#pragma once

#include "providererror.h"

#include <clock.h>
#include <symbolinfo.h>

#include <QObject>
#include <QStringList>

#include <memory>

namespace Candlewick {

class CandleDatabase;
class MarketDataProvider;

// An exchange's symbol list, cached in the store and refreshed from the provider when it is
// older than a day or lacks a symbol asked for. Used to refuse unknown symbols before fetching.
class SymbolCatalog : public QObject
{
    Q_OBJECT
public:
    static constexpr qint64 MaxAgeMs = 24 * 60 * 60 * 1000;

    SymbolCatalog(MarketDataProvider *provider, std::shared_ptr<CandleDatabase> database,
                  Clock *clock = Clock::system(), QObject *parent = nullptr);

    // Resolves `wanted` (empty: just load the list): emits resolved() with the whole list and the
    // symbols it lacks, or failed() when the list can be neither read nor downloaded.
    void resolve(const QStringList &wanted, bool forceRefresh = false);

signals:
    void resolved(const Candlewick::SymbolList &symbols, const QStringList &unknown);
    void failed(const Candlewick::ProviderError &error);

private:
    void download();
    void finish(const SymbolList &symbols);
    QStringList unknownIn(const SymbolList &symbols) const;

    MarketDataProvider *m_provider;
    std::shared_ptr<CandleDatabase> m_database;
    Clock *m_clock;
    QStringList m_wanted;
};

} // namespace Candlewick
