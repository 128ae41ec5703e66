#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QUrl>

#include <functional>

namespace Candlewick {

// The part of RequestWeightLimiter's bookkeeping that every process of this user on this machine
// shares for one REST base URL, because the exchange counts weight per IP: the learnt limits,
// each window's used weight, the weight in flight and the "blocked until" of a 429/418. The
// request-count limiters of the other exchanges (RequestRateLimiter) keep their recent requests
// in it too.
//
// It is a small file locked with flock() for the length of one read-modify-write. The kernel
// drops the lock when its holder dies, even by kill -9, so nobody ever waits on a dead process.
// Each user (one per limiter) has a slot with its own weight in flight; slots whose process is
// gone are dropped, so a killed process does not hold weight forever. A file that does not
// parse is started afresh. The last user to detach removes the file once nothing in it still
// matters (no block in force, every window over or unused, no request still counting).
class SharedWeightState
{
    Q_DECLARE_TR_FUNCTIONS(Candlewick::SharedWeightState)
public:
    struct Window
    {
        int limit = 0;
        qint64 lengthMs = 0;
        QByteArray headerName;
        qint64 start = 0; // start of the window the counts below belong to
        int reported = 0; // max server-reported weight in it
        int completed = 0; // weight of requests sent in it and answered, all processes
    };
    struct Data
    {
        bool known = false; // the limits were learnt (or given up on) by somebody
        qint64 blockedUntil = 0;
        QList<Window> windows; // empty while nobody has written any
        // For limits counted in requests (RequestRateLimiter): until when each recent request
        // still counts, in no particular order; entries in the past may be dropped by anyone.
        QList<qint64> countedUntil;
        // Weight and requests in flight in the other slots (read-only).
        int othersInFlightWeight = 0;
        int othersInFlightRequests = 0;
        // This slot's weight and requests in flight (written back).
        int ownInFlightWeight = 0;
        int ownInFlightRequests = 0;
    };

    // $XDG_RUNTIME_DIR/candlewick when XDG_RUNTIME_DIR is set, else the generic cache
    // directory's candlewick/ (both per user).
    static QString defaultDirectory();
    // The state file for `baseUrl` in `directory`: scheme, host, port and path name it.
    static QString filePathFor(const QUrl &baseUrl, const QString &directory = defaultDirectory());

    explicit SharedWeightState(QString filePath);
    ~SharedWeightState(); // detach(), without a time: the file stays
    SharedWeightState(const SharedWeightState &) = delete;
    SharedWeightState &operator=(const SharedWeightState &) = delete;

    const QString &filePath() const { return m_path; }
    const QString &errorString() const { return m_error; }

    // Locks the file, reads it, lets `fn` change the data, writes it back and unlocks. False
    // (with errorString()) when the file cannot be created, locked, read or written; `fn` has
    // not been called then.
    bool update(const std::function<void(Data &)> &fn);
    // Gives up this slot; removes the file when no other slot is left and, at `nowMs`, no
    // block is in force and every window is over or unused (nowMs < 0: keep the file).
    void detach(qint64 nowMs);

private:
    bool lock();
    void unlock();
    QByteArray readAll();
    bool writeAll(const QByteArray &bytes);

    QString m_path;
    QString m_error;
    int m_fd = -1;
    quint64 m_slot;
    bool m_attached = false;
};

} // namespace Candlewick
