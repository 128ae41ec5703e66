#pragma once

#include "sharedweightstate.h"

#include <clock.h>

#include <QByteArray>
#include <QJsonArray>
#include <QList>
#include <QNetworkReply>
#include <QObject>
#include <QPointer>

#include <functional>
#include <memory>
#include <optional>

namespace Candlewick {

// Paces requests against Binance's REQUEST_WEIGHT limits so that 429 never happens in normal
// use. Shared by every job of one provider (one IP, one budget), and with shareWith() by every
// process of the user on this machine that talks to the same base URL.
//
// Each limit is a fixed window aligned to its length (minute boundaries for "1M"). The used
// weight of the current window is estimated as max(server-reported, completed requests) plus
// the weight of every request still in flight; a request is granted only when it fits every
// window, otherwise it waits (FIFO) for responses or for the next window. A request sent in one
// window and answered in the next counts in both (the server may have counted it in either).
// After a 429/418 nothing is granted until Retry-After has passed. All waiting goes through the
// Clock.
//
// When shared, the learnt limits, the window counts, the weight in flight and the block live in
// a SharedWeightState that every grant and answer reads and updates under its lock, so a 429
// seen by one process stops all of them. Until somebody has learnt the limits only one request
// is on the wire across the processes, and while other processes hold weight in flight a
// waiting request looks again every SharedPollMs (their answers do not wake it).
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

    static constexpr qint64 SharedPollMs = 100;

    explicit RequestWeightLimiter(Clock *clock = Clock::system(), QObject *parent = nullptr);
    ~RequestWeightLimiter() override;

    // Shares the budget through the state file `filePath` (SharedWeightState::filePathFor());
    // an empty path stops sharing. The time base is this limiter's Clock: share only between
    // limiters whose clocks agree (the system clock across processes). Returns false with
    // errorString() when the file cannot be used; the limiter then goes on alone.
    bool shareWith(const QString &filePath);
    bool isShared() const { return m_shared != nullptr; }
    QString errorString() const { return m_error; }
    // Reads what the other processes changed (learnt limits, a block) and grants what fits.
    void sync();

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

    // This limiter's requests in flight (not those of other processes).
    int inFlightWeight() const { return m_inFlightWeight; }
    int inFlightRequests() const { return m_inFlightRequests; }
    // Weight in flight in the other processes sharing the budget, as last read.
    int othersInFlightWeight() const { return m_othersInFlightWeight; }
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
    // Another process sharing the budget learnt the limits (limitsKnown() turned true).
    void limitsLearnedElsewhere();

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
    // When the first waiting request can go at the earliest (end of a block or of a window).
    qint64 throttleTarget() const;
    void complete(int weight, qint64 sentAtMs);
    // release() inside the transaction; returns the wait after a 429/418, else -1.
    qint64 account(int weight, qint64 sentAtMs, int httpStatus,
                   const QList<QNetworkReply::RawHeaderPair> &headers);
    void applyWindows(const QList<Window> &windows);
    void process();
    void scheduleWake(qint64 atMs);
    // Runs `fn` on the state shared with other processes (read before, written after) or, when
    // not shared, on the local state. No callback or signal may run inside `fn`.
    void transact(const std::function<void()> &fn);
    void loadShared(const SharedWeightState::Data &data);
    void storeShared(SharedWeightState::Data &data) const;

    Clock *m_clock;
    QList<WindowState> m_windows;
    QList<Waiter> m_waiting;
    bool m_known = false;
    bool m_processing = false;
    int m_inFlightWeight = 0;
    int m_inFlightRequests = 0;
    int m_othersInFlightWeight = 0;
    int m_othersInFlightRequests = 0;
    qint64 m_blockedUntil = 0;
    std::unique_ptr<SharedWeightState> m_shared;
    QString m_error;
    bool m_inTransaction = false;
    bool m_learnedElsewhere = false;
    int m_throttled = 0;
    int m_rateLimitHits = 0;
    QPointer<QObject> m_wakeHandle;
    qint64 m_wakeAt = -1;
    qint64 m_throttleTarget = -1; // the wait last announced by throttled()
};

} // namespace Candlewick
