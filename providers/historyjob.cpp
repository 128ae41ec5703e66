#include "historyjob.h"

namespace Candlewick {

HistoryJob::HistoryJob(SeriesKey key, qint64 fromMs, qint64 toMs, QObject *parent)
    : QObject(parent)
    , m_key(std::move(key))
    , m_from(fromMs)
    , m_to(toMs)
{
}

void HistoryJob::finishSuccess()
{
    if (m_done)
        return;
    m_done = true;
    emit finished();
    deleteLater();
}

void HistoryJob::finishError(ProviderError error)
{
    if (m_done)
        return;
    m_done = true;
    m_error = std::move(error);
    emit failed(m_error);
    deleteLater();
}

} // namespace Candlewick
