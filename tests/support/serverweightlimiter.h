#pragma once

#include <QByteArray>
#include <QtGlobal>

namespace Candlewick::Testing {

// Binance's REQUEST_WEIGHT limiter as the fake applies it: one fixed window aligned to its own
// length (minute boundaries for 1M), a 429 with Retry-After once the weight goes over the limit,
// and a 418 ban for any request that arrives before the Retry-After moment. Not thread-safe.
class ServerWeightLimiter
{
public:
    enum class Verdict { Allowed, RateLimited, Banned };
    struct Decision
    {
        Verdict verdict = Verdict::Allowed;
        int retryAfterSeconds = 0;
        qint64 bannedUntilMs = 0;
    };

    static constexpr qint64 DefaultBanMs = 120 * 1000;

    // Letters S, M, H, D. Returns false (and changes nothing) for a bad letter or count.
    bool setLimit(int limit, int intervalNum, char intervalLetter);
    int limit() const { return m_limit; }
    int intervalNum() const { return m_intervalNum; }
    char intervalLetter() const { return m_letter; }
    qint64 windowMs() const { return m_windowMs; }
    // "SECOND", "MINUTE", "HOUR", "DAY" as exchangeInfo spells it.
    const char *intervalName() const;
    // "X-MBX-USED-WEIGHT-1M"
    QByteArray headerName() const;

    void setBanMs(qint64 ms) { m_banMs = ms; }

    // Counts a request of `weight` arriving at nowMs and says whether it may be served.
    Decision charge(int weight, qint64 nowMs);
    // Weight used in the window containing nowMs.
    int usedWeight(qint64 nowMs);

private:
    void roll(qint64 nowMs);

    int m_limit = 6000;
    int m_intervalNum = 1;
    char m_letter = 'M';
    qint64 m_windowMs = 60 * 1000;
    qint64 m_banMs = DefaultBanMs;

    qint64 m_windowStart = -1;
    int m_used = 0;
    qint64 m_waitUntil = 0; // the Retry-After moment of the last 429
    qint64 m_bannedUntil = 0; // end of the current 418 ban
};

} // namespace Candlewick::Testing
