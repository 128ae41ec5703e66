#pragma once

#include <QtGlobal>

#include <random>

namespace Candlewick {

// Exponential backoff with jitter and a cap on attempts. The random source is seeded
// explicitly so tests get reproducible delays.
class RetryPolicy
{
public:
    explicit RetryPolicy(int maxAttempts = 6, qint64 baseDelayMs = 500, qint64 maxDelayMs = 30000,
                         quint32 seed = std::random_device{}());

    int maxAttempts() const { return m_maxAttempts; }
    qint64 baseDelayMs() const { return m_baseDelayMs; }
    qint64 maxDelayMs() const { return m_maxDelayMs; }

    // True while another attempt may follow attempt number `attempt` (1-based) that failed.
    bool canRetry(int attempt) const { return attempt < m_maxAttempts; }

    // The ceiling of the delay before attempt `attempt + 1`: base * 2^(attempt-1), capped.
    qint64 ceilingMs(int attempt) const;
    // The jittered delay before attempt `attempt + 1`, in [ceiling/2, ceiling] ("equal jitter").
    qint64 delayMs(int attempt);

    void reseed(quint32 seed) { m_random.seed(seed); }

private:
    int m_maxAttempts;
    qint64 m_baseDelayMs;
    qint64 m_maxDelayMs;
    std::mt19937 m_random;
};

} // namespace Candlewick
