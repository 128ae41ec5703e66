#pragma once

#include "providererror.h"

#include <QObject>

namespace Candlewick {

// One asynchronous operation, after KDE's KJob: the caller connects, then calls start(); the job
// reports progress and ends exactly once, through emitResult(), with finished() (success) or
// failed(error), and then result(this) in both cases; afterwards it deletes itself. kill() stops it
// and ends it with a Cancelled error. exec() runs a local event loop until the job has ended (for
// the CLI and tests; the GUI never calls it).
class Job : public QObject
{
    Q_OBJECT
public:
    explicit Job(QObject *parent = nullptr);
    ~Job() override;

    // Starts the work (asynchronously); call once, after connecting. Later calls do nothing.
    void start();
    // Stops the work: the job ends with a Cancelled error. Does nothing once the job has ended.
    void kill();
    // Starts the job unless it has been started, waits until it ends and returns true on success.
    // The job is deleted once control returns to the caller's event loop, not before exec() returns.
    bool exec();

    bool isFinished() const { return m_done; }
    const ProviderError &error() const { return m_error; }
    QString errorString() const { return m_error.message; }
    // Requests (HTTP calls or the equivalent) this job and its sub-jobs have sent so far.
    int requestCount() const { return m_requests; }

signals:
    void progress(qint64 done, qint64 total);
    // A request failed and is tried again: attempt `attempt` of at most `maxAttempts` follows.
    // `reason` is the short technical cause ("Connection refused", "HTTP 503").
    void retrying(int attempt, int maxAttempts, const QString &reason);
    void finished();
    void failed(const Candlewick::ProviderError &error);
    void result(Candlewick::Job *job);

protected:
    // The work itself, started from start().
    virtual void doStart() = 0;
    // Stops the work on kill(); the job then ends with a Cancelled error.
    virtual void doKill() { }
    void countRequest(int n = 1) { m_requests += n; }
    // Ends the job: with the given error (kind None: success). Only the first call counts.
    void emitResult(ProviderError error = {});

private:
    ProviderError m_error;
    int m_requests = 0;
    bool m_done = false;
    bool m_started = false;
    friend class CompositeJob;
};

// A job made of sub-jobs run one after another (or as the subclass decides): a failing sub-job
// ends the composite with its error unless subjobFinished() is overridden; kill() kills the
// running sub-jobs; requestCount() includes theirs.
class CompositeJob : public Job
{
    Q_OBJECT
public:
    using Job::Job;

protected:
    // Adopts `job`; its result comes to subjobFinished(). Start it yourself.
    void addSubjob(Job *job);
    bool hasSubjobs() const { return !m_subjobs.isEmpty(); }
    // Default: end with the sub-job's error when it failed; otherwise nothing.
    virtual void subjobFinished(Job *job);
    void doKill() override;

private:
    QList<Job *> m_subjobs;
};

} // namespace Candlewick
