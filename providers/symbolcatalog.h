#pragma once

#include "job.h"
#include <durations.h>

#include <clock.h>
#include <symbolinfo.h>

#include <QStringList>

#include <memory>

namespace Candlewick {

class CandleDatabase;
class SymbolSource;

// One look-up in an exchange's symbol list, which is cached in the store and downloaded again
// when it is older than a day, lacks a symbol asked for, or a refresh is forced. The CLI and the
// GUI both use it, so the cache rule is the same everywhere. Ends like every Job: symbols() is the
// whole list and unknown() the wanted symbols it lacks.
class SymbolCatalog : public Job
{
    Q_OBJECT
public:
    static constexpr qint64 MaxAgeMs = Durations::DayMs;

    SymbolCatalog(SymbolSource *source, QString exchange, std::shared_ptr<CandleDatabase> database,
                  QStringList wanted = {}, bool forceRefresh = false,
                  Clock *clock = Clock::system(), QObject *parent = nullptr);

    const SymbolList &symbols() const { return m_symbols; }
    const QStringList &unknown() const { return m_unknown; }

protected:
    void doStart() override;

private:
    void download();
    void finish(SymbolList symbols);
    QStringList unknownIn(const SymbolList &symbols) const;

    SymbolSource *m_source;
    QString m_exchange;
    std::shared_ptr<CandleDatabase> m_database;
    QStringList m_wanted;
    bool m_forceRefresh;
    Clock *m_clock;
    SymbolList m_symbols;
    QStringList m_unknown;
};

} // namespace Candlewick
