#include "serverweightlimiter.h"

namespace Candlewick::Testing {

namespace {

qint64 floorDiv(qint64 a, qint64 b)
{
    qint64 q = a / b;
    if (a % b != 0 && (a < 0) != (b < 0))
        --q;
    return q;
}

int secondsUntil(qint64 fromMs, qint64 toMs)
{
    const qint64 ms = toMs - fromMs;
    return static_cast<int>(ms <= 0 ? 0 : (ms + 999) / 1000);
}

} // namespace

bool ServerWeightLimiter::setLimit(int limit, int intervalNum, char intervalLetter)
{
    qint64 unit = 0;
    switch (intervalLetter) {
    case 'S':
        unit = 1000;
        break;
    case 'M':
        unit = 60 * 1000;
        break;
    case 'H':
        unit = 60 * 60 * 1000;
        break;
    case 'D':
        unit = 24 * 60 * 60 * 1000;
        break;
    default:
        return false;
    }
    if (limit <= 0 || intervalNum <= 0)
        return false;
    m_limit = limit;
    m_intervalNum = intervalNum;
    m_letter = intervalLetter;
    m_windowMs = unit * intervalNum;
    m_windowStart = -1;
    m_used = 0;
    return true;
}

const char *ServerWeightLimiter::intervalName() const
{
    switch (m_letter) {
    case 'S':
        return "SECOND";
    case 'H':
        return "HOUR";
    case 'D':
        return "DAY";
    default:
        return "MINUTE";
    }
}

QByteArray ServerWeightLimiter::headerName() const
{
    return "X-MBX-USED-WEIGHT-" + QByteArray::number(m_intervalNum) + m_letter;
}

void ServerWeightLimiter::roll(qint64 nowMs)
{
    const qint64 start = floorDiv(nowMs, m_windowMs) * m_windowMs;
    if (start != m_windowStart) {
        m_windowStart = start;
        m_used = 0;
    }
}

int ServerWeightLimiter::usedWeight(qint64 nowMs)
{
    roll(nowMs);
    return m_used;
}

ServerWeightLimiter::Decision ServerWeightLimiter::charge(int weight, qint64 nowMs)
{
    roll(nowMs);
    Decision d;
    if (nowMs < m_bannedUntil) {
        d.verdict = Verdict::Banned;
        d.bannedUntilMs = m_bannedUntil;
        d.retryAfterSeconds = secondsUntil(nowMs, m_bannedUntil);
        return d;
    }
    if (nowMs < m_waitUntil) {
        m_bannedUntil = nowMs + m_banMs;
        m_waitUntil = 0;
        d.verdict = Verdict::Banned;
        d.bannedUntilMs = m_bannedUntil;
        d.retryAfterSeconds = secondsUntil(nowMs, m_bannedUntil);
        return d;
    }
    m_used += weight;
    if (m_used > m_limit) {
        d.verdict = Verdict::RateLimited;
        d.retryAfterSeconds = qMax(1, secondsUntil(nowMs, m_windowStart + m_windowMs));
        m_waitUntil = nowMs + qint64(d.retryAfterSeconds) * 1000;
    }
    return d;
}

} // namespace Candlewick::Testing
