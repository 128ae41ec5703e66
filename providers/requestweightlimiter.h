#pragma once

#include <clock.h>

#include <QByteArray>
#include <QJsonArray>
#include <QList>
#include <QNetworkReply>
#include <QObject>
#include <QPointer>

#include <functional>
#include <optional>

namespace Candlewick {

// Paces requests against Binance's REQUEST_WEIGHT limits so that 429 never happens in normal
// use. Shared by every job of one provider (one IP, one budget).
//
// Each limit is a fixed window aligned to its length (minute boundaries for "1M"). The used
// weight of the current window is estimated as max(server-reported, own completed requests)
// plus the weight of every request still in flight; a request is granted only when it fits
// every window, otherwise it waits (FIFO) for responses or for the next window. After a
// 429/418 nothing is granted until Retry-After has passed. All waiting goes through the Clock.
class RequestWeightLimiter : public QObject
{
    Q_OBJECT
public:
    struct Window
    {
        int limit = 6000;
        qint64 lengthMs = 60000;
        QByteArray headerName; // lowercase, "x-mbx-used-weight-1m"

        friend bool operator==(const Window &, const Window &) = default;
    };

    explicit RequestWeightLimiter(Clock *clock = Clock::system(), QObject *parent = nullptr);
    ~RequestWeightLimiter() override;

    // 6000 per minute, the documented default.
    static QList<Window> defaultWindows();
    // The REQUEST_WEIGHT entries of exchangeInfo's rateLimits; nullopt when there are none.
    static std::optional<QList<Window>> windowsFromRateLimits(const QJsonArray &rateLimits);
    // Same, from a whole exchangeInfo body.
    static std::optional<QList<Window>> windowsFromExchangeInfo(const QByteArray &json);
    // "X-MBX-USED-WEIGHT-" + intervalNum + letter (S, M, H, D), lowercased.
    static QByteArray headerNameFor(int intervalNum, char letter);
    // Seconds from a Retry-After value in ms (absent or unparsable: -1).
    static qint64 parseRetryAfterMs(const QByteArray &value);

    // Learnt limits replace the defaults; limitsKnown() turns true.
    void setWindows(const QList<Window> &windows);
    // Use the defaults but remember that we tried (limitsKnown() turns true).
    void useDefaultWindows();
    QList<Window> windows() const;
    bool limitsKnown() const { return m_known; }

    // Calls `fn` (on `context`'s thread, possibly at once) when a request of `weight` may be
    // sent; from that moment the weight counts as in flight until release() or abandon().
    // Requests are granted in the order they asked. If `context` dies first nothing is called.
    void acquire(int weight, QObject *context, std::function<void()> fn);
    // Drops waiting requests of `context`.
    void cancelWaiting(QObject *context);

    // A granted request got an HTTP response (any status) with these headers.
    // `sentAtMs` is the clock time when it was sent.
    void release(int weight, qint64 sentAtMs, int httpStatus,
                 const QList<QNetworkReply::RawHeaderPair> &headers);
    // A granted request ended without a response (aborted, network error).
    void abandon(int weight, qint64 sentAtMs);

    // Blocks all requests until `untilMs` (used for 429/418 and tests).
    void blockUntil(qint64 untilMs);
    qint64 blockedUntil() const { return m_blockedUntil; }
    bool isBlocked() const { return m_clock->nowMs() < m_blockedUntil; }

    int inFlightWeight() const { return m_inFlightWeight; }
    int inFlightRequests() const { return m_inFlightRequests; }
    int waitingCount() const;
    // Estimated weight used in the current window of limit `index` (without in-flight).
    int usedWeight(int index = 0) const;
    // The last used weight a server header reported for limit `index` (-1 if none yet).
    int reportedWeight(int index = 0) const;
    // How many times a request had to wait for the budget, and how many 429/418 were seen.
    int throttledCount() const { return m_throttled; }
    int rateLimitHits() const { return m_rateLimitHits; }

signals:
    // A 429 or 418 arrived; nothing is sent before `untilMs`.
    void rateLimitHit(int httpStatus, qint64 untilMs);
    // A request has to wait until at least `untilMs` for budget (next window or Retry-After).
    void throttled(qint64 untilMs);

private:
    struct WindowState
    {
        Window window;
        qint64 start = 0; // start of the current window
        int reported = 0; // max server-reported weight in this window
        int lastReported = -1; // last value seen in any header
        int completed = 0; // weight of own requests sent in this window and answered
    };
    struct Waiter
    {
        int weight;
        QPointer<QObject> context;
        std::function<void()> fn;
    };

    qint64 windowStart(const WindowState &w, qint64 t) const;
    void rollWindows();
    bool fits(int weight) const;
    void complete(int weight, qint64 sentAtMs);
    void process();
    void scheduleWake(qint64 atMs);

    Clock *m_clock;
    QList<WindowState> m_windows;
    QList<Waiter> m_waiting;
    bool m_known = false;
    bool m_processing = false;
    int m_inFlightWeight = 0;
    int m_inFlightRequests = 0;
    qint64 m_blockedUntil = 0;
    int m_throttled = 0;
    int m_rateLimitHits = 0;
    QPointer<QObject> m_wakeHandle;
    qint64 m_wakeAt = -1;
};

} // namespace Candlewick
