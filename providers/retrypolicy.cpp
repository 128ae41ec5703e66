#include "retrypolicy.h"

#include <algorithm>

namespace Candlewick {

RetryPolicy::RetryPolicy(int maxAttempts, qint64 baseDelayMs, qint64 maxDelayMs, quint32 seed)
    : m_maxAttempts(std::max(1, maxAttempts))
    , m_baseDelayMs(std::max<qint64>(1, baseDelayMs))
    , m_maxDelayMs(std::max(m_baseDelayMs, maxDelayMs))
    , m_random(seed)
{
}

qint64 RetryPolicy::ceilingMs(int attempt) const
{
    qint64 delay = m_baseDelayMs;
    for (int i = 1; i < attempt && delay < m_maxDelayMs; ++i)
        delay *= 2;
    return std::min(delay, m_maxDelayMs);
}

qint64 RetryPolicy::delayMs(int attempt)
{
    const qint64 ceiling = ceilingMs(attempt);
    const qint64 half = ceiling / 2;
    std::uniform_int_distribution<qint64> jitter(0, ceiling - half);
    return half + jitter(m_random);
}

} // namespace Candlewick
