#include "requestweightlimiter.h"

#include "restlogging.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

namespace Candlewick {

namespace {

constexpr qint64 BanFallbackMs = 120 * 1000;

qint64 floorDiv(qint64 a, qint64 b)
{
    qint64 q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0)))
        --q;
    return q;
}

qint64 unitMs(char letter)
{
    switch (letter) {
    case 'S':
        return 1000;
    case 'M':
        return 60 * 1000;
    case 'H':
        return 60 * 60 * 1000;
    case 'D':
        return 24 * 60 * 60 * 1000;
    default:
        return 0;
    }
}

} // namespace

RequestWeightLimiter::RequestWeightLimiter(Clock *clock, QObject *parent)
    : QObject(parent)
    , m_clock(clock)
{
    for (const Window &w : defaultWindows())
        m_windows.append({w});
    rollWindows();
}

RequestWeightLimiter::~RequestWeightLimiter() = default;

QList<RequestWeightLimiter::Window> RequestWeightLimiter::defaultWindows()
{
    return {Window{6000, 60 * 1000, headerNameFor(1, 'M')}};
}

QByteArray RequestWeightLimiter::headerNameFor(int intervalNum, char letter)
{
    return QByteArray("x-mbx-used-weight-") + QByteArray::number(intervalNum)
        + char(QChar::toLower(uint(letter)));
}

std::optional<QList<RequestWeightLimiter::Window>>
RequestWeightLimiter::windowsFromRateLimits(const QJsonArray &rateLimits)
{
    QList<Window> result;
    for (const QJsonValue &entry : rateLimits) {
        const QJsonObject o = entry.toObject();
        if (o.value(QLatin1StringView("rateLimitType")).toString()
            != QLatin1StringView("REQUEST_WEIGHT"))
            continue;
        const QString interval = o.value(QLatin1StringView("interval")).toString();
        const int num = o.value(QLatin1StringView("intervalNum")).toInt(0);
        const int limit = o.value(QLatin1StringView("limit")).toInt(0);
        if (interval.isEmpty() || num <= 0 || limit <= 0)
            continue;
        const char letter = interval.at(0).toUpper().toLatin1();
        const qint64 unit = unitMs(letter);
        if (unit == 0)
            continue;
        result.append(Window{limit, unit * num, headerNameFor(num, letter)});
    }
    if (result.isEmpty())
        return std::nullopt;
    return result;
}

std::optional<QList<RequestWeightLimiter::Window>>
RequestWeightLimiter::windowsFromExchangeInfo(const QByteArray &json)
{
    const QJsonDocument doc = QJsonDocument::fromJson(json);
    if (!doc.isObject())
        return std::nullopt;
    return windowsFromRateLimits(doc.object().value(QLatin1StringView("rateLimits")).toArray());
}

qint64 RequestWeightLimiter::parseRetryAfterMs(const QByteArray &value)
{
    bool ok = false;
    const qint64 seconds = value.trimmed().toLongLong(&ok);
    if (!ok || seconds < 0)
        return -1;
    return seconds * 1000;
}

void RequestWeightLimiter::setWindows(const QList<Window> &windows)
{
    m_known = true;
    if (windows.isEmpty()) {
        useDefaultWindows();
        return;
    }
    QList<WindowState> states;
    for (const Window &w : windows) {
        WindowState s{w};
        // Keep what we already know about an identical window.
        for (const WindowState &old : std::as_const(m_windows)) {
            if (old.window.lengthMs == w.lengthMs) {
                s = old;
                s.window = w;
            }
        }
        states.append(s);
    }
    m_windows = states;
    qCDebug(lcRest) << "weight limits:" << m_windows.size() << "window(s), first"
                    << m_windows.first().window.limit << "per" << m_windows.first().window.lengthMs
                    << "ms";
    rollWindows();
    process();
}

void RequestWeightLimiter::useDefaultWindows()
{
    const QList<Window> defaults = defaultWindows();
    m_known = false;
    setWindows(defaults);
}

QList<RequestWeightLimiter::Window> RequestWeightLimiter::windows() const
{
    QList<Window> list;
    for (const WindowState &s : m_windows)
        list.append(s.window);
    return list;
}

int RequestWeightLimiter::waitingCount() const
{
    return int(std::count_if(m_waiting.begin(), m_waiting.end(),
                             [](const Waiter &w) { return !w.context.isNull(); }));
}

int RequestWeightLimiter::usedWeight(int index) const
{
    if (index < 0 || index >= m_windows.size())
        return 0;
    const WindowState &s = m_windows.at(index);
    if (windowStart(s, m_clock->nowMs()) != s.start)
        return 0;
    return std::max(s.reported, s.completed);
}

int RequestWeightLimiter::reportedWeight(int index) const
{
    return index >= 0 && index < m_windows.size() ? m_windows.at(index).lastReported : -1;
}

qint64 RequestWeightLimiter::windowStart(const WindowState &w, qint64 t) const
{
    return floorDiv(t, w.window.lengthMs) * w.window.lengthMs;
}

void RequestWeightLimiter::rollWindows()
{
    const qint64 now = m_clock->nowMs();
    for (WindowState &s : m_windows) {
        const qint64 start = windowStart(s, now);
        if (start != s.start) {
            s.start = start;
            s.reported = 0;
            s.completed = 0;
        }
    }
}

