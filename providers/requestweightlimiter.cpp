#include "requestweightlimiter.h"

#include "restlogging.h"

#include <durations.h>
#include <floordiv.h>

#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <limits>

namespace Candlewick {

namespace {

constexpr qint64 BanFallbackMs = 120 * 1000;

qint64 unitMs(char letter)
{
    switch (letter) {
    case 'S':
        return Durations::SecondMs;
    case 'M':
        return Durations::MinuteMs;
    case 'H':
        return Durations::HourMs;
    case 'D':
        return Durations::DayMs;
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

RequestWeightLimiter::~RequestWeightLimiter()
{
    if (m_shared)
        m_shared->detach(m_clock->nowMs());
}

bool RequestWeightLimiter::shareWith(const QString &filePath)
{
    if (m_shared) {
        m_shared->detach(m_clock->nowMs());
        m_shared.reset();
    }
    m_error.clear();
    m_othersInFlightWeight = 0;
    m_othersInFlightRequests = 0;
    if (filePath.isEmpty())
        return true;
    m_shared = std::make_unique<SharedWeightState>(filePath);
    transact([this] { rollWindows(); });
    const bool shared = m_shared != nullptr;
    process();
    return shared;
}

void RequestWeightLimiter::sync()
{
    transact([this] { rollWindows(); });
    process();
}

void RequestWeightLimiter::transact(const std::function<void()> &fn)
{
    if (!m_shared || m_inTransaction) {
        fn();
        return;
    }
    m_inTransaction = true;
    bool ran = false;
    const bool ok = m_shared->update([&](SharedWeightState::Data &data) {
        loadShared(data);
        fn();
        ran = true;
        storeShared(data);
    });
    m_inTransaction = false;
    if (!ok) {
        m_error = m_shared->errorString();
        qCWarning(lcRest).noquote() << "cannot share the request weight budget with other "
                                       "processes:"
                                    << m_error << "- going on alone";
        m_shared.reset();
        m_othersInFlightWeight = 0;
        m_othersInFlightRequests = 0;
        if (!ran)
            fn();
    }
    if (std::exchange(m_learnedElsewhere, false))
        emit limitsLearnedElsewhere();
}

void RequestWeightLimiter::loadShared(const SharedWeightState::Data &data)
{
    m_othersInFlightWeight = data.othersInFlightWeight;
    m_othersInFlightRequests = data.othersInFlightRequests;
    m_blockedUntil = std::max(m_blockedUntil, data.blockedUntil);
    // Limits we learnt ourselves win over defaults somebody else wrote.
    if (data.windows.isEmpty() || (m_known && !data.known))
        return;
    if (!m_known && data.known)
        m_learnedElsewhere = true;
    m_known = data.known;
    QList<WindowState> states;
    for (const SharedWeightState::Window &w : data.windows) {
        WindowState state{Window{w.limit, w.lengthMs, w.headerName}, w.start, w.reported, -1,
                          w.completed};
        for (const WindowState &old : std::as_const(m_windows)) {
            if (old.window.lengthMs == w.lengthMs)
                state.lastReported = old.lastReported;
        }
        states.append(state);
    }
    m_windows = states;
}

void RequestWeightLimiter::storeShared(SharedWeightState::Data &data) const
{
    data.known = m_known;
    data.blockedUntil = m_blockedUntil;
    data.windows.clear();
    for (const WindowState &s : m_windows)
        data.windows.append({s.window.limit, s.window.lengthMs, s.window.headerName, s.start,
                             s.reported, s.completed});
    data.ownInFlightWeight = m_inFlightWeight;
    data.ownInFlightRequests = m_inFlightRequests;
}

QList<RequestWeightLimiter::Window> RequestWeightLimiter::defaultWindows()
{
    return {Window{6000, Durations::MinuteMs, headerNameFor(1, 'M')}};
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
    // An absurd value saturates instead of overflowing.
    return std::min(seconds, std::numeric_limits<qint64>::max() / Durations::SecondMs)
        * Durations::SecondMs;
}

void RequestWeightLimiter::setWindows(const QList<Window> &windows)
{
    transact([&] { applyWindows(windows.isEmpty() ? defaultWindows() : windows); });
    qCDebug(lcRest) << "weight limits:" << m_windows.size() << "window(s), first"
                    << m_windows.first().window.limit << "per" << m_windows.first().window.lengthMs
                    << "ms";
    process();
}

void RequestWeightLimiter::applyWindows(const QList<Window> &windows)
{
    m_known = true;
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
    rollWindows();
}

void RequestWeightLimiter::useDefaultWindows()
{
    setWindows(defaultWindows());
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
    // Nobody knows the limits yet: one request at a time across the processes, so the first
    // answer teaches everybody before the budget can be overspent.
    if (m_shared && !m_known && m_inFlightRequests + m_othersInFlightRequests > 0)
        return false;
    const int inFlight = m_inFlightWeight + m_othersInFlightWeight;
    for (const WindowState &s : m_windows) {
        const int estimate = std::max(s.reported, s.completed) + inFlight;
        if (estimate + weight > s.window.limit && estimate > 0)
            return false;
    }
    return true;
}

qint64 RequestWeightLimiter::throttleTarget() const
{
    if (m_clock->nowMs() < m_blockedUntil)
        return m_blockedUntil;
    qint64 target = -1;
    for (const WindowState &s : m_windows) {
        const qint64 end = s.start + s.window.lengthMs;
        if (target < 0 || end < target)
            target = end;
    }
    return target;
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
        // Sent in an earlier window and answered in this one: it may have arrived in this one.
        if (windowStart(s, sentAtMs) <= s.start)
            s.completed += weight;
    }
}

void RequestWeightLimiter::release(int weight, qint64 sentAtMs, int httpStatus,
                                   const QList<QNetworkReply::RawHeaderPair> &headers)
{
    qint64 waitMs = -1;
    transact([&] { waitMs = account(weight, sentAtMs, httpStatus, headers); });
    if (waitMs >= 0) {
        qCWarning(lcRest) << "HTTP" << httpStatus << "from Binance: sending nothing for" << waitMs
                          << "ms";
        emit rateLimitHit(httpStatus, m_blockedUntil);
    }
    process();
}

qint64 RequestWeightLimiter::account(int weight, qint64 sentAtMs, int httpStatus,
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
        m_blockedUntil = std::max(m_blockedUntil, now + waitMs);
        return waitMs;
    }
    return -1;
}

void RequestWeightLimiter::abandon(int weight, qint64 sentAtMs)
{
    transact([&] { complete(weight, sentAtMs); });
    process();
}

void RequestWeightLimiter::blockUntil(qint64 untilMs)
{
    transact([&] { m_blockedUntil = std::max(m_blockedUntil, untilMs); });
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
    for (;;) {
        QList<Waiter> granted;
        qint64 target = -1;
        transact([&] {
            rollWindows();
            while (!m_waiting.isEmpty()) {
                if (m_waiting.first().context.isNull()) {
                    m_waiting.removeFirst();
                    continue;
                }
                if (!fits(m_waiting.first().weight)) {
                    target = throttleTarget();
                    break;
                }
                Waiter w = m_waiting.takeFirst();
                m_inFlightWeight += w.weight;
                ++m_inFlightRequests;
                granted.append(std::move(w));
            }
        });
        if (!granted.isEmpty())
            m_throttleTarget = -1;
        if (target >= 0) {
            if (target != m_throttleTarget) {
                m_throttleTarget = target;
                ++m_throttled;
                qCDebug(lcRest) << "weight budget exhausted; waiting until" << target << "in flight"
                                << m_inFlightWeight << "here," << m_othersInFlightWeight
                                << "elsewhere";
                emit throttled(target);
            }
            // Other processes' answers wake nobody here: look again soon while they hold weight.
            qint64 wakeAt = target;
            if (m_othersInFlightRequests > 0)
                wakeAt = std::min(wakeAt, m_clock->nowMs() + SharedPollMs);
            scheduleWake(wakeAt);
        }
        if (granted.isEmpty())
            break;
        for (Waiter &w : granted) {
            if (w.context) {
                w.fn();
                continue;
            }
            // Its requester went away while an earlier grant ran: hand the weight back.
            transact([&] {
                m_inFlightWeight -= w.weight;
                --m_inFlightRequests;
            });
        }
    }
    m_processing = false;
}

} // namespace Candlewick
