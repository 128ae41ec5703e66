#include "historyjob.h"

namespace Candlewick {

HistoryJob::HistoryJob(SeriesKey key, qint64 fromMs, qint64 toMs, QObject *parent)
    : Job(parent)
    , m_key(std::move(key))
    , m_from(fromMs)
    , m_to(toMs)
{
}

} // namespace Candlewick