bool RequestWeightLimiter::fits(int weight) const
{
    if (m_clock->nowMs() < m_blockedUntil)
        return false;
    for (const WindowState &s : m_windows) {
        const int estimate = std::max(s.reported, s.completed) + m_inFlightWeight;
        if (estimate + weight > s.window.limit && estimate > 0)
            return false;
    }
    return true;
}

void RequestWeightLimiter::acquire(int weight, QObject *context, std::function<void()> fn)
{
    m_waiting.append({std::max(0, weight), context, std::move(fn)});
    process();
}

void RequestWeightLimiter::cancelWaiting(QObject *context)
{
    m_waiting.removeIf(
        [context](const Waiter &w) { return w.context == context || w.context.isNull(); });
}

void RequestWeightLimiter::complete(int weight, qint64 sentAtMs)
{
    rollWindows();
    m_inFlightWeight = std::max(0, m_inFlightWeight - weight);
    m_inFlightRequests = std::max(0, m_inFlightRequests - 1);
    for (WindowState &s : m_windows) {
        if (windowStart(s, sentAtMs) == s.start)
            s.completed += weight;
    }
}

void RequestWeightLimiter::release(int weight, qint64 sentAtMs, int httpStatus,
                                   const QList<QNetworkReply::RawHeaderPair> &headers)
{
    complete(weight, sentAtMs);

    QByteArray retryAfter;
    QList<bool> seen(m_windows.size(), false);
    int generic = -1;
    for (const auto &[rawName, rawValue] : headers) {
        const QByteArray name = rawName.toLower();
        if (name == "retry-after") {
            retryAfter = rawValue;
            continue;
        }
        if (!name.startsWith("x-mbx-used-weight"))
            continue;
        bool ok = false;
        const int value = rawValue.trimmed().toInt(&ok);
        if (!ok)
            continue;
        if (name == "x-mbx-used-weight") {
            generic = value;
            continue;
        }
        for (int i = 0; i < m_windows.size(); ++i) {
            WindowState &s = m_windows[i];
            if (name != s.window.headerName)
                continue;
            seen[i] = true;
            s.lastReported = value;
            // A header counts for the current window only if the request was sent in it.
            if (windowStart(s, sentAtMs) == s.start)
                s.reported = std::max(s.reported, value);
        }
    }
    if (generic >= 0) {
        for (int i = 0; i < m_windows.size(); ++i) {
            if (seen[i])
                continue;
            WindowState &s = m_windows[i];
            s.lastReported = generic;
            if (windowStart(s, sentAtMs) == s.start)
                s.reported = std::max(s.reported, generic);
        }
    }

    if (httpStatus == 429 || httpStatus == 418) {
        const qint64 now = m_clock->nowMs();
        qint64 waitMs = parseRetryAfterMs(retryAfter);
        if (waitMs < 0) {
            if (httpStatus == 418) {
                waitMs = BanFallbackMs;
            } else {
                waitMs = 0;
                for (const WindowState &s : std::as_const(m_windows))
                    waitMs = std::max(waitMs, s.start + s.window.lengthMs - now);
            }
        }
        ++m_rateLimitHits;
        qCWarning(lcRest) << "HTTP" << httpStatus << "from Binance: sending nothing for" << waitMs
                          << "ms";
        blockUntil(now + waitMs);
        emit rateLimitHit(httpStatus, m_blockedUntil);
    }
    process();
}

void RequestWeightLimiter::abandon(int weight, qint64 sentAtMs)
{
    complete(weight, sentAtMs);
    process();
}

void RequestWeightLimiter::blockUntil(qint64 untilMs)
{
    m_blockedUntil = std::max(m_blockedUntil, untilMs);
    process();
}

void RequestWeightLimiter::scheduleWake(qint64 atMs)
{
    if (m_wakeHandle && m_wakeAt == atMs)
        return;
    delete m_wakeHandle;
    m_wakeAt = atMs;
    m_wakeHandle = m_clock->callAt(atMs, this, [this] {
        m_wakeHandle = nullptr;
        m_wakeAt = -1;
        process();
    });
}

void RequestWeightLimiter::process()
{
    if (m_processing)
        return;
    m_processing = true;
    rollWindows();
    while (!m_waiting.isEmpty()) {
        if (m_waiting.first().context.isNull()) {
            m_waiting.removeFirst();
            continue;
        }
        const int weight = m_waiting.first().weight;
        if (!fits(weight)) {
            const qint64 now = m_clock->nowMs();
            qint64 wakeAt;
            if (now < m_blockedUntil) {
                wakeAt = m_blockedUntil;
            } else {
                wakeAt = -1;
                for (const WindowState &s : std::as_const(m_windows)) {
                    const qint64 end = s.start + s.window.lengthMs;
                    if (wakeAt < 0 || end < wakeAt)
                        wakeAt = end;
                }
            }
            if (m_wakeAt != wakeAt) {
                ++m_throttled;
                qCDebug(lcRest) << "weight budget exhausted; waiting until" << wakeAt << "in flight"
                                << m_inFlightWeight;
                emit throttled(wakeAt);
            }
            scheduleWake(wakeAt);
            break;
        }
        Waiter w = m_waiting.takeFirst();
        m_inFlightWeight += w.weight;
        ++m_inFlightRequests;
        w.fn();
        rollWindows();
    }
    m_processing = false;
}

} // namespace Candlewick
