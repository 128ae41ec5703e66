#include "livefeed.h"

namespace Candlewick {

void LiveFeed::setResumePoint(const SeriesKey &key, qint64 nextOpenTime)
{
    Q_UNUSED(key);
    Q_UNUSED(nextOpenTime);
}

qint64 LiveFeed::resumePoint(const SeriesKey &key) const
{
    Q_UNUSED(key);
    return -1;
}

void LiveFeed::setState(ConnectionState state)
{
    if (state == m_state)
        return;
    m_state = state;
    emit connectionStateChanged(state);
}

bool LiveFeed::addDirectConsumer(CandleConsumer *consumer)
{
    Q_UNUSED(consumer);
    return false;
}

void LiveFeed::removeDirectConsumer(CandleConsumer *consumer)
{
    Q_UNUSED(consumer);
}

} // namespace Candlewick
